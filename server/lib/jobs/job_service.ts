/*
 * What the job routes do: plan and create reindex jobs (or only plan them, for a dry run), list and read
 * them, cancel, retry, rethrottle and delete. Every change goes through the repository's optimistic
 * concurrency, so it never overwrites the runner's (or another instance's) newer record.
 */
import crypto from 'node:crypto';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../../../common/constants';
import { reindexVersionVerdict } from '../../../common/lib/versions';
import {
  FINISHED_JOB_STATUSES,
  ItemError,
  Job,
  JobStatus,
  JobSummary,
  ReindexJobRequest,
  ReindexOptions,
  SnapshotRestoreJobRequest,
} from '../../../common/types/jobs';
import type { ContinuousState } from '../../../common/types/jobs';
import { errorStatus, EsClient, Logger } from '../es_client';
import { MigrationError, validationError } from '../migration_error';
import { devToolsText, reindexRequest } from '../reindex/launch';
import { planReindex } from '../reindex/plan';
import { DeferredSettings, restoreDeferredSettings } from '../reindex/prepare_destination';
import { CleanupPlan, cleanupPlan, deleteRestoredCopies, reindexCopiesIntoPlace } from '../snapshots/cleanup';
import { existingDestinations, planRestore, restoreRequests, writableSafetyRepository } from '../snapshots/restore_job';
import { destinationVersion } from '../preflight/versions_check';
import { destinationCapacity } from '../reindex/destination_capacity';
import { mapDirectSourceError, SourceService } from '../sources/source_service';
import { isFinishedItem, jobProgress, jobStatusFromItems, StoredJob, toPublicJob, toSummary } from '../job_record/job_record';
import { currentOwner } from '../owners';
import { JobRepository } from '../job_record/job_repository';
import { cancelFailed } from '../scheduler/job_runner';
import { assertCancellable, cancelContinuous, requestCutover, requestRollback } from '../continuous/actions';
import { continuousJobStatus, planContinuous } from '../continuous/continuous_job';

export const DEFAULT_OPTIONS: ReindexOptions = {
  concurrency: DEFAULT_CONCURRENCY,
  requests_per_second: -1,
  prepare_destination: true,
  conflicts: 'abort',
};

export type RetryMode = 'resume' | 'restart';

export interface JobServiceDeps {
  jobs: JobRepository;
  sources: SourceService;
  logger: Logger;
  /** Wakes the runner after a change. */
  kick: () => void;
  defaultConcurrency?: number;
}

const notFound = (id: string) =>
  new MigrationError('job_not_found', `Job [${id}] not found`, 404, {
    remedy: 'List the jobs (GET /api/migration_assistant/jobs) and use one of their ids.',
  });

export const validateOptions = (options: Partial<ReindexOptions> | undefined, defaultConcurrency: number): ReindexOptions => {
  const merged = { ...DEFAULT_OPTIONS, concurrency: defaultConcurrency, ...options };
  if (!Number.isInteger(merged.concurrency) || merged.concurrency < 1 || merged.concurrency > MAX_CONCURRENCY) {
    throw validationError('options.concurrency', `must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${merged.concurrency}`);
  }
  if (merged.requests_per_second !== -1 && !(merged.requests_per_second > 0)) {
    throw validationError('options.requests_per_second', 'must be greater than 0, or -1 for no throttle');
  }
  if (merged.batch_size !== undefined && (!Number.isInteger(merged.batch_size) || merged.batch_size < 1 || merged.batch_size > 10_000)) {
    throw validationError('options.batch_size', 'must be a whole number from 1 to 10000');
  }
  return merged;
};

export class JobService {
  constructor(private readonly deps: JobServiceDeps) {}

