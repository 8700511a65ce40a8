/*
 * Jobs in the state index: read, write with optimistic concurrency, and the time-limited lease that lets
 * only one Kibana instance advance a job at a time.
 */
import { FINISHED_JOB_STATUSES, JobStatus } from '../../../common/types/jobs';
import { ConcurrentUpdateError, StateIndex, Versioned } from './state_index';
import type { StoredJob } from './job_record';

export type VersionedJob = Versioned<StoredJob>;

const MAX_UPDATE_ATTEMPTS = 8;

export class JobRepository {
  constructor(private readonly state: StateIndex) {}

  async get(id: string): Promise<(VersionedJob & { leaseOwner?: string; leaseExpiresAt?: number }) | undefined> {
    const found = await this.state.get<StoredJob>('job', id);
    if (!found) return undefined;
    return { ...found, leaseOwner: found.meta.lease_owner, leaseExpiresAt: found.meta.lease_expires_at };
  }

  async create(job: StoredJob): Promise<VersionedJob> {
    return this.state.put('job', job.id, job, { status: job.status, created_at: job.created_at });
  }

  /** Writes `job` if nobody changed it since `version` was read; throws ConcurrentUpdateError otherwise. */
  async save(job: StoredJob, version: Pick<VersionedJob, 'seqNo' | 'primaryTerm'>, lease?: { owner: string; expiresAt: number }): Promise<VersionedJob> {
    const finished = FINISHED_JOB_STATUSES.includes(job.status);
    return this.state.put(
      'job',
      job.id,
      job,
      {
        status: job.status,
        created_at: job.created_at,
        // A finished job needs no lease: release it.
        // An expired lease (expiresAt 0) is a lease given up: anyone may take the job at once.
        ...(lease && !finished && lease.expiresAt > 0 ? { lease_owner: lease.owner, lease_expires_at: lease.expiresAt } : {}),
      },
      version
    );
  }

  /** Read-modify-write, retried when another writer (a runner, another route) got there first. */
  async update(id: string, change: (job: StoredJob) => StoredJob): Promise<StoredJob | undefined> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const current = await this.get(id);
      if (!current) return undefined;
      const next = change(structuredClone(current.value));
      try {
        const lease =
          current.leaseOwner && current.leaseExpiresAt ? { owner: current.leaseOwner, expiresAt: current.leaseExpiresAt } : undefined;
        await this.save(next, current, lease);
        return next;
      } catch (error) {
        if (!(error instanceof ConcurrentUpdateError)) throw error;
      }
    }
    throw new ConcurrentUpdateError(`job ${id} kept changing; try again`);
  }

  /** Takes or renews the lease; undefined when another live instance holds it or the race was lost. */
  async acquireLease(id: string, owner: string, leaseMs: number): Promise<VersionedJob | undefined> {
    const current = await this.get(id);
    if (!current) return undefined;
    const now = Date.now();
    if (current.leaseOwner && current.leaseOwner !== owner && (current.leaseExpiresAt ?? 0) > now) return undefined;
    try {
      return await this.save(current.value, current, { owner, expiresAt: now + leaseMs });
    } catch (error) {
      if (error instanceof ConcurrentUpdateError) return undefined;
      throw error;
    }
  }

  async list(options: { statuses?: JobStatus[]; from?: number; size?: number } = {}) {
    return this.state.search<StoredJob>('job', options);
  }

  async delete(id: string): Promise<boolean> {
    return this.state.delete('job', id);
  }
}
