/* Recent verification reports: when, of which job, and whether everything matched. */
import React from 'react';
import { useHistory } from 'react-router-dom';
import { EuiBasicTable, EuiHealth, EuiLink } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { VerificationsResponse } from '../../../../common/types/verifications';
import { useAppServices } from '../../app_context';
import { ErrorCallout } from '../../components/error_callout';
import { useRequest } from '../../components/use_request';

type Row = VerificationsResponse['verifications'][number];

export const VerificationsTable = () => {
  const { api } = useAppServices();
  const routerHistory = useHistory();
  const navigate = (path: string) => routerHistory.push(path);
  const verifications = useRequest(() => api.listVerifications({ per_page: 5 }), [api]);
  if (verifications.error) {
    return <ErrorCallout title={i18n.translate('migrationAssistant.verifications.listError', { defaultMessage: 'Cannot list the verifications' })} error={verifications.error} onRetry={verifications.reload} />;
  }
  return (
    <EuiBasicTable<Row>
      tableCaption={i18n.translate('migrationAssistant.verifications.caption', { defaultMessage: 'Recent verification reports' })}
      loading={verifications.isLoading}
      items={verifications.data?.verifications ?? []}
      noItemsMessage={i18n.translate('migrationAssistant.verifications.none', { defaultMessage: 'No verification yet: open a finished job and choose "Verify migration".' })}
      columns={[
        {
          name: i18n.translate('migrationAssistant.verifications.reportColumn', { defaultMessage: 'Report' }),
          render: (row: Row) => (
            <EuiLink onClick={() => navigate(`/verifications/${row.id}`)} data-test-subj="verificationLink">
              {new Date(row.created_at).toLocaleString()}
            </EuiLink>
          ),
        },
        { name: i18n.translate('migrationAssistant.verifications.jobColumn', { defaultMessage: 'Job' }), render: (row: Row) => row.job_id?.slice(0, 8) ?? '—' },
        {
          name: i18n.translate('migrationAssistant.verifications.resultColumn', { defaultMessage: 'Result' }),
          render: (row: Row) =>
            row.status !== 'completed' ? (
              <EuiHealth color={row.status === 'failed' ? 'danger' : 'primary'}>{row.status}</EuiHealth>
            ) : row.differences.length === 0 ? (
              <EuiHealth color="success">{i18n.translate('migrationAssistant.verifications.matches', { defaultMessage: 'Everything compared matches' })}</EuiHealth>
            ) : (
              <EuiHealth color="warning">
                {i18n.translate('migrationAssistant.verifications.differs', { defaultMessage: '{count, plural, one {# difference} other {# differences}}', values: { count: row.differences.length } })}
              </EuiHealth>
            ),
        },
      ]}
    />
  );
};
