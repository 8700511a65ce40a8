/*
 * Seed 000's last step: once the migration is verified, delete the restored_* copies of internal indices
 * that a snapshot restore left for inspection. Exactly the listed copies, never a live index; the
 * snapshot they came from still holds them.
 */
import type { StoredJob } from '../jobs/job_record';
import { EsClient } from '../es_client';
import { MigrationError } from '../migration_error';

const INTERNAL_INDEX = /^\.(kibana|security)/;

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
  const existing = await client.indices.get({ index: copies, ignore_unavailable: true, allow_no_indices: true, expand_wildcards: 'all' } as never);
  return {
    indices: Object.keys(existing as Record<string, unknown>).sort(),
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
