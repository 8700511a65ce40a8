/*
 * The check report (each problem with its remedy), the import's per-object results and the read-back of
 * the imported objects. Each import is recorded as a saved_objects job, whose page the import panel links to.
 */
import React from 'react';
import {
  EuiBasicTable,
  EuiBasicTableColumn,
  EuiButton,
  EuiCallOut,
  EuiCode,
  EuiFlexGroup,
  EuiFlexItem,
  EuiHealth,
  EuiPanel,
  EuiSpacer,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import type {
  CheckedObject,
  SavedObjectImportResult,
  SavedObjectProblem,
  SavedObjectsCheckReport,
  SavedObjectsImportReport,
  SavedObjectsVerifyReport,
  VerifiedSavedObject,
} from '../../../../common/types/saved_objects';
import { useAppServices } from '../../app_context';

const OUTCOME_COLORS: Record<CheckedObject['outcome'], string> = { create: 'success', overwrite: 'warning', new_copy: 'primary', refuse: 'danger' };
const STATUS_COLORS: Record<SavedObjectImportResult['status'], string> = { created: 'success', overwritten: 'warning', refused: 'danger' };

const problemColumns: Array<EuiBasicTableColumn<SavedObjectProblem>> = [
  {
    field: 'severity',
    width: '110px',
    name: i18n.translate('migrationAssistant.savedObjects.severityColumn', { defaultMessage: 'Severity' }),
    render: (severity: SavedObjectProblem['severity']) => <EuiHealth color={severity === 'error' ? 'danger' : 'warning'}>{severity}</EuiHealth>,
  },
  {
    field: 'title',
    name: i18n.translate('migrationAssistant.savedObjects.objectColumn', { defaultMessage: 'Object' }),
    render: (title: string, problem: SavedObjectProblem) => (problem.type ? `${title} (${problem.type})` : '—'),
  },
  { field: 'kind', width: '170px', name: i18n.translate('migrationAssistant.savedObjects.problemColumn', { defaultMessage: 'Problem' }) },
  {
    field: 'message',
    name: i18n.translate('migrationAssistant.savedObjects.messageColumn', { defaultMessage: 'What was found' }),
    render: (message: string) => <span data-test-subj="soProblemMessage">{message}</span>,
  },
  {
    field: 'remedy',
    name: i18n.translate('migrationAssistant.savedObjects.remedyColumn', { defaultMessage: 'What to do' }),
    render: (remedy: string) => <EuiCode transparentBackground>{remedy}</EuiCode>,
  },
];

const objectColumns: Array<EuiBasicTableColumn<CheckedObject>> = [
  { field: 'title', name: i18n.translate('migrationAssistant.savedObjects.checkedTitleColumn', { defaultMessage: 'Title' }) },
  { field: 'type', name: i18n.translate('migrationAssistant.savedObjects.checkedTypeColumn', { defaultMessage: 'Type' }) },
  {
    field: 'added_as_reference',
    name: i18n.translate('migrationAssistant.savedObjects.addedColumn', { defaultMessage: 'Why' }),
    render: (added?: boolean) =>
      added
        ? i18n.translate('migrationAssistant.savedObjects.addedAsReference', { defaultMessage: 'referenced' })
        : i18n.translate('migrationAssistant.savedObjects.selectedByYou', { defaultMessage: 'selected' }),
  },
  {
    field: 'outcome',
    name: i18n.translate('migrationAssistant.savedObjects.outcomeColumn', { defaultMessage: 'Import will' }),
    render: (outcome: CheckedObject['outcome']) => <EuiHealth color={OUTCOME_COLORS[outcome]}>{outcome}</EuiHealth>,
  },
];

export const CheckReportPanel = ({
  report,
  importing,
  imported,
  onImport,
  onDownload,
}: {
  report: SavedObjectsCheckReport;
  importing: boolean;
  imported: boolean;
  onImport: () => void;
  onDownload: () => void;
}) => {
  const { summary } = report;
  return (
    <EuiPanel hasBorder data-test-subj="soCheckReport">
      <EuiTitle size="s">
        <h2>
          <FormattedMessage id="migrationAssistant.savedObjects.checkTitle" defaultMessage="2. Check" />
        </h2>
      </EuiTitle>
      <EuiSpacer size="m" />
      <EuiCallOut
        color={summary.broken_references > 0 || summary.refused > 0 ? 'warning' : 'success'}
        iconType={summary.refused > 0 ? 'warning' : 'check'}
        title={i18n.translate('migrationAssistant.savedObjects.checkSummary', {
          defaultMessage:
            '{importable} of {selected} objects can be imported into space {space} of Kibana {version}; {refused} refused, {broken} broken references, {warnings} warnings.',
          values: { importable: summary.importable, selected: summary.selected, space: report.space, version: report.kibana_version, refused: summary.refused, broken: summary.broken_references, warnings: summary.warnings },
        })}
        data-test-subj="soCheckSummary"
      />
      <EuiSpacer size="m" />
      {report.problems.length > 0 && (
        <EuiBasicTable
          items={report.problems}
          columns={problemColumns}
          rowProps={(problem: SavedObjectProblem) => ({ 'data-test-subj': `soProblemRow-${problem.kind}` })}
          tableCaption={i18n.translate('migrationAssistant.savedObjects.problemsCaption', { defaultMessage: 'Problems found, each with what to do' })}
          data-test-subj="soProblems"
        />
      )}
      <EuiSpacer size="m" />
      <EuiBasicTable
        items={report.objects}
        columns={objectColumns}
        tableCaption={i18n.translate('migrationAssistant.savedObjects.checkedCaption', { defaultMessage: 'What the import will do with each object' })}
        data-test-subj="soCheckedObjects"
      />
      <EuiSpacer size="m" />
      <EuiFlexGroup gutterSize="s">
        <EuiFlexItem grow={false}>
          <EuiButton fill iconType="importAction" onClick={onImport} isLoading={importing} isDisabled={summary.importable === 0 || imported} data-test-subj="soImportButton">
            <FormattedMessage id="migrationAssistant.savedObjects.importButton" defaultMessage="Import {count} objects" values={{ count: summary.importable }} />
          </EuiButton>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiButton iconType="download" onClick={onDownload} data-test-subj="soDownloadReport">
            <FormattedMessage id="migrationAssistant.savedObjects.downloadReport" defaultMessage="Download the report" />
          </EuiButton>
        </EuiFlexItem>
      </EuiFlexGroup>
    </EuiPanel>
  );
};

/** Per-object results of an import: created, overwritten (with the id here), or refused and why. */
export const ImportResultsTable = ({ results }: { results: SavedObjectImportResult[] }) => {
  const columns: Array<EuiBasicTableColumn<SavedObjectImportResult>> = [
    { field: 'title', name: i18n.translate('migrationAssistant.savedObjects.resultTitleColumn', { defaultMessage: 'Title' }) },
    { field: 'type', name: i18n.translate('migrationAssistant.savedObjects.resultTypeColumn', { defaultMessage: 'Type' }) },
    {
      field: 'status',
      name: i18n.translate('migrationAssistant.savedObjects.resultStatusColumn', { defaultMessage: 'Result' }),
      render: (status: SavedObjectImportResult['status']) => (
        <EuiHealth color={STATUS_COLORS[status]} data-test-subj="soResultStatus">
          {status}
        </EuiHealth>
      ),
    },
    {
      field: 'destination_id',
      name: i18n.translate('migrationAssistant.savedObjects.resultIdColumn', { defaultMessage: 'Id in this Kibana' }),
      render: (destinationId: string | undefined, result: SavedObjectImportResult) => <EuiCode transparentBackground>{destinationId ?? result.id}</EuiCode>,
    },
    {
      field: 'error',
      name: i18n.translate('migrationAssistant.savedObjects.resultWhyColumn', { defaultMessage: 'Why refused, and what to do' }),
      render: (error: SavedObjectImportResult['error']) => (error ? `${error.message}${error.remedy ? ` ${error.remedy}` : ''}` : ''),
    },
  ];
  return (
    <EuiBasicTable
      items={results}
      columns={columns}
      rowProps={(result: SavedObjectImportResult) => ({ 'data-test-subj': `soResultRow-${result.status}` })}
      tableCaption={i18n.translate('migrationAssistant.savedObjects.resultsCaption', { defaultMessage: 'Per-object results of the import' })}
      data-test-subj="soResults"
    />
  );
};

export const ImportResultsPanel = ({ report, verifying, onVerify }: { report: SavedObjectsImportReport; verifying: boolean; onVerify: () => void }) => {
  const { history } = useAppServices();
  return (
    <EuiPanel hasBorder data-test-subj="soImportReport">
      <EuiTitle size="s">
        <h2>
          <FormattedMessage id="migrationAssistant.savedObjects.importTitle" defaultMessage="3. Import" />
        </h2>
      </EuiTitle>
      <EuiSpacer size="m" />
      <EuiCallOut
        color={report.refused_count ? 'warning' : 'success'}
        iconType={report.refused_count ? 'warning' : 'check'}
        title={i18n.translate('migrationAssistant.savedObjects.importSummary', {
          defaultMessage: '{success} objects imported into space {space} in {batches} batches; {refused} refused.',
          values: { success: report.success_count, space: report.space, batches: report.batches, refused: report.refused_count },
        })}
        data-test-subj="soImportSummary"
      />
      <EuiSpacer size="m" />
      <ImportResultsTable results={report.results} />
      <EuiSpacer size="m" />
      <EuiFlexGroup gutterSize="s" responsive={false}>
        <EuiFlexItem grow={false}>
          <EuiButton onClick={onVerify} isLoading={verifying} isDisabled={report.success_count === 0} data-test-subj="soVerifyButton">
            <FormattedMessage id="migrationAssistant.savedObjects.verifyButton" defaultMessage="Verify: read them back from this Kibana" />
          </EuiButton>
        </EuiFlexItem>
        {report.job_id && (
          <EuiFlexItem grow={false}>
            <EuiButton iconType="arrowRight" onClick={() => history.push(`/jobs/${report.job_id}`)} data-test-subj="soOpenJobButton">
              <FormattedMessage id="migrationAssistant.savedObjects.openJob" defaultMessage="Open the job page" />
            </EuiButton>
          </EuiFlexItem>
        )}
      </EuiFlexGroup>
    </EuiPanel>
  );
};

export const VerifyPanel = ({ report }: { report: SavedObjectsVerifyReport }) => {
  const columns: Array<EuiBasicTableColumn<VerifiedSavedObject>> = [
    { field: 'expected_title', name: i18n.translate('migrationAssistant.savedObjects.verifyTitleColumn', { defaultMessage: 'Title' }) },
    { field: 'type', name: i18n.translate('migrationAssistant.savedObjects.verifyTypeColumn', { defaultMessage: 'Type' }) },
    {
      field: 'found',
      name: i18n.translate('migrationAssistant.savedObjects.verifyFoundColumn', { defaultMessage: 'In this Kibana' }),
      render: (found: boolean, object: VerifiedSavedObject) => (
        <EuiHealth color={found && object.title_matches !== false ? 'success' : 'danger'} data-test-subj="soVerifiedStatus">
          {found
            ? object.title_matches === false
              ? i18n.translate('migrationAssistant.savedObjects.verifyTitleDiffers', { defaultMessage: 'found, title differs' })
              : i18n.translate('migrationAssistant.savedObjects.verifyFound', { defaultMessage: 'found' })
            : i18n.translate('migrationAssistant.savedObjects.verifyMissing', { defaultMessage: 'missing' })}
        </EuiHealth>
      ),
    },
  ];
  return (
    <EuiPanel hasBorder data-test-subj="soVerifyReport">
      <EuiTitle size="s">
        <h2>
          <FormattedMessage id="migrationAssistant.savedObjects.verifyTitle" defaultMessage="4. Verify" />
        </h2>
      </EuiTitle>
      <EuiSpacer size="m" />
      <EuiCallOut
        color={report.missing ? 'danger' : 'success'}
        iconType={report.missing ? 'error' : 'check'}
        title={i18n.translate('migrationAssistant.savedObjects.verifySummary', {
          defaultMessage: '{found} of {total} imported objects read back from space {space}; {missing} missing.',
          values: { found: report.found, total: report.objects.length, space: report.space, missing: report.missing },
        })}
        data-test-subj="soVerifySummary"
      />
      <EuiSpacer size="m" />
      <EuiBasicTable
        items={report.objects}
        columns={columns}
        tableCaption={i18n.translate('migrationAssistant.savedObjects.verifyCaption', { defaultMessage: 'Imported objects read back' })}
      />
    </EuiPanel>
  );
};
