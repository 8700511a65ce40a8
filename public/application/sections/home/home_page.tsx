/* Overview: what the assistant does, and the destination it migrates into. */
import React, { useEffect } from 'react';
import { useHistory } from 'react-router-dom';
import {
  EuiButton,
  EuiDescriptionList,
  EuiFlexGroup,
  EuiFlexItem,
  EuiLoadingSpinner,
  EuiPageHeader,
  EuiPageSection,
  EuiPanel,
  EuiSpacer,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import { useAppServices, useDocumentationLinks } from '../../app_context';
import { ErrorCallout } from '../../components/error_callout';
import { useRequest } from '../../components/use_request';
import { JobsTable } from '../jobs/jobs_page';
import { DocLink } from '../../components/doc_link';
import { VerificationsTable } from '../verification/verifications_table';

const APP_TITLE = i18n.translate('migrationAssistant.home.pageTitle', { defaultMessage: 'Migration Assistant' });

export const HomePage = () => {
  const { api, setBreadcrumbs, docTitle } = useAppServices();
  const links = useDocumentationLinks();
  const status = useRequest(() => api.getStatus(), [api]);
  const routerHistory = useHistory();
  const navigate = (path: string) => routerHistory.push(path);

  useEffect(() => {
    setBreadcrumbs([{ text: APP_TITLE }]);
    docTitle.change(APP_TITLE);
  }, [setBreadcrumbs, docTitle]);

  return (
    <>
      <EuiPageHeader
        pageTitle={APP_TITLE}
        description={i18n.translate('migrationAssistant.home.pageDescription', {
          defaultMessage:
            'Move indices, Kibana saved objects, users and roles from another Elasticsearch cluster into this one, with reindex from remote or snapshot restore.',
        })}
        rightSideItems={[
          <EuiButton key="start" fill iconType="plusInCircle" onClick={() => navigate('/migrate/connect')} data-test-subj="startMigrationButton">
            <FormattedMessage id="migrationAssistant.home.startButton" defaultMessage="Start a migration" />
          </EuiButton>,
          <EuiButton key="snapshots" iconType="importAction" onClick={() => navigate('/snapshots')} data-test-subj="snapshotsButton">
            <FormattedMessage id="migrationAssistant.home.snapshotsButton" defaultMessage="Restore from a snapshot" />
          </EuiButton>,
          <EuiButton key="savedObjects" iconType="dashboardApp" onClick={() => navigate('/saved_objects')} data-test-subj="savedObjectsButton">
            <FormattedMessage id="migrationAssistant.home.savedObjectsButton" defaultMessage="Import saved objects" />
          </EuiButton>,
        ]}
        bottomBorder
      />
      <EuiSpacer size="l" />
      <EuiPageSection paddingSize="none">
        <EuiPanel hasBorder data-test-subj="destinationStatusPanel">
          <EuiTitle size="s">
            <h2>
              <FormattedMessage id="migrationAssistant.home.destinationTitle" defaultMessage="Destination cluster" />
            </h2>
          </EuiTitle>
          <EuiSpacer size="m" />
          {status.isLoading && !status.data && <EuiLoadingSpinner size="l" />}
          {status.error && (
            <ErrorCallout
              title={i18n.translate('migrationAssistant.home.statusErrorTitle', { defaultMessage: 'Cannot read the destination cluster' })}
              error={status.error}
              onRetry={status.reload}
            />
          )}
          {status.data && (
            <EuiFlexGroup>
              <EuiFlexItem>
                <EuiDescriptionList
                  type="column"
                  listItems={[
                    {
                      title: i18n.translate('migrationAssistant.home.clusterNameLabel', { defaultMessage: 'Cluster name' }),
                      description: <span data-test-subj="destinationClusterName">{status.data.destination.cluster_name}</span>,
                    },
                    {
                      title: i18n.translate('migrationAssistant.home.versionLabel', { defaultMessage: 'Elasticsearch version' }),
                      description: <span data-test-subj="destinationVersion">{status.data.destination.version}</span>,
                    },
                    {
                      title: i18n.translate('migrationAssistant.home.encryptionLabel', { defaultMessage: 'Source secrets' }),
                      description: status.data.encryption_configured
                        ? i18n.translate('migrationAssistant.home.encryptionOn', { defaultMessage: 'Encrypted at rest' })
                        : i18n.translate('migrationAssistant.home.encryptionOff', {
                            defaultMessage: 'Kept in memory only: set migrationAssistant.encryptionKey to keep them across restarts',
                          }),
                    },
                  ]}
                />
              </EuiFlexItem>
            </EuiFlexGroup>
          )}
        </EuiPanel>
        <EuiSpacer size="l" />
        <EuiFlexGroup>
          <EuiFlexItem>
            <EuiPanel hasBorder>
              <EuiTitle size="xs">
                <h3>
                  <FormattedMessage id="migrationAssistant.home.reindexTitle" defaultMessage="Reindex from remote" />
                </h3>
              </EuiTitle>
              <EuiText size="s">
                <p>
                  <FormattedMessage
                    id="migrationAssistant.home.reindexBody"
                    defaultMessage="This cluster reads documents from the source over HTTP while both keep running. Fits selected indices, any older source version, and networks where the destination can reach the source. Needs the source in reindex.remote.whitelist."
                  />
                </p>
                <DocLink href={links.reindexFromRemote} testSubj="reindexDocLink" />
              </EuiText>
            </EuiPanel>
          </EuiFlexItem>
          <EuiFlexItem>
            <EuiPanel hasBorder>
              <EuiTitle size="xs">
                <h3>
                  <FormattedMessage id="migrationAssistant.home.snapshotTitle" defaultMessage="Snapshot restore" />
                </h3>
              </EuiTitle>
              <EuiText size="s">
                <p>
                  <FormattedMessage
                    id="migrationAssistant.home.snapshotBody"
                    defaultMessage="Restores whole indices, and Kibana's and Elasticsearch's internal indices, from a repository both clusters can read. Fits large volumes and planned downtime; the snapshot must come from a compatible version."
                  />
                </p>
                <DocLink href={links.snapshotRestore} testSubj="snapshotDocLink" />
              </EuiText>
            </EuiPanel>
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="l" />
        <EuiTitle size="s">
          <h2>
            <FormattedMessage id="migrationAssistant.home.recentJobs" defaultMessage="Recent jobs" />
          </h2>
        </EuiTitle>
        <EuiSpacer size="s" />
        <JobsTable page={0} compact />
        <EuiSpacer size="l" />
        <EuiTitle size="s">
          <h2>
            <FormattedMessage id="migrationAssistant.home.recentVerifications" defaultMessage="Recent verifications" />
          </h2>
        </EuiTitle>
        <EuiSpacer size="s" />
        <VerificationsTable />
      </EuiPageSection>
    </>
  );
};
