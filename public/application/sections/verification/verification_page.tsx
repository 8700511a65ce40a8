/*
 * A verification report: a summary (everything matches, or each difference with what to do next), the
 * data table with match badges, users and roles, Kibana saved objects by title, and downloads as JSON
 * and Markdown. Polls while the verification runs.
 */
import React, { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  EuiBadge,
  EuiBasicTable,
  EuiButton,
  EuiCallOut,
  EuiCodeBlock,
  EuiFlexGrid,
  EuiFlexItem,
  EuiHealth,
  EuiListGroup,
  EuiPageHeader,
  EuiPanel,
  EuiProgress,
  EuiSpacer,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import { percent } from '../../../../common/lib/progress';
import type { IndexVerification, SavedObjectsVerification, SecurityVerification, UserSummary, VerificationReport } from '../../../../common/types/verifications';
import { useAppServices, useDocumentationLinks } from '../../app_context';
import { downloadText } from '../../components/download';
import { ErrorCallout } from '../../components/error_callout';
import { formatNumber } from '../../components/format';
import { usePolling } from '../../components/use_polling';
import { ApiError, toApiError } from '../../services/api';
import { DocLink } from '../../components/doc_link';
import { ImportedObjectsTable } from './imported_objects_table';

export const VERIFICATION_POLL_MS = 2_000;
const stillRunning = (report: VerificationReport | undefined) => !report || report.status === 'running';

const MatchBadge = ({ ok, testSubj }: { ok: boolean; testSubj?: string }) => (
  <EuiHealth color={ok ? 'success' : 'danger'} data-test-subj={testSubj} style={{ display: 'inline-flex' }}>
    {ok
      ? i18n.translate('migrationAssistant.verification.match', { defaultMessage: 'Match' })
      : i18n.translate('migrationAssistant.verification.differs', { defaultMessage: 'Differs' })}
  </EuiHealth>
);

const Summary = ({ report }: { report: VerificationReport }) => {
  if (report.status === 'failed') {
    return (
      <EuiCallOut color="danger" iconType="error" title={i18n.translate('migrationAssistant.verification.failed', { defaultMessage: 'The verification could not finish' })} data-test-subj="verificationSummary">
        <p>{report.error}</p>
      </EuiCallOut>
    );
  }
  if (report.status === 'running') {
    const value = percent(report.progress.done, report.progress.total);
    return (
      <EuiPanel hasBorder data-test-subj="verificationRunning">
        <EuiProgress value={value} max={100} size="l" valueText={`${value}%`} label={report.progress.step} />
      </EuiPanel>
    );
  }
  if (report.differences.length === 0) {
    return (
      <EuiCallOut color="success" iconType="check" title={i18n.translate('migrationAssistant.verification.allMatch', { defaultMessage: 'Everything compared matches' })} data-test-subj="verificationSummary">
        <p>
          <FormattedMessage
            id="migrationAssistant.verification.allMatchBody"
            defaultMessage="Document counts, mappings and up to {sampleSize} sampled documents per index match the source; the sections below show what else was compared."
            values={{ sampleSize: report.sample_size }}
          />
        </p>
      </EuiCallOut>
    );
  }
  return (
    <EuiCallOut
      color="warning"
      iconType="warning"
      title={i18n.translate('migrationAssistant.verification.differences', { defaultMessage: '{count, plural, one {# difference} other {# differences}} found', values: { count: report.differences.length } })}
      data-test-subj="verificationSummary"
    >
      {report.differences.map((difference, i) => (
        <div key={i} data-test-subj="verificationDifference">
          <EuiText size="s">
            <p>
              <EuiBadge>{difference.area}</EuiBadge> {difference.message}
            </p>
          </EuiText>
          <EuiCodeBlock isCopyable paddingSize="s" fontSize="s" language="text">
            {difference.remedy}
          </EuiCodeBlock>
          <EuiSpacer size="s" />
        </div>
      ))}
    </EuiCallOut>
  );
};

const DataTable = ({ indices }: { indices: IndexVerification[] }) => (
  <EuiBasicTable<IndexVerification>
    tableCaption={i18n.translate('migrationAssistant.verification.dataCaption', { defaultMessage: 'Indices compared' })}
    items={indices}
    rowProps={(index) => ({ 'data-test-subj': `dataRow-${index.source}` })}
    columns={[
      { name: i18n.translate('migrationAssistant.verification.pairColumn', { defaultMessage: 'Source → destination' }), render: (index: IndexVerification) => `${index.source} → ${index.dest}` },
      { name: i18n.translate('migrationAssistant.verification.sourceCount', { defaultMessage: 'Source docs' }), render: (index: IndexVerification) => (index.source_count === undefined ? '—' : formatNumber(index.source_count)) },
      { name: i18n.translate('migrationAssistant.verification.destCount', { defaultMessage: 'Destination docs' }), render: (index: IndexVerification) => (index.dest_count === undefined ? '—' : formatNumber(index.dest_count)) },
      { name: i18n.translate('migrationAssistant.verification.countsColumn', { defaultMessage: 'Counts' }), render: (index: IndexVerification) => <MatchBadge ok={index.counts_match} testSubj="countsBadge" /> },
      {
        name: i18n.translate('migrationAssistant.verification.sampleColumn', { defaultMessage: 'Sampled documents' }),
        render: (index: IndexVerification) => (
          <span data-test-subj="sampleResult">
            <MatchBadge ok={index.sample_mismatches.length === 0} /> {`${formatNumber(index.sampled - index.sample_mismatches.length)} / ${formatNumber(index.sampled)}`}
          </span>
        ),
      },
      { name: i18n.translate('migrationAssistant.verification.mappingColumn', { defaultMessage: 'Mappings' }), render: (index: IndexVerification) => <MatchBadge ok={index.mapping_differences.length === 0} /> },
      {
        name: i18n.translate('migrationAssistant.verification.notesColumn', { defaultMessage: 'Notes' }),
        render: (index: IndexVerification) =>
          index.error ??
          (index.aliases.missing.length
            ? i18n.translate('migrationAssistant.verification.aliasesMissing', { defaultMessage: 'Aliases missing: {aliases}', values: { aliases: index.aliases.missing.join(', ') } })
            : '—'),
      },
    ]}
  />
);

const SecuritySection = ({ security, hidden }: { security?: SecurityVerification; hidden?: VerificationReport['security_hidden'] }) => {
  if (!security?.available) {
    return (
      <EuiCallOut color="primary" iconType="iInCircle" title={i18n.translate('migrationAssistant.verification.securityOff', { defaultMessage: 'Users and roles not compared' })} data-test-subj="securityUnavailable">
        <p>{hidden?.reason ?? security?.reason}</p>
        {hidden?.remedy && <p>{hidden.remedy}</p>}
      </EuiCallOut>
    );
  }
  const missing = new Set(security.users.missing);
  const rows: Array<UserSummary & { missing?: boolean }> = [
    ...security.users.destination,
    ...security.users.missing.map((username) => ({ username, roles: [], enabled: false, missing: true })),
  ];
  return (
    <>
      {!security.source_available && (
        <>
          <EuiCallOut color="warning" iconType="warning" size="s" title={security.source_reason} />
          <EuiSpacer size="s" />
        </>
      )}
      <EuiBasicTable<UserSummary & { missing?: boolean }>
        tableCaption={i18n.translate('migrationAssistant.verification.usersCaption', { defaultMessage: 'Users on the destination' })}
        items={rows}
        rowProps={(user) => ({ 'data-test-subj': `userRow-${user.username}` })}
        columns={[
          { name: i18n.translate('migrationAssistant.verification.userColumn', { defaultMessage: 'User' }), render: (user: UserSummary) => user.username },
          { name: i18n.translate('migrationAssistant.verification.rolesColumn', { defaultMessage: 'Roles' }), render: (user: UserSummary) => user.roles.join(', ') || '—' },
          {
            name: i18n.translate('migrationAssistant.verification.presentColumn', { defaultMessage: 'On the destination' }),
            render: (user: UserSummary) => <MatchBadge ok={!missing.has(user.username)} />,
          },
        ]}
      />
      <EuiSpacer size="s" />
      <EuiText size="s" data-test-subj="missingRoles">
        <p>
          {security.roles.missing.length
            ? i18n.translate('migrationAssistant.verification.rolesMissing', { defaultMessage: 'Roles missing: {roles}', values: { roles: security.roles.missing.join(', ') } })
            : i18n.translate('migrationAssistant.verification.rolesPresent', { defaultMessage: '{count, plural, one {# role} other {# roles}} on the destination, none missing', values: { count: security.roles.found.length } })}
        </p>
      </EuiText>
    </>
  );
};

const SavedObjectsSection = ({ savedObjects }: { savedObjects?: SavedObjectsVerification }) => {
  if (!savedObjects?.available) {
    return (
      <EuiCallOut color="primary" iconType="iInCircle" title={i18n.translate('migrationAssistant.verification.objectsOff', { defaultMessage: 'Saved objects not compared' })} data-test-subj="savedObjectsUnavailable">
        <p>{savedObjects?.reason}</p>
      </EuiCallOut>
    );
  }
  return (
    <>
      <EuiText size="s" color="subdued">
        <p>
          <FormattedMessage
            id="migrationAssistant.verification.objectsCompared"
            defaultMessage="Compared {from} with {to}."
            values={{ from: savedObjects.compared_from, to: savedObjects.compared_to }}
          />
        </p>
      </EuiText>
      <EuiSpacer size="s" />
      <EuiFlexGrid columns={3}>
        {Object.entries(savedObjects.by_type).map(([type, comparison]) => (
          <EuiFlexItem key={type}>
            <EuiPanel hasBorder data-test-subj={`savedObjectType-${type}`}>
              <EuiTitle size="xxs">
                <h4>
                  {type} <MatchBadge ok={comparison.missing.length === 0} />
                </h4>
              </EuiTitle>
              <EuiText size="xs" color="subdued">
                <p>
                  <FormattedMessage
                    id="migrationAssistant.verification.objectCounts"
                    defaultMessage="{source} expected, {dest} on the destination"
                    values={{ source: comparison.source, dest: comparison.dest }}
                  />
                </p>
              </EuiText>
              <EuiListGroup
                flush
                maxWidth={false}
                listItems={[
                  ...comparison.titles.map((object) => ({ label: object.title, iconType: 'check', 'data-test-subj': 'savedObjectTitle' })),
                  ...comparison.missing.map((object) => ({
                    label: i18n.translate('migrationAssistant.verification.objectMissing', { defaultMessage: '{title} (missing)', values: { title: object.title } }),
                    iconType: 'cross',
                    color: 'danger' as const,
                    'data-test-subj': 'savedObjectMissing',
                  })),
                ]}
              />
            </EuiPanel>
          </EuiFlexItem>
        ))}
      </EuiFlexGrid>
      {savedObjects.imported && <ImportedObjectsTable imported={savedObjects.imported} />}
    </>
  );
};

const Section = ({ title, link, children }: { title: string; link?: string; children: React.ReactNode }) => (
  <>
    <EuiSpacer />
    <EuiTitle size="s">
      <h2>{title}</h2>
    </EuiTitle>
    {link && <DocLink href={link} />}
    <EuiSpacer size="s" />
    {children}
  </>
);

export const VerificationPage = () => {
  const { id = '' } = useParams<{ id?: string }>();
  const { api, setBreadcrumbs, docTitle, history, toasts } = useAppServices();
  const links = useDocumentationLinks();
  const [report, setReport] = useState<VerificationReport>();
  const [error, setError] = useState<ApiError>();
  const load = useCallback(async () => {
    try {
      const next = await api.getVerification(id);
      setReport(next);
      setError(undefined);
      return next;
    } catch (e) {
      setError(toApiError(e));
      return undefined;
    }
  }, [api, id]);

  usePolling(load, stillRunning, VERIFICATION_POLL_MS);

  useEffect(() => {
    const title = i18n.translate('migrationAssistant.verification.title', { defaultMessage: 'Migration verification' });
    setBreadcrumbs([
      { text: i18n.translate('migrationAssistant.breadcrumbs.home', { defaultMessage: 'Migration Assistant' }), onClick: () => history.push('/') },
      { text: title },
    ]);
    docTitle.change(title);
  }, [setBreadcrumbs, docTitle, history]);

  if (error && !report) {
    return <ErrorCallout title={i18n.translate('migrationAssistant.verification.loadError', { defaultMessage: 'Cannot load the verification' })} error={error} onRetry={() => void load()} />;
  }
  if (!report) return <EuiProgress size="xs" color="accent" />;

  const filename = `migration-verification-${report.id}`;
  const downloadMarkdown = async () => {
    try {
      downloadText(`${filename}.md`, await api.getVerificationMarkdown(report.id), 'text/markdown');
    } catch (e) {
      toasts.addDanger(toApiError(e).message);
    }
  };
  const finished = report.status !== 'running';

  return (
    <>
      <EuiPageHeader
        pageTitle={i18n.translate('migrationAssistant.verification.title', { defaultMessage: 'Migration verification' })}
        description={
          report.job_id ? (
            <FormattedMessage id="migrationAssistant.verification.ofJob" defaultMessage="Of job {job}" values={{ job: <a onClick={() => history.push(`/jobs/${report.job_id}`)}>{report.job_id}</a> }} />
          ) : undefined
        }
        rightSideItems={[
          <EuiButton key="json" iconType="download" isDisabled={!finished} onClick={() => downloadText(`${filename}.json`, `${JSON.stringify(report, null, 2)}\n`, 'application/json')} data-test-subj="downloadJsonButton">
            <FormattedMessage id="migrationAssistant.verification.downloadJson" defaultMessage="Download JSON" />
          </EuiButton>,
          <EuiButton key="markdown" iconType="download" isDisabled={!finished} onClick={() => void downloadMarkdown()} data-test-subj="downloadMarkdownButton">
            <FormattedMessage id="migrationAssistant.verification.downloadMarkdown" defaultMessage="Download Markdown" />
          </EuiButton>,
        ]}
        bottomBorder
      />
      <EuiSpacer />
      <Summary report={report} />
      {finished && (
        <>
          <Section title={i18n.translate('migrationAssistant.verification.dataTitle', { defaultMessage: 'Data' })}>
            <DataTable indices={report.indices} />
          </Section>
          <Section title={i18n.translate('migrationAssistant.verification.securityTitle', { defaultMessage: 'Users and roles' })} link={links.users}>
            <SecuritySection security={report.security} hidden={report.security_hidden} />
          </Section>
          <Section title={i18n.translate('migrationAssistant.verification.objectsTitle', { defaultMessage: 'Kibana saved objects' })} link={links.savedObjects}>
            <SavedObjectsSection savedObjects={report.saved_objects} />
          </Section>
        </>
      )}
    </>
  );
};
