/*
 * The stored form of a job and the pure rules over it: the state machine's statuses, progress totals,
 * and which items may start. No I/O here.
 */
import { docsPerSecond, etaSeconds, ProgressSample } from '../../../common/lib/progress';
import {
  FINISHED_ITEM_STATUSES,
  ItemStatus,
  Job,
  JobItem,
  JobProgress,
  JobStatus,
  JobSummary,
} from '../../../common/types/jobs';
import type { DeferredSettings } from '../reindex/prepare_destination';

/** What the runner keeps on an item besides its public fields. */
export interface StoredItem extends JobItem {
  /** Settings held back during the load, put back when every part writing into `dest` has completed. */
  deferred_settings?: DeferredSettings;
  /** Launch the next attempt as a resume (op_type create, conflicts proceed). */
  resume?: boolean;
  /** Delete the destination index before the next attempt (only ever one the job created). */
  restart?: boolean;
  /** This item found the destination index absent and the job created it: a restart may delete it. */
  created_dest?: boolean;
  /** The tag of the current attempt's task (X-Opaque-Id), recorded before launching so a restart adopts it. */
  launch_tag?: string;
  /** When that launch was recorded (epoch ms). */
  launch_recorded_at?: number;
  /** The last launch never reached Elasticsearch: launch again as the same attempt. */
  relaunch?: boolean;
  /** The user asked to cancel: the runner cancels the task, and the item is cancelled once Elasticsearch says so. */
  cancel_requested?: boolean;
  /** Recent progress samples, for docs/s. */
  samples?: ProgressSample[];
  /** The ids a reconciliation batch of a continuous job copies (server/lib/continuous). */
  pass_ids?: string[];
}

export interface StoredJob extends Omit<Job, 'items'> {
  items: StoredItem[];
}

export const isFinishedItem = (item: Pick<JobItem, 'status'>): boolean => FINISHED_ITEM_STATUSES.includes(item.status);

export const countByStatus = (items: readonly JobItem[]): Partial<Record<ItemStatus, number>> =>
  items.reduce<Partial<Record<ItemStatus, number>>>((counts, item) => {
    counts[item.status] = (counts[item.status] ?? 0) + 1;
    return counts;
  }, {});

/** Documents an item has written or found already there (a resume counts existing documents as conflicts). */
export const itemDone = (item: JobItem): number => {
  const total = item.source_count ?? item.progress.total;
  if (item.status === 'completed') return total;
  const written = item.progress.created + item.progress.updated + item.progress.version_conflicts;
  return Math.min(total, written);
};

export const jobProgress = (all: readonly StoredItem[]): JobProgress => {
  // A continuous job's catch-up passes have their own record (job.continuous), not part of the full copy's progress.
  const items = all.filter((item) => !item.pass);
  const totalDocs = items.reduce((sum, item) => sum + (item.source_count ?? item.progress.total), 0);
  const doneDocs = items.reduce((sum, item) => sum + itemDone(item), 0);
  const rate = items
    .filter((item) => item.status === 'running')
    .reduce((sum, item) => sum + docsPerSecond(item.samples ?? []), 0);
  return {
    total_docs: totalDocs,
    done_docs: doneDocs,
    docs_per_second: Math.round(rate),
    eta_seconds: etaSeconds(doneDocs, totalDocs, rate),
  };
};

export const jobStatusFromItems = (items: readonly JobItem[], current: JobStatus): JobStatus => {
  if (items.length === 0) return 'completed';
  if (!items.every(isFinishedItem)) return current === 'queued' && items.every((i) => i.status === 'queued') ? 'queued' : 'running';
  if (items.some((item) => item.status === 'failed')) return 'failed';
  if (items.some((item) => item.status === 'cancelled')) return 'cancelled';
  return 'completed';
};

/** The public form: runner bookkeeping stripped, rates derived. */
export const toPublicJob = (job: StoredJob): Job => ({
  ...job,
  items: job.items.map(({ deferred_settings: _deferred, resume: _resume, restart: _restart, created_dest: _created, launch_tag: _tag, launch_recorded_at: _recordedAt, relaunch: _relaunch, cancel_requested: _cancel, pass_ids: _passIds, samples, ...item }) => {
    const rate = docsPerSecond(samples ?? []);
    return {
      ...item,
      // The item's throughput history (bounded by addSample), for the job page's chart.
      ...(samples && samples.length > 0 ? { samples } : {}),
      progress: {
        ...item.progress,
        docs_per_second: Math.round(rate),
        eta_seconds: item.status === 'running' ? etaSeconds(itemDone(item), item.source_count ?? item.progress.total, rate) : undefined,
      },
    };
  }),
});

export const toSummary = (job: StoredJob): JobSummary => {
  const { items, ...rest } = toPublicJob(job);
  return { ...rest, item_counts: countByStatus(items) };
};