  async createReindexJob(
    request: ReindexJobRequest,
    destination: EsClient,
    { dryRun = false }: { dryRun?: boolean } = {}
  ): Promise<Job & { plan?: { requests: string[] } }> {
    const { continuous: continuousInput, ...plainOptions } = request.options ?? {};
    validateOptions(plainOptions, DEFAULT_CONCURRENCY);
    if (request.items.length === 0) throw validationError('items', 'must list at least one index, alias, data stream or pattern');
    // Saved credentials are usable by the source's owner only (a 403 for anyone else).
    const { client: source, connection } = await this.deps.sources.clientFor(request.source_id, destination);
    // What the user left out follows the destination's size: items at once, parts of a large index.
    const capacity = await destinationCapacity(destination);
    const options = validateOptions(plainOptions, this.deps.defaultConcurrency ?? capacity?.concurrency ?? DEFAULT_CONCURRENCY);
    let continuous: ContinuousState | undefined;
    const items = await (async () => {
      try {
        await this.checkVersions(source, destination);
        const planned = await planReindex(source, { request, options, skipConfirmation: dryRun, maxAutoParts: capacity?.maxParts });
        // A continuous job (issue 16): its change fields checked on the source, where its first pass starts.
        if (continuousInput) ({ options: options.continuous, state: continuous } = await planContinuous(source, planned, continuousInput));
        return planned;
      } catch (error) {
        throw mapDirectSourceError(error, connection.host);
      }
    })();
    const now = new Date().toISOString();
    const job: StoredJob = {
      id: crypto.randomUUID(),
      type: 'reindex',
      status: 'queued',
      source_id: request.source_id,
      owner: await currentOwner(destination),
      created_at: now,
      options,
      items,
      progress: jobProgress(items),
      ...(continuous ? { continuous } : {}),
    };
    if (dryRun) {
      return {
        ...toPublicJob(job),
        dry_run: true,
        plan: { requests: items.map((item) => devToolsText(reindexRequest(item, connection, options, { masked: true }))) },
      };
    }
    await this.deps.jobs.create(job);
    this.deps.kick();
    return toPublicJob(job);
  }

  private async checkVersions(source: EsClient, destination: EsClient): Promise<void> {
    const [from, to] = await Promise.all([source.info(), destination.nodes.info({ node_id: '_local', metric: '_none' })]);
    const destVersion = Object.values(to.nodes)[0]?.version ?? '';
    const verdict = reindexVersionVerdict(from.version.number, destVersion);
    if (!verdict.ok && verdict.reason === 'destination_older') {
      throw new MigrationError(
        'destination_older_than_source',
        `The destination runs Elasticsearch ${destVersion}, older than the source's ${from.version.number}`,
        400,
        { remedy: 'Migrate into a destination of the same or a newer version than the source.' }
      );
    }
  }

  async createSnapshotRestoreJob(
    request: SnapshotRestoreJobRequest,
    destination: EsClient,
    { dryRun = false }: { dryRun?: boolean } = {}
  ): Promise<Job & { plan?: { requests: string[] } }> {
    const items = await planRestore(destination, request, { skipConfirmation: dryRun });
    const { type: _type, ...restore } = request;
    if (dryRun) {
      const overwritten = request.overwrite_existing ? await existingDestinations(destination, items.map((item) => item.dest)) : [];
      return {
        id: 'dry-run',
        type: 'snapshot_restore',
        status: 'queued',
        created_at: new Date().toISOString(),
        options: { ...DEFAULT_OPTIONS, concurrency: items.length },
        restore: { ...restore, confirmation: undefined },
        items,
        progress: jobProgress(items),
        dry_run: true,
        plan: { requests: restoreRequests(restore, overwritten) },
      };
    }
    const job: StoredJob = {
      id: crypto.randomUUID(),
      type: 'snapshot_restore',
      status: 'queued',
      owner: await currentOwner(destination),
      created_at: new Date().toISOString(),
      options: { ...DEFAULT_OPTIONS, concurrency: items.length },
      restore,
      items,
      progress: jobProgress(items),
    };
    await this.deps.jobs.create(job);
    this.deps.kick();
    return toPublicJob(job);
  }

  async get(id: string): Promise<Job> {
    const found = await this.deps.jobs.get(id);
    if (!found) throw notFound(id);
    return toPublicJob(found.value);
  }

  async list(query: { status?: JobStatus; page?: number; per_page?: number }): Promise<{ total: number; jobs: JobSummary[] }> {
    const perPage = query.per_page ?? 20;
    const page = query.page ?? 1;
    const { total, docs } = await this.deps.jobs.list({
      statuses: query.status ? [query.status] : undefined,
      from: (page - 1) * perPage,
      size: perPage,
    });
    return { total, jobs: docs.map((doc) => toSummary(doc.value)) };
  }

