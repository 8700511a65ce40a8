/* All jobs: paginated, filtered by status, finished ones deletable. */
import React, { useEffect, useState } from 'react';
import { useHistory } from 'react-router-dom';
import { Criteria, EuiBasicTable, EuiButtonIcon, EuiLink, EuiPageHeader, EuiSelect, EuiSpacer } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FINISHED_JOB_STATUSES, JobStatus, JobSummary, JobType } from '../../../../common/types/jobs';
import { useAppServices } from '../../app_context';
import { ErrorCallout } from '../../components/error_callout';
import { formatNumber } from '../../components/format';
import { StatusBadge } from '../../components/status_badge';
import { useRequest } from '../../components/use_request';

const PAGE_SIZE = 10;

const jobTypeLabel = (type: JobType): string => {
  switch (type) {
    case 'snapshot_restore':
      return i18n.translate('migrationAssistant.jobs.typeRestore', { defaultMessage: 'Snapshot restore' });
    case 'internal_indices':
      return i18n.translate('migrationAssistant.jobs.typeInternal', { defaultMessage: 'Internal indices' });
    case 'saved_objects':
      return i18n.translate('migrationAssistant.jobs.typeSavedObjects', { defaultMessage: 'Saved objects import' });
    default:
      return i18n.translate('migrationAssistant.jobs.typeReindex', { defaultMessage: 'Reindex' });
  }
};

export const JobsTable = ({ status, page, onPage, compact }: { status?: JobStatus; page: number; onPage?: (page: number) => void; compact?: boolean }) => {
  const { api, toasts } = useAppServices();
  const routerHistory = useHistory();
  const navigate = (path: string) => routerHistory.push(path);
  const jobs = useRequest(() => api.listJobs({ status, page: page + 1, per_page: compact ? 5 : PAGE_SIZE }), [api, status, page]);
  if (jobs.error) return <ErrorCallout title={i18n.translate('migrationAssistant.jobs.error', { defaultMessage: 'Cannot list the jobs' })} error={jobs.error} onRetry={jobs.reload} />;
  const pagination = { pageIndex: page, pageSize: PAGE_SIZE, totalItemCount: jobs.data?.total ?? 0, showPerPageOptions: false };
  return (
    <EuiBasicTable<JobSummary>
      {...(compact ? {} : { pagination, onChange: ({ page: next }: Criteria<JobSummary>) => next && onPage?.(next.index) })}
      tableCaption={i18n.translate('migrationAssistant.jobs.caption', { defaultMessage: 'Migration jobs' })}
      loading={jobs.isLoading}
      items={jobs.data?.jobs ?? []}
      noItemsMessage={i18n.translate('migrationAssistant.jobs.empty', { defaultMessage: 'No migration yet. Start one to copy indices from another cluster.' })}
      columns={[
        { name: i18n.translate('migrationAssistant.jobs.idColumn', { defaultMessage: 'Job' }), render: (job: JobSummary) => <EuiLink onClick={() => navigate(`/jobs/${job.id}`)} data-test-subj="jobLink">{job.id.slice(0, 8)}</EuiLink> },
        { name: i18n.translate('migrationAssistant.jobs.typeColumn', { defaultMessage: 'Type' }), render: (job: JobSummary) => <span data-test-subj="jobType">{jobTypeLabel(job.type)}</span> },
        { field: 'created_at', name: i18n.translate('migrationAssistant.jobs.createdColumn', { defaultMessage: 'Created' }), render: (v: string) => new Date(v).toLocaleString() },
        { name: i18n.translate('migrationAssistant.jobs.statusColumn', { defaultMessage: 'Status' }), render: (job: JobSummary) => <StatusBadge status={job.status} /> },
        { name: i18n.translate('migrationAssistant.jobs.docsColumn', { defaultMessage: 'Documents' }), render: (job: JobSummary) =>
            job.type === 'saved_objects'
              ? i18n.translate('migrationAssistant.jobs.objectsCount', { defaultMessage: '{done} / {total} objects', values: { done: formatNumber(job.progress.done_docs), total: formatNumber(job.progress.total_docs) } })
              : `${formatNumber(job.progress.done_docs)} / ${formatNumber(job.progress.total_docs)}` },
        {
          name: i18n.translate('migrationAssistant.jobs.actionsColumn', { defaultMessage: 'Actions' }),
          render: (job: JobSummary) => (
            <EuiButtonIcon
              iconType="trash"
              color="danger"
              isDisabled={!FINISHED_JOB_STATUSES.includes(job.status)}
              aria-label={i18n.translate('migrationAssistant.jobs.delete', { defaultMessage: 'Delete job' })}
              onClick={() => void api.deleteJob(job.id).then(jobs.reload, (e: Error) => toasts.addDanger(e.message))}
              data-test-subj={`deleteJob-${job.id}`}
            />
          ),
        },
      ]}
    />
  );
};

export const JobsPage = () => {
  const { setBreadcrumbs, docTitle, history } = useAppServices();
  const [status, setStatus] = useState<JobStatus | ''>('');
  const [page, setPage] = useState(0);
  useEffect(() => {
    const title = i18n.translate('migrationAssistant.jobs.title', { defaultMessage: 'Jobs' });
    setBreadcrumbs([{ text: i18n.translate('migrationAssistant.breadcrumbs.home', { defaultMessage: 'Migration Assistant' }), onClick: () => history.push('/') }, { text: title }]);
    docTitle.change(title);
  }, [setBreadcrumbs, docTitle, history]);
  return (
    <>
      <EuiPageHeader pageTitle={i18n.translate('migrationAssistant.jobs.title', { defaultMessage: 'Jobs' })} bottomBorder />
      <EuiSpacer />
      <EuiSelect
        aria-label={i18n.translate('migrationAssistant.jobs.filter', { defaultMessage: 'Filter by status' })}
        data-test-subj="jobStatusFilter"
        value={status}
        onChange={(e) => {
          setPage(0);
          setStatus(e.target.value as JobStatus | '');
        }}
        options={[{ value: '', text: i18n.translate('migrationAssistant.jobs.all', { defaultMessage: 'All statuses' }) }, ...['queued', 'running', 'paused', 'completed', 'failed', 'cancelled'].map((s) => ({ value: s, text: s }))]}
      />
      <EuiSpacer />
      <JobsTable status={status || undefined} page={page} onPage={setPage} />
    </>
  );
};
