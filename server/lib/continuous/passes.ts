/*
 * Catch-up passes of a continuous job, planned as items of the job: one per index (or one per batch of
 * ids for a reconciliation), queued like any other, so the runner launches them through the same tagged,
 * restart-safe path as the full copy (launch.ts builds their query and op_type index). A pass is settled
 * here once all its items have ended: recorded on the job, its items removed.
 */
import crypto from 'node:crypto';
import type { ContinuousPass, ContinuousPassKind, ContinuousState, ItemPass } from '../../../common/types/jobs';
import type { EsClient } from '../es_client';
import { isFinishedItem, StoredItem, StoredJob } from '../job_record/job_record';

/** Passes kept on the job (the count of all of them is kept too). */
export const MAX_PASSES_KEPT = 20;
/** Ids per reconciliation item: the ids query travels in the request to the source. */
export const RECONCILE_BATCH_IDS = 5_000;

export interface CopyPair {
  source: string;
  dest: string;
  batch_size?: number;
}

/** The indices of the full copy, one per destination (a partitioned index has several items for one pair). */
export const copyPairs = (job: Pick<StoredJob, 'items'>): CopyPair[] => {
  const pairs = new Map<string, CopyPair>();
  for (const item of job.items) {
    if (item.pass || pairs.has(item.dest)) continue;
    pairs.set(item.dest, { source: item.source, dest: item.dest, batch_size: item.batch_size });
  }
  return [...pairs.values()];
};

export const passItems = (job: Pick<StoredJob, 'items'>, number?: number): StoredItem[] =>
  job.items.filter((item) => item.pass && (number === undefined || item.pass.number === number));

export const passInFlight = (job: Pick<StoredJob, 'items'>): boolean => passItems(job).some((item) => !isFinishedItem(item));

const newPassItem = (pair: CopyPair, pass: ItemPass, ids?: string[]): StoredItem => ({
  id: crypto.randomUUID(),
  source: pair.source,
  dest: pair.dest,
  status: 'queued',
  op_type: 'index',
  batch_size: pair.batch_size,
  pass,
  attempts: 0,
  progress: { total: 0, created: 0, updated: 0, version_conflicts: 0, failures: 0 },
  ...(ids ? { pass_ids: ids } : {}),
});

/**
 * Where each index stands now, for the next pass to start from later: the clock for date fields (the margin
 * covers writers' clock skew and refresh delay), the highest value for numeric fields.
 */
export const readStartMarks = async (source: EsClient, pairs: readonly CopyPair[], state: Pick<ContinuousState, 'fields' | 'marks'>, now = Date.now()): Promise<Record<string, number>> => {
  const marks: Record<string, number> = {};
  await Promise.all(
    pairs.map(async (pair) => {
      const field = state.fields[pair.dest];
      if (!field) return;
      if (field.type === 'date') {
        marks[pair.dest] = now;
        return;
      }
      const result = await source.search({ index: pair.source, size: 0, aggs: { mark: { max: { field: field.field } } } });
      const value = (result.aggregations?.mark as { value?: number | null } | undefined)?.value;
      marks[pair.dest] = typeof value === 'number' ? value : state.marks?.[pair.dest] ?? Number.MIN_SAFE_INTEGER;
    })
  );
  return marks;
};

/** The lower bound of an index's next pass: its last mark minus the safety margin. */
export const passSince = (state: Pick<ContinuousState, 'fields' | 'marks'>, dest: string, margin: { safety_margin_seconds: number; numeric_safety_margin: number }): number | undefined => {
  const mark = state.marks?.[dest];
  const field = state.fields[dest];
  if (mark === undefined || !field) return undefined;
  return field.type === 'date' ? mark - margin.safety_margin_seconds * 1000 : mark - margin.numeric_safety_margin;
};

/** Adds a catch-up or final pass (one queued item per index) to the job, and its record. */
export const planCopyPass = (
  job: StoredJob & { continuous: ContinuousState },
  kind: Exclude<ContinuousPassKind, 'reconcile'>,
  startMarks: Record<string, number>,
  now = Date.now()
): ContinuousPass => {
  const state = job.continuous;
  const options = job.options.continuous as NonNullable<StoredJob['options']['continuous']>;
  const number = state.pass_count + 1;
  const pass: ContinuousPass = { number, kind, status: 'running', started_at: new Date(now).toISOString(), indices: [], start_marks: startMarks };
  for (const pair of copyPairs(job)) {
    const field = state.fields[pair.dest];
    const since = passSince(state, pair.dest, options);
    job.items.push(newPassItem(pair, { number, kind, field: field?.field, field_type: field?.type, since }));
    pass.indices.push({ source: pair.source, dest: pair.dest, field: field?.field, since, copied: 0 });
  }
  record(state, pass);
  return pass;
};

/** Adds a reconciliation pass copying exactly the given ids (batches of RECONCILE_BATCH_IDS), or undefined when none are missing. */
export const planReconcilePass = (job: StoredJob & { continuous: ContinuousState }, missing: ReadonlyArray<{ pair: CopyPair; ids: string[] }>, now = Date.now()): ContinuousPass | undefined => {
  const withIds = missing.filter((entry) => entry.ids.length > 0);
  if (withIds.length === 0) return undefined;
  const state = job.continuous;
  const number = state.pass_count + 1;
  const pass: ContinuousPass = { number, kind: 'reconcile', status: 'running', started_at: new Date(now).toISOString(), indices: [] };
  for (const { pair, ids } of withIds) {
    for (let start = 0; start < ids.length; start += RECONCILE_BATCH_IDS) {
      const batch = ids.slice(start, start + RECONCILE_BATCH_IDS);
      job.items.push(newPassItem(pair, { number, kind: 'reconcile', ids: batch.length }, batch));
    }
    pass.indices.push({ source: pair.source, dest: pair.dest, copied: 0 });
  }
  record(state, pass);
  return pass;
};

const record = (state: ContinuousState, pass: ContinuousPass): void => {
  state.pass_count = pass.number;
  state.passes = [...state.passes, pass].slice(-MAX_PASSES_KEPT);
};

export const findPass = (state: ContinuousState, number: number | undefined): ContinuousPass | undefined =>
  number === undefined ? undefined : state.passes.find((pass) => pass.number === number);

/**
 * Passes whose items have all ended: recorded (documents copied per index, the first error), their items
 * removed from the job. A completed copy pass moves each index's mark to where that pass started.
 */
export const settlePasses = (job: StoredJob & { continuous: ContinuousState }, now = Date.now()): ContinuousPass[] => {
  const state = job.continuous;
  const settled: ContinuousPass[] = [];
  for (const pass of state.passes.filter((candidate) => candidate.status === 'running')) {
    const items = passItems(job, pass.number);
    if (!items.every(isFinishedItem)) continue;
    const failed = items.find((item) => item.status === 'failed');
    pass.status = failed ? 'failed' : items.some((item) => item.status === 'cancelled') ? 'cancelled' : 'completed';
    if (failed?.error) pass.error = failed.error;
    pass.finished_at = new Date(now).toISOString();
    for (const entry of pass.indices) {
      entry.copied = items.filter((item) => item.dest === entry.dest).reduce((sum, item) => sum + item.progress.created + item.progress.updated, 0);
    }
    if (pass.status === 'completed' && pass.kind !== 'reconcile' && pass.start_marks) state.marks = { ...state.marks, ...pass.start_marks };
    job.items = job.items.filter((item) => item.pass?.number !== pass.number);
    settled.push(pass);
  }
  return settled;
};
