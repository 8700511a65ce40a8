/*
 * One job: whole-job and per-item progress (docs, docs/s, ETA; the average rate once finished), a throughput
 * chart of the whole run, errors with their remedies, and cancel / throttle / retry. Polls until the job has finished.
 */
import React, { useCallback, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  EuiBasicTable,
  EuiButton,
  EuiCallOut,
  EuiCodeBlock,
  EuiConfirmModal,
  EuiFieldNumber,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFormRow,
  EuiPageHeader,
  EuiPanel,
  EuiPopover,
  EuiProgress,
  EuiRadioGroup,
  EuiSpacer,
  EuiStat,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import { Axis, Chart, CurveType, LineSeries, Position, ScaleType, Settings } from '@elastic/charts';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import { averageDocsPerSecond, percent, throughputSeries } from '../../../../common/lib/progress';
import { FINISHED_ITEM_STATUSES, FINISHED_JOB_STATUSES, Job, JobItem } from '../../../../common/types/jobs';
import { useAppServices } from '../../app_context';
import { ErrorCallout } from '../../components/error_callout';
import { formatDuration, formatNumber } from '../../components/format';
import { StatusBadge } from '../../components/status_badge';
import { usePolling } from '../../components/use_polling';
import { ApiError, toApiError } from '../../services/api';
import { CleanupButton } from './cleanup_button';
import { ContinuousPanel } from './continuous/continuous_panel';
import { SavedObjectsJobView } from './saved_objects/saved_objects_job_view';
import { VerifyButton } from './verify_button';

export const POLL_INTERVAL_MS = 2_000;
const notFinished = (job: Job | undefined) => !job || !FINISHED_JOB_STATUSES.includes(job.status);
const CHART_POINTS = 150;

const itemDone = (item: JobItem) =>
  item.status === 'completed' ? item.source_count ?? item.progress.total : item.progress.created + item.progress.updated + item.progress.version_conflicts;

type ChartSource = 'history' | 'average' | 'live';

/**
 * What the throughput chart draws: the items' recorded histories when the job reports them (the whole run); for a
 * finished job without them, its average rate from start to finish; otherwise the rates polled while this page is open.
 */
const chartData = (job: Job | undefined, polled: Array<{ at: number; rate: number }>): { source: ChartSource; points: Array<{ at: number; rate: number }> } => {
  if (!job) return { source: 'live', points: polled };
  const history = throughputSeries(job.items.map((item) => item.samples ?? []), CHART_POINTS);
  if (history.length > 0) return { source: 'history', points: history };
  if (FINISHED_JOB_STATUSES.includes(job.status)) {
    const average = averageDocsPerSecond(job.progress.done_docs, job.started_at, job.finished_at);
    if (average !== undefined && job.started_at && job.finished_at) {
      return { source: 'average', points: [{ at: Date.parse(job.started_at), rate: average }, { at: Date.parse(job.finished_at), rate: average }] };
    }
  }
  return { source: 'live', points: polled };
};

/** A part of a split index: a range of its field, or its documents without the field. */
const partLabel = (item: JobItem): string => {
  if (!item.partition) return '';
  if (item.partition.missing) {
    return i18n.translate('migrationAssistant.jobDetails.partMissing', { defaultMessage: ' (part: documents without {field})', values: { field: item.partition.field } });
  }
  return i18n.translate('migrationAssistant.jobDetails.partRange', { defaultMessage: ' (part: a range of {field})', values: { field: item.partition.field } });
};

export const JobDetailsPage = () => {
  const { id = '' } = useParams<{ id?: string }>();
  const { api, setBreadcrumbs, docTitle, toasts, history } = useAppServices();
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<ApiError>();
  const [throughput, setThroughput] = useState<Array<{ at: number; rate: number }>>([]);
  const [confirm, setConfirm] = useState<'cancel' | 'retry'>();
  const [retryMode, setRetryMode] = useState<'resume' | 'restart'>('resume');
  const [throttleOpen, setThrottleOpen] = useState(false);
  const [throttle, setThrottle] = useState<number | ''>('');

  const load = useCallback(async () => {
    try {
      const next = await api.getJob(id);
      setJob(next);
      setError(undefined);
      setThroughput((points) => [...points, { at: Date.now(), rate: next.progress.docs_per_second }].slice(-CHART_POINTS));
      return next;
    } catch (e) {
      setError(toApiError(e));
      return undefined;
    }
  }, [api, id]);

  // Polling stops when the job has finished, and resumes after an action (a retry starts it again).
  const poll = usePolling(load, notFinished, POLL_INTERVAL_MS);
  const chart = useMemo(() => chartData(job, throughput), [job, throughput]);

  useEffect(() => {
    const title = i18n.translate('migrationAssistant.jobDetails.breadcrumb', { defaultMessage: 'Job {id}', values: { id: id.slice(0, 8) } });
    setBreadcrumbs([
      { text: i18n.translate('migrationAssistant.breadcrumbs.home', { defaultMessage: 'Migration Assistant' }), onClick: () => history.push('/') },
      { text: i18n.translate('migrationAssistant.breadcrumbs.jobs', { defaultMessage: 'Jobs' }), onClick: () => history.push('/jobs') },
      { text: title },
    ]);
    docTitle.change(title);
  }, [id, setBreadcrumbs, docTitle, history]);

  const act = async (action: () => Promise<Job>, success: string) => {
    try {
      setJob(await action());
      toasts.addSuccess(success);
      void poll();
    } catch (e) {
      const apiError = toApiError(e);
      toasts.addDanger(apiError.message);
    }
  };

  if (error && !job) {
    return (
      <ErrorCallout
        title={i18n.translate('migrationAssistant.jobDetails.loadError', { defaultMessage: 'Cannot load the job' })}
        error={error}
        onRetry={() => void load()}
      />
    );
  }
  if (!job) return <EuiProgress size="xs" color="accent" />;
  // An import of saved objects into this Kibana: per-object results instead of indices and documents.
  if (job.type === 'saved_objects') return <SavedObjectsJobView job={job} />;

  const finished = FINISHED_JOB_STATUSES.includes(job.status);
  const failedItems = job.items.filter((item) => item.status === 'failed' || item.status === 'cancelled');
  // A paused job waits for the user (a secret it cannot read): the reason is on its waiting items.
  const pausedBecause = job.status === 'paused' ? job.items.find((item) => item.error)?.error : undefined;
  const retryable = (finished && failedItems.length > 0) || job.status === 'paused';
  const jobPercent = percent(job.progress.done_docs, job.progress.total_docs);
  // A finished job has no current rate: its average from start to finish is shown instead.
  const jobRate = finished ? averageDocsPerSecond(job.progress.done_docs, job.started_at, job.finished_at) : job.progress.docs_per_second;

  return (
    <>
      <EuiPageHeader
        pageTitle={
          job.type === 'snapshot_restore'
            ? i18n.translate('migrationAssistant.jobDetails.restoreTitle', { defaultMessage: 'Snapshot restore job' })
            : i18n.translate('migrationAssistant.jobDetails.title', { defaultMessage: 'Reindex job' })
        }
        description={<span data-test-subj="jobId">{job.id}</span>}
        rightSideItems={[
          <EuiButton key="cancel" color="danger" isDisabled={finished} onClick={() => setConfirm('cancel')} data-test-subj="cancelJobButton">
            <FormattedMessage id="migrationAssistant.jobDetails.cancelButton" defaultMessage="Cancel job" />
          </EuiButton>,
          <EuiButton key="retry" isDisabled={!retryable} onClick={() => setConfirm('retry')} data-test-subj="retryJobButton">
            <FormattedMessage id="migrationAssistant.jobDetails.retryButton" defaultMessage="Retry failed items" />
          </EuiButton>,
          <EuiPopover
            key="throttle"
            isOpen={throttleOpen}
            closePopover={() => setThrottleOpen(false)}
            button={
              <EuiButton isDisabled={finished} onClick={() => setThrottleOpen(!throttleOpen)} data-test-subj="throttleButton">
                <FormattedMessage id="migrationAssistant.jobDetails.throttleButton" defaultMessage="Throttle" />
              </EuiButton>
            }
          >
            <EuiFormRow
              label={i18n.translate('migrationAssistant.jobDetails.throttleLabel', { defaultMessage: 'Requests per second per index' })}
              helpText={i18n.translate('migrationAssistant.jobDetails.throttleHelp', { defaultMessage: 'Empty or -1 removes the throttle.' })}
            >
              <EuiFieldNumber value={throttle} onChange={(e) => setThrottle(e.target.value === '' ? '' : Number(e.target.value))} data-test-subj="throttleInput" />
            </EuiFormRow>
            <EuiButton
              size="s"
              onClick={() => {
                setThrottleOpen(false);
                void act(() => api.rethrottleJob(job.id, throttle === '' ? -1 : throttle), i18n.translate('migrationAssistant.jobDetails.throttled', { defaultMessage: 'Throttle changed' }));
              }}
              data-test-subj="applyThrottleButton"
            >
              <FormattedMessage id="migrationAssistant.jobDetails.applyThrottle" defaultMessage="Apply" />
            </EuiButton>
          </EuiPopover>,
        ]}
        bottomBorder
      />
      <EuiSpacer />
      {job.continuous && (
        <>
          <ContinuousPanel job={job} onChange={setJob} />
          <EuiSpacer />
        </>
      )}
      {job.status === 'paused' && job.continuous?.cutover?.status !== 'waiting' && (
        <>
          <EuiCallOut
            color="warning"
            iconType="pause"
            title={i18n.translate('migrationAssistant.jobDetails.pausedTitle', { defaultMessage: 'Paused: this job needs you before it can go on' })}
            data-test-subj="jobPausedCallout"
          >
            {pausedBecause && <p>{pausedBecause.reason}</p>}
            {pausedBecause?.remedy && <p>{pausedBecause.remedy}</p>}
            <p>
              <FormattedMessage id="migrationAssistant.jobDetails.pausedRetry" defaultMessage="Then choose Retry failed items: the job goes on where it stopped." />
            </p>
          </EuiCallOut>
          <EuiSpacer />
        </>
      )}
      {job.safety_snapshot && (
        <>
          <EuiCallOut
            color={job.safety_snapshot.state === 'SUCCESS' ? 'primary' : 'danger'}
            iconType="save"
            size="s"
            title={i18n.translate('migrationAssistant.jobDetails.safetySnapshot', {
              defaultMessage: 'Safety snapshot {repository}/{snapshot}: {state}',
              values: { repository: job.safety_snapshot.repository, snapshot: job.safety_snapshot.snapshot, state: job.safety_snapshot.state },
            })}
            data-test-subj="safetySnapshotCallout"
          >
            <p>
              <FormattedMessage
                id="migrationAssistant.jobDetails.safetySnapshotBody"
                defaultMessage="It holds this cluster's feature states as they were before this restore replaced them: restore it to go back."
              />
            </p>
          </EuiCallOut>
          <EuiSpacer />
        </>
      )}
      {job.status === 'completed' && (
        <>
          <EuiCallOut
            color="success"
            iconType="check"
            title={i18n.translate('migrationAssistant.jobDetails.completedTitle', { defaultMessage: 'Migration finished: verify what arrived' })}
            data-test-subj="jobCompletedCallout"
          >
            <p>
              <FormattedMessage
                id="migrationAssistant.jobDetails.completedBody"
                defaultMessage="Compare document counts, mappings and sampled documents with the source, and check that users, roles, dashboards and visualizations are there."
              />
            </p>
            <EuiFlexGroup gutterSize="s" responsive={false}>
              <EuiFlexItem grow={false}>
                <VerifyButton job={job} fill />
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <CleanupButton job={job} />
              </EuiFlexItem>
            </EuiFlexGroup>
          </EuiCallOut>
          <EuiSpacer />
        </>
      )}
      <EuiFlexGroup>
        <EuiFlexItem grow={false}>
          <EuiStat title={<StatusBadge status={job.status} testSubj="jobStatusBadge" />} description={i18n.translate('migrationAssistant.jobDetails.status', { defaultMessage: 'Status' })} titleSize="xs" />
        </EuiFlexItem>
        <EuiFlexItem>
          <EuiStat
            title={<span data-test-subj="jobDocs">{`${formatNumber(job.progress.done_docs)} / ${formatNumber(job.progress.total_docs)}`}</span>}
            description={i18n.translate('migrationAssistant.jobDetails.documents', { defaultMessage: 'Documents' })}
            titleSize="xs"
          />
        </EuiFlexItem>
        <EuiFlexItem>
          <EuiStat
            title={<span data-test-subj="jobRate">{jobRate === undefined ? '—' : formatNumber(jobRate)}</span>}
            description={
              finished
                ? i18n.translate('migrationAssistant.jobDetails.averageRate', { defaultMessage: 'Average documents per second' })
                : i18n.translate('migrationAssistant.jobDetails.rate', { defaultMessage: 'Documents per second' })
            }
            titleSize="xs"
            data-test-subj="jobRateStat"
          />
        </EuiFlexItem>
        <EuiFlexItem>
          <EuiStat
            title={<span data-test-subj="jobEta">{finished ? '—' : formatDuration(job.progress.eta_seconds)}</span>}
            description={i18n.translate('migrationAssistant.jobDetails.eta', { defaultMessage: 'Time left' })}
            titleSize="xs"
          />
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiSpacer size="s" />
      <EuiProgress value={jobPercent} max={100} size="l" color={job.status === 'failed' ? 'danger' : 'success'} valueText={`${jobPercent}%`} label={i18n.translate('migrationAssistant.jobDetails.progressLabel', { defaultMessage: 'Whole job' })} data-test-subj="jobProgress" data-percent={jobPercent} />
      <EuiSpacer />
      <EuiPanel hasBorder data-test-subj="throughputChart" data-points={chart.points.length} data-source={chart.source}>
        <EuiTitle size="xxs">
          <h3>
            <FormattedMessage id="migrationAssistant.jobDetails.chartTitle" defaultMessage="Throughput (documents per second)" />
          </h3>
        </EuiTitle>
        <Chart size={{ height: 160 }}>
          <Settings showLegend={false} />
          <LineSeries
            id="throughput"
            name="docs/s"
            data={chart.points}
            xAccessor="at"
            yAccessors={['rate']}
            xScaleType={ScaleType.Time}
            yScaleType={ScaleType.Linear}
            // A history point holds its rate until the next point.
            curve={chart.source === 'history' ? CurveType.CURVE_STEP_AFTER : CurveType.LINEAR}
          />
          <Axis id="time" position={Position.Bottom} tickFormat={(v: number) => new Date(v).toLocaleTimeString()} />
          <Axis id="rate" position={Position.Left} tickFormat={(v: number) => formatNumber(v)} />
        </Chart>
      </EuiPanel>
      <EuiSpacer />
      <EuiBasicTable<JobItem>
        tableCaption={i18n.translate('migrationAssistant.jobDetails.itemsCaption', { defaultMessage: 'Indices of this job' })}
        items={job.items}
        rowProps={(item) => ({ 'data-test-subj': `itemRow-${item.source}${item.partition?.gte ? `-${item.partition.gte}` : ''}` })}
        columns={[
          { name: i18n.translate('migrationAssistant.jobDetails.sourceColumn', { defaultMessage: 'Source → destination' }), render: (item: JobItem) => `${item.source} → ${item.dest}${partLabel(item)}` },
          { name: i18n.translate('migrationAssistant.jobDetails.statusColumn', { defaultMessage: 'Status' }), render: (item: JobItem) => <StatusBadge status={item.status} testSubj="itemStatus" /> },
          {
            name: i18n.translate('migrationAssistant.jobDetails.progressColumn', { defaultMessage: 'Progress' }),
            width: '30%',
            render: (item: JobItem) => {
              // A restore reports the bytes its shard recoveries have copied; a reindex, its documents.
              const value = item.recovery && item.status !== 'completed' ? item.recovery.bytes_percent : percent(itemDone(item), item.source_count ?? item.progress.total);
              return (
                <div style={{ width: '100%' }}>
                  <EuiProgress value={item.source_count === 0 && item.status === 'completed' ? 100 : value} max={100} size="m" color={item.status === 'failed' ? 'danger' : 'success'} />
                  <EuiText size="xs" data-test-subj="itemDocs">{`${formatNumber(itemDone(item))} / ${formatNumber(item.source_count ?? item.progress.total)}`}</EuiText>
                </div>
              );
            },
          },
          {
            name: i18n.translate('migrationAssistant.jobDetails.rateColumn', { defaultMessage: 'Docs/s' }),
            render: (item: JobItem) => {
              if (!FINISHED_ITEM_STATUSES.includes(item.status)) return <span data-test-subj="itemRate">{formatNumber(item.progress.docs_per_second)}</span>;
              const average = averageDocsPerSecond(itemDone(item), item.started_at, item.finished_at);
              return (
                <span data-test-subj="itemRate">
                  {average === undefined
                    ? '—'
                    : i18n.translate('migrationAssistant.jobDetails.itemAverageRate', { defaultMessage: '{rate} (average)', values: { rate: formatNumber(average) } })}
                </span>
              );
            },
          },
          { name: i18n.translate('migrationAssistant.jobDetails.etaColumn', { defaultMessage: 'Time left' }), render: (item: JobItem) => (item.status === 'running' ? formatDuration(item.progress.eta_seconds) : '—') },
          {
            name: i18n.translate('migrationAssistant.jobDetails.countColumn', { defaultMessage: 'Destination count' }),
            render: (item: JobItem) => <span data-test-subj="itemDestCount">{item.dest_count === undefined ? '—' : formatNumber(item.dest_count)}</span>,
          },
        ]}
      />
      {job.items
        .filter((item) => item.aliases?.skipped.length)
        .map((item) => (
          <React.Fragment key={`aliases-${item.id}`}>
            <EuiSpacer size="m" />
            <EuiCallOut
              color="warning"
              iconType="warning"
              size="s"
              title={i18n.translate('migrationAssistant.jobDetails.aliasesSkipped', {
                defaultMessage: '{dest}: aliases not added: {aliases}',
                values: { dest: item.dest, aliases: item.aliases?.skipped.map((s) => `${s.alias} (${s.reason})`).join(', ') },
              })}
              data-test-subj="aliasesSkippedCallout"
            />
          </React.Fragment>
        ))}
      {job.items
        .filter((item) => item.error)
        .map((item) => (
          <React.Fragment key={item.id}>
            <EuiSpacer size="m" />
            <EuiCallOut color="danger" iconType="error" title={`${item.source} → ${item.dest}: ${item.error?.type}`} data-test-subj="itemErrorCallout">
              <p>{item.error?.reason}</p>
              {item.error?.remedy && (
                <EuiCodeBlock isCopyable paddingSize="s" fontSize="s" data-test-subj="itemErrorRemedy">
                  {item.error.remedy}
                </EuiCodeBlock>
              )}
            </EuiCallOut>
          </React.Fragment>
        ))}
      {confirm === 'cancel' && (
        <EuiConfirmModal
          title={i18n.translate('migrationAssistant.jobDetails.cancelTitle', { defaultMessage: 'Cancel this job?' })}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            setConfirm(undefined);
            void act(() => api.cancelJob(job.id), i18n.translate('migrationAssistant.jobDetails.cancelled', { defaultMessage: 'Job cancelled' }));
          }}
          cancelButtonText={i18n.translate('migrationAssistant.jobDetails.keepRunning', { defaultMessage: 'Keep running' })}
          confirmButtonText={i18n.translate('migrationAssistant.jobDetails.confirmCancel', { defaultMessage: 'Cancel job' })}
          buttonColor="danger"
        >
          <p>
            <FormattedMessage id="migrationAssistant.jobDetails.cancelBody" defaultMessage="Running copies stop after their current batch; documents already copied stay in the destination. You can retry later." />
          </p>
        </EuiConfirmModal>
      )}
      {confirm === 'retry' && (
        <EuiConfirmModal
          title={i18n.translate('migrationAssistant.jobDetails.retryTitle', { defaultMessage: 'Retry {count} items?', values: { count: job.status === 'paused' ? job.items.filter((item) => item.status === 'queued').length : failedItems.length } })}
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            setConfirm(undefined);
            void act(() => api.retryJob(job.id, retryMode), i18n.translate('migrationAssistant.jobDetails.retried', { defaultMessage: 'Retry started' }));
          }}
          cancelButtonText={i18n.translate('migrationAssistant.jobDetails.retryCancel', { defaultMessage: 'Close' })}
          confirmButtonText={i18n.translate('migrationAssistant.jobDetails.retryConfirm', { defaultMessage: 'Retry' })}
        >
          <EuiRadioGroup
            idSelected={retryMode}
            onChange={(value) => setRetryMode(value as 'resume' | 'restart')}
            options={[
              { id: 'resume', label: i18n.translate('migrationAssistant.jobDetails.resume', { defaultMessage: 'Resume: keep what was copied and copy only what is missing' }) },
              { id: 'restart', label: i18n.translate('migrationAssistant.jobDetails.restart', { defaultMessage: 'Start over: delete the destination index and copy everything again' }) },
            ]}
            data-test-subj="retryModeRadio"
          />
        </EuiConfirmModal>
      )}
    </>
  );
};
