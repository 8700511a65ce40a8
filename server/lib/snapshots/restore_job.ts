/*
 * Snapshot restore jobs: planned from the snapshot (indices, names after the rename, clashes with open
 * indices caught before anything runs), started with one restore request, followed through the shard
 * recoveries of type SNAPSHOT, completed when every restored index is green or yellow.
 */
import crypto from 'node:crypto';
import { indexNameProblem, RenameRuleError, restoreRename } from '../../../common/lib/rename';
import { featureStateConfirmation, FILE_REALM_SUPERUSER_COMMAND, internalWriteConfirmation, overwriteConfirmation, INTERNAL_INDEX } from '../../../common/lib/snapshot_compat';
import type { JobItem, SafetySnapshotRecord, SnapshotRestoreJobRequest } from '../../../common/types/jobs';
import { majorVersion } from '../../../common/lib/versions';
import { EsClient, errorReason, errorStatus, errorType } from '../es_client';
import { MigrationError, validationError } from '../migration_error';
import { isFinishedItem, StoredJob } from '../job_record/job_record';
import { destinationVersion } from '../preflight/versions_check';
import { listRepositories } from './repositories';
import { listSnapshots } from './snapshots';


export interface PlanOptions {
  /** Preflight and dry runs plan before the user typed the confirmation. */
  skipConfirmation?: boolean;
}

type RuleOptions = PlanOptions & { destMajor?: number; internalPhrase?: string };

export const planRestore = async (client: EsClient, request: SnapshotRestoreJobRequest, options: PlanOptions = {}): Promise<JobItem[]> => {
  const snapshots = await listSnapshots(client, request.repository);
  const snapshot = snapshots.find((s) => s.snapshot === request.snapshot);
  if (!snapshot) {
    throw new MigrationError('job_not_found', `Snapshot [${request.snapshot}] is not in repository [${request.repository}]`, 404, {
      field: 'snapshot',
      remedy: `List the snapshots: GET /api/migration_assistant/repositories/${request.repository}/snapshots`,
    });
  }
  if (!snapshot.restorable) {
    throw new MigrationError('validation_failed', `Snapshot [${request.snapshot}] cannot be restored here: ${snapshot.restore_notes.join(' ')}`, 400, { field: 'snapshot' });
  }
  // Read once, only by the rules that depend on it.
  const destMajor = request.feature_states?.length || request.overwrite_existing ? majorVersion(await destinationVersion(client)) : undefined;
  const featureItems = request.feature_states?.length ? await planFeatureStates(client, request, snapshot.feature_states, { ...options, destMajor }) : [];
  if (request.indices.length === 0 && featureItems.length === 0) throw validationError('indices', 'must list at least one index of the snapshot, or feature_states');
  const missing = request.indices.filter((index) => !snapshot.indices.includes(index));
  if (missing.length > 0) throw validationError('indices', `not in the snapshot: ${missing.join(', ')}`);
  const items = request.indices.map((index) => ({ index, dest: restoredName(index, request) }));
  const byDest = new Map<string, string>();
  for (const { index, dest } of items) {
    // Elasticsearch refuses the whole restore then ("are renamed into the same index").
    const other = byDest.get(dest);
    if (other !== undefined) throw validationError('rename_replacement', `[${other}] and [${index}] would both be restored as [${dest}]`);
    byDest.set(dest, index);
  }
  for (const { index, dest } of items) {
    const problem = indexNameProblem(dest.startsWith('.') ? dest.slice(1) : dest);
    if (problem) throw validationError('rename_replacement', `[${index}] would be restored as [${dest}], which ${problem}`);
    // Restored by its own name over the destination's index (closed first): the 7.x path of seed 004.
    if (INTERNAL_INDEX.test(index) && dest === index && request.overwrite_existing) continue;
    // A renamed copy of .kibana/.security joining the live aliases makes Kibana inaccessible (facts, section 4).
    if (INTERNAL_INDEX.test(index) && (dest === index || request.include_aliases !== false)) {
      throw validationError(
        'include_aliases',
        `[${index}] is an internal index: restore it under a new name (rename_pattern / rename_replacement) with include_aliases: false, so the copy never joins the live .kibana or .security alias`
      );
    }
  }
  if (items.length === 0) return featureItems;
  const clashes = await existingDestinations(client, items.map((item) => item.dest));
  if (clashes.length > 0 && !request.overwrite_existing) {
    throw new MigrationError('destination_index_exists', `These indices already exist on the destination: ${clashes.join(', ')}`, 409, {
      field: 'rename_replacement',
      remedy: `Restore under other names (a rename such as "(.+)" → "restored_$1"), or close and overwrite them: send "overwrite_existing": true, a writable "safety_repository" and "confirmation": "${overwriteConfirmation(clashes)}".`,
    });
  }
  // An index renamed onto an internal name (.kibana*, .security*) is read by Kibana or security as their
  // own: confirmed like any write into them. One restored over an existing index is named by the overwrite phrase.
  const overwritten = request.overwrite_existing ? clashes : [];
  const internalDests = items.filter(({ index, dest }) => dest !== index && INTERNAL_INDEX.test(dest) && !overwritten.includes(dest)).map(({ dest }) => dest);
  const internalPhrase = internalDests.length > 0 ? internalWriteConfirmation(internalDests) : undefined;
  if (request.overwrite_existing) await checkOverwrite(client, request, clashes, items, { ...options, destMajor, internalPhrase });
  else if (internalPhrase) confirmInternalWrite(request, internalPhrase, options);
  return [...items.map(({ index, dest }) => newItem(index, dest)), ...featureItems];
};

