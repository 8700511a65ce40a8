/*
 * The parts of Kibana's saved objects service the plugin uses (issue 17), as Kibana declares them; the
 * members not listed here exist in Kibana but are not used. Re-exported by kbn_core_server.d.ts
 * (`@kbn/core/server`). Paths are in elastic/kibana, `SO/` = src/core/packages/saved-objects/ (older 8.x:
 * packages/core/saved-objects/core-saved-objects-*):
 *   SO/server/src/contracts.ts                 SavedObjectsServiceStart: getScopedClient, createImporter, getTypeRegistry,
 *                                              getIndicesForTypes
 *   SO/server/src/import.ts                    ISavedObjectsImporter, SavedObjectsImporterOptions, SavedObjectsImportOptions
 *   SO/server/src/saved_objects_type.ts        SavedObjectsType (name, hidden, namespaceType, management, migrations, modelVersions)
 *   SO/server/src/type_registry.ts             ISavedObjectTypeRegistry
 *   SO/api-server/src/saved_objects_client.ts  SavedObjectsClientContract (bulkGet, find, getCurrentNamespace)
 *   SO/api-server/src/apis/find.ts             SavedObjectsFindOptions (rootSearchFields: the root fields the
 *                                              import's origin check searches, check_origin_conflicts.ts)
 *   SO/common/src/saved_objects_imports.ts     SavedObjectsImportResponse, SavedObjectsImportFailure, error types
 *   SO/server/src/saved_objects_management.ts  SavedObjectsTypeManagementDefinition (importableAndExportable)
 *
 * Where the signature changed:
 *   - SavedObjectsImportOptions.request: `request: KibanaRequest` is required on main since PR #228416
 *     ("[Write restricted dashboards] Implements import and export changes", merged 2025-07-17, after the 9.1
 *     branch, so first in 9.2; the release is not verified). 8.19 and 9.1 do not have it. Declared optional
 *     here; the plugin always passes it, which older importers ignore.
 *   - SavedObjectsImportOptions.managed: since 8.9 (PR #155677). compatibilityMode: since 8.8 (PR #149021).
 *   - SavedObjectsImportFailure.error: main adds access-control error types (PR #228416); handled as unknown types.
 *   - SavedObjectsType.modelVersions: since 8.10 (model versions stored as `10.<n>.0`).
 *   - SavedObjectsServiceStart.getIndicesForTypes: since 8.8 (PR #155155, with the split of `.kibana`).
 */
import type { Readable } from 'stream';
import type { KibanaRequest } from './kbn_core_server';

export interface SavedObjectReference {
  name: string;
  type: string;
  id: string;
}

export interface SavedObjectError {
  error: string;
  message: string;
  statusCode: number;
  metadata?: Record<string, unknown>;
}

export interface SavedObject<T = unknown> {
  id: string;
  type: string;
  version?: string;
  updated_at?: string;
  created_at?: string;
  error?: SavedObjectError;
  attributes: T;
  references: SavedObjectReference[];
  migrationVersion?: Record<string, string>;
  coreMigrationVersion?: string;
  typeMigrationVersion?: string;
  managed?: boolean;
  namespaces?: string[];
  originId?: string;
}

export interface SavedObjectsBaseOptions {
  /** Specify the namespace for this operation */
  namespace?: string;
}

export interface SavedObjectsBulkGetObject {
  id: string;
  type: string;
  fields?: string[];
  namespaces?: string[];
}

export interface SavedObjectsBulkResponse<T = unknown> {
  saved_objects: Array<SavedObject<T>>;
}

export interface SavedObjectsFindOptions {
  type: string | string[];
  page?: number;
  perPage?: number;
  sortField?: string;
  sortOrder?: 'asc' | 'desc';
  fields?: string[];
  search?: string;
  searchFields?: string[];
  rootSearchFields?: string[];
  defaultSearchOperator?: 'AND' | 'OR';
  namespaces?: string[];
}

export interface SavedObjectsFindResult<T = unknown> extends SavedObject<T> {
  score: number;
}

export interface SavedObjectsFindResponse<T = unknown> {
  saved_objects: Array<SavedObjectsFindResult<T>>;
  total: number;
  per_page: number;
  page: number;
}

export interface SavedObjectsClientContract {
  bulkGet<T = unknown>(objects: SavedObjectsBulkGetObject[], options?: SavedObjectsBaseOptions): Promise<SavedObjectsBulkResponse<T>>;
  find<T = unknown>(options: SavedObjectsFindOptions): Promise<SavedObjectsFindResponse<T>>;
  getCurrentNamespace(): string | undefined;
}

