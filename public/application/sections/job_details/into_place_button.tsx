/*
 * Seed 000's "reindex the restored copy into the internal index", for 7.x destinations: the server names
 * the live targets and the phrase to type; on 8.x it explains why nothing can be written there.
 */
import React, { useState } from 'react';
import { EuiButton, EuiCallOut, EuiConfirmModal, EuiFormRow, EuiSelect, EuiSpacer } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import type { Job } from '../../../../common/types/jobs';
import type { Repository } from '../../../../common/types/snapshots';
import { useAppServices } from '../../app_context';
import { TypedConfirmModal } from '../../components/typed_confirm_modal';
import { ApiError, toApiError } from '../../services/api';

export const IntoPlaceButton = ({ job }: { job: Job }) => {
  const { api, toasts } = useAppServices();
  const [repositories, setRepositories] = useState<Repository[]>();
  const [safetyRepository, setSafetyRepository] = useState('');
  const [phrase, setPhrase] = useState<string>();
  const [refused, setRefused] = useState<ApiError>();

  const [working, setWorking] = useState(false);

  const ask = async (confirmation?: string) => {
    try {
      setWorking(true);
      // The server follows the safety snapshot and the reindex tasks for a while, then answers "running";
      // asking again re-attaches to the same work (nothing is started twice).
      let done = await api.reindexIntoPlace(job.id, { safety_repository: safetyRepository, confirmation });
      while (done.status === 'running') {
        done = await api.reindexIntoPlace(job.id, { safety_repository: safetyRepository, confirmation });
      }
      setRepositories(undefined);
      toasts.addSuccess(
        i18n.translate('migrationAssistant.intoPlace.done', {
          defaultMessage: 'Reindexed {pairs}',
          values: { pairs: done.results.map((r) => `${r.from} → ${r.to} (${r.created + r.updated} documents)`).join(', ') },
        })
      );
    } catch (e) {
      const error = toApiError(e);
      if (error.attributes?.field === 'confirmation' && error.attributes.confirmation) {
        setPhrase(error.attributes.confirmation);
      } else if (error.attributes?.code === 'system_index_write_refused') {
        setRepositories(undefined);
        setRefused(error);
      } else {
        toasts.addDanger(error.attributes?.remedy ? `${error.message} ${error.attributes.remedy}` : error.message);
      }
    } finally {
      setWorking(false);
    }
  };

  const open = async () => {
    const writable = (await api.listRepositories()).repositories.filter((r) => !r.readonly);
    setRepositories(writable);
    setSafetyRepository(writable[0]?.name ?? '');
  };

  return (
    <>
      <EuiButton iconType="importAction" onClick={() => void open()} isLoading={working} data-test-subj="intoPlaceButton">
        <FormattedMessage id="migrationAssistant.intoPlace.button" defaultMessage="Reindex copies into the live indices" />
      </EuiButton>
      {refused && (
        <>
          <EuiSpacer size="s" />
          <EuiCallOut color="warning" iconType="warning" title={refused.message} data-test-subj="intoPlaceRefused">
            <p>{refused.attributes?.remedy}</p>
          </EuiCallOut>
        </>
      )}
      {repositories && !phrase && (
        <EuiConfirmModal
          title={i18n.translate('migrationAssistant.intoPlace.title', { defaultMessage: 'Reindex the restored copies into the live indices?' })}
          onCancel={() => setRepositories(undefined)}
          onConfirm={() => void ask()}
          confirmButtonDisabled={!safetyRepository}
          cancelButtonText={i18n.translate('migrationAssistant.intoPlace.cancel', { defaultMessage: 'Close' })}
          confirmButtonText={i18n.translate('migrationAssistant.intoPlace.next', { defaultMessage: 'Continue' })}
        >
          <EuiFormRow
            label={i18n.translate('migrationAssistant.intoPlace.safety', { defaultMessage: 'Safety snapshot repository (writable)' })}
            helpText={i18n.translate('migrationAssistant.intoPlace.safetyHelp', { defaultMessage: 'The live indices are saved there before documents of the copies overwrite those with the same id.' })}
          >
            <EuiSelect options={repositories.map((r) => ({ value: r.name, text: r.name }))} value={safetyRepository} onChange={(e) => setSafetyRepository(e.target.value)} data-test-subj="intoPlaceSafetySelect" />
          </EuiFormRow>
        </EuiConfirmModal>
      )}
      {phrase && (
        <TypedConfirmModal
          title={i18n.translate('migrationAssistant.intoPlace.confirmTitle', { defaultMessage: 'Write into the live indices?' })}
          phrase={phrase}
          onCancel={() => {
            setPhrase(undefined);
            setRepositories(undefined);
          }}
          onConfirm={(typed) => {
            setPhrase(undefined);
            void ask(typed);
          }}
          cancelButtonText={i18n.translate('migrationAssistant.intoPlace.cancel', { defaultMessage: 'Close' })}
          confirmButtonText={i18n.translate('migrationAssistant.intoPlace.confirm', { defaultMessage: 'Take the safety snapshot and reindex' })}
          inputTestSubj="intoPlaceConfirmInput"
        />
      )}
    </>
  );
};
