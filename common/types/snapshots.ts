/* Snapshot repositories and snapshots on the destination (http_api.md, Snapshot repositories). */

export interface Repository {
  name: string;
  type: string;
  readonly: boolean;
  /** Settings with secret values replaced by "<redacted>". */
  settings: Record<string, unknown>;
}

export interface RepositoryInput {
  type: string;
  settings: Record<string, unknown>;
  /** Read-only unless false is sent: a restore-only cluster must never write the source's repository. */
  readonly?: boolean;
}

export interface SnapshotSummary {
  snapshot: string;
  uuid: string;
  state: string;
  version: string;
  indices: string[];
  data_streams: string[];
  feature_states: Array<{ feature_name: string; indices: string[] }>;
  start_time?: string;
  end_time?: string;
  restorable: boolean;
  restore_notes: string[];
}