/** The name Elasticsearch restores `index` under, computed as it does (restoreBody always sends both fields). */
export const restoredName = (index: string, request: Pick<SnapshotRestoreJobRequest, 'rename_pattern' | 'rename_replacement'>): string => {
  if (!request.rename_pattern) return index;
  try {
    return restoreRename(index, request.rename_pattern, request.rename_replacement ?? '');
  } catch (error) {
    if (error instanceof RenameRuleError) throw validationError(error.field, `${error.message} (Elasticsearch applies Java's String.replaceAll to [${index}])`);
    throw error;
  }
};

const newItem = (source: string, dest: string, featureState?: string): JobItem => ({
  id: crypto.randomUUID(),
  source,
  dest,
  status: 'queued',
  attempts: 0,
  progress: { total: 0, created: 0, updated: 0, version_conflicts: 0, failures: 0 },
  ...(featureState ? { feature_state: featureState } : {}),
});

/**
 * Feature states replace the destination's own indices of that feature (facts file, section 4), so they
 * need an 8.x destination, a writable repository for the safety snapshot, the typed confirmation, and a
 * job of their own (rename rules do not apply to system indices).
 */
const planFeatureStates = async (
  client: EsClient,
  request: SnapshotRestoreJobRequest,
  inSnapshot: Array<{ feature_name: string; indices: string[] }>,
  options: RuleOptions
): Promise<JobItem[]> => {
  const featureStates = request.feature_states ?? [];
  if ((options.destMajor ?? 0) < 8) {
    throw validationError(
      'feature_states',
      `the destination runs Elasticsearch ${options.destMajor}.x; restore internal indices on 7.x by closing them, restoring and reopening them (overwrite_existing), or under new names with include_aliases: false`
    );
  }
  const absent = featureStates.filter((name) => !inSnapshot.some((state) => state.feature_name === name));
  if (absent.length > 0) {
    throw validationError(
      'feature_states',
      `not in snapshot [${request.snapshot}]: ${absent.join(', ')}; it holds ${inSnapshot.map((state) => state.feature_name).join(', ') || 'no feature states'}`
    );
  }
  if (request.indices.length > 0) {
    throw validationError('indices', 'restore feature states in a job of their own: send either indices or feature_states');
  }
  await writableSafetyRepository(client, request.safety_repository, 'restore feature states');
  const expected = featureStateConfirmation(featureStates);
  if (!options.skipConfirmation && request.confirmation !== expected) {
    throw new MigrationError('validation_failed', `[confirmation]: type "${expected}" to confirm that the destination's ${featureStates.join(', ')} indices are deleted and replaced`, 400, {
      field: 'confirmation',
      confirmation: expected,
      remedy: featureStates.includes('security')
        ? `Restoring "security" replaces every user and role: first add a file-realm superuser on each destination node (${FILE_REALM_SUPERUSER_COMMAND}) so you cannot lock yourself out.`
        : `Send "confirmation": "${expected}".`,
    });
  }
  return featureStates.flatMap((name) =>
    (inSnapshot.find((state) => state.feature_name === name)?.indices ?? []).map((index) => newItem(index, index, name))
  );
};

