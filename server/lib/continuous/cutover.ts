/*
 * The cutover of a continuous job: named steps run in order, each recorded on the job before and after what
 * it sends, so a Kibana that stops anywhere resumes at the step it was in (every step can run again):
 *
 *   write_block  PUT <source>/_block/write on each source index (the source becomes read-only), then refresh
 *   final_pass   one last catch-up pass (items of the job, launched by the runner like any other)
 *   reconcile    ids of both sides compared; missing ids copied (an ids query), extras deleted (_bulk)
 *   verify       counts exact and a sample of documents equal, per index (the verification report's check)
 *   aliases      POST _aliases on the destination: the source's aliases on the copies, in one atomic call
 *   report       the write-freeze window, and what the user does next
 *
 * A step that fails stops the cutover (the job waits, paused, saying why); the user cuts over again (the
 * failed step runs again) or rolls back, which lifts the write blocks this cutover added, until the aliases
 * moved.
 */
import { INTERNAL_INDEX } from '../../../common/lib/snapshot_compat';
import { CUTOVER_STEPS, ContinuousState, CutoverState, CutoverStep, CutoverStepName } from '../../../common/types/jobs';
import { EsClient, errorReason, errorStatus } from '../es_client';
import { MigrationError } from '../migration_error';
import type { StoredJob } from '../job_record/job_record';
import { verifyIndexPair } from '../verification/data_check';
import { CopyPair, copyPairs, findPass, passInFlight, planCopyPass, planReconcilePass, readStartMarks } from './passes';
import { deleteExtras, diffIds, readIds } from './reconcile';

export type ContinuousJob = StoredJob & { continuous: ContinuousState };

export type ContinuousFaultPoint =
  | 'continuous:write_block:recorded'
  | 'continuous:write_block:sent'
  | 'continuous:final_pass:planned'
  | 'continuous:reconcile:diffed'
  | 'continuous:aliases:recorded';

export interface CutoverContext {
  destination: EsClient;
  source: () => Promise<EsClient>;
  persist: () => Promise<void>;
  fault: (point: ContinuousFaultPoint) => Promise<void>;
  now: () => number;
}

/** Rounds of reconciliation (a round copies what is missing and checks again) before the step gives up. */
export const MAX_RECONCILE_ROUNDS = 3;
/** Documents compared by `_source` hash per index in the verify step. */
export const VERIFY_SAMPLE_SIZE = 1_000;
/** Before 7.9 only the index.blocks.write setting exists, which does not wait for writes in flight. */
export const SETTING_BLOCK_GRACE_MS = 5_000;

/** A cutover's failure, said to the user with what to do. */
export class CutoverStepError extends Error {
  constructor(message: string, readonly remedy: string, readonly details?: Record<string, unknown>) {
    super(message);
  }
}

export const newCutover = (now: number): CutoverState => ({
  status: 'running',
  requested_at: new Date(now).toISOString(),
  steps: CUTOVER_STEPS.map((name) => ({ name, status: 'pending' as const })),
});

const sourceIndicesOf = (pairs: readonly CopyPair[]): string[] => [...new Set(pairs.map((pair) => pair.source))];

/**
 * The write block: the `_block` API (7.9+) waits for writes in flight on every shard copy; older sources
 * only have the setting, so the final pass waits a grace delay after it.
 */
export const addWriteBlock = async (source: EsClient, index: string, sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))): Promise<'api' | 'setting'> => {
  try {
    await source.indices.addBlock({ index, block: 'write' });
    return 'api';
  } catch (error) {
    const status = errorStatus(error);
    // 6.8–7.8: no handler for PUT <index>/_block/write (a 400 or a 405, depending on the version).
    if (status !== 400 && status !== 405) throw error;
    if (!/no handler|invalid_index_name|unrecognized|not supported/i.test(errorReason(error))) throw error;
    await source.indices.putSettings({ index, settings: { 'index.blocks.write': true } });
    await sleep(SETTING_BLOCK_GRACE_MS);
    return 'setting';
  }
};

export const liftWriteBlocks = async (source: EsClient, indices: readonly string[]): Promise<void> => {
  for (const index of indices) await source.indices.putSettings({ index, settings: { 'index.blocks.write': false } });
};