  /**
   * Cancels a job or one item. Queued items are cancelled at once (the runner's optimistic write loses
   * against this one, so it launches nothing for them). For a running item Elasticsearch is asked to
   * cancel its task, and the item turns cancelled when the task ends cancelled; an item whose launch is
   * under way is cancelled by the runner, which finds its task by tag. What Elasticsearch refuses stays
   * running, with the refusal on the item.
   */
  async cancel(id: string, destination: EsClient, itemId?: string): Promise<Job> {
    const found = await this.deps.jobs.get(id);
    if (!found) throw notFound(id);
    if (FINISHED_JOB_STATUSES.includes(found.value.status)) {
      throw new MigrationError('job_finished', `Job [${id}] has already ${found.value.status}`, 409);
    }
    if (!itemId) assertCancellable(found.value);
    const targets = found.value.items.filter((item) => (itemId ? item.id === itemId : true) && !isFinishedItem(item));
    if (itemId && targets.length === 0) {
      throw new MigrationError('job_finished', `Item [${itemId}] of job [${id}] is not running or queued`, 409);
    }
    const refused = new Map<string, ItemError>();
    const asked = new Set<string>();
    for (const item of targets) {
      if (item.task_id && item.status === 'running') {
        try {
          await destination.tasks.cancel({ task_id: item.task_id });
          asked.add(item.id);
        } catch (error) {
          if (errorStatus(error) === 404) asked.add(item.id);
          else refused.set(item.id, cancelFailed(item.task_id, error));
        }
      }
    }
    const ids = new Set(targets.map((item) => item.id));
    const updated = await this.deps.jobs.update(id, (job) => {
      for (const item of job.items) {
        if (!ids.has(item.id) || isFinishedItem(item)) continue;
        const refusal = refused.get(item.id);
        if (refusal) {
          item.error = refusal;
        } else if (item.status === 'queued') {
          item.status = 'cancelled';
          item.finished_at = new Date().toISOString();
        } else if (!asked.has(item.id)) {
          // Preparing (or running without a recorded task): the runner cancels what it finds.
          item.cancel_requested = true;
        }
      }
      job.progress = jobProgress(job.items);
      if (!itemId) cancelContinuous(job);
      // A paused job cancelled whole has nothing left to wait for.
      if (job.items.every(isFinishedItem)) {
        job.status = continuousJobStatus(job, jobStatusFromItems(job.items, job.status));
        job.finished_at = new Date().toISOString();
      }
      return job;
    });
    if (!updated) throw notFound(id);
    this.deps.kick();
    return toPublicJob(updated);
  }

  /**
   * Retries failed or cancelled items. `resume` keeps what was copied; `restart` deletes the destination
   * and copies it again, so it applies to every part writing into that destination, and only to a
   * destination this job created (one that existed before holds documents the job must not delete).
   */
  async retry(id: string, mode: RetryMode, itemIds?: string[]): Promise<Job> {
    const found = await this.deps.jobs.get(id);
    if (!found) throw notFound(id);
    const retryable = found.value.items.filter(
      (item) => (item.status === 'failed' || item.status === 'cancelled') && (!itemIds || itemIds.includes(item.id))
    );
    if (retryable.length === 0 && found.value.status !== 'paused') {
      throw new MigrationError('job_not_finished', `Job [${id}] has no failed or cancelled item to retry`, 409);
    }
    const ids = new Set(retryable.map((item) => item.id));
    if (mode === 'restart') {
      const destinations = new Set(retryable.map((item) => item.dest));
      for (const dest of destinations) {
        const group = found.value.items.filter((item) => item.dest === dest);
        if (!group.some((item) => item.created_dest)) {
          throw new MigrationError('restart_refused', `[${dest}] existed before this job: starting over would delete documents the job did not write`, 409, {
            field: 'mode',
            remedy: 'Retry with mode "resume": documents already there are kept and only the missing ones are copied.',
          });
        }
        const unfinished = group.filter((item) => !isFinishedItem(item));
        if (unfinished.length > 0) {
          throw new MigrationError('job_not_finished', `[${dest}] is still being written by ${unfinished.length} part(s) of this job`, 409, {
            remedy: 'Wait for them to end (or cancel them), then start the destination over.',
          });
        }
        for (const item of group) ids.add(item.id);
      }
    }
    const updated = await this.deps.jobs.update(id, (job) => {
      for (const item of job.items) {
        if (!ids.has(item.id)) continue;
        item.status = 'queued';
        item.error = undefined;
        item.task_id = undefined;
        item.finished_at = undefined;
        item.dest_count = undefined;
        item.cancel_requested = false;
        item.resume = mode === 'resume';
        item.restart = mode === 'restart';
        item.progress = { total: 0, created: 0, updated: 0, version_conflicts: 0, failures: 0 };
      }
      // A paused job (waiting for a secret) carries the reason on its queued items.
      for (const item of job.items) if (item.status === 'queued') item.error = undefined;
      job.status = 'queued';
      job.finished_at = undefined;
      job.progress = jobProgress(job.items);
      return job;
    });
    if (!updated) throw notFound(id);
    this.deps.kick();
    return toPublicJob(updated);
  }

