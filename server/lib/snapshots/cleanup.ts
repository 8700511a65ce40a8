/*
 * Seed 000's last step: once the migration is verified, delete the restored_* copies of internal indices
 * that a snapshot restore left for inspection. Exactly the listed copies, never a live index; the
 * snapshot they came from still holds them.
 */
import type { StoredJob } from '../job_record/job_record';
import type { IntoPlaceState } from '../../../common/types/jobs';
import { EsClient } from '../es_client';
import { majorVersion } from '../../../common/lib/versions';
import { MigrationError } from '../migration_error';
import { existingDestinations, followSafetySnapshot, SafetySnapshot, safetySnapshotName, startSafetySnapshot } from './restore_job';
import { INTERNAL_INDEX } from '../../../common/lib/snapshot_compat';


export interface CleanupPlan {
  indices: string[];
  /** Where the copies can be restored from again. */
  snapshot?: { repository: string; snapshot: string };
}

export const cleanupPlan = async (job: StoredJob, client: EsClient): Promise<CleanupPlan> => {
  if (job.type !== 'snapshot_restore' || !job.restore) return { indices: [] };
  const copies = job.items
    .filter((item) => item.status === 'completed' && INTERNAL_INDEX.test(item.source) && item.dest !== item.source && !item.feature_state)
    .map((item) => item.dest);
  if (copies.length === 0) return { indices: [] };
  return {
    indices: await existingDestinations(client, copies),
    snapshot: { repository: job.restore.repository, snapshot: job.restore.snapshot },
  };
};

export const deleteRestoredCopies = async (
  job: StoredJob,
  client: EsClient,
  confirmed: string[],
  verified: boolean
): Promise<CleanupPlan> => {
  if (!verified) {
    throw new MigrationError('job_not_finished', `Job [${job.id}] has no completed verification yet`, 409, {
      remedy: `Verify the migration first (POST /api/migration_assistant/verifications { "job_id": "${job.id}" }), check the report, then delete the copies.`,
    });
  }
  const plan = await cleanupPlan(job, client);
  const same = confirmed.length === plan.indices.length && [...confirmed].sort().every((name, i) => name === plan.indices[i]);
  if (!same) {
    throw new MigrationError('validation_failed', `[indices]: must list exactly the copies to delete: ${plan.indices.join(', ') || 'none are left'}`, 400, {
      field: 'indices',
      remedy: `GET /api/migration_assistant/jobs/${job.id}/cleanup lists them; send that list unchanged.`,
    });
  }
  if (plan.indices.length > 0) await client.indices.delete({ index: plan.indices, expand_wildcards: 'all' } as never);
  return plan;
};

/** Where a restored copy of an internal index goes back: its live alias when there is one, or its own name. */
const liveTarget = async (client: EsClient, source: string): Promise<string> => {
  const alias = source.startsWith('.security') ? '.security' : '.kibana';
  const exists = await client.indices.existsAlias({ name: alias, expand_wildcards: 'all' } as never).catch(() => false);
  return exists ? alias : source;
};

export interface IntoPlaceResult {
  from: string;
  to: string;
  created: number;
  updated: number;
}

