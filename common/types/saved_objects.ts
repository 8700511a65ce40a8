/*
 * Kibana saved objects read from a source's `.kibana` (or a restored copy), checked, exported and imported
 * into this Kibana (issue 17). Shared by the server, the app and the tests.
 */

/** The raw layout a `.kibana` index was written in (kibana_saved_objects_facts.md, section 1). */
export type SavedObjectsLayout = '6.8' | '7.x' | '8.x';

/** Where the saved objects are read: the live source over its saved connection, or a restored copy on this cluster. */
export type SavedObjectsFrom = { source_id: string } | { index: string };

export interface SavedObjectReference {
  name: string;
  type: string;
  id: string;
}

/** One saved object as an export line carries it (bare id, attributes, references, version fields), plus its spaces. */
export interface ExportedSavedObject {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  references: SavedObjectReference[];
  originId?: string;
  managed?: boolean;
  /** 6.5–8.7 */
  migrationVersion?: Record<string, string>;
  /** 7.12+ */
  coreMigrationVersion?: string;
  /** 8.8+ */
  typeMigrationVersion?: string;
  updated_at?: string;
  created_at?: string;
}

export interface SourceSavedObject extends ExportedSavedObject {
  /** Spaces the object is in (`default` for the default space); from the raw `namespace` / `namespaces`. */
  spaces: string[];
  title: string;
  /** The raw document id (`type:id`, `space:type:id`). */
  raw_id: string;
  /** References that the reader extracted from attributes (6.8 layout), as Kibana's 7.0.0 migrations do. */
  extracted_references?: boolean;
}

/** An object named by the user: its type, bare id and the space it is read from. */
export interface SavedObjectKey {
  type: string;
  id: string;
  space: string;
}

export interface SavedObjectSummary extends SavedObjectKey {
  title: string;
  spaces: string[];
  references: SavedObjectReference[];
  extracted_references?: boolean;
  updated_at?: string;
}

export interface SavedObjectsListResponse {
  /** Where they were read, for people: `source web (http://...) .kibana` or `restored_... on the destination`. */
  read_from: string;
  layout: SavedObjectsLayout;
  /** The Kibana version that wrote them (from the `config` object's id, or the index name). */
  kibana_version?: string;
  total: number;
  types: Record<string, number>;
  spaces: string[];
  objects: SavedObjectSummary[];
}

/** How existing objects of this Kibana are treated: Kibana's `overwrite` and `createNewCopies` options. */
export type SavedObjectsImportMode = 'overwrite' | 'create_new_copies' | 'keep_existing';

export interface SavedObjectsSelectionRequest {
  from: SavedObjectsFrom;
  objects: SavedObjectKey[];
  /** Add every object the selection references, transitively ("with everything they reference"). */
  include_references?: boolean;
  /** The space of this Kibana to import into (`default` when absent). */
  space?: string;
  mode?: SavedObjectsImportMode;
}

/** Where a reference of a selected object was found. */
export type ReferenceStatus = 'in_selection' | 'in_destination' | 'in_source_not_selected' | 'missing';

export interface CheckedReference extends SavedObjectReference {
  status: ReferenceStatus;
  /** The object of this Kibana that satisfies it (same id, or whose originId is that id). */
  destination_id?: string;
}

export type SavedObjectProblemKind =
  | 'missing_reference'
  | 'reference_not_selected'
  | 'reference_refused'
  | 'too_new'
  | 'unsupported_type'
  | 'id_conflict'
  | 'ambiguous_conflict'
  | 'version_gap';

export interface SavedObjectProblem {
  kind: SavedObjectProblemKind;
  /** Errors stop the object from importing; warnings say what the import will do. */
  severity: 'error' | 'warning';
  type: string;
  id: string;
  title: string;
  reference?: SavedObjectReference;
  message: string;
  remedy: string;
}

/** What the import will do with one object. */
export type PlannedOutcome = 'create' | 'overwrite' | 'new_copy' | 'refuse';

export interface CheckedObject extends SavedObjectKey {
  title: string;
  /** Added by "with everything they reference", not picked by the user. */
  added_as_reference?: boolean;
  references: CheckedReference[];
  outcome: PlannedOutcome;
  /** An object of this Kibana it would overwrite or conflict with. */
  destination_id?: string;
}

export interface SavedObjectsCheckReport {
  checked_at: string;
  read_from: string;
  source_kibana_version?: string;
  kibana_version: string;
  space: string;
  mode: SavedObjectsImportMode;
  objects: CheckedObject[];
  problems: SavedObjectProblem[];
  summary: { selected: number; importable: number; refused: number; broken_references: number; warnings: number };
}

export type ImportResultStatus = 'created' | 'overwritten' | 'refused';

export interface SavedObjectImportResult {
  type: string;
  id: string;
  title: string;
  status: ImportResultStatus;
  /** The id in this Kibana when it differs from the source's (a new copy, or an id used in another space). */
  destination_id?: string;
  /** Why it was refused: Kibana's import error type (or the check's problem kind), and what to do. */
  error?: { type: string; message: string; remedy?: string };
  /** The importer call (1-based) that carried it; absent for objects the check refused before importing. */
  batch?: number;
}

export interface SavedObjectsImportReport {
  imported_at: string;
  space: string;
  mode: SavedObjectsImportMode;
  batches: number;
  success_count: number;
  refused_count: number;
  results: SavedObjectImportResult[];
  check: SavedObjectsCheckReport;
  /** The saved_objects job that records this import (its page shows the results; a verification reads them back). */
  job_id?: string;
}

export interface SavedObjectsVerifyRequest {
  space?: string;
  objects: Array<{ type: string; id: string; title?: string }>;
}

export interface VerifiedSavedObject {
  type: string;
  id: string;
  found: boolean;
  title?: string;
  expected_title?: string;
  title_matches?: boolean;
}

export interface SavedObjectsVerifyReport {
  verified_at: string;
  space: string;
  found: number;
  missing: number;
  objects: VerifiedSavedObject[];
}