const readBlocked = async (source: EsClient, indices: readonly string[]): Promise<string[]> => {
  const settings = (await source.indices.getSettings({ index: indices.join(','), name: 'index.blocks.write', flat_settings: true })) as Record<string, { settings?: Record<string, unknown> }>;
  return indices.filter((index) => String(settings[index]?.settings?.['index.blocks.write']) === 'true');
};

type StepRun = (job: ContinuousJob, step: CutoverStep, context: CutoverContext) => Promise<boolean>;

const writeBlock: StepRun = async (job, step, context) => {
  const cutover = job.continuous.cutover as CutoverState;
  const source = await context.source();
  const indices = sourceIndicesOf(copyPairs(job));
  if (cutover.blocked === undefined) {
    // Recorded before anything is blocked: whatever stops this step, a rollback knows what to lift, and
    // indices that were read-only before stay so.
    const already = await readBlocked(source, indices);
    cutover.already_blocked = already;
    cutover.blocked = indices.filter((index) => !already.includes(index));
    cutover.freeze_started_at = new Date(context.now()).toISOString();
    job.continuous.source_state = 'read_only';
    await context.persist();
    await context.fault('continuous:write_block:recorded');
  }
  const methods: Record<string, 'api' | 'setting'> = {};
  for (const index of cutover.blocked) methods[index] = await addWriteBlock(source, index);
  await context.fault('continuous:write_block:sent');
  // What was written before the block becomes visible to the final pass and the reconciliation.
  await source.indices.refresh({ index: indices.join(',') });
  step.details = { blocked: cutover.blocked, already_blocked: cutover.already_blocked, method: methods };
  return true;
};

const finalPass: StepRun = async (job, step, context) => {
  const state = job.continuous;
  const planned = findPass(state, step.details?.pass as number | undefined);
  if (!planned) {
    // A catch-up pass still writing ends first: two passes never write the same index at once.
    if (passInFlight(job)) return false;
    const source = await context.source();
    const pairs = copyPairs(job);
    const pass = planCopyPass(job, 'final', await readStartMarks(source, pairs, state, context.now()), context.now());
    step.details = { pass: pass.number, since: Object.fromEntries(pass.indices.map((entry) => [entry.dest, entry.since])) };
    await context.persist();
    await context.fault('continuous:final_pass:planned');
    return false;
  }
  if (planned.status === 'running') return false;
  if (planned.status !== 'completed') {
    throw new CutoverStepError(
      `The final pass ${planned.status === 'cancelled' ? 'was cancelled' : `failed: ${planned.error?.reason ?? 'unknown error'}`}`,
      planned.error?.remedy ?? 'Cut over again to run the final pass again, or roll back to let the source take writes.'
    );
  }
  step.details = { ...step.details, copied: Object.fromEntries(planned.indices.map((entry) => [entry.dest, entry.copied])) };
  return true;
};

