/*
 * A continuous reindex job, advanced by the runner once per poll (advanceContinuousJob, as restore jobs
 * are by advanceRestoreJob): after the full copy, catch-up passes until the user cuts over; the cutover's
 * steps (cutover.ts); a rollback. And the job's status, which stays `running` after the full copy.
 */
import { continuousOptions } from '../../../common/lib/continuous';
import type { ContinuousLag, ContinuousOptions, ContinuousPass, ContinuousState, JobItem, JobStatus } from '../../../common/types/jobs';
import { errorReason, EsClient, Logger } from '../es_client';
import { isFinishedItem, StoredJob } from '../job_record/job_record';
import { checkContinuousPlan } from './change_field';
import { advanceCutover, ContinuousFaultPoint, ContinuousJob, liftWriteBlocks } from './cutover';
import { copyPairs, CopyPair, passInFlight, passItems, planCopyPass, readStartMarks, settlePasses } from './passes';

export interface ContinuousContext {
  /** The destination client the job acts with. */
  destination: EsClient;
  /** Kibana's connection to the job's source. */
  source: () => Promise<EsClient>;
  /** Saves the job (the runner's persist: optimistic, renews the lease). */
  persist: () => Promise<void>;
  fault?: (point: ContinuousFaultPoint) => Promise<void>;
  logger: Logger;
  now?: () => number;
}

/** Catch-up passes that failed in a row wait longer each time, up to this. */
const MAX_BACKOFF_MS = 5 * 60_000;

export const isContinuous = (job: Pick<StoredJob, 'options' | 'continuous'>): job is ContinuousJob => job.options.continuous !== undefined && job.continuous !== undefined;

/**
 * The state of a new continuous job, planned on the source: the change fields checked (a 400 naming the
 * field otherwise), and where the first catch-up pass starts (now, or the highest value of a numeric field).
 */
export const planContinuous = async (source: EsClient, items: readonly JobItem[], input: Partial<ContinuousOptions>, now = Date.now()): Promise<{ options: ContinuousOptions; state: ContinuousState }> => {
  const options = continuousOptions(input);
  const fields = await checkContinuousPlan(source, items, options);
  const state: ContinuousState = { phase: 'full_copy', pass_count: 0, passes: [], fields, source_state: 'writable', aliases_moved: false };
  const pairs = copyPairs({ items: items as StoredJob['items'] });
  state.marks = await readStartMarks(source, pairs, state, now);
  return { options, state };
};

/**
 * The job's status from its items' (jobStatusFromItems): a continuous job whose items have all ended is
 * still running until it is cut over or cancelled, and waits (paused) while a stopped cutover needs the user.
 */
export const continuousJobStatus = (job: Pick<StoredJob, 'options' | 'continuous'>, fromItems: JobStatus): JobStatus => {
  if (!isContinuous(job) || fromItems === 'running' || fromItems === 'queued') return fromItems;
  const state = job.continuous;
  switch (state.phase) {
    case 'cut_over':
      return 'completed';
    case 'cancelled':
      return 'cancelled';
    case 'full_copy':
      return fromItems === 'completed' ? 'running' : fromItems;
    case 'cutting_over':
      return state.cutover?.status === 'waiting' ? 'paused' : 'running';
    default:
      return 'running';
  }
};

const countSince = async (source: EsClient, pair: CopyPair, state: ContinuousState, mark: number | undefined): Promise<number> => {
  const field = state.fields[pair.dest];
  if (!field || mark === undefined) return 0;
  const range = field.type === 'date' ? { gte: mark, format: 'epoch_millis' } : { gte: mark };
  return (await source.count({ index: pair.source, query: { range: { [field.field]: range } } })).count;
};

/**
 * How far the destination is behind: source documents whose change field is at or after the start of the
 * last completed copy (an upper bound: some of them that copy took), and the seconds since that start.
 */
export const measureLag = async (source: EsClient, job: ContinuousJob, marks: Record<string, number> | undefined, copyStartedAt: number, now: number): Promise<ContinuousLag> => {
  const counts = await Promise.all(copyPairs(job).map((pair) => countSince(source, pair, job.continuous, marks?.[pair.dest])));
  return { docs: counts.reduce((sum, count) => sum + count, 0), seconds: Math.max(0, Math.round((now - copyStartedAt) / 1000)), measured_at: new Date(now).toISOString() };
};

const fullCopyDone = (job: StoredJob): boolean => {
  const copies = job.items.filter((item) => !item.pass);
  return copies.length > 0 && copies.every((item) => item.status === 'completed');
};

