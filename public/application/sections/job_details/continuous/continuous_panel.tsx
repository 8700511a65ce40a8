/*
 * A continuous job on its page (issue 16): its phase, the lag (documents and seconds behind), the latest
 * catch-up passes, and the cutover: each step with its state, the typed confirmation that starts it, the
 * rollback while it may still be rolled back, the write-freeze window and what to do next.
 */
import React, { useState } from 'react';
import {
  EuiBasicTable,
  EuiButton,
  EuiCallOut,
  EuiConfirmModal,
  EuiFlexGroup,
  EuiFlexItem,
  EuiHealth,
  EuiPanel,
  EuiSpacer,
  EuiStat,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import { canCutOver, canRollBack, cutoverConfirmation } from '../../../../../common/lib/continuous';
import type { ContinuousPass, CutoverStep, CutoverStepName, Job } from '../../../../../common/types/jobs';
import { useAppServices } from '../../../app_context';
import { formatDuration, formatNumber } from '../../../components/format';
import { TypedConfirmModal } from '../../../components/typed_confirm_modal';
import { toApiError } from '../../../services/api';

const STEP_TITLES: Record<CutoverStepName, string> = {
  write_block: i18n.translate('migrationAssistant.continuous.step.writeBlock', { defaultMessage: 'Make the source indices read-only (PUT <index>/_block/write)' }),
  final_pass: i18n.translate('migrationAssistant.continuous.step.finalPass', { defaultMessage: 'Final catch-up pass' }),
  reconcile: i18n.translate('migrationAssistant.continuous.step.reconcile', { defaultMessage: 'Reconcile by id: copy what the destination lacks, delete what the source no longer has' }),
  verify: i18n.translate('migrationAssistant.continuous.step.verify', { defaultMessage: 'Verify: exact counts and sampled documents equal' }),
  aliases: i18n.translate('migrationAssistant.continuous.step.aliases', { defaultMessage: "Point the source's aliases at the copies on the destination (POST _aliases)" }),
  report: i18n.translate('migrationAssistant.continuous.step.report', { defaultMessage: 'Report the write-freeze window' }),
};

const STEP_COLORS: Record<CutoverStep['status'], string> = { pending: 'subdued', running: 'primary', completed: 'success', failed: 'danger' };

const PHASES: Record<string, string> = {
  full_copy: i18n.translate('migrationAssistant.continuous.phase.fullCopy', { defaultMessage: 'Full copy' }),
  catching_up: i18n.translate('migrationAssistant.continuous.phase.catchingUp', { defaultMessage: 'Catching up' }),
  cutting_over: i18n.translate('migrationAssistant.continuous.phase.cuttingOver', { defaultMessage: 'Cutting over' }),
  cut_over: i18n.translate('migrationAssistant.continuous.phase.cutOver', { defaultMessage: 'Cut over' }),
  cancelled: i18n.translate('migrationAssistant.continuous.phase.cancelled', { defaultMessage: 'Cancelled' }),
};

const PASS_KINDS: Record<ContinuousPass['kind'], string> = {
  catch_up: i18n.translate('migrationAssistant.continuous.kind.catchUp', { defaultMessage: 'catch-up' }),
  final: i18n.translate('migrationAssistant.continuous.kind.final', { defaultMessage: 'final' }),
  reconcile: i18n.translate('migrationAssistant.continuous.kind.reconcile', { defaultMessage: 'reconciliation' }),
};

/** A step's outcome in one line, from what it recorded. */
const stepSummary = (step: CutoverStep): string => {
  const details = (step.details ?? {}) as Record<string, unknown>;
  if (step.error) return step.error.reason;
  switch (step.name) {
    case 'write_block':
      return Array.isArray(details.blocked)
        ? i18n.translate('migrationAssistant.continuous.summary.blocked', { defaultMessage: 'Read-only: {indices}', values: { indices: (details.blocked as string[]).join(', ') || '—' } })
        : '';
    case 'reconcile':
      return details.round !== undefined
        ? i18n.translate('migrationAssistant.continuous.summary.reconciled', {
            defaultMessage: 'Round {round}: {copied} copied, {deleted} deleted',
            values: { round: Number(details.round), copied: formatNumber(Number(details.copied ?? 0)), deleted: formatNumber(Number(details.deleted ?? 0)) },
          })
        : '';
    case 'aliases':
      return Array.isArray(details.added)
        ? i18n.translate('migrationAssistant.continuous.summary.aliases', {
            defaultMessage: 'Added: {aliases}',
            values: { aliases: (details.added as Array<{ alias: string; index: string }>).map((entry) => `${entry.alias} → ${entry.index}`).join(', ') || '—' },
          })
        : '';
    default:
      return '';
  }
};

export const ContinuousPanel = ({ job, onChange }: { job: Job; onChange: (job: Job) => void }) => {
  const { api, toasts } = useAppServices();
  const [confirming, setConfirming] = useState<'cutover' | 'rollback'>();
  const [busy, setBusy] = useState(false);
  const state = job.continuous;
  if (!state) return null;
  const sources = [...new Set(job.items.filter((item) => !item.pass).map((item) => item.source))];
  const phrase = cutoverConfirmation(sources);
  const cutover = state.cutover;

  const act = async (request: () => Promise<Job>) => {
    setConfirming(undefined);
    setBusy(true);
    try {
      onChange(await request());
    } catch (e) {
      toasts.addDanger(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <EuiPanel hasBorder data-test-subj="continuousPanel">
      <EuiTitle size="s">
        <h2>
          <FormattedMessage id="migrationAssistant.continuous.title" defaultMessage="Continuous migration" />
        </h2>
      </EuiTitle>
      <EuiSpacer size="m" />
      <EuiFlexGroup wrap>
        <EuiFlexItem>
          <EuiStat title={PHASES[state.phase] ?? state.phase} description={i18n.translate('migrationAssistant.continuous.phase', { defaultMessage: 'Phase' })} titleSize="s" data-test-subj="continuousPhase" />
        </EuiFlexItem>
        <EuiFlexItem>
          <EuiStat title={formatNumber(state.pass_count)} description={i18n.translate('migrationAssistant.continuous.passes', { defaultMessage: 'Passes' })} titleSize="s" />
        </EuiFlexItem>
        <EuiFlexItem>
          <EuiStat
            title={state.lag ? formatNumber(state.lag.docs) : '—'}
            description={i18n.translate('migrationAssistant.continuous.lagDocs', { defaultMessage: 'Documents behind (at most)' })}
            titleSize="s"
            data-test-subj="continuousLagDocs"
          />
        </EuiFlexItem>
        <EuiFlexItem>
          <EuiStat title={formatDuration(state.lag?.seconds)} description={i18n.translate('migrationAssistant.continuous.lagSeconds', { defaultMessage: 'Behind by' })} titleSize="s" />
        </EuiFlexItem>
        <EuiFlexItem>
          <EuiStat
            title={state.source_state === 'read_only' ? i18n.translate('migrationAssistant.continuous.readOnly', { defaultMessage: 'read-only' }) : i18n.translate('migrationAssistant.continuous.writable', { defaultMessage: 'takes writes' })}
            description={i18n.translate('migrationAssistant.continuous.sourceState', { defaultMessage: 'Source' })}
            titleSize="s"
            data-test-subj="continuousSourceState"
          />
        </EuiFlexItem>
        <EuiFlexItem>
          <EuiStat
            title={state.aliases_moved ? i18n.translate('migrationAssistant.continuous.serving', { defaultMessage: 'serves the aliases' }) : i18n.translate('migrationAssistant.continuous.notServing', { defaultMessage: 'aliases not moved' })}
            description={i18n.translate('migrationAssistant.continuous.destinationState', { defaultMessage: 'Destination' })}
            titleSize="s"
          />
        </EuiFlexItem>
      </EuiFlexGroup>
      {state.lag_after_full_copy && (
        <EuiText size="xs" color="subdued">
          <p>
            <FormattedMessage
              id="migrationAssistant.continuous.lagAfterFullCopy"
              defaultMessage="When the full copy finished, {docs} documents had changed since it started ({seconds})."
              values={{ docs: formatNumber(state.lag_after_full_copy.docs), seconds: formatDuration(state.lag_after_full_copy.seconds) }}
            />
          </p>
        </EuiText>
      )}
      {state.error && (
        <>
          <EuiSpacer size="s" />
          <EuiCallOut color="warning" iconType="warning" size="s" title={state.error.reason}>
            {state.error.remedy && <p>{state.error.remedy}</p>}
          </EuiCallOut>
        </>
      )}
      <EuiSpacer size="m" />
      <EuiBasicTable<ContinuousPass>
        tableCaption={i18n.translate('migrationAssistant.continuous.passesCaption', { defaultMessage: 'Latest passes' })}
        items={[...state.passes].reverse().slice(0, 5)}
        columns={[
          { field: 'number', name: '#' },
          { field: 'kind', name: i18n.translate('migrationAssistant.continuous.kind', { defaultMessage: 'Kind' }), render: (kind: ContinuousPass['kind']) => PASS_KINDS[kind] },
          { field: 'status', name: i18n.translate('migrationAssistant.continuous.status', { defaultMessage: 'Status' }) },
          { field: 'started_at', name: i18n.translate('migrationAssistant.continuous.started', { defaultMessage: 'Started' }), render: (at: string) => new Date(at).toLocaleTimeString() },
          {
            field: 'indices',
            name: i18n.translate('migrationAssistant.continuous.copied', { defaultMessage: 'Documents written' }),
            render: (indices: ContinuousPass['indices']) => formatNumber(indices.reduce((sum, entry) => sum + entry.copied, 0)),
          },
        ]}
        data-test-subj="continuousPasses"
      />
      <EuiSpacer size="m" />
      <EuiTitle size="xs">
        <h3>
          <FormattedMessage id="migrationAssistant.continuous.cutoverTitle" defaultMessage="Cutover" />
        </h3>
      </EuiTitle>
      <EuiSpacer size="s" />
      {!cutover && (
        <EuiText size="s">
          <p>
            <FormattedMessage
              id="migrationAssistant.continuous.cutoverIntro"
              defaultMessage="When the lag is small, cut over: the source becomes read-only, a last pass and a reconciliation by id make the copies exact, they are verified, and the source's aliases move to the destination. Its writers get errors from then on: point them at the destination."
            />
          </p>
        </EuiText>
      )}
      {cutover && (
        <ol data-test-subj="cutoverSteps">
          {cutover.steps.map((step) => (
            <li key={step.name} data-test-subj={`cutoverStep-${step.name}`}>
              <EuiHealth color={STEP_COLORS[step.status]}>
                {STEP_TITLES[step.name]}: {step.status}
              </EuiHealth>
              {stepSummary(step) && (
                <EuiText size="xs" color={step.error ? 'danger' : 'subdued'}>
                  <p>{stepSummary(step)}</p>
                </EuiText>
              )}
              {step.error?.remedy && (
                <EuiText size="xs">
                  <p>{step.error.remedy}</p>
                </EuiText>
              )}
            </li>
          ))}
        </ol>
      )}
      {cutover?.status === 'rolled_back' && (
        <EuiCallOut size="s" color="primary" iconType="editorUndo" title={i18n.translate('migrationAssistant.continuous.rolledBack', { defaultMessage: 'Rolled back: the source takes writes again, passes go on' })}>
          <p>
            <FormattedMessage id="migrationAssistant.continuous.lifted" defaultMessage="Write block lifted on: {indices}" values={{ indices: (cutover.lifted ?? []).join(', ') || '—' }} />
          </p>
        </EuiCallOut>
      )}
      {cutover?.status === 'completed' && (
        <EuiCallOut size="s" color="success" iconType="check" title={i18n.translate('migrationAssistant.continuous.done', { defaultMessage: 'Cut over: the source was read-only for {seconds} seconds', values: { seconds: cutover.write_freeze_seconds ?? 0 } })} data-test-subj="cutoverDone">
          <p>
            <FormattedMessage
              id="migrationAssistant.continuous.nextSteps"
              defaultMessage="Point your clients at the destination: its indices and the source's aliases now hold exactly the source's documents. The source stays read-only; delete it once you no longer need it."
            />
          </p>
        </EuiCallOut>
      )}
      <EuiSpacer size="m" />
      <EuiFlexGroup gutterSize="s">
        {canCutOver(state) && (
          <EuiFlexItem grow={false}>
            <EuiButton fill color="warning" isLoading={busy} onClick={() => setConfirming('cutover')} data-test-subj="cutoverButton">
              {cutover?.status === 'waiting' ? (
                <FormattedMessage id="migrationAssistant.continuous.resume" defaultMessage="Go on with the cutover" />
              ) : (
                <FormattedMessage id="migrationAssistant.continuous.cutover" defaultMessage="Cut over" />
              )}
            </EuiButton>
          </EuiFlexItem>
        )}
        {canRollBack(state) && (
          <EuiFlexItem grow={false}>
            <EuiButton isLoading={busy} onClick={() => setConfirming('rollback')} data-test-subj="rollbackButton">
              <FormattedMessage id="migrationAssistant.continuous.rollback" defaultMessage="Roll back" />
            </EuiButton>
          </EuiFlexItem>
        )}
      </EuiFlexGroup>
      {confirming === 'cutover' && (
        <TypedConfirmModal
          title={i18n.translate('migrationAssistant.continuous.confirmTitle', { defaultMessage: 'Make the source read-only and cut over?' })}
          phrase={phrase}
          onCancel={() => setConfirming(undefined)}
          onConfirm={(typed) => void act(() => api.cutoverJob(job.id, typed))}
          cancelButtonText={i18n.translate('migrationAssistant.continuous.confirmCancel', { defaultMessage: 'Not now' })}
          confirmButtonText={i18n.translate('migrationAssistant.continuous.confirmButton', { defaultMessage: 'Cut over' })}
          inputTestSubj="cutoverConfirmInput"
        >
          <EuiText size="s">
            <p>
              <FormattedMessage
                id="migrationAssistant.continuous.confirmBody"
                defaultMessage="Writes to {indices} are refused from now until you roll back (possible until the aliases move)."
                values={{ indices: sources.join(', ') }}
              />
            </p>
          </EuiText>
        </TypedConfirmModal>
      )}
      {confirming === 'rollback' && (
        <EuiConfirmModal
          title={i18n.translate('migrationAssistant.continuous.rollbackTitle', { defaultMessage: 'Roll the cutover back?' })}
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => void act(() => api.rollbackJob(job.id))}
          cancelButtonText={i18n.translate('migrationAssistant.continuous.rollbackCancel', { defaultMessage: 'Keep cutting over' })}
          confirmButtonText={i18n.translate('migrationAssistant.continuous.rollbackConfirm', { defaultMessage: 'Roll back' })}
        >
          <EuiText size="s">
            <p>
              <FormattedMessage
                id="migrationAssistant.continuous.rollbackBody"
                defaultMessage="The write block this cutover added is lifted (indices read-only before stay so); the job goes on catching up and you can cut over later."
              />
            </p>
          </EuiText>
        </EuiConfirmModal>
      )}
    </EuiPanel>
  );
};
