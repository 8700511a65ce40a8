/* Verification reports (http_api.md, Verification): what arrived, compared with where it came from. */
import type { Owner } from './owner';

export type VerificationStatus = 'running' | 'completed' | 'failed';

export interface VerificationRequest {
  /** Verify what a job moved: its index pairs (and its source, for a reindex job). */
  job_id?: string;
  /** The cluster to compare with; required without a reindex job. */
  source_id?: string;
  /** Index pairs to compare when there is no job: `source` on the source, `dest` (default: same name) on the destination. */
  indices?: Array<{ source: string; dest?: string }>;
  /** Documents compared by id and `_source` hash per index (deterministic sample). */
  sample_size?: number;
  /**
   * Where the expected saved objects are read: the source's `.kibana*` (default when a source is known)
   * or a restored copy on the destination, such as `restored_.kibana_7.17.9_001`.
   */
  saved_objects_from?: { cluster: 'source' } | { cluster: 'destination'; index: string };
}

export type MappingDifferenceKind = 'missing_in_destination' | 'type_changed';

export interface MappingDifference {
  /** Dotted field path, multi-fields included (`name.keyword`). */
  field: string;
  kind: MappingDifferenceKind;
  source_type?: string;
  dest_type?: string;
}

export interface SampleMismatch {
  id: string;
  reason: 'missing_in_destination' | 'source_differs';
}

export interface IndexVerification {
  source: string;
  dest: string;
  /** Undefined when the source cannot be read (no source connection). */
  source_count?: number;
  dest_count?: number;
  counts_match: boolean;
  mapping_differences: MappingDifference[];
  sampled: number;
  sample_mismatches: SampleMismatch[];
  aliases: { expected: string[]; missing: string[] };
  templates: { expected: string[]; missing: string[] };
  /** Why this index could not be compared (the index is missing, a read was refused). */
  error?: string;
  remedy?: string;
}

export interface NamedComparison {
  expected: string[];
  found: string[];
  missing: string[];
}

export interface UserSummary {
  username: string;
  roles: string[];
  enabled: boolean;
}

export interface SecurityVerification {
  /** False when security is not enabled (or not readable) on the destination: a state, not an error. */
  available: boolean;
  reason?: string;
  /** False when the source's users could not be read; expected lists are then empty. */
  source_available: boolean;
  source_reason?: string;
  users: NamedComparison & { destination: UserSummary[]; role_differences: Array<{ username: string; missing_roles: string[] }> };
  roles: NamedComparison;
}

export interface SavedObjectTitle {
  id: string;
  title: string;
}

export interface SavedObjectTypeComparison {
  source: number;
  dest: number;
  missing: SavedObjectTitle[];
  /** Titles on the destination, for the report's lists. */
  titles: SavedObjectTitle[];
}

/** One object a saved_objects job imported, read back from this Kibana's saved-objects indices. */
export type ImportedObjectState = 'present' | 'missing' | 'title_changed';

export interface ImportedObjectCheck {
  type: string;
  /** The id it was imported under (the new id of a new copy). */
  id: string;
  /** The id in the source's Kibana, when it differs. */
  source_id?: string;
  /** The title the import reported. */
  title: string;
  /** The title found in this Kibana, when it differs. */
  found_title?: string;
  state: ImportedObjectState;
  remedy?: string;
}

/** A saved_objects job's imported objects, each read back by id in the job's space. */
export interface ImportedObjectsVerification {
  space: string;
  /** The indices (or aliases) read. */
  indices: string[];
  present: number;
  missing: number;
  title_changed: number;
  objects: ImportedObjectCheck[];
}

export interface SavedObjectsVerification {
  available: boolean;
  reason?: string;
  /** Where the expected objects were read, e.g. `source .kibana` or `destination restored_.kibana_7.17.9_001`. */
  compared_from?: string;
  compared_to?: string;
  by_type: Record<string, SavedObjectTypeComparison>;
  /** A saved_objects job's verification: every object it imported, present, missing or with a changed title. */
  imported?: ImportedObjectsVerification;
}

export interface VerificationDifference {
  area: 'data' | 'security' | 'saved_objects';
  message: string;
  remedy: string;
}

export interface VerificationReport {
  id: string;
  /** Who asked for it (with Elasticsearch security on). */
  owner?: Owner;
  created_at: string;
  finished_at?: string;
  status: VerificationStatus;
  job_id?: string;
  source_id?: string;
  sample_size: number;
  progress: { done: number; total: number; step: string };
  indices: IndexVerification[];
  security?: SecurityVerification;
  /** Why the users-and-roles part is left out for this reader (who may not read security). */
  security_hidden?: { reason: string; remedy: string };
  saved_objects?: SavedObjectsVerification;
  /** Everything that differs, each with what to do next; empty when everything matches. */
  differences: VerificationDifference[];
  error?: string;
}

export interface VerificationsResponse {
  total: number;
  verifications: Array<Omit<VerificationReport, 'indices' | 'security' | 'saved_objects'>>;
}
