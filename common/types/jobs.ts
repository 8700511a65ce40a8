/* Migration jobs and their items (http_api.md, Jobs). */
import type { Owner } from './owner';
import type { ProgressSample } from '../lib/progress';
import type { SavedObjectsFrom, SavedObjectsImportMode } from './saved_objects';

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
  /**
   * Split indices with more documents than this into ranges of a date or numeric field (0 = never).
   * Absent: indices above AUTO_PARTITION_MIN_DOCS are split in as many parts as the destination has
   * cores, on a field every document has.
   */
  partition_threshold_docs?: number;
  /** A continuous job: catch-up passes after the full copy, until the user cuts over (issue 16). */
  continuous?: ContinuousOptions;
}

/** What a continuous job catches up by (README, "Continuous migration"). */
export interface ContinuousOptions {
  /** The change field of every selected index: a date or numeric field each write sets to a growing value. */
  change_field?: string;
  /** The change field per source index (wins over `change_field`). */
  change_fields?: Record<string, string>;
  /** Date fields: a pass copies documents whose field is at or after the previous pass's start minus this. */
  safety_margin_seconds: number;
  /** Numeric fields: the same margin, in the field's own units, below the highest value at the previous pass's start. */
  numeric_safety_margin: number;
  /** Seconds from the start of one catch-up pass to the start of the next. */
  pass_interval_seconds: number;
}

export type ContinuousPassKind = 'catch_up' | 'final' | 'reconcile';

/** The part of a catch-up pass an item copies (a pass has one item per index, a reconciliation one per batch of ids). */
export interface ItemPass {
  number: number;
  kind: ContinuousPassKind;
  field?: string;
  field_type?: 'date' | 'number';
  /** Lower bound of the change field (epoch ms for dates). */
  since?: number;
  /** Reconciliation: how many ids this item copies. */
  ids?: number;
}

export interface ContinuousPassIndex {
  source: string;
  dest: string;
  field?: string;
  since?: number;
  /** Documents written (created + updated). */
  copied: number;
}

export interface ContinuousPass {
  number: number;
  kind: ContinuousPassKind;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  started_at: string;
  finished_at?: string;
  indices: ContinuousPassIndex[];
  /** Each destination's change-field mark when the pass started: the next pass starts there (minus the margin) once this one completed. */
  start_marks?: Record<string, number>;
  error?: ItemError;
}

export interface ContinuousLag {
  /** Source documents whose change field is at or after the start of the last completed copy (an upper bound). */
  docs: number;
  /** Seconds from the start of the last completed copy to the measure. */
  seconds: number;
  measured_at: string;
}

export const CUTOVER_STEPS = ['write_block', 'final_pass', 'reconcile', 'verify', 'aliases', 'report'] as const;
export type CutoverStepName = (typeof CUTOVER_STEPS)[number];
export type CutoverStepStatus = 'pending' | 'running' | 'completed' | 'failed';

export interface CutoverStep {
  name: CutoverStepName;
  status: CutoverStepStatus;
  started_at?: string;
  finished_at?: string;
  error?: ItemError;
  /** What the step found and did (blocked indices, ids copied and deleted, counts compared, aliases added). */
  details?: Record<string, unknown>;
}

export interface CutoverState {
  status: 'running' | 'waiting' | 'rolling_back' | 'rolled_back' | 'completed';
  requested_at: string;
  steps: CutoverStep[];
  /** Source indices this cutover made read-only (a rollback lifts exactly these). */
  blocked?: string[];
  /** Source indices that were read-only already (left so by a rollback). */
  already_blocked?: string[];
  freeze_started_at?: string;
  /** Seconds the source was read-only until the destination's aliases pointed at the copies. */
  write_freeze_seconds?: number;
  rollback_requested?: boolean;
  rolled_back_at?: string;
  /** The write blocks the rollback lifted. */
  lifted?: string[];
}

export type ContinuousPhase = 'full_copy' | 'catching_up' | 'cutting_over' | 'cut_over' | 'cancelled';

export interface ContinuousState {
  phase: ContinuousPhase;
  /** Passes run so far (the list keeps the latest ones). */
  pass_count: number;
  passes: ContinuousPass[];
  lag?: ContinuousLag;
  lag_after_full_copy?: ContinuousLag;
  /** When the next catch-up pass starts (epoch ms). */
  next_pass_at?: number;
  /** Catch-up passes that failed in a row (each waits longer before the next try). */
  failed_passes?: number;
  /** Why the last catch-up pass failed or could not start (cleared by the next completed one). */
  error?: ItemError;
  /** Where each index's next pass starts: the start mark of its last completed pass (epoch ms, or the highest numeric value). */
  marks?: Record<string, number>;
  /** Each destination index's change field and its kind, read from the source's mapping when the job was planned. */
  fields: Record<string, { field: string; type: 'date' | 'number' }>;
  cutover?: CutoverState;
  /** Cutovers rolled back earlier, latest last. */
  earlier_cutovers?: CutoverState[];
  source_state: 'writable' | 'read_only';
  aliases_moved: boolean;
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
  /** The kind of field the ranges are on (absent: a date, whose bounds are epoch ms). */
  field_type?: 'date' | 'number';
  /** Inclusive lower bound (epoch ms for a date); absent for the first part. */
  gte?: number;
  /** Exclusive upper bound (epoch ms for a date); absent for the last part. */
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
  /** A catch-up pass, final pass or reconciliation batch of a continuous job (not part of the full copy). */
  pass?: ItemPass;
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
  /** How long after its reindex task ended the runner noticed it (ms, from the task's own start and running time). */
  end_noticed_ms?: number;
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
  /** `continuous` takes its defaults (continuousOptions in common/lib/continuous.ts) for what is left out. */
  options?: Partial<Omit<ReindexOptions, 'continuous'>> & { continuous?: Partial<ContinuousOptions> };
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

/** What an import did with one object (a saved_objects job): a new copy is created under a new id. */
export type SavedObjectOutcome = 'created' | 'overwritten' | 'new_copy' | 'refused';

export const SAVED_OBJECT_OUTCOMES: readonly SavedObjectOutcome[] = ['created', 'overwritten', 'new_copy', 'refused'];

export interface SavedObjectsJobResult {
  type: string;
  /** The id in the source's Kibana. */
  id: string;
  title: string;
  outcome: SavedObjectOutcome;
  /** The id in this Kibana when it differs from the source's (a new copy, or an id used in another space). */
  destination_id?: string;
  /** Why it was refused (Kibana's import error type or the check's problem kind), and what to do. */
  error?: { type: string; message: string; remedy?: string };
  /** The importer call (1-based) that carried it; absent for objects the check kept out. */
  batch?: number;
}

/** A saved_objects job: one import into this Kibana, recorded when it ran (issue 17). */
export interface SavedObjectsJobState {
  /** Where the objects were read: the source's connection, or a restored copy on this cluster. */
  from: SavedObjectsFrom;
  read_from: string;
  source_kibana_version?: string;
  /** The space of this Kibana the objects went into. */
  space: string;
  mode: SavedObjectsImportMode;
  /** This Kibana's saved-objects indices (or aliases) holding the imported types: what a verification reads back. */
  indices: string[];
  batches: number;
  counts: Record<SavedObjectOutcome, number>;
  results: SavedObjectsJobResult[];
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
  /** A continuous reindex job's passes, lag and cutover. */
  continuous?: ContinuousState;
  /** A saved_objects job: the import's source, space, mode and per-object results. */
  saved_objects?: SavedObjectsJobState;
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