export interface IntoPlaceDeps {
  version: string;
  checkSafetyRepository: (name: string | undefined) => Promise<void>;
  /** Persists the step reached on the job (before any wait), so a restarted Kibana re-attaches to it. */
  record: (state: IntoPlaceState) => Promise<void>;
  /** How long one call follows the snapshot and the tasks before answering "running" (default 20 s). */
  waitMs?: number;
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Seed 000's "reindex the restored copy into the internal index": on 7.x only. 8.x and later refuse
 * writes to system indices (even for a superuser), so nothing is written there and the copies stay for
 * the verification and saved-objects steps. The live indices are saved to the safety repository first.
 * Nothing waits inside Elasticsearch: the safety snapshot and each reindex run as their own task, recorded
 * on the job before they are followed, each request short (Kibana's client gives up after 30 s). A call
 * follows them for up to `waitMs` and answers status "running" if they go on: the same call again (or
 * after a restart) re-attaches to the recorded snapshot and tasks, and never starts them twice.
 */
export const reindexCopiesIntoPlace = async (
  job: StoredJob,
  client: EsClient,
  request: { safety_repository?: string; confirmation?: string },
  deps: IntoPlaceDeps
): Promise<{ status: IntoPlaceState['status']; results: IntoPlaceResult[]; safety_snapshot?: SafetySnapshot }> => {
  const resumed = job.into_place?.status === 'running' ? job.into_place : undefined;
  const { indices } = await cleanupPlan(job, client);
  if (indices.length === 0 && !resumed) {
    throw new MigrationError('validation_failed', `Job [${job.id}] left no restored copy of an internal index`, 400, {
      remedy: 'Restore .kibana* or .security* under new names (rename_pattern, include_aliases: false) first.',
    });
  }
  if (majorVersion(deps.version) >= 8) {
    throw new MigrationError('system_index_write_refused', `Elasticsearch ${deps.version} refuses writes to system indices such as .kibana and .security, even for a superuser`, 409, {
      remedy:
        'Nothing was written. The restored copies stay for the verification report. To bring them into the live indices, restore the "kibana" / "security" feature state from a snapshot that lists it (sources from 7.12 on), or move saved objects with Kibana\'s export and import.',
    });
  }
  const pairs =
    resumed?.pairs.map(({ from, to }) => ({ from, to })) ??
    (await Promise.all(
      job.items
        .filter((item) => indices.includes(item.dest))
        .map(async (item) => ({ from: item.dest, to: await liveTarget(client, item.source) }))
    ));
  await deps.checkSafetyRepository(request.safety_repository);
  const expected = `reindex into ${pairs.map((pair) => pair.to).join(', ')}`;
  if (request.confirmation !== expected) {
    throw new MigrationError('validation_failed', `[confirmation]: type "${expected}" to confirm that documents of the copies overwrite those of the same id in the live indices`, 400, {
      field: 'confirmation',
      confirmation: expected,
    });
  }
  const state: IntoPlaceState = resumed ?? { status: 'running', pairs: pairs.map((pair) => ({ ...pair, status: 'queued', created: 0, updated: 0 })) };
  const deadline = Date.now() + (deps.waitMs ?? 20_000);
  const pollMs = deps.pollMs ?? 500;
  const answer = () => ({
    status: state.status,
    results: state.pairs.filter((pair) => pair.status === 'completed').map(({ from, to, created, updated }) => ({ from, to, created, updated })),
    safety_snapshot: state.safety_snapshot,
  });

  if (!resumed) {
    const live = await existingDestinations(client, pairs.map((pair) => pair.to));
    if (live.length > 0) state.safety_snapshot = { repository: request.safety_repository ?? '', snapshot: safetySnapshotName(job.id), state: 'IN_PROGRESS', indices: live };
    await deps.record(state);
    if (state.safety_snapshot) await startSafetySnapshot(client, state.safety_snapshot, { indices: live });
  }
  const safety = state.safety_snapshot;
  if (safety) {
    while (safety.state === 'IN_PROGRESS') {
      safety.state = (await followSafetySnapshot(client, safety, { indices: safety.indices })).state;
      if (safety.state !== 'IN_PROGRESS') break;
      if (Date.now() >= deadline) {
        await deps.record(state);
        return answer();
      }
      await sleep(pollMs);
    }
    if (safety.state !== 'SUCCESS') {
      state.status = 'failed';
      await deps.record(state);
      throw new MigrationError('elasticsearch_error', `The safety snapshot ended ${safety.state}; nothing was written`, 409, {
        remedy: `Check repository [${safety.repository}] (POST /api/migration_assistant/repositories/${safety.repository}/_verify) and try again.`,
      });
    }
  }
  for (const pair of state.pairs) {
    if (pair.status === 'queued') {
      const started = (await client.reindex({ source: { index: pair.from }, dest: { index: pair.to }, refresh: true, wait_for_completion: false } as never)) as { task?: string };
      pair.task_id = String(started.task);
      pair.status = 'running';
      await deps.record(state);
    }
    while (pair.status === 'running') {
      const task = (await client.tasks.get({ task_id: pair.task_id ?? '' })) as {
        completed: boolean;
        error?: { reason?: string };
        response?: { created?: number; updated?: number; failures?: Array<{ cause?: { reason?: string } }> };
      };
      if (task.completed) {
        const failure = task.error?.reason ?? task.response?.failures?.[0]?.cause?.reason;
        pair.created = task.response?.created ?? 0;
        pair.updated = task.response?.updated ?? 0;
        pair.status = failure ? 'failed' : 'completed';
        if (failure) pair.error = failure;
        break;
      }
      if (Date.now() >= deadline) {
        await deps.record(state);
        return answer();
      }
      await sleep(pollMs);
    }
  }
  const failed = state.pairs.find((pair) => pair.status === 'failed');
  state.status = failed ? 'failed' : 'completed';
  await deps.record(state);
  if (failed) {
    throw new MigrationError('elasticsearch_error', `Reindexing [${failed.from}] into [${failed.to}] failed: ${failed.error}`, 409, {
      remedy: `The live indices are saved in ${safety ? `[${safety.repository}/${safety.snapshot}]` : 'no safety snapshot (none existed)'}; fix the cause and call this again.`,
    });
  }
  return answer();
};