const reconcile: StepRun = async (job, step, context) => {
  const state = job.continuous;
  const details = (step.details ?? {}) as { round?: number; pass?: number; indices?: unknown[]; deleted?: number; copied?: number };
  const copying = findPass(state, details.pass);
  if (copying?.status === 'running') return false;
  if (copying && copying.status !== 'completed') {
    throw new CutoverStepError(`Copying the missing documents failed: ${copying.error?.reason ?? copying.status}`, copying.error?.remedy ?? 'Cut over again to reconcile again, or roll back.');
  }
  if (copying) details.copied = (details.copied ?? 0) + copying.indices.reduce((sum, entry) => sum + entry.copied, 0);
  const round = (details.round ?? 0) + 1;
  const source = await context.source();
  const pairs = copyPairs(job);
  const indices: Array<{ source: string; dest: string; source_ids: number; dest_ids: number; missing: number; extra: number }> = [];
  const missing: Array<{ pair: CopyPair; ids: string[] }> = [];
  for (const pair of pairs) {
    await context.destination.indices.refresh({ index: pair.dest });
    const [sourceIds, destIds] = await Promise.all([readIds(source, pair.source), readIds(context.destination, pair.dest)]);
    const difference = diffIds(sourceIds, destIds);
    indices.push({ source: pair.source, dest: pair.dest, source_ids: sourceIds.size, dest_ids: destIds.size, missing: difference.missing.length, extra: difference.extra.length });
    if (round > MAX_RECONCILE_ROUNDS && (difference.missing.length > 0 || difference.extra.length > 0)) continue;
    details.deleted = (details.deleted ?? 0) + (await deleteExtras(context.destination, pair.dest, difference.extra));
    missing.push({ pair, ids: difference.missing });
  }
  details.round = round;
  details.indices = indices;
  const left = indices.filter((entry) => entry.missing > 0 || entry.extra > 0);
  if (round > MAX_RECONCILE_ROUNDS && left.length > 0) {
    step.details = details;
    throw new CutoverStepError(
      `After ${MAX_RECONCILE_ROUNDS} rounds the ids still differ: ${left.map((entry) => `${entry.dest} lacks ${entry.missing}, has ${entry.extra} extra`).join('; ')}`,
      'Something still writes into the destination indices, or the source: stop it, then cut over again (the reconciliation runs again).'
    );
  }
  const pass = planReconcilePass(job, missing, context.now());
  details.pass = pass?.number;
  step.details = details;
  await context.persist();
  await context.fault('continuous:reconcile:diffed');
  // Done when nothing was missing (extras, if any, are deleted); else the copy runs and the ids are compared again.
  return pass === undefined;
};

const verify: StepRun = async (job, step, context) => {
  const source = await context.source();
  const results = [];
  const problems: string[] = [];
  for (const pair of copyPairs(job)) {
    const result = await verifyIndexPair(
      { source, dest: context.destination },
      { source: pair.source, dest: pair.dest, expect_aliases: false },
      { sampleSize: VERIFY_SAMPLE_SIZE, sourceTemplates: [], destTemplateNames: new Set() }
    );
    results.push({ source: pair.source, dest: pair.dest, source_count: result.source_count, dest_count: result.dest_count, sampled: result.sampled, mismatches: result.sample_mismatches.length });
    if (result.error) problems.push(`${pair.dest}: ${result.error}`);
    else if (!result.counts_match) problems.push(`${pair.dest} holds ${result.dest_count} documents, ${pair.source} ${result.source_count}`);
    else if (result.sample_mismatches.length > 0) {
      const [first] = result.sample_mismatches;
      problems.push(`${result.sample_mismatches.length} of ${result.sampled} sampled documents of ${pair.dest} differ from the source (first: ${first?.id}, ${first?.reason})`);
    }
  }
  step.details = { indices: results };
  if (problems.length > 0) {
    throw new CutoverStepError(
      `The copies differ from the source: ${problems.join('; ')}`,
      'Documents updated without changing the change field are not seen by passes: cut over again (the steps from this one run again), or roll back, fix the writers and copy again.'
    );
  }
  return true;
};

/** The source's aliases added to the copies on the destination, in one atomic POST _aliases. */
const aliases: StepRun = async (job, step, context) => {
  const source = await context.source();
  const pairs = copyPairs(job);
  const own = new Set(pairs.map((pair) => pair.dest));
  const actions: Array<{ add: Record<string, unknown> }> = [];
  const skipped: Array<{ alias: string; reason: string }> = [];
  for (const pair of pairs) {
    const found = (await source.indices.getAlias({ index: pair.source }).catch((error) => {
      if (errorStatus(error) === 404) return {};
      throw error;
    })) as Record<string, { aliases?: Record<string, Record<string, unknown>> }>;
    for (const [alias, definition] of Object.entries(found[pair.source]?.aliases ?? {})) {
      if (INTERNAL_INDEX.test(pair.source)) {
        skipped.push({ alias, reason: 'internal index: its copy must not join the live alias' });
        continue;
      }
      if (await isConcreteIndex(context.destination, alias)) {
        skipped.push({ alias, reason: 'an index of this name exists on the destination' });
        continue;
      }
      const holders = (await context.destination.indices.getAlias({ name: alias, expand_wildcards: 'all' } as never).catch(() => ({}))) as Record<string, unknown>;
      if (Object.keys(holders).some((index) => !own.has(index))) {
        skipped.push({ alias, reason: `the destination already has this alias on ${Object.keys(holders).filter((index) => !own.has(index)).join(', ')}` });
        continue;
      }
      const { filter, index_routing, search_routing, is_write_index, is_hidden } = definition;
      const options = Object.fromEntries(Object.entries({ filter, index_routing, search_routing, is_write_index, is_hidden }).filter(([, value]) => value !== undefined));
      actions.push({ add: { index: pair.dest, alias, ...options } });
    }
  }
  // From here on the destination serves the source's names: no rollback past this point.
  job.continuous.aliases_moved = true;
  step.details = { added: actions.map((action) => ({ alias: action.add.alias, index: action.add.index, is_write_index: action.add.is_write_index === true })), skipped };
  await context.persist();
  await context.fault('continuous:aliases:recorded');
  if (actions.length > 0) await context.destination.indices.updateAliases({ actions } as never);
  return true;
};

