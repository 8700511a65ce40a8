/* Migration jobs and their items (http_api.md, Jobs). */
import type { Owner } from './owner';
import type { ProgressSample } from '../lib/progress';

export type JobType = 'reindex' | 'snapshot_restore' | 'internal_indices' | 'saved_objects';
export type JobStatus = 'queued' | 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';
export type ItemStatus = 'queued' | 'preparing' | 'running' | 'finalizing' | 'completed' | 'failed' | 'cancelled';

export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];
export const FINISHED_ITEM_STATUSES: readonly ItemStatus[] = ['completed', 'failed', 'cancelled'];

export type ConflictsMode = 'abort' | 'proceed';

export interface ReindexOptions {
  /** Items that run at once. */
  concurrency: number;
  /** Throttle of each reindex task; -1 is unlimited. */
  requests_per_second: number;
  /** `source.size` of each batch; chosen from the average document size when absent. */
  batch_size?: number;
  /** Create destination indices with the source's mappings and settings before loading. */
  prepare_destination: boolean;
  conflicts: ConflictsMode;
  /** Split indices with more documents than this into ranges of `@timestamp` (0 = never). */
  partition_threshold_docs?: number;
}

export interface ItemError {
  /** Stable identifier, e.g. `source_tls_untrusted`. */
  type: string;
  reason: string;
  remedy?: string;
}

export interface ItemProgress {
  total: number;
  created: number;
  updated: number;
  version_conflicts: number;
  failures: number;
  docs_per_second?: number;
  eta_seconds?: number;
}

export interface ItemPartition {
  field: string;
  /** Inclusive lower bound (epoch ms); absent for the first part. */
  gte?: number;
  /** Exclusive upper bound (epoch ms); absent for the last part. */
  lt?: number;
  /** The part of documents without the field (or with a value not indexed), which no range holds. */
  missing?: boolean;
}

/** Shard recovery of a restored index (snapshot restore jobs). */
export interface ItemRecovery {
  stage: string;
  bytes_percent: number;
  shards_done: number;
  shards_total: number;
}

export interface JobItem {
  id: string;
  source: string;
  dest: string;
  status: ItemStatus;
  /** Documents in the source (for the partition, when partitioned). */
  source_count?: number;
  dest_count?: number;
  op_type?: 'index' | 'create';
  batch_size?: number;
  partition?: ItemPartition;
  task_id?: string;
  recovery?: ItemRecovery;
  /** The source index's aliases added to the destination index when it completed, and those left out with why. */
  aliases?: { added: string[]; skipped: Array<{ alias: string; reason: string }> };
  /** The feature state this system index is restored with (it replaces the destination's index of the same name). */
  feature_state?: string;
  attempts: number;
  progress: ItemProgress;
  /**
   * The progress history of the current attempt (oldest first; at most MAX_SAMPLES spread over the whole run, see
   * addSample), which the throughput chart is drawn from. Optional: absent from servers that do not report it.
   */
  samples?: ProgressSample[];
  error?: ItemError;
  started_at?: string;
  finished_at?: string;
}

export interface JobProgress {
  total_docs: number;
  done_docs: number;
  docs_per_second: number;
  eta_seconds?: number;
}

export interface ReindexJobRequestItem {
  source: string;
  dest?: string;
}

export interface ReindexJobRequest {
  type: 'reindex';
  source_id: string;
  items: ReindexJobRequestItem[];
  include_system?: boolean;
  include_hidden?: boolean;
  rename?: { pattern: string; replacement: string };
  options?: Partial<ReindexOptions>;
  /** Typed confirmation for destinations named .kibana* or .security*: exactly `internalWriteConfirmation(those names)`. */
  confirmation?: string;
}

export interface SnapshotRestoreJobRequest {
  type: 'snapshot_restore';
  repository: string;
  snapshot: string;
  indices: string[];
  rename_pattern?: string;
  rename_replacement?: string;
  include_aliases?: boolean;
  index_settings?: Record<string, unknown>;
  ignore_index_settings?: string[];
  partial?: boolean;
  /**
   * Close the destination's indices that have a restored index's name and restore over them (internal
   * indices on 7.x destinations: seed 004). Needs both below; confirmation `overwrite <name, ...>`.
   */
  overwrite_existing?: boolean;
  /** Feature states to restore (8.x destinations): they replace the destination's own, so they need both below. */
  feature_states?: string[];
  /** A writable repository on the destination that the current feature states are saved to first. */
  safety_repository?: string;
  /** Typed confirmation: exactly `featureStateConfirmation(feature_states)`. */
  confirmation?: string;
}

export type JobRequest = ReindexJobRequest | SnapshotRestoreJobRequest;

/** A safety snapshot, recorded before it is started and followed until it ends. */
export interface SafetySnapshotRecord {
  repository: string;
  snapshot: string;
  /** IN_PROGRESS while Elasticsearch takes it; then SUCCESS, PARTIAL or FAILED. */
  state: string;
  /** The restore attempt it was taken for (the items' attempts + 1 then). */
  attempt?: number;
  /** The destination indices it saves (overwrite_existing): exactly those are closed afterwards. */
  indices?: string[];
}

/** One copy reindexed into its live index: its task is recorded before anything waits on it. */
export interface IntoPlacePair {
  from: string;
  to: string;
  task_id?: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  created: number;
  updated: number;
  error?: string;
}

export interface IntoPlaceState {
  status: 'running' | 'completed' | 'failed';
  safety_snapshot?: SafetySnapshotRecord;
  pairs: IntoPlacePair[];
}

export interface Job {
  id: string;
  type: JobType;
  /** Who started it (with Elasticsearch security on): the job acts as this user, never as Kibana. */
  owner?: Owner;
  status: JobStatus;
  source_id?: string;
  created_at: string;
  started_at?: string;
  finished_at?: string;
  options: ReindexOptions;
  /** The snapshot of the destination's own feature states, taken before a feature-state restore replaced them. */
  safety_snapshot?: SafetySnapshotRecord;
  /** Safety snapshots of earlier attempts (a retry takes its own), kept so what they hold stays findable. */
  earlier_safety_snapshots?: SafetySnapshotRecord[];
  /** Seed 000's reindex of restored copies into the live indices, recorded step by step (7.x destinations). */
  into_place?: IntoPlaceState;
  /** Indices closed to be restored over (overwrite_existing); reopened whatever the restore's outcome. */
  closed_indices?: string[];
  reopened?: boolean;
  /** The restore request of a snapshot_restore job. */
  restore?: Omit<SnapshotRestoreJobRequest, 'type'>;
  progress: JobProgress;
  items: JobItem[];
  dry_run?: boolean;
}

export type JobSummary = Omit<Job, 'items'> & { item_counts: Partial<Record<ItemStatus, number>> };

export interface JobsResponse {
  total: number;
  jobs: JobSummary[];
}
