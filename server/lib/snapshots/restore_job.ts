/*
 * Snapshot restore jobs: planned from the snapshot (indices, names after the rename, clashes with open
 * indices caught before anything runs), started with one restore request, followed through the shard
 * recoveries of type SNAPSHOT, completed when every restored index is green or yellow.
 */
import crypto from 'node:crypto';
import { applyRename, indexNameProblem } from '../../../common/lib/rename';
import type { JobItem, SnapshotRestoreJobRequest } from '../../../common/types/jobs';
import { EsClient, isResponseError } from '../es_client';
import { MigrationError, validationError } from '../migration_error';
import type { StoredJob } from '../jobs/job_record';
import { listSnapshots } from './snapshots';

const INTERNAL_INDEX = /^\.(kibana|security)/;

export const planRestore = async (client: EsClient, request: SnapshotRestoreJobRequest): Promise<JobItem[]> => {
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
  const missing = request.indices.filter((index) => !snapshot.indices.includes(index));
  if (missing.length > 0) throw validationError('indices', `not in the snapshot: ${missing.join(', ')}`);
  const rule = request.rename_pattern ? { pattern: request.rename_pattern, replacement: request.rename_replacement ?? '' } : undefined;
  const items = request.indices.map((index) => ({ index, dest: applyRename(index, rule) }));
  for (const { index, dest } of items) {
    const problem = indexNameProblem(dest.startsWith('.') ? dest.slice(1) : dest);
    if (problem) throw validationError('rename_replacement', `[${index}] would be restored as [${dest}], which ${problem}`);
    // A renamed copy of .kibana/.security joining the live aliases makes Kibana inaccessible (facts, section 4).
    if (INTERNAL_INDEX.test(index) && (dest === index || request.include_aliases !== false)) {
      throw validationError(
        'include_aliases',
        `[${index}] is an internal index: restore it under a new name (rename_pattern / rename_replacement) with include_aliases: false, so the copy never joins the live .kibana or .security alias`
      );
    }
  }
  const dests = items.map((item) => item.dest);
  const existing = await client.indices.get({ index: dests, ignore_unavailable: true, allow_no_indices: true, expand_wildcards: 'all' } as never);
  const clashes = Object.entries(existing as Record<string, { settings?: { index?: { verified_before_close?: string } } }>).map(([name]) => name);
  if (clashes.length > 0) {
    throw new MigrationError('destination_index_exists', `These indices already exist on the destination: ${clashes.join(', ')}`, 409, {
      field: 'rename_replacement',
      remedy: 'Restore under other names (a rename such as "(.+)" → "restored_$1"), or close and overwrite them after taking a snapshot of them.',
    });
  }
  return items.map(({ index, dest }) => ({
    id: crypto.randomUUID(),
    source: index,
    dest,
    status: 'queued',
    attempts: 0,
    progress: { total: 0, created: 0, updated: 0, version_conflicts: 0, failures: 0 },
  }));
};

interface ShardRecovery {
  type: string;
  stage: string;
  primary: boolean;
  index?: { size?: { percent?: string; total_in_bytes?: number; recovered_in_bytes?: number } };
}

/** One step of a restore job: start it, or record recovery progress and finish restored indices. */
export const advanceRestoreJob = async (job: StoredJob, client: EsClient): Promise<void> => {
  const restore = job.restore;
  if (!restore) return;
  if (job.items.every((item) => item.status === 'queued')) {
    try {
      await client.snapshot.restore({
        repository: restore.repository,
        snapshot: restore.snapshot,
        indices: restore.indices,
        ...(restore.rename_pattern ? { rename_pattern: restore.rename_pattern, rename_replacement: restore.rename_replacement ?? '' } : {}),
        include_aliases: restore.include_aliases ?? true,
        include_global_state: false,
        partial: restore.partial ?? false,
        ...(restore.index_settings ? { index_settings: restore.index_settings } : {}),
        ...(restore.ignore_index_settings ? { ignore_index_settings: restore.ignore_index_settings } : {}),
        wait_for_completion: false,
      } as never);
      const now = new Date().toISOString();
      for (const item of job.items) {
        item.status = 'running';
        item.attempts += 1;
        item.started_at = now;
      }
    } catch (error) {
      const cause = isResponseError(error) && typeof error.body?.error === 'object' ? error.body.error : { type: 'error', reason: (error as Error).message };
      for (const item of job.items) {
        item.status = 'failed';
        item.error = { type: 'elasticsearch_error', reason: cause.reason ?? String(cause.type) };
        item.finished_at = new Date().toISOString();
      }
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
    const { count } = await client.count({ index: item.dest });
    item.dest_count = count;
    item.progress = { ...item.progress, total: count, created: count };
    item.status = 'completed';
    item.finished_at = new Date().toISOString();
  }
};
