/*
 * The runner: every poll interval it takes the lease on each active job, reads the running reindex tasks
 * with one `GET _tasks` request per destination client (so each job sees them as its own user), records
 * progress, finishes completed items (settings back, refresh, count check) and launches queued items up
 * to the job's concurrency. Elasticsearch does the work; the runner only launches, polls and records.
 *
 * Polling is adaptive: while tasks run, a fast poll every FAST_POLL_MS sends one request per destination
 * client (the `_tasks` listing) and nothing else; only a job whose task left the listing (it ended) is
 * advanced at once, so an item's end is noticed within about that interval. The full pass (state index,
 * leases, progress, launches) runs every poll interval or when a route kicks the runner. Polls never wait
 * for the advances they start; a job is advanced by one advance at a time (another follows if needed).
 *
 * Nothing is launched twice: every task carries a tag (`X-Opaque-Id: migration-assistant;<job>;<item>;
 * <attempt>`), recorded on the item before the launch. Elasticsearch keeps the tag with the running task
 * and its stored result in `.tasks`, so a Kibana that stopped between launching and recording adopts the
 * task by its tag, running or finished, and launches only when Elasticsearch never received it.
 */
import { addSample } from '../../../common/lib/progress';
import { FINISHED_JOB_STATUSES, ItemError } from '../../../common/types/jobs';
import { EsClient, errorStatus, errorType, isResponseError, Logger } from '../es_client';
import { isMigrationError } from '../migration_error';
import { smallerBatchSize } from '../reindex/batch_size';
import { partitionQuery, reindexRequest } from '../reindex/launch';
import { copyAliases, createDestinationIndex, destinationDefinition, readSourceIndex, restoreDeferredSettings } from '../reindex/prepare_destination';
import { EsErrorCause, isRetryable, mapRemoteError } from '../reindex/remote_errors';
import { advanceRestoreJob } from '../snapshots/restore_job';
import { advanceContinuousJob, continuousJobStatus } from '../continuous/continuous_job';
import type { ContinuousFaultPoint } from '../continuous/cutover';
import { mapDirectSourceError, SourceService } from '../sources/source_service';
import { isFinishedItem, jobProgress, jobStatusFromItems, StoredItem, StoredJob } from '../job_record/job_record';
import { JobRepository, VersionedJob } from '../job_record/job_repository';
import { ConcurrentUpdateError } from '../job_record/state_index';

export interface JobRunnerDeps {
  jobs: JobRepository;
  sources: SourceService;
  /** The destination client to act for this job with (the creating user's, or Kibana's own). */
  destinationFor: (jobId: string) => Promise<EsClient> | EsClient;
  /** A job reached a final status (its credential can go). */
  onJobFinished?: (jobId: string) => Promise<void>;
  logger: Logger;
  instanceId: string;
  pollIntervalMs: number;
  /** Attempts per item before a retryable error (chunk too large, remote timeout) fails it. */
  maxAttempts?: number;
  /**
   * Called at the moments a fault hurts most (fault suite only: it kills or holds the process there);
   * never set in Kibana.
   */
  faultPoint?: (point: FaultPoint, item: StoredItem) => void | Promise<void>;
  /** Told of each pass as it starts (tests and the benchmark count Elasticsearch requests per poll); never set in Kibana. */
  onPass?: (kind: 'full' | 'fast') => void;
}

export type FaultPoint = 'launch:recorded' | 'launch:prepared' | 'launch:sent' | 'follow:progress' | 'finish:settings' | 'finish:recorded' | ContinuousFaultPoint;

interface TaskStatus {
  total?: number;
  created?: number;
  updated?: number;
  version_conflicts?: number;
}

interface TaskInfo {
  description?: string;
  start_time_in_millis?: number;
  running_time_in_nanos?: number;
  status?: TaskStatus;
  headers?: Record<string, string>;
}

type TaskListing = Map<string, TaskInfo>;

const TAG_PREFIX = 'migration-assistant';
/** The tag of one launch of an item; Elasticsearch keeps it with the task (headers) and its result. */
export const launchTag = (jobId: string, itemId: string, attempt: number): string => `${TAG_PREFIX};${jobId};${itemId};${attempt}`;

const DEFAULT_MAX_ATTEMPTS = 6;
/** The fast poll's interval while tasks run: an item's end is noticed within about this long. */
export const FAST_POLL_MS = 200;
/** Time after a launch by which a finished task's stored result is searchable in .tasks (refreshed every second). */
const STORED_RESULT_VISIBLE_MS = 5_000;

class LostLease extends Error {}