/** An index (not an alias) of this name on the destination: adding an alias of that name would fail the whole call. */
const isConcreteIndex = async (client: EsClient, name: string): Promise<boolean> =>
  (await client.indices.exists({ index: name, expand_wildcards: 'all' })) && !(await client.indices.existsAlias({ name, expand_wildcards: 'all' } as never));

const report: StepRun = async (job, step, context) => {
  const cutover = job.continuous.cutover as CutoverState;
  const aliasesStep = cutover.steps.find((candidate) => candidate.name === 'aliases');
  const end = aliasesStep?.finished_at ? Date.parse(aliasesStep.finished_at) : context.now();
  const start = cutover.freeze_started_at ? Date.parse(cutover.freeze_started_at) : end;
  cutover.write_freeze_seconds = Math.round((end - start) / 100) / 10;
  step.details = {
    write_freeze_seconds: cutover.write_freeze_seconds,
    destinations: copyPairs(job).map((pair) => pair.dest),
    read_only_sources: cutover.blocked,
  };
  return true;
};

const STEPS: Record<CutoverStepName, StepRun> = { write_block: writeBlock, final_pass: finalPass, reconcile, verify, aliases, report };

/** An error of the runner's own (a lost lease, a fault point), not of the step: it leaves the step as recorded. */
class RunnerError extends Error {
  constructor(readonly inner: unknown) {
    super('runner error');
  }
}

/** Runs the cutover's steps in order as far as they go this poll; each is recorded as it starts and ends. */
export const advanceCutover = async (job: ContinuousJob, given: CutoverContext): Promise<void> => {
  const context: CutoverContext = {
    ...given,
    persist: () => given.persist().catch((error: unknown) => Promise.reject(new RunnerError(error))),
    fault: (point) => given.fault(point).catch((error: unknown) => Promise.reject(new RunnerError(error))),
  };
  const cutover = job.continuous.cutover;
  if (!cutover || cutover.status !== 'running') return;
  for (;;) {
    const step = cutover.steps.find((candidate) => candidate.status !== 'completed');
    if (!step) {
      cutover.status = 'completed';
      job.continuous.phase = 'cut_over';
      return;
    }
    if (step.status === 'failed') {
      cutover.status = 'waiting';
      return;
    }
    if (step.status === 'pending') {
      step.status = 'running';
      step.started_at = new Date(context.now()).toISOString();
      await given.persist();
    }
    let done: boolean;
    try {
      done = await STEPS[step.name](job, step, context);
    } catch (error) {
      if (error instanceof RunnerError) throw error.inner;
      if (error instanceof MigrationError) throw error;
      step.status = 'failed';
      step.finished_at = new Date(context.now()).toISOString();
      step.error =
        error instanceof CutoverStepError
          ? { type: 'cutover_step_failed', reason: error.message, remedy: error.remedy }
          : {
              type: 'cutover_step_failed',
              reason: `The ${step.name} step failed: ${errorReason(error)}`,
              remedy: 'Cut over again once the cause is fixed (the step runs again), or roll back to let the source take writes.',
            };
      cutover.status = 'waiting';
      return;
    }
    if (!done) return;
    step.status = 'completed';
    step.finished_at = new Date(context.now()).toISOString();
    step.error = undefined;
    await given.persist();
  }
};