export const writableSafetyRepository = async (client: EsClient, name: string | undefined, what: string): Promise<void> => {
  if (!name) {
    throw new MigrationError('validation_failed', `[safety_repository]: required to ${what}`, 400, {
      field: 'safety_repository',
      remedy: 'Name a writable repository on the destination: what is replaced is saved there first.',
    });
  }
  const safety = (await listRepositories(client)).find((repository) => repository.name === name);
  if (!safety || safety.readonly) {
    throw new MigrationError('validation_failed', `[safety_repository]: [${name}] ${safety ? 'is read-only' : 'is not registered on the destination'}`, 400, {
      field: 'safety_repository',
      remedy: 'Register a writable repository (PUT /api/migration_assistant/repositories/<name> with "readonly": false) and name it here.',
    });
  }
};

/**
 * Close and overwrite: internal indices only on 7.x (8.x restores them only as feature states), a safety
 * snapshot of what is overwritten, and the typed confirmation naming exactly those indices.
 */
const checkOverwrite = async (client: EsClient, request: SnapshotRestoreJobRequest, clashes: string[], items: Array<{ index: string; dest: string }>, options: RuleOptions) => {
  const internal = items.filter((item) => INTERNAL_INDEX.test(item.index) && item.dest === item.index).map((item) => item.index);
  if (internal.length > 0 && (options.destMajor ?? 0) >= 8) {
    throw validationError(
      'overwrite_existing',
      `the destination runs Elasticsearch ${options.destMajor}.x, which restores ${internal.join(', ')} only as part of a feature state: restore the "kibana" or "security" feature state instead (feature_states), or a renamed copy with include_aliases: false`
    );
  }
  if (clashes.length === 0) {
    if (options.internalPhrase) confirmInternalWrite(request, options.internalPhrase, options);
    return;
  }
  await writableSafetyRepository(client, request.safety_repository, 'overwrite existing indices');
  // One typed phrase for the request: the overwrite's, then the internal names', when both apply.
  const expected = [overwriteConfirmation(clashes), options.internalPhrase].filter(Boolean).join('; ');
  if (!options.skipConfirmation && request.confirmation !== expected) {
    throw new MigrationError('validation_failed', `[confirmation]: type "${expected}" to confirm that these indices are closed and replaced by the snapshot's`, 400, {
      field: 'confirmation',
      confirmation: expected,
      remedy: `Send "confirmation": "${expected}". They are saved to the safety repository first and reopened whatever happens.`,
    });
  }
};

const confirmInternalWrite = (request: SnapshotRestoreJobRequest, expected: string, options: PlanOptions): void => {
  if (options.skipConfirmation || request.confirmation === expected) return;
  throw new MigrationError('validation_failed', `[confirmation]: type "${expected}" to confirm restoring under names that Kibana or Elasticsearch security read as their own internal indices`, 400, {
    field: 'confirmation',
    confirmation: expected,
    remedy: `Restore under other names (a rename such as "^\\.?(.+)$" → "restored_$1"), or send "confirmation": "${expected}".`,
  });
};

export type SafetySnapshot = SafetySnapshotRecord;

/** The body of a safety snapshot: the feature states or the indices about to be replaced, nothing else. */
const safetySnapshotBody = (what: { featureStates?: string[]; indices?: string[] }) => ({
  include_global_state: false,
  ...(what.featureStates ? { indices: '-*', feature_states: what.featureStates } : { indices: what.indices, feature_states: ['none'] }),
});

export const safetySnapshotName = (jobId: string): string => `migration-assistant-safety-${jobId.slice(0, 8)}-${Date.now()}`;