/** The job's source client, asked of the source service at most once per pass. */
type SourceClientOnce = () => ReturnType<SourceService['client']>;

/** What a fast poll needs of a job this instance advanced last: whom to ask and which tasks to look for. */
interface FollowedJob {
  client: EsClient;
  /** The running tasks, each with the tag it was launched with. */
  tasks: Array<{ id: string; tag?: string }>;
  /** The record as this instance last wrote it, under a lease that runs until leaseExpiresAt. */
  version: VersionedJob;
  leaseExpiresAt: number;
}

export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = true;
  /** A route changed a job while a pass ran: the next pass is a full one, at once. */
  private kicked = false;
  private lastFullPassAt = 0;
  /** Jobs with running tasks, by id, as this instance last advanced them. */
  private readonly followed = new Map<string, FollowedJob>();
  /** Jobs being advanced now (one advance per job at a time), and those to advance again right after. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  /** When a poll first saw each ended task gone from the listing (an item's end_noticed_ms). */
  private readonly endSeenAt = new Map<string, number>();

  constructor(private readonly deps: JobRunnerDeps) {}

  private async fault(point: FaultPoint, item: StoredItem): Promise<void> {
    await this.deps.faultPoint?.(point, item);
  }

  private get leaseMs(): number {
    return Math.max(30_000, this.deps.pollIntervalMs * 5);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
    while (this.inFlight.size > 0) await Promise.all(this.inFlight.values());
  }

  /** Advance now (a route just created or changed a job). */
  kick(): void {
    if (this.stopped) return;
    this.kicked = true;
    if (!this.current) this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.current = this.tick()
        .catch((error: Error) => this.deps.logger.warn(`Migration job runner: ${error.message}`))
        .finally(() => {
          this.current = undefined;
          if (!this.stopped) this.schedule(this.nextDelay());
        });
    }, delay);
  }

  private nextDelay(): number {
    if (this.kicked) return 0;
    // Nothing running and nothing being advanced (an advance may be launching tasks): the slow rhythm.
    if (this.followed.size === 0 && this.inFlight.size === 0) return this.deps.pollIntervalMs;
    return Math.min(FAST_POLL_MS, Math.max(0, this.lastFullPassAt + this.deps.pollIntervalMs - Date.now()));
  }

  /** A full pass when one is due (or kicked), else a fast poll; either starts the advances it needs and returns. */
  async tick(): Promise<void> {
    if (this.kicked || Date.now() - this.lastFullPassAt >= this.deps.pollIntervalMs) {
      await this.fullPass();
    } else {
      await this.fastPoll();
    }
  }

  /** One pass over every active job. */
  private async fullPass(): Promise<void> {
    this.deps.onPass?.('full');
    this.kicked = false;
    this.lastFullPassAt = Date.now();
    const { docs } = await this.deps.jobs.list({ statuses: ['queued', 'running'], size: 100 });
    const active = new Set(docs.map((doc) => doc.id));
    for (const id of this.followed.keys()) if (!active.has(id)) this.followed.delete(id);
    // One task listing per destination client in this pass: jobs acting as the same user share it.
    const listings = new Map<EsClient, Promise<TaskListing>>();
    // Not awaited either: fast polls go on while jobs advance (each job by one advance at a time).
    for (const doc of docs) void this.advanceOnce(doc.id, listings);
  }

  /**
   * One `_tasks` listing per destination client, nothing else, unless a followed task has left the
   * listing: its job is advanced at once (the item finished, failed or was cancelled).
   */
  private async fastPoll(): Promise<void> {
    this.deps.onPass?.('fast');
    const listings = new Map<EsClient, Promise<TaskListing>>();
    for (const [jobId, followed] of this.followed) {
      const tasks = await this.tasksOf(followed.client, listings);
      const ended = followed.tasks.filter(({ id, tag }) => !isOurTask(tasks.get(id), tag) && !this.endSeenAt.has(id));
      if (ended.length === 0) continue;
      for (const { id } of ended) this.endSeenAt.set(id, Date.now());
      // Not awaited: the next poll comes on time while this job's ended items are checked and replaced.
      void this.advanceOnce(jobId, listings, { fromLastWrite: true });
    }
  }

  /** Advances the job unless it is being advanced: then once more right after. */
  private advanceOnce(jobId: string, listings: Map<EsClient, Promise<TaskListing>>, options: { fromLastWrite?: boolean } = {}): Promise<void> {
    const running = this.inFlight.get(jobId);
    if (running) {
      this.again.add(jobId);
      return running;
    }
    const work = this.advanceSafely(jobId, listings, options)
      .finally(() => this.inFlight.delete(jobId))
      .then(() => (this.again.delete(jobId) && !this.stopped ? this.advanceOnce(jobId, new Map(), { fromLastWrite: true }) : undefined));
    this.inFlight.set(jobId, work);
    return work;
  }

  private async advanceSafely(jobId: string, listings: Map<EsClient, Promise<TaskListing>>, options: { fromLastWrite?: boolean } = {}): Promise<void> {
    try {
      const following = await this.advance(jobId, listings, options);
      if (following) this.followed.set(jobId, following);
      else this.followed.delete(jobId);
      const watched = new Set([...this.followed.values()].flatMap((job) => job.tasks.map((task) => task.id)));
      for (const id of this.endSeenAt.keys()) if (!watched.has(id)) this.endSeenAt.delete(id);
    } catch (error) {
      this.followed.delete(jobId);
      if (error instanceof LostLease || error instanceof ConcurrentUpdateError) {
        this.deps.logger.debug(`Migration job ${jobId} changed concurrently; advancing it next time`);
        // Someone changed the job since this instance last wrote it: read it afresh in a full pass now.
        if (options.fromLastWrite) this.kicked = true;
        return;
      }
      this.deps.logger.warn(`Migration job ${jobId}: ${(error as Error).message}`);
    }
  }

  private tasksOf(client: EsClient, listings: Map<EsClient, Promise<TaskListing>>): Promise<TaskListing> {
    let listing = listings.get(client);
    if (!listing) {
      listing = this.listReindexTasks(client);
      listings.set(client, listing);
    }
    return listing;
  }

  private async listReindexTasks(client: EsClient): Promise<TaskListing> {
    const result = (await client.tasks.list({ actions: '*reindex', detailed: true, group_by: 'none' })) as {
      tasks?: Record<string, TaskInfo> | Array<TaskInfo & { node: string; id: number }>;
    };
    const tasks: TaskListing = new Map();
    if (Array.isArray(result.tasks)) {
      for (const task of result.tasks) tasks.set(`${task.node}:${task.id}`, task);
    } else {
      for (const [id, task] of Object.entries(result.tasks ?? {})) tasks.set(id, task);
    }
    return tasks;
  }

  /**
   * The task launched with this tag: running (from the listing) or finished (its result in `.tasks`,
   * whose headers are stored but not indexed, so candidates are found by destination and then matched).
   * `absent` only when Elasticsearch certainly never received the launch; `unknown` when `.tasks` cannot
   * be read by this user, or the launch is too recent for its result to be searchable yet.
   */
  private async findTagged(client: EsClient, item: StoredItem, tasks: TaskListing): Promise<{ id: string } | 'absent' | 'unknown' | 'wait'> {
    const tag = item.launch_tag;
    if (!tag) return 'absent';
    for (const [id, task] of tasks) if (task.headers?.['X-Opaque-Id'] === tag) return { id };
    let stored: unknown;
    try {
      stored = await client.search({
        index: '.tasks',
        size: 100,
        query: { bool: { filter: [{ term: { 'task.action': 'indices:data/write/reindex' } }, { match_phrase: { 'task.description': item.dest } }] } },
      } as never);
    } catch (error) {
      // No .tasks yet (no task ever stored a result): nothing finished. Not allowed to read it: unknown.
      if (errorStatus(error) !== 404) return 'unknown';
    }
    const hits = (stored as { hits?: { hits?: Array<{ _source?: { task?: { node: string; id: number; headers?: Record<string, string> } } }> } } | undefined)?.hits?.hits ?? [];
    const found = hits.map((hit) => hit._source?.task).find((task) => task?.headers?.['X-Opaque-Id'] === tag);
    if (found) return { id: `${found.node}:${found.id}` };
    // A task that has just finished is in neither place until .tasks refreshes (every second): look again
    // on a later poll before concluding that Elasticsearch never received the launch.
    if (Date.now() - (item.launch_recorded_at ?? 0) < STORED_RESULT_VISIBLE_MS) return 'wait';
    return 'absent';
  }

  /**
   * One step of a job under its lease. `fromLastWrite` (fast polls): start from the record this instance
   * last wrote while its lease has long to run, without reading it again; anyone else's change since
   * makes the first write fail (its version is stale), and the job is read afresh on the next pass.
   */
  private async advance(jobId: string, listings: Map<EsClient, Promise<TaskListing>>, { fromLastWrite = false } = {}): Promise<FollowedJob | undefined> {
    const followed = this.followed.get(jobId);
    const fresh = fromLastWrite && followed && followed.leaseExpiresAt - Date.now() > this.leaseMs / 2;
    const leased = fresh ? followed.version : await this.deps.jobs.acquireLease(jobId, this.deps.instanceId, this.leaseMs);
    if (!leased) return;
    let version: VersionedJob = leased;
    const job = structuredClone(leased.value);
    const lease = { owner: this.deps.instanceId, expiresAt: fresh ? followed.leaseExpiresAt : Date.now() + this.leaseMs };
    const write = async (): Promise<void> => {
      job.progress = jobProgress(job.items);
      if (job.status !== 'paused') job.status = continuousJobStatus(job, jobStatusFromItems(job.items, job.status));
      if (job.status === 'running') job.started_at ??= new Date().toISOString();
      if (isFinishedItemsJob(job) && FINISHED_JOB_STATUSES.includes(job.status)) job.finished_at ??= new Date().toISOString();
      // Every write renews the lease, so a long pass keeps it (an expiry of 0 is a lease given up).
      if (lease.expiresAt > 0) lease.expiresAt = Date.now() + this.leaseMs;
      try {
        version = await this.deps.jobs.save(job, version, lease);
      } catch (error) {
        if (error instanceof ConcurrentUpdateError) throw new LostLease(error.message);
        throw error;
      }
      if (FINISHED_JOB_STATUSES.includes(job.status)) {
        await this.deps.onJobFinished?.(job.id).catch((error: Error) => this.deps.logger.warn(`Migration job ${job.id}: ${error.message}`));
      }
    };
    // Launches and finishes run side by side and each records its step: writes go one at a time (each
    // needs the version the last one returned), and the requests that arrive during a write share the next.
    const persist = serializedWrites(write);
    // A task launched now is watched by the polls at once (a small copy can end before this advance does).
    const watch = (id: string, tag: string | undefined, on: EsClient): void => {
      const entry = this.followed.get(jobId);
      if (entry) entry.tasks.push({ id, tag });
      else this.followed.set(jobId, { client: on, tasks: [{ id, tag }], version, leaseExpiresAt: lease.expiresAt });
    };
    let client: EsClient;
    try {
      client = await this.deps.destinationFor(jobId);
    } catch (error) {
      // The job's credential cannot be read (an encryption key changed): it waits, saying why.
      if (!isMigrationError(error)) throw error;
      pause(job, { type: error.code, reason: error.message, remedy: error.attributes.remedy });
      await persist();
      return;
    }
    if (job.type === 'snapshot_restore') {
      await advanceRestoreJob(job, client, persist);
      await persist();
      return;
    }
    let sourceHost = '';
    if (job.source_id) {
      try {
        sourceHost = (await this.deps.sources.get(job.source_id)).host;
      } catch (error) {
        if (!isMigrationError(error)) throw error;
        pause(job, { type: error.code, reason: error.message, remedy: error.attributes.remedy });
        await persist();
        return;
      }
    }

    // Cancelled before anything was launched: nothing to ask Elasticsearch.
    for (const item of job.items) {
      if (item.cancel_requested && item.status === 'queued') markCancelled(item);
    }
    // The source's client, read once for this pass (its record holds the connection and the secret).
    const source = memo(() => this.deps.sources.client(job.source_id as string));
    // Finalizing: a task that ended, being checked (a pass that stopped while checking it checks it again).
    const tracked = job.items.filter((i) => i.status === 'running' || i.status === 'preparing' || i.status === 'finalizing');
    const tasks = tracked.length > 0 ? await this.tasksOf(client, listings) : new Map<string, TaskInfo>();
    // A slot frees when its task leaves the listing: the item is finalizing, and the next items launch
    // while the ended ones are checked.
    for (const item of tracked) {
      if (item.status === 'running' && !isOurTask(tasks.get(item.task_id ?? ''), item.launch_tag)) item.status = 'finalizing';
    }
    const copying = tracked.filter((item) => item.status === 'preparing' || item.status === 'running').length;
    const early = job.items.filter((i) => i.status === 'queued').slice(0, Math.max(0, job.options.concurrency - copying));
    // Items writing into different indices are followed (and finished) side by side; the parts of one
    // index one after the other, since the last of them puts the settings back and adds the aliases.
    await settleAll([
      ...groupByDest(tracked).map((group) => async () => {
        for (const item of group) await this.follow(job, item, client, tasks, sourceHost, source);
      }),
      ...early.map((item) => () => this.launch(job, item, client, persist, sourceHost, lease, source, watch)),
    ]);
    await this.putBackSettingsOfFinished(job, client, source);
    const completed = tracked.filter((item) => item.status === 'completed');
    if (completed.length > 0) {
      await persist();
      for (const item of completed) await this.fault('finish:recorded', item);
    }

    // A continuous job: its passes settled and planned (queued items, launched below), its cutover or rollback advanced.
    await advanceContinuousJob(job, {
      destination: client,
      source: async () => (await source()).client,
      persist,
      fault: async (point) => (job.items[0] ? this.fault(point, job.items[0]) : undefined),
      logger: this.deps.logger,
    });

    // The slots still free (items the continuous hook queued, a launch that failed) are filled at once,
    // side by side with the preparation of the destinations the next ones will need.
    const active = job.items.filter((i) => i.status === 'running' || i.status === 'preparing').length;
    const next = job.items.filter((i) => i.status === 'queued').slice(0, Math.max(0, job.options.concurrency - active));
    if (next.length > 0 || active > 0) {
      await settleAll([
        ...next.map((item) => () => this.launch(job, item, client, persist, sourceHost, lease, source, watch)),
        () => this.prepareAhead(job, client, persist, source, [...early, ...next]),
      ]);
    }
    await persist();
    const running = job.items.filter((item) => item.status === 'running' && item.task_id).map((item) => ({ id: item.task_id as string, tag: item.launch_tag }));
    return running.length > 0 && !FINISHED_JOB_STATUSES.includes(job.status) ? { client, tasks: running, version, leaseExpiresAt: lease.expiresAt } : undefined;
  }

  /**
   * Creates the destination indices of the next queued items (as many as the job runs at once) while
   * others copy, so a slot that frees goes straight to the copy. Each is recorded first, as a launch
   * records it (the job created it; the settings to put back). A preparation that fails is left to the
   * launch, which tries again and reports the error.
   */
  private async prepareAhead(job: StoredJob, client: EsClient, persist: () => Promise<void>, sourceClient: SourceClientOnce, launching: StoredItem[]): Promise<void> {
    if (!job.options.prepare_destination || !job.source_id) return;
    const skip = new Set(launching.map((item) => item.dest));
    const waiting = groupByDest(job.items).filter((group) => !skip.has(group[0]?.dest ?? '') && group.every((item) => item.status === 'queued' && !item.pass));
    // Only the next ones: no more destinations waiting ready than the job copies at once.
    const room = job.options.concurrency - waiting.filter((group) => group.some((item) => item.created_dest)).length;
    const candidates = waiting
      .filter((group) => group.every((item) => !item.created_dest && !item.restart))
      .slice(0, Math.max(0, room))
      .map((group) => group[0] as StoredItem);
    if (candidates.length === 0) return;
    const source = await sourceClient().then((found) => found.client, () => undefined);
    if (!source) return;
    const read = await Promise.all(
      candidates.map(async (item) => {
        try {
          if (await client.indices.exists({ index: item.dest })) return undefined;
          return { item, definition: destinationDefinition(await readSourceIndex(source, item.source), { docs: indexDocs(job, item) }) };
        } catch {
          return undefined;
        }
      })
    );
    const ready = read.filter((entry): entry is NonNullable<typeof entry> => entry !== undefined);
    if (ready.length === 0) return;
    for (const { item, definition } of ready) {
      item.created_dest = true;
      if (definition.deferred) item.deferred_settings = definition.deferred;
    }
    await persist();
    await Promise.all(ready.map(({ item, definition }) => createDestinationIndex(client, item.dest, definition).catch(() => undefined)));
  }

  /**
   * Replicas, refresh and pipelines back on a destination once every part writing into it has ended,
   * whatever the end (completed parts do it before their count check, in finish()).
   */
  private async putBackSettingsOfFinished(job: StoredJob, client: EsClient, sourceClient: SourceClientOnce): Promise<void> {
    for (const holder of job.items.filter((item) => item.deferred_settings)) {
      const group = job.items.filter((other) => other.dest === holder.dest);
      if (!group.every(isFinishedItem) || !holder.deferred_settings) continue;
      const source = job.source_id ? await sourceClient().then((found) => found.client, () => undefined) : undefined;
      await restoreDeferredSettings(source, client, holder.dest, holder.deferred_settings, { bestEffort: true });
      holder.deferred_settings = undefined;
    }
  }

  /** Records the progress of a running item and finishes it when its task has completed. */
  private async follow(job: StoredJob, item: StoredItem, client: EsClient, running: TaskListing, host: string, source: SourceClientOnce): Promise<void> {
    if (item.status === 'preparing') {
      // Kibana stopped between recording the launch and recording its task: adopt the task by its tag,
      // running or finished; when Elasticsearch never received it, launch again as the same attempt.
      const adopted = await this.findTagged(client, item, running);
      if (adopted === 'wait') return;
      if (typeof adopted === 'object') {
        item.task_id = adopted.id;
        item.status = 'running';
      } else if (item.cancel_requested) {
        markCancelled(item);
        return;
      } else {
        // Launched again, keeping what may be there (resume); as the same attempt only when Elasticsearch
        // certainly never received the last one, else as a new one, so launches never outnumber attempts.
        item.status = 'queued';
        item.relaunch = adopted === 'absent';
        item.resume = true;
        return;
      }
    }
    if (!item.task_id) return;
    const live = running.get(item.task_id);
    if (live && isOurTask(live, item.launch_tag)) {
      this.recordProgress(item, live.status);
      await this.fault('follow:progress', item);
      if (item.cancel_requested) await this.cancelTask(client, item);
      return;
    }
    let result: { completed: boolean; error?: EsErrorCause; response?: TaskStatus & { canceled?: string; failures?: unknown[] }; task?: TaskInfo };
    try {
      result = (await client.tasks.get({ task_id: item.task_id })) as typeof result;
    } catch (error) {
      if (errorStatus(error) === 404) {
        this.fail(item, {
          type: 'task_vanished',
          reason: `The reindex task ${item.task_id} is gone (the destination node may have restarted) and left no result.`,
          remedy: 'Retry the item: with "resume", documents already copied are kept and only the missing ones are written.',
        });
        return;
      }
      throw error;
    }
    if (!isOurTask(result.task, item.launch_tag)) {
      // A node that restarted numbers its tasks anew: this id now names another task.
      this.fail(item, {
        type: 'task_vanished',
        reason: `The reindex task ${item.task_id} is gone (the destination node restarted) and its id now names another task.`,
        remedy: 'Retry the item: with "resume", documents already copied are kept and only the missing ones are written.',
      });
      return;
    }
    if (!result.completed) {
      // Still running after all (missing from a listing taken a moment before it registered).
      item.status = 'running';
      this.recordProgress(item, result.task?.status);
      return;
    }
    const { start_time_in_millis: startedAt, running_time_in_nanos: runningNanos } = result.task ?? {};
    const noticedAt = this.endSeenAt.get(item.task_id) ?? Date.now();
    if (startedAt !== undefined && runningNanos !== undefined) item.end_noticed_ms = Math.max(0, Math.round(noticedAt - startedAt - runningNanos / 1e6));
    if (result.error) {
      this.handleTaskError(item, result.error, host);
      return;
    }
    const response = result.response ?? {};
    this.recordProgress(item, response);
    if (response.canceled) {
      markCancelled(item);
      return;
    }
    const failures = response.failures ?? [];
    if (failures.length > 0) {
      const first = failures[0] as { cause?: EsErrorCause; reason?: EsErrorCause };
      const cause = first.cause ?? first.reason ?? { reason: JSON.stringify(first) };
      this.handleTaskError(item, cause, host);
      return;
    }
    try {
      await this.finish(job, item, client, source);
    } catch (error) {
      if (errorType(error) !== 'index_not_found_exception') throw error;
      // Deleted by someone while the job copied into it: the item cannot be checked, and says so.
      this.fail(item, {
        type: 'destination_index_missing',
        reason: `The destination index ${item.dest} was deleted while the job copied into it.`,
        remedy: 'Retry the item with "restart" to copy it again from the start.',
      });
    }
  }

  private recordProgress(item: StoredItem, status: TaskStatus | undefined): void {
    if (!status) return;
    item.progress = {
      ...item.progress,
      total: status.total ?? item.progress.total,
      created: status.created ?? item.progress.created,
      updated: status.updated ?? item.progress.updated,
      version_conflicts: status.version_conflicts ?? item.progress.version_conflicts,
    };
    const done = item.progress.created + item.progress.updated + item.progress.version_conflicts;
    item.samples = addSample(item.samples ?? [], { at: Date.now(), done });
  }

  private handleTaskError(item: StoredItem, error: EsErrorCause, host: string): void {
    const mapped = mapRemoteError(error, { host });
    const maxAttempts = this.deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (isRetryable(mapped.type) && item.attempts < maxAttempts) {
      const nextSize = mapped.type === 'chunk_too_large' ? smallerBatchSize(item.batch_size ?? 1000) : item.batch_size;
      if (nextSize !== undefined) {
        this.deps.logger.info(`Retrying ${item.source} -> ${item.dest} after ${mapped.type} with batch size ${nextSize}`);
        item.batch_size = nextSize;
        item.resume = true;
        item.status = 'queued';
        item.task_id = undefined;
        return;
      }
    }
    this.fail(item, mapped);
  }

  /** Asks Elasticsearch to cancel the item's task; the item is cancelled when the task ends cancelled. */
  private async cancelTask(client: EsClient, item: StoredItem): Promise<void> {
    item.cancel_requested = false;
    try {
      await client.tasks.cancel({ task_id: item.task_id as string });
    } catch (error) {
      if (errorStatus(error) === 404) return;
      item.error = cancelFailed(item.task_id as string, error);
    }
  }

  private fail(item: StoredItem, error: ItemError): void {
    item.cancel_requested = false;
    item.status = 'failed';
    item.error = error;
    item.finished_at = new Date().toISOString();
  }

  /** Settings back once every part writing into the index is done, refresh, and the count check. */
  private async finish(job: StoredJob, item: StoredItem, client: EsClient, sourceClient: SourceClientOnce): Promise<void> {
    item.status = 'finalizing';
    const group = job.items.filter((other) => other.dest === item.dest);
    const lastOfGroup = group.every((other) => other === item || other.status === 'completed');
    const holder = group.find((other) => other.deferred_settings);
    if (lastOfGroup && job.source_id) {
      const { client: source } = await sourceClient();
      if (holder?.deferred_settings) {
        await restoreDeferredSettings(source, client, item.dest, holder.deferred_settings);
        holder.deferred_settings = undefined;
      } else {
        // Nothing held back (put back already after an earlier failure, or the index was not prepared).
        await client.indices.refresh({ index: item.dest });
      }
      // A continuous job moves the aliases at its cutover, once the copy is exact.
      if (!job.options.continuous) item.aliases = await copyAliases(source, client, item.source, item.dest, ownDestinations(job));
    } else {
      await client.indices.refresh({ index: item.dest });
    }
    await this.fault('finish:settings', item);
    const { count } = await client.count({ index: item.dest, ...(item.partition ? { query: partitionQuery(item.partition) as never } : {}) });
    item.dest_count = count;
    item.finished_at = new Date().toISOString();
    // A continuous job's source keeps changing: its passes and the cutover's reconciliation make the copy exact.
    if (item.source_count === undefined || count === item.source_count || job.options.continuous) {
      item.status = 'completed';
      item.error = undefined;
      return;
    }
    this.fail(item, {
      type: 'count_mismatch',
      reason: `The destination holds ${count} documents of ${item.dest}${item.partition ? ' in this range' : ''}; the source had ${item.source_count} when the job was planned.`,
      remedy: 'If the source changed since, retry with "resume" to copy what is missing; if the destination already held documents, retry with "start over".',
    });
  }

  /** Prepares the destination and launches the item's task; false when the job must wait (no secret). */
  private async launch(
    job: StoredJob,
    item: StoredItem,
    client: EsClient,
    persist: () => Promise<void>,
    host: string,
    lease: { expiresAt: number },
    sourceClient: SourceClientOnce,
    watch?: (taskId: string, tag: string | undefined, client: EsClient) => void
  ): Promise<boolean> {
    if (!job.source_id) return false;
    let connection;
    let source: EsClient;
    try {
      ({ client: source, connection } = await sourceClient());
    } catch (error) {
      if (isMigrationError(error) && error.code === 'secrets_unavailable') {
        // Without an encryption key a secret lives only in the memory of the instance that saved the
        // source. A young job is left to that instance (the lease is given up); an older one, which
        // nobody could start, waits for the secret to be entered again.
        if (Date.now() - Date.parse(job.created_at) < this.leaseMs * 2) {
          lease.expiresAt = 0;
          return false;
        }
      }
      if (!isMigrationError(error)) throw error;
      pause(job, { type: error.code, reason: error.message, remedy: error.attributes.remedy });
      return false;
    }
    // The launch is recorded, with its tag, before anything reaches Elasticsearch. A relaunch (the last
    // one never reached Elasticsearch) is the same attempt.
    if (!item.relaunch) item.attempts += 1;
    item.relaunch = false;
    item.launch_tag = launchTag(job.id, item.id, item.attempts);
    item.status = 'preparing';
    item.error = undefined;
    item.started_at ??= new Date().toISOString();
    try {
      const group = job.items.filter((other) => other.dest === item.dest);
      // Reads first (they change nothing), so that one write records the launch together with what it
      // will create: whatever stops this launch, a restart knows the job created the index (a restart may
      // delete it) and what to put back (replicas, refresh, pipelines).
      const create = item.restart === true || !(await client.indices.exists({ index: item.dest }));
      const definition =
        create && job.options.prepare_destination
          ? destinationDefinition(
              await readSourceIndex(source, item.source).catch((error: unknown) => Promise.reject(mapDirectSourceError(error, connection.host))),
              { docs: indexDocs(job, item) }
            )
          : undefined;
      if (create && !group.some((other) => other.created_dest)) item.created_dest = true;
      if (definition) item.deferred_settings = definition.deferred;
      item.launch_recorded_at = Date.now();
      await persist();
      await this.fault('launch:recorded', item);
      if (item.restart) {
        // Only a destination this job created is deleted (retry checks it), once for all its parts.
        await client.indices.delete({ index: item.dest, ignore_unavailable: true });
        for (const other of group) other.restart = false;
      }
      if (definition) await createDestinationIndex(client, item.dest, definition);
      await this.fault('launch:prepared', item);
      const { task } = await client.reindex(reindexRequest(item, connection, job.options, { resume: item.resume === true }) as never, {
        opaqueId: item.launch_tag,
      });
      await this.fault('launch:sent', item);
      item.task_id = String(task);
      item.status = 'running';
      watch?.(item.task_id, item.launch_tag, client);
      // A first sample at launch, so a rate exists from the first poll on.
      item.samples = [{ at: Date.now(), done: 0 }];
    } catch (error) {
      if (error instanceof LostLease) throw error;
      if (isMigrationError(error)) {
        // Kibana's own read of the source (its mappings and settings) failed: said as such, with the remedy.
        this.fail(item, { type: error.code, reason: error.message, remedy: error.attributes.remedy });
      } else {
        const cause = isResponseError(error) && typeof error.body?.error === 'object' ? (error.body.error as EsErrorCause) : { reason: (error as Error).message };
        this.fail(item, mapRemoteError(cause, { host }));
      }
    }
    // Recorded at once, so a restart re-attaches to this task instead of launching another.
    await persist();
    return true;
  }
}

