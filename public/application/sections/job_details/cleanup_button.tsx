/*
 * What to do with the restored_* copies of internal indices a restore left: reindex them into the live
 * indices (7.x), and seed 000's last step, after the verification: delete them, listing exactly what.
 */
import React, { useEffect, useState } from 'react';
import { EuiButton, EuiConfirmModal, EuiText } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import type { Job } from '../../../../common/types/jobs';
import { useAppServices } from '../../app_context';
import { toApiError } from '../../services/api';
import { IntoPlaceButton } from './into_place_button';

export const CleanupButton = ({ job }: { job: Job }) => {
  const { api, toasts } = useAppServices();
  const [plan, setPlan] = useState<{ indices: string[]; snapshot?: { repository: string; snapshot: string } }>();
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (job.type !== 'snapshot_restore' || job.status !== 'completed') return;
    api.getCleanupPlan(job.id).then(setPlan, () => setPlan(undefined));
  }, [api, job.id, job.type, job.status]);

  if (!plan?.indices.length) return null;
  const remove = async () => {
    try {
      const done = await api.cleanupJob(job.id, plan.indices);
      toasts.addSuccess(i18n.translate('migrationAssistant.cleanup.done', { defaultMessage: 'Deleted {indices}', values: { indices: done.indices.join(', ') } }));
      setPlan({ ...plan, indices: [] });
    } catch (e) {
      const error = toApiError(e);
      toasts.addDanger(error.attributes?.remedy ? `${error.message} ${error.attributes.remedy}` : error.message);
    }
  };
  return (
    <>
      <IntoPlaceButton job={job} />{' '}
      <EuiButton color="danger" iconType="trash" onClick={() => setConfirming(true)} data-test-subj="cleanupButton">
        <FormattedMessage id="migrationAssistant.cleanup.button" defaultMessage="Delete restored copies" />
      </EuiButton>
      {confirming && (
        <EuiConfirmModal
          title={i18n.translate('migrationAssistant.cleanup.title', { defaultMessage: 'Delete {count, plural, one {# restored copy} other {# restored copies}}?', values: { count: plan.indices.length } })}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void remove();
          }}
          cancelButtonText={i18n.translate('migrationAssistant.cleanup.keep', { defaultMessage: 'Keep them' })}
          confirmButtonText={i18n.translate('migrationAssistant.cleanup.confirm', { defaultMessage: 'Delete' })}
          buttonColor="danger"
        >
          <EuiText size="s" data-test-subj="cleanupList">
            <p>
              <FormattedMessage
                id="migrationAssistant.cleanup.body"
                defaultMessage="Only these indices are deleted; snapshot {snapshot} still holds them. Do this after the verification report shows what you expect."
                values={{ snapshot: plan.snapshot ? `${plan.snapshot.repository}/${plan.snapshot.snapshot}` : '' }}
              />
            </p>
            <ul>
              {plan.indices.map((index) => (
                <li key={index}>{index}</li>
              ))}
            </ul>
          </EuiText>
        </EuiConfirmModal>
      )}
    </>
  );
};