/** One poll's worth of a continuous job: passes settled, the next one started, the cutover or a rollback advanced. */
export const advanceContinuousJob = async (job: StoredJob, context: ContinuousContext): Promise<void> => {
  if (!isContinuous(job)) return;
  const state = job.continuous;
  const now = context.now ?? Date.now;
  const options = job.options.continuous as ContinuousOptions;
  const source = memo(context.source);

  try {
    for (const pass of settlePasses(job, now())) await afterPass(job, pass, source, options, now(), context.logger);
  } catch (error) {
    // The lag could not be measured (the source is unreachable): the passes go on, the next measure tells.
    context.logger.warn(`Migration job ${job.id}: the lag could not be measured: ${errorReason(error)}`);
  }

  if (state.cutover?.rollback_requested) {
    await rollBack(job, source, now(), context.logger);
    return;
  }
  switch (state.phase) {
    case 'full_copy': {
      if (!fullCopyDone(job)) return;
      const started = Math.min(...job.items.map((item) => Date.parse(item.started_at ?? job.created_at)));
      state.lag_after_full_copy = await source()
        .then((client) => measureLag(client, job, state.marks, started, now()))
        .catch(() => undefined);
      state.lag = state.lag_after_full_copy;
      state.phase = 'catching_up';
      state.next_pass_at = now();
      context.logger.info(`Migration job ${job.id}: full copy done, ${state.lag?.docs ?? 'an unknown number of'} documents changed since it started; catching up`);
      break;
    }
    case 'catching_up':
      break;
    case 'cutting_over':
      await advanceCutover(job, { destination: context.destination, source, persist: context.persist, fault: context.fault ?? (async () => undefined), now });
      return;
    default:
      return;
  }
  if (state.phase === 'catching_up' && !passInFlight(job) && now() >= (state.next_pass_at ?? 0)) {
    let marks: Record<string, number>;
    try {
      marks = await readStartMarks(await source(), copyPairs(job), state, now());
    } catch (error) {
      // Kibana cannot read the source now: said on the job, tried again later (longer after each failure).
      state.error = { type: 'catch_up_failed', reason: `The next catch-up pass could not start: ${errorReason(error)}`, remedy: 'Check that the source is reachable (Sources → Test connection); passes start again on their own.' };
      state.failed_passes = (state.failed_passes ?? 0) + 1;
      state.next_pass_at = now() + backoffMs(options, state.failed_passes);
      return;
    }
    const pass = planCopyPass(job, 'catch_up', marks, now());
    state.next_pass_at = undefined;
    context.logger.debug(`Migration job ${job.id}: catch-up pass ${pass.number}`);
  }
};

const backoffMs = (options: ContinuousOptions, failures: number): number => Math.max(1000, Math.min(MAX_BACKOFF_MS, options.pass_interval_seconds * 1000 * 2 ** failures));

/** A settled pass recorded: the lag measured after a completed one, the next pass scheduled (later after failures). */
const afterPass = async (job: ContinuousJob, pass: ContinuousPass, source: () => Promise<EsClient>, options: ContinuousOptions, now: number, logger: Logger): Promise<void> => {
  const state = job.continuous;
  if (pass.kind === 'reconcile') return;
  const started = Date.parse(pass.started_at);
  if (pass.status === 'completed') {
    state.failed_passes = 0;
    state.error = undefined;
    state.lag = await measureLag(await source(), job, pass.start_marks, started, now);
    state.next_pass_at = started + options.pass_interval_seconds * 1000;
    return;
  }
  if (pass.kind !== 'catch_up') return;
  state.failed_passes = (state.failed_passes ?? 0) + 1;
  if (pass.error) state.error = pass.error;
  const backoff = backoffMs(options, state.failed_passes);
  state.next_pass_at = now + backoff;
  logger.warn(`Migration job ${job.id}: catch-up pass ${pass.number} ${pass.status}${pass.error ? `: ${pass.error.reason}` : ''}; next try in ${Math.round(backoff / 1000)} s`);
};

/**
 * The rollback: passes of the cutover cancelled (the runner cancels their tasks), then the write blocks
 * this cutover added lifted. The job goes back to catching up; a later cutover starts over.
 */
const rollBack = async (job: ContinuousJob, source: () => Promise<EsClient>, now: number, logger: Logger): Promise<void> => {
  const state = job.continuous;
  const cutover = state.cutover;
  if (!cutover) return;
  const inFlight = passItems(job).filter((item) => !isFinishedItem(item));
  for (const item of inFlight) {
    if (item.status === 'queued') {
      item.status = 'cancelled';
      item.finished_at = new Date(now).toISOString();
    } else {
      item.cancel_requested = true;
    }
  }
  if (inFlight.some((item) => !isFinishedItem(item))) return;
  settlePasses(job, now);
  const lifted = cutover.blocked ?? [];
  if (lifted.length > 0) await liftWriteBlocks(await source(), lifted);
  cutover.lifted = lifted;
  cutover.rolled_back_at = new Date(now).toISOString();
  cutover.rollback_requested = false;
  cutover.status = 'rolled_back';
  state.source_state = 'writable';
  state.phase = 'catching_up';
  state.next_pass_at = now;
  logger.info(`Migration job ${job.id}: cutover rolled back; write blocks lifted on ${lifted.join(', ') || 'no index'}`);
};

const memo = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
};