/** Pauses a job that cannot go on without the user (a secret or credential it cannot read), saying why. */
const pause = (job: StoredJob, error: ItemError): void => {
  job.status = 'paused';
  for (const item of job.items) if (!isFinishedItem(item)) item.error = error;
};

const markCancelled = (item: StoredItem): void => {
  item.status = 'cancelled';
  item.cancel_requested = false;
  item.finished_at = new Date().toISOString();
};

export const cancelFailed = (taskId: string, error: unknown): ItemError => ({
  type: 'cancel_failed',
  reason: `Elasticsearch did not cancel the task ${taskId}: ${(error as Error).message}. The item keeps running.`,
  remedy: 'Cancel it again once the destination is reachable, or as a user with the manage (or cancel_task) cluster privilege.',
});

/** The destination indices of this job: an alias over several of them is this job's to add. */
const ownDestinations = (job: StoredJob): Set<string> => new Set(job.items.map((item) => item.dest));

/**
 * The task is the one launched with this tag (Elasticsearch keeps the tag in its headers). An item
 * without a tag (launched before tags existed) takes the id on trust.
 */
const isOurTask = (task: TaskInfo | undefined, tag: string | undefined): boolean =>
  task !== undefined && (tag === undefined || task.headers?.['X-Opaque-Id'] === tag);

