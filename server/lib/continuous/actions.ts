/*
 * What the user asks of a continuous job (routes → JobService): cut over (behind a typed confirmation),
 * roll back, cancel. Each only records the request on the job; the runner carries it out step by step
 * (continuous_job.ts, cutover.ts), so a restart in between loses nothing.
 */
import { canCutOver, canRollBack, cutoverConfirmation } from '../../../common/lib/continuous';
import type { CutoverState } from '../../../common/types/jobs';
import { MigrationError } from '../migration_error';
import type { StoredJob } from '../job_record/job_record';
import { newCutover } from './cutover';
import { copyPairs } from './passes';

/** Rolled-back cutovers kept on the job. */
const EARLIER_CUTOVERS_KEPT = 5;

const notContinuous = (job: StoredJob) =>
  new MigrationError('not_continuous', `Job [${job.id}] is not a continuous reindex job`, 409, {
    remedy: 'Only a reindex job created with options.continuous has catch-up passes, a cutover and a rollback.',
  });

/** The phrase that confirms this job's cutover (it names the source indices made read-only). */
export const jobCutoverConfirmation = (job: StoredJob): string => cutoverConfirmation(copyPairs(job).map((pair) => pair.source));

/** Records a cutover request: a new cutover, or a stopped one going on from its failed step. */
export const requestCutover = (job: StoredJob, confirmation: string | undefined, now = Date.now()): StoredJob => {
  const state = job.continuous;
  if (!job.options.continuous || !state) throw notContinuous(job);
  if (!canCutOver(state)) {
    const why =
      state.phase === 'full_copy'
        ? 'its full copy has not finished'
        : state.phase === 'cutting_over'
          ? 'a cutover is already under way'
          : `it is ${state.phase.replace('_', ' ')}`;
    throw new MigrationError('cutover_refused', `Job [${job.id}] cannot cut over now: ${why}`, 409, {
      remedy: state.phase === 'full_copy' ? 'Wait until the job catches up (its full copy completed), then cut over.' : 'Follow the cutover on the job page.',
    });
  }
  const expected = jobCutoverConfirmation(job);
  if (confirmation !== expected) {
    throw new MigrationError('validation_failed', `[confirmation]: type "${expected}" to confirm that the source indices become read-only until you roll back`, 400, {
      field: 'confirmation',
      confirmation: expected,
      remedy: `Send "confirmation": "${expected}". Writers of these indices get 403 cluster_block_exception from then on: point them at the destination once the cutover completes.`,
    });
  }
  const cutover = state.cutover;
  if (state.phase === 'cutting_over' && cutover) {
    // A stopped cutover goes on: its failed step runs again (and the steps after it).
    for (const step of cutover.steps) {
      if (step.status !== 'failed') continue;
      step.status = 'pending';
      step.error = undefined;
      step.details = undefined;
      step.finished_at = undefined;
    }
    cutover.status = 'running';
  } else {
    if (cutover) state.earlier_cutovers = [...(state.earlier_cutovers ?? []), cutover].slice(-EARLIER_CUTOVERS_KEPT);
    state.cutover = newCutover(now);
    state.phase = 'cutting_over';
  }
  job.status = 'running';
  job.finished_at = undefined;
  return job;
};

/** Records a rollback request: refused once the destination's aliases moved (the destination serves then). */
export const requestRollback = (job: StoredJob): StoredJob => {
  const state = job.continuous;
  if (!job.options.continuous || !state) throw notContinuous(job);
  if (!canRollBack(state)) {
    throw new MigrationError(
      'rollback_refused',
      state.aliases_moved
        ? `Job [${job.id}] has moved the source's aliases to the destination: the cutover can no longer be rolled back`
        : `Job [${job.id}] has no cutover to roll back (${state.phase.replace('_', ' ')})`,
      409,
      {
        remedy: state.aliases_moved
          ? 'Point your clients at the destination. To write to the source again, lift its block yourself: PUT <index>/_settings {"index.blocks.write": false}.'
          : 'A rollback undoes a cutover under way: start one first (POST .../_cutover).',
      }
    );
  }
  const cutover = state.cutover as CutoverState;
  cutover.rollback_requested = true;
  cutover.status = 'rolling_back';
  job.status = 'running';
  return job;
};

/** A whole continuous job cancelled: refused during a cutover (the source is read-only; roll back first). */
export const assertCancellable = (job: StoredJob): void => {
  if (job.continuous?.phase !== 'cutting_over') return;
  throw new MigrationError('cutover_in_progress', `Job [${job.id}] is cutting over: its source indices are read-only`, 409, {
    remedy: `Roll back first (POST /api/migration_assistant/jobs/${job.id}/_rollback), which lifts the write block, then cancel.`,
  });
};

/** Marks a continuous job cancelled (its running passes are cancelled with its items). */
export const cancelContinuous = (job: StoredJob): void => {
  if (job.continuous) job.continuous.phase = 'cancelled';
};