/**
 * Starts a safety snapshot without waiting: a snapshot can outlast the client's request timeout (30 s in
 * Kibana). A name already taken means an earlier call (before a restart) started it: that one is followed.
 */
export const startSafetySnapshot = async (client: EsClient, record: SafetySnapshot, what: { featureStates?: string[]; indices?: string[] }): Promise<void> => {
  try {
    await client.snapshot.create({ repository: record.repository, snapshot: record.snapshot, ...safetySnapshotBody(what), wait_for_completion: false } as never);
  } catch (error) {
    if (errorType(error) !== 'invalid_snapshot_name_exception') throw error;
  }
};

/** The snapshot's state now (IN_PROGRESS, SUCCESS, PARTIAL, FAILED), or undefined when it does not exist. */
export const snapshotState = async (client: EsClient, repository: string, snapshot: string): Promise<string | undefined> => {
  try {
    const response = (await client.snapshot.get({ repository, snapshot })) as { snapshots?: Array<{ state?: string }> };
    return response.snapshots?.[0]?.state ?? 'UNKNOWN';
  } catch (error) {
    if (errorStatus(error) === 404) return undefined;
    throw error;
  }
};

/**
 * Follows the safety snapshot recorded on `record` one step: starts it when it does not exist yet, or reads
 * its state. Returns the record updated; the caller stops at anything but SUCCESS.
 */
export const followSafetySnapshot = async (client: EsClient, record: SafetySnapshot, what: { featureStates?: string[]; indices?: string[] }): Promise<SafetySnapshot> => {
  if (record.state !== 'IN_PROGRESS') return record;
  const state = await snapshotState(client, record.repository, record.snapshot);
  if (state === undefined) {
    // Recorded, then Kibana stopped before Elasticsearch had it: start it now, under the recorded name.
    await startSafetySnapshot(client, record, what);
    return record;
  }
  return { ...record, state };
};

/** The attempt a job's queued items are about to make (attempts count launches and failed preparations). */
const nextAttempt = (job: StoredJob): number => Math.max(0, ...job.items.map((item) => item.attempts)) + 1;

/**
 * A restore's safety snapshot, one step per poll: recorded on the job (and persisted) before it is started,
 * so a restarted Kibana follows the same snapshot instead of taking another; each attempt takes its own,
 * earlier ones stay listed. Resolves true once it is SUCCESS; anything else stops the restore before it starts.
 */
const safetyFirst = async (client: EsClient, job: StoredJob, repository: string, what: { featureStates?: string[]; indices?: string[] }, checkpoint: () => Promise<void>): Promise<boolean> => {
  const attempt = nextAttempt(job);
  if (job.safety_snapshot?.attempt !== attempt) {
    if (job.safety_snapshot) job.earlier_safety_snapshots = [...(job.earlier_safety_snapshots ?? []), job.safety_snapshot];
    job.safety_snapshot = { repository, snapshot: safetySnapshotName(job.id), state: 'IN_PROGRESS', attempt, ...(what.indices ? { indices: what.indices } : {}) };
    await checkpoint();
    await startSafetySnapshot(client, job.safety_snapshot, what);
    return false;
  }
  job.safety_snapshot = await followSafetySnapshot(client, job.safety_snapshot, what);
  if (job.safety_snapshot.state === 'IN_PROGRESS') return false;
  if (job.safety_snapshot.state !== 'SUCCESS') throw new Error(`the safety snapshot [${repository}/${job.safety_snapshot.snapshot}] ended ${job.safety_snapshot.state}; nothing was restored`);
  return true;
};

interface ShardRecovery {
  type: string;
  stage: string;
  primary: boolean;
  index?: { size?: { percent?: string; total_in_bytes?: number; recovered_in_bytes?: number } };
}