export interface SavedObjectsClientProviderOptions {
  excludedExtensions?: string[];
  includedHiddenTypes?: string[];
}

export type SavedObjectsNamespaceType = 'single' | 'multiple' | 'multiple-isolated' | 'agnostic';

export interface SavedObjectsTypeManagementDefinition {
  importableAndExportable?: boolean;
  displayName?: string;
  icon?: string;
}

export interface SavedObjectsType {
  name: string;
  hidden: boolean;
  namespaceType: SavedObjectsNamespaceType;
  indexPattern?: string;
  management?: SavedObjectsTypeManagementDefinition;
  /** Keys are the Kibana versions of each migration (or a provider of them). */
  migrations?: Record<string, unknown> | (() => Record<string, unknown>);
  /** Keys are model version numbers from 1 (8.10+). */
  modelVersions?: Record<string | number, unknown> | (() => Record<string | number, unknown>);
}

export interface ISavedObjectTypeRegistry {
  getType(type: string): SavedObjectsType | undefined;
  getAllTypes(): SavedObjectsType[];
  getImportableAndExportableTypes(): SavedObjectsType[];
  isMultiNamespace(type: string): boolean;
  isHidden(type: string): boolean;
}

// ---- import responses (SO/common/src/saved_objects_imports.ts)
export interface SavedObjectsImportConflictError {
  type: 'conflict';
  destinationId?: string;
}
export interface SavedObjectsImportAmbiguousConflictError {
  type: 'ambiguous_conflict';
  destinations: Array<{ id: string; title?: string; updatedAt?: string }>;
}
export interface SavedObjectsImportUnsupportedTypeError {
  type: 'unsupported_type';
}
export interface SavedObjectsImportUnknownError {
  type: 'unknown';
  message: string;
  statusCode: number;
}
export interface SavedObjectsImportMissingReferencesError {
  type: 'missing_references';
  references: Array<{ type: string; id: string }>;
}
export interface SavedObjectsImportFailure {
  id: string;
  type: string;
  /** @deprecated Use `meta.title` instead */
  title?: string;
  meta: { title?: string; icon?: string };
  overwrite?: boolean;
  error:
    | SavedObjectsImportConflictError
    | SavedObjectsImportAmbiguousConflictError
    | SavedObjectsImportUnsupportedTypeError
    | SavedObjectsImportMissingReferencesError
    | SavedObjectsImportUnknownError;
}
export interface SavedObjectsImportSuccess {
  id: string;
  type: string;
  destinationId?: string;
  managed?: boolean;
  /** @deprecated */
  createNewCopy?: boolean;
  meta: { title?: string; icon?: string };
  overwrite?: boolean;
}
export interface SavedObjectsImportWarning {
  type: 'simple' | 'action_required';
  message: string;
  actionPath?: string;
  buttonLabel?: string;
}
export interface SavedObjectsImportResponse {
  success: boolean;
  successCount: number;
  successResults?: SavedObjectsImportSuccess[];
  warnings: SavedObjectsImportWarning[];
  errors?: SavedObjectsImportFailure[];
}

export interface SavedObjectsImporterOptions {
  /** Overwrites the maximum number of saved objects that could be imported */
  importSizeLimit?: number;
}

export interface SavedObjectsImportOptions {
  readStream: Readable;
  overwrite: boolean;
  namespace?: string;
  createNewCopies: boolean;
  refresh?: boolean | 'wait_for';
  compatibilityMode?: boolean;
  managed?: boolean;
  /** Required since PR #228416 (9.2 or later); absent in 8.19 and 9.1. */
  request?: KibanaRequest;
}

export interface ISavedObjectsImporter {
  /** @throws SavedObjectsImportError (a 400: too many objects, non-unique objects, reference fetch failure) */
  import(options: SavedObjectsImportOptions): Promise<SavedObjectsImportResponse>;
}

export interface SavedObjectsServiceStart {
  /** A saved objects client scoped to the request's user (and space, where the spaces plugin runs). */
  getScopedClient(req: KibanaRequest, options?: SavedObjectsClientProviderOptions): SavedObjectsClientContract;
  createImporter(client: SavedObjectsClientContract, options?: SavedObjectsImporterOptions): ISavedObjectsImporter;
  getTypeRegistry(): ISavedObjectTypeRegistry;
  /** The (aliases to the) indices the given types are stored in, duplicates removed. */
  getIndicesForTypes(types: string[]): string[];
}