const isFinishedItemsJob = (job: StoredJob): boolean => job.items.length > 0 && job.items.every(isFinishedItem);

/**
 * Calls to the returned function share one run of `write` that starts after they were made: concurrent
 * callers wait for the write in flight, then share the next one, which includes all their changes.
 */
const serializedWrites = (write: () => Promise<void>): (() => Promise<void>) => {
  let inFlight: Promise<void> = Promise.resolve();
  let next: Promise<void> | undefined;
  return () => {
    if (next) return next;
    const queued = inFlight.catch(() => undefined).then(() => {
      next = undefined;
      inFlight = write();
      return inFlight;
    });
    next = queued;
    return queued;
  };
};

/** Runs the tasks side by side and waits for all of them; the first failure is rethrown once all ended. */
const settleAll = async (tasks: Array<() => Promise<unknown>>): Promise<void> => {
  const results = await Promise.allSettled(tasks.map((task) => task()));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
};

/** Documents of the whole source index an item copies (all its parts), as planned. */
const indexDocs = (job: StoredJob, item: StoredItem): number | undefined => {
  const group = job.items.filter((other) => other.dest === item.dest && !other.pass);
  return group.every((other) => other.source_count !== undefined) ? group.reduce((sum, other) => sum + (other.source_count ?? 0), 0) : undefined;
};

const groupByDest = (items: StoredItem[]): StoredItem[][] => {
  const groups = new Map<string, StoredItem[]>();
  for (const item of items) groups.set(item.dest, [...(groups.get(item.dest) ?? []), item]);
  return [...groups.values()];
};

const memo = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};