/** The body of the restore request: what the runner sends and what the review shows. */
export const restoreBody = (restore: Omit<SnapshotRestoreJobRequest, 'type'>): Record<string, unknown> => {
  const featureStates = restore.feature_states ?? [];
  return {
    // "-*": no regular index, only the feature states (facts file, section 4).
    indices: featureStates.length > 0 ? '-*' : restore.indices,
    ...(featureStates.length > 0 ? { feature_states: featureStates } : {}),
    ...(restore.rename_pattern ? { rename_pattern: restore.rename_pattern, rename_replacement: restore.rename_replacement ?? '' } : {}),
    include_aliases: restore.include_aliases ?? true,
    include_global_state: false,
    partial: restore.partial ?? false,
    ...(restore.index_settings ? { index_settings: restore.index_settings } : {}),
    ...(restore.ignore_index_settings ? { ignore_index_settings: restore.ignore_index_settings } : {}),
  };
};

/** Every request a restore job sends, in order, as Dev Tools text (for the review and for the record). */
export const restoreRequests = (restore: Omit<SnapshotRestoreJobRequest, 'type'>, overwritten: string[]): string[] => {
  const requests: string[] = [];
  const featureStates = restore.feature_states ?? [];
  const safety = restore.safety_repository ?? '<safety repository>';
  const safetyRequests = (what: { featureStates?: string[]; indices?: string[] }) => [
    `PUT _snapshot/${safety}/migration-assistant-safety-<job>?wait_for_completion=false\n${JSON.stringify(safetySnapshotBody(what), null, 2)}`,
    `GET _snapshot/${safety}/migration-assistant-safety-<job>   (at each poll, until its state is SUCCESS; anything else stops the job here)`,
  ];
  if (featureStates.length > 0) requests.push(...safetyRequests({ featureStates }));
  if (restore.overwrite_existing && overwritten.length > 0) {
    requests.push(...safetyRequests({ indices: overwritten }));
    requests.push(`POST ${overwritten.join(',')}/_close?expand_wildcards=all`);
  }
  requests.push(`POST _snapshot/${restore.repository}/${restore.snapshot}/_restore\n${JSON.stringify(restoreBody(restore), null, 2)}`);
  if (restore.overwrite_existing && overwritten.length > 0) requests.push(`POST ${overwritten.join(',')}/_open?expand_wildcards=all   (whatever the restore's outcome)`);
  return requests;
};

/** Existing indices among the restored names (what overwrite_existing closes and replaces). */
export const existingDestinations = async (client: EsClient, dests: string[]): Promise<string[]> =>
  dests.length === 0
    ? []
    : Object.keys(
        (await client.indices.get({ index: dests, ignore_unavailable: true, allow_no_indices: true, expand_wildcards: 'all' } as never)) as Record<string, unknown>
      ).sort();

/**
 * One step of a restore job: prepare it (safety snapshot, close), start it, or record recovery progress and
 * finish restored indices. Returns between polls (the runner persists the job after each step); never
 * waits on Elasticsearch for longer than one short request.
 */
export const advanceRestoreJob = async (job: StoredJob, client: EsClient, checkpoint: () => Promise<void> = async () => undefined): Promise<void> => {
  const restore = job.restore;
  if (!restore) return;
  if (job.items.every((item) => item.status === 'queued')) {
    try {
      if (!(await prepareRestore(client, job, restore, checkpoint))) return;
      await client.snapshot.restore({ repository: restore.repository, snapshot: restore.snapshot, ...restoreBody(restore), wait_for_completion: false } as never);
      const now = new Date().toISOString();
      for (const item of job.items) {
        item.status = 'running';
        item.attempts += 1;
        item.started_at = now;
      }
    } catch (error) {
      for (const item of job.items) {
        item.status = 'failed';
        item.attempts += 1;
        item.error = { type: 'elasticsearch_error', reason: errorReason(error) };
        item.finished_at = new Date().toISOString();
      }
      await reopenClosed(client, job);
    }
    return;
  }
  const running = job.items.filter((item) => item.status === 'running');
  if (running.length === 0) return;
  const recoveries = (await client.indices.recovery({ index: running.map((item) => item.dest), active_only: false } as never)) as Record<string, { shards?: ShardRecovery[] }>;
  for (const item of running) {
    const shards = (recoveries[item.dest]?.shards ?? []).filter((shard) => shard.type === 'SNAPSHOT' || shard.primary);
    if (shards.length === 0) continue;
    const total = shards.reduce((sum, shard) => sum + (shard.index?.size?.total_in_bytes ?? 0), 0);
    const recovered = shards.reduce((sum, shard) => sum + (shard.index?.size?.recovered_in_bytes ?? 0), 0);
    const done = shards.filter((shard) => shard.stage === 'DONE').length;
    item.recovery = {
      stage: done === shards.length ? 'DONE' : shards.find((shard) => shard.stage !== 'DONE')?.stage ?? 'INIT',
      bytes_percent: total > 0 ? Math.floor((recovered / total) * 1000) / 10 : 100,
      shards_done: done,
      shards_total: shards.length,
    };
    if (done < shards.length) continue;
    const health = await client.cluster.health({ index: item.dest });
    if (health.status === 'red') continue;
    // A system index restored with its feature state may refuse direct reads (8.x): its recovery is the proof then.
    const count = await client.count({ index: item.dest }).then(
      (result) => result.count,
      (error) => {
        if (item.feature_state) return undefined;
        throw error;
      }
    );
    if (count !== undefined) {
      item.dest_count = count;
      item.progress = { ...item.progress, total: count, created: count };
    }
    item.status = 'completed';
    item.finished_at = new Date().toISOString();
  }
  if (job.items.every(isFinishedItem)) await reopenClosed(client, job);
};