  async rethrottle(id: string, requestsPerSecond: number, destination: EsClient): Promise<Job> {
    if (requestsPerSecond !== -1 && !(requestsPerSecond > 0)) {
      throw validationError('requests_per_second', 'must be greater than 0, or -1 for no throttle');
    }
    const found = await this.deps.jobs.get(id);
    if (!found) throw notFound(id);
    for (const item of found.value.items) {
      if (item.status === 'running' && item.task_id) {
        await destination.reindexRethrottle({ task_id: item.task_id, requests_per_second: requestsPerSecond });
      }
    }
    const updated = await this.deps.jobs.update(id, (job) => {
      job.options.requests_per_second = requestsPerSecond;
      return job;
    });
    if (!updated) throw notFound(id);
    return toPublicJob(updated);
  }

  /** The restored_* copies of internal indices this restore job left, for seed 000's last step. */
  async cleanupPlan(id: string, destination: EsClient): Promise<CleanupPlan> {
    const found = await this.deps.jobs.get(id);
    if (!found) throw notFound(id);
    return cleanupPlan(found.value, destination);
  }

  async cleanup(id: string, indices: string[], destination: EsClient, verified: boolean): Promise<CleanupPlan> {
    const found = await this.deps.jobs.get(id);
    if (!found) throw notFound(id);
    const deleted = await deleteRestoredCopies(found.value, destination, indices, verified);
    this.deps.logger.info(`Migration job ${id}: deleted the restored copies ${deleted.indices.join(', ')}`);
    return deleted;
  }

  async reindexIntoPlace(id: string, request: { safety_repository?: string; confirmation?: string }, destination: EsClient) {
    const found = await this.deps.jobs.get(id);
    if (!found) throw notFound(id);
    const result = await reindexCopiesIntoPlace(found.value, destination, request, {
      version: await destinationVersion(destination),
      checkSafetyRepository: (name) => writableSafetyRepository(destination, name, 'reindex copies into the live indices'),
      record: async (state) => {
        await this.deps.jobs.update(id, (job) => ({ ...job, into_place: structuredClone(state) }));
      },
    });
    this.deps.logger.info(`Migration job ${id}: reindexed ${result.results.map((r) => `${r.from} → ${r.to}`).join(', ')}`);
    return result;
  }

  /** Cuts a continuous job over (typed confirmation): recorded here, carried out step by step by the runner. */
  async cutover(id: string, confirmation: string | undefined): Promise<Job> {
    const found = await this.deps.jobs.get(id);
    if (!found) throw notFound(id);
    requestCutover(structuredClone(found.value), confirmation);
    const updated = await this.deps.jobs.update(id, (job) => requestCutover(job, confirmation));
    if (!updated) throw notFound(id);
    this.deps.logger.info(`Migration job ${id}: cutover requested`);
    this.deps.kick();
    return toPublicJob(updated);
  }

  /** Rolls a continuous job's cutover back (until the aliases moved): the runner lifts the write blocks it added. */
  async rollback(id: string): Promise<Job> {
    const found = await this.deps.jobs.get(id);
    if (!found) throw notFound(id);
    requestRollback(structuredClone(found.value));
    const updated = await this.deps.jobs.update(id, (job) => requestRollback(job));
    if (!updated) throw notFound(id);
    this.deps.logger.info(`Migration job ${id}: rollback requested`);
    this.deps.kick();
    return toPublicJob(updated);
  }

  async delete(id: string, destination: EsClient): Promise<void> {
    const found = await this.deps.jobs.get(id);
    if (!found) throw notFound(id);
    if (!FINISHED_JOB_STATUSES.includes(found.value.status)) {
      throw new MigrationError('job_not_finished', `Job [${id}] is ${found.value.status}; cancel it before deleting it`, 409, {
        remedy: `POST /api/migration_assistant/jobs/${id}/_cancel, then delete it.`,
      });
    }
    // Settings still held back (replicas 0, refresh off) go back before the record that knows them goes.
    for (const item of found.value.items.filter((held) => held.deferred_settings)) {
      await restoreDeferredSettings(undefined, destination, item.dest, item.deferred_settings as DeferredSettings, { bestEffort: true }).catch((error: unknown) => {
        if (errorStatus(error) !== 404) throw error;
      });
    }
    await this.deps.jobs.delete(id);
  }
}
