/*
 * Starts a verification of a finished job and opens its report. A restore job has no source of its own:
 * the user may pick a saved source to compare with (or compare the destination only).
 */
import React, { useState } from 'react';
import { EuiButton, EuiConfirmModal, EuiFormRow, EuiSelect } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import type { Job } from '../../../../common/types/jobs';
import type { Source } from '../../../../common/types/sources';
import { useAppServices } from '../../app_context';
import { toApiError } from '../../services/api';

export const VerifyButton = ({ job, fill = false }: { job: Job; fill?: boolean }) => {
  const { api, history, toasts } = useAppServices();
  const [sources, setSources] = useState<Source[]>();
  const [sourceId, setSourceId] = useState('');
  const [busy, setBusy] = useState(false);

  const start = async (source_id?: string) => {
    setBusy(true);
    try {
      const report = await api.createVerification({ job_id: job.id, ...(source_id ? { source_id } : {}) });
      history.push(`/verifications/${report.id}`);
    } catch (e) {
      toasts.addDanger(toApiError(e).message);
      setBusy(false);
    }
  };

  const onClick = async () => {
    if (job.type !== 'snapshot_restore') return start();
    try {
      const listed = (await api.listSources()).sources;
      setSources(listed);
      setSourceId(listed[0]?.id ?? '');
    } catch (e) {
      toasts.addDanger(toApiError(e).message);
    }
  };

  return (
    <>
      <EuiButton fill={fill} iconType="checkInCircleFilled" isLoading={busy} onClick={() => void onClick()} data-test-subj="verifyJobButton">
        <FormattedMessage id="migrationAssistant.jobDetails.verifyButton" defaultMessage="Verify migration" />
      </EuiButton>
      {sources && (
        <EuiConfirmModal
          title={i18n.translate('migrationAssistant.jobDetails.verifyTitle', { defaultMessage: 'Compare with the source cluster?' })}
          onCancel={() => setSources(undefined)}
          onConfirm={() => {
            setSources(undefined);
            void start(sourceId || undefined);
          }}
          cancelButtonText={i18n.translate('migrationAssistant.jobDetails.verifyCancel', { defaultMessage: 'Close' })}
          confirmButtonText={i18n.translate('migrationAssistant.jobDetails.verifyConfirm', { defaultMessage: 'Verify' })}
        >
          <EuiFormRow
            label={i18n.translate('migrationAssistant.jobDetails.verifySource', { defaultMessage: 'Source cluster' })}
            helpText={i18n.translate('migrationAssistant.jobDetails.verifySourceHelp', {
              defaultMessage: 'With the cluster the snapshot came from, counts and sampled documents are compared with it. Without it, only the destination is read.',
            })}
          >
            <EuiSelect
              options={[
                ...sources.map((source) => ({ value: source.id, text: `${source.name} (${source.host})` })),
                { value: '', text: i18n.translate('migrationAssistant.jobDetails.verifyNoSource', { defaultMessage: 'None: read the destination only' }) },
              ]}
              value={sourceId}
              onChange={(e) => setSourceId(e.target.value)}
              data-test-subj="verifySourceSelect"
            />
          </EuiFormRow>
        </EuiConfirmModal>
      )}
    </>
  );
};