/** What comes before the restore request; false while a safety snapshot is still being taken. */
const prepareRestore = async (client: EsClient, job: StoredJob, restore: NonNullable<StoredJob['restore']>, checkpoint: () => Promise<void>): Promise<boolean> => {
  const safetyRepository = restore.safety_repository ?? '';
  const featureStates = restore.feature_states ?? [];
  if (featureStates.length > 0) return safetyFirst(client, job, safetyRepository, { featureStates }, checkpoint);
  if (!restore.overwrite_existing) return true;
  // Feature-state items replace system indices through the restore itself; only the others are closed.
  const dests = job.items.filter((item) => !item.feature_state).map((item) => item.dest);
  const attempt = nextAttempt(job);
  const saved = job.safety_snapshot?.attempt === attempt ? job.safety_snapshot.indices ?? [] : await existingDestinations(client, dests);
  if (saved.length === 0) return true;
  if (!(await safetyFirst(client, job, safetyRepository, { indices: saved }, checkpoint))) return false;
  // An index that appeared while the safety snapshot ran is not in it: overwriting it would lose it.
  const unsaved = (await existingDestinations(client, dests)).filter((index) => !saved.includes(index));
  if (unsaved.length > 0) throw new Error(`${unsaved.join(', ')} appeared after the safety snapshot [${job.safety_snapshot?.snapshot}] was taken; nothing was closed or restored`);
  await closeForOverwrite(client, job, saved, checkpoint);
  return true;
};

/** Existing indices a restore overwrites, saved by the safety snapshot, are closed (a restore needs them closed). */
const closeForOverwrite = async (client: EsClient, job: StoredJob, indices: string[], checkpoint: () => Promise<void>) => {
  // Indices an earlier attempt closed and could not reopen stay on the list; this attempt's are not reopened yet.
  const stillClosed = job.reopened === false ? job.closed_indices ?? [] : [];
  job.closed_indices = [...new Set([...stillClosed, ...indices])].sort();
  job.reopened = false;
  // Recorded before closing: a Kibana that stops right after the close finds them on the job when it
  // resumes (the same attempt closes them again, which Elasticsearch accepts, and restores or reopens them).
  await checkpoint();
  await client.indices.close({ index: indices, expand_wildcards: 'all' } as never);
};

/**
 * Reopens what was closed for an overwrite, whatever the restore did: a closed .kibana leaves Kibana down.
 * Waits (up to 20 s, never failing on it) for each primary to be active, so "reopened" means readable;
 * 20 s keeps the request under Kibana's 30 s client timeout.
 */
const reopenClosed = async (client: EsClient, job: StoredJob) => {
  if (!job.closed_indices?.length || job.reopened) return;
  await client.indices.open({ index: job.closed_indices, expand_wildcards: 'all', wait_for_active_shards: '1', timeout: '20s' } as never);
  job.reopened = true;
};
