/*
 * The page of a saved_objects job (issue 17): one import into this Kibana, recorded finished. Where the
 * objects came from, the space and mode, counts by outcome, and a searchable table of every object with
 * what the import did (created, overwritten, new copy with its new id, refused with the reason and remedy).
 */
import React from 'react';
import {
  EuiBasicTableColumn,
  EuiCallOut,
  EuiCode,
  EuiDescriptionList,
  EuiFlexGroup,
  EuiFlexItem,
  EuiHealth,
  EuiInMemoryTable,
  EuiPageHeader,
  EuiPanel,
  EuiSpacer,
  EuiStat,
  EuiText,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import { SAVED_OBJECT_OUTCOMES, type Job, type SavedObjectOutcome, type SavedObjectsJobResult } from '../../../../../common/types/jobs';
import { formatNumber } from '../../../components/format';
import { StatusBadge } from '../../../components/status_badge';
import { VerifyButton } from '../verify_button';

/** A result with its reason and remedy as plain fields, so the table's search finds them. */
type ResultRow = SavedObjectsJobResult & { reason: string; remedy: string };

const OUTCOME_COLORS: Record<SavedObjectOutcome, string> = { created: 'success', overwritten: 'warning', new_copy: 'primary', refused: 'danger' };

const outcomeLabel = (outcome: SavedObjectOutcome): string => {
  switch (outcome) {
    case 'created':
      return i18n.translate('migrationAssistant.savedObjectsJob.created', { defaultMessage: 'Created' });
    case 'overwritten':
      return i18n.translate('migrationAssistant.savedObjectsJob.overwritten', { defaultMessage: 'Overwritten' });
    case 'new_copy':
      return i18n.translate('migrationAssistant.savedObjectsJob.newCopy', { defaultMessage: 'New copy' });
    default:
      return i18n.translate('migrationAssistant.savedObjectsJob.refused', { defaultMessage: 'Refused' });
  }
};

const modeLabel = (mode: string): string => {
  switch (mode) {
    case 'overwrite':
      return i18n.translate('migrationAssistant.savedObjectsJob.modeOverwrite', { defaultMessage: 'Overwrite objects with the same id' });
    case 'create_new_copies':
      return i18n.translate('migrationAssistant.savedObjectsJob.modeCopies', { defaultMessage: 'Create new copies (new ids)' });
    default:
      return i18n.translate('migrationAssistant.savedObjectsJob.modeKeep', { defaultMessage: 'Keep existing objects' });
  }
};

export const SavedObjectsJobView = ({ job }: { job: Job }) => {
  const state = job.saved_objects;
  if (!state) {
    return (
      <EuiCallOut color="danger" iconType="error" title={i18n.translate('migrationAssistant.savedObjectsJob.noRecord', { defaultMessage: 'This saved objects job has no recorded results' })} data-test-subj="soJobNoRecord" />
    );
  }
  const columns: Array<EuiBasicTableColumn<ResultRow>> = [
    { field: 'title', name: i18n.translate('migrationAssistant.savedObjectsJob.titleColumn', { defaultMessage: 'Title' }), sortable: true, truncateText: true },
    { field: 'type', name: i18n.translate('migrationAssistant.savedObjectsJob.typeColumn', { defaultMessage: 'Type' }), sortable: true },
    {
      field: 'outcome',
      name: i18n.translate('migrationAssistant.savedObjectsJob.outcomeColumn', { defaultMessage: 'Outcome' }),
      sortable: true,
      render: (outcome: SavedObjectOutcome) => (
        <EuiHealth color={OUTCOME_COLORS[outcome]} data-test-subj="soJobOutcome">
          {outcomeLabel(outcome)}
        </EuiHealth>
      ),
    },
    {
      field: 'destination_id',
      name: i18n.translate('migrationAssistant.savedObjectsJob.idColumn', { defaultMessage: 'Id in this Kibana' }),
      render: (destinationId: string | undefined, result: ResultRow) =>
        result.outcome === 'refused' ? '—' : <EuiCode transparentBackground>{destinationId ?? result.id}</EuiCode>,
    },
    {
      field: 'reason',
      name: i18n.translate('migrationAssistant.savedObjectsJob.whyColumn', { defaultMessage: 'Why refused, and what to do' }),
      width: '35%',
      render: (reason: string, result: ResultRow) =>
        reason ? (
          <EuiText size="xs">
            <p data-test-subj="soJobReason">{reason}</p>
            {result.remedy && <p data-test-subj="soJobRemedy">{result.remedy}</p>}
          </EuiText>
        ) : (
          ''
        ),
    },
  ];
  const rows: ResultRow[] = state.results.map((result) => ({ ...result, reason: result.error?.message ?? '', remedy: result.error?.remedy ?? '' }));
  const written = state.counts.created + state.counts.overwritten + state.counts.new_copy;
  return (
    <>
      <EuiPageHeader
        pageTitle={i18n.translate('migrationAssistant.savedObjectsJob.title', { defaultMessage: 'Saved objects import' })}
        description={<span data-test-subj="jobId">{job.id}</span>}
        bottomBorder
      />
      <EuiSpacer />
      <EuiCallOut
        color={job.status === 'failed' ? 'danger' : state.counts.refused ? 'warning' : 'success'}
        iconType={job.status === 'failed' ? 'error' : state.counts.refused ? 'warning' : 'check'}
        title={
          job.status === 'failed'
            ? i18n.translate('migrationAssistant.savedObjectsJob.failedTitle', { defaultMessage: 'Nothing was imported: every object was refused' })
            : i18n.translate('migrationAssistant.savedObjectsJob.doneTitle', {
                defaultMessage: '{written} of {total} objects imported into space {space}: verify they are here',
                values: { written, total: state.results.length, space: state.space },
              })
        }
        data-test-subj="soJobSummary"
      >
        <p>
          <FormattedMessage
            id="migrationAssistant.savedObjectsJob.summaryBody"
            defaultMessage="The import ran through this Kibana's importer as you. A verification reads every imported object back from this Kibana and names any that is missing or renamed."
          />
        </p>
        {written > 0 && <VerifyButton job={job} fill />}
      </EuiCallOut>
      <EuiSpacer />
      <EuiFlexGroup wrap>
        <EuiFlexItem grow={false}>
          <EuiStat title={<StatusBadge status={job.status} testSubj="jobStatusBadge" />} description={i18n.translate('migrationAssistant.savedObjectsJob.status', { defaultMessage: 'Status' })} titleSize="xs" />
        </EuiFlexItem>
        {SAVED_OBJECT_OUTCOMES.map((outcome) => (
          <EuiFlexItem key={outcome} grow={false}>
            <EuiStat
              title={<span data-test-subj={`soJobCount-${outcome}`}>{formatNumber(state.counts[outcome])}</span>}
              description={outcomeLabel(outcome)}
              titleColor={outcome === 'refused' && state.counts.refused ? 'danger' : 'default'}
              titleSize="xs"
            />
          </EuiFlexItem>
        ))}
      </EuiFlexGroup>
      <EuiSpacer />
      <EuiPanel hasBorder>
        <EuiDescriptionList
          type="column"
          compressed
          data-test-subj="soJobFacts"
          listItems={[
            { title: i18n.translate('migrationAssistant.savedObjectsJob.from', { defaultMessage: 'Read from' }), description: state.read_from + (state.source_kibana_version ? ` (Kibana ${state.source_kibana_version})` : '') },
            { title: i18n.translate('migrationAssistant.savedObjectsJob.space', { defaultMessage: 'Into space' }), description: state.space },
            { title: i18n.translate('migrationAssistant.savedObjectsJob.mode', { defaultMessage: 'Existing objects' }), description: modeLabel(state.mode) },
            {
              title: i18n.translate('migrationAssistant.savedObjectsJob.batches', { defaultMessage: 'Import calls' }),
              description: formatNumber(state.batches),
            },
            ...(job.finished_at
              ? [{ title: i18n.translate('migrationAssistant.savedObjectsJob.finished', { defaultMessage: 'Imported at' }), description: new Date(job.finished_at).toLocaleString() }]
              : []),
          ]}
        />
      </EuiPanel>
      <EuiSpacer />
      <EuiInMemoryTable<ResultRow>
        items={rows}
        columns={columns}
        itemId={(result) => `${result.type}:${result.id}`}
        search={{
          box: {
            incremental: true,
            placeholder: i18n.translate('migrationAssistant.savedObjectsJob.search', { defaultMessage: 'Search by title, type, id or reason' }),
            'data-test-subj': 'soJobSearch',
          },
          filters: [
            {
              type: 'field_value_selection',
              field: 'outcome',
              name: i18n.translate('migrationAssistant.savedObjectsJob.outcomeFilter', { defaultMessage: 'Outcome' }),
              multiSelect: 'or',
              options: SAVED_OBJECT_OUTCOMES.map((outcome) => ({ value: outcome, name: outcomeLabel(outcome) })),
            },
          ],
        }}
        sorting
        pagination={{ initialPageSize: 20, pageSizeOptions: [20, 50, 100] }}
        rowProps={(result: ResultRow) => ({ 'data-test-subj': `soJobRow-${result.outcome}` })}
        tableCaption={i18n.translate('migrationAssistant.savedObjectsJob.caption', { defaultMessage: 'What the import did with each object' })}
        data-test-subj="soJobResults"
      />
    </>
  );
};
