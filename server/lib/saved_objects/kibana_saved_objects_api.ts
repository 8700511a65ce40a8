/*
 * The parts of Kibana's saved objects service the engine uses, by shape (the engine imports no Kibana):
 * the request-scoped client, the importer and the type registry. typings/kbn_core_saved_objects_server.d.ts
 * declares them as Kibana does, with the Kibana source of each; Kibana's objects satisfy these shapes.
 */
import type { Readable } from 'node:stream';
import { compareVersions } from '../../../common/lib/saved_objects_versions';

export interface SoClientObject {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  originId?: string;
  namespaces?: string[];
  error?: { statusCode: number; error?: string; message: string };
}

export interface SoClient {
  bulkGet(objects: Array<{ type: string; id: string }>, options?: { namespace?: string }): Promise<{ saved_objects: SoClientObject[] }>;
  find(options: {
    type: string | string[];
    search?: string;
    rootSearchFields?: string[];
    page?: number;
    perPage?: number;
    fields?: string[];
    namespaces?: string[];
  }): Promise<{ total: number; saved_objects: SoClientObject[] }>;
}

export interface SoImportError {
  type: string;
  id: string;
  title?: string;
  meta: { title?: string; icon?: string };
  overwrite?: boolean;
  error:
    | { type: 'conflict'; destinationId?: string }
    | { type: 'ambiguous_conflict'; destinations: Array<{ id: string; title?: string; updatedAt?: string }> }
    | { type: 'unsupported_type' }
    | { type: 'missing_references'; references: Array<{ type: string; id: string }> }
    | { type: 'unknown'; message: string; statusCode: number }
    | { type: string; message?: string };
}

export interface SoImportSuccess {
  type: string;
  id: string;
  destinationId?: string;
  createNewCopy?: boolean;
  overwrite?: boolean;
  managed?: boolean;
  meta: { title?: string; icon?: string };
}

export interface SoImportResponse {
  success: boolean;
  successCount: number;
  successResults?: SoImportSuccess[];
  errors?: SoImportError[];
  warnings: unknown[];
}

export interface SoImportOptions {
  readStream: Readable;
  overwrite: boolean;
  createNewCopies: boolean;
  namespace?: string;
  refresh?: boolean | 'wait_for';
  compatibilityMode?: boolean;
  /** Required by Kibana's importer since PR #228416 (after the 9.1 branch); ignored by older ones. */
  request?: unknown;
}

export interface SoImporter {
  import(options: SoImportOptions): Promise<SoImportResponse>;
}

export interface SoType {
  name: string;
  namespaceType: 'single' | 'multiple' | 'multiple-isolated' | 'agnostic';
  hidden?: boolean;
  management?: { importableAndExportable?: boolean };
  migrations?: Record<string, unknown> | (() => Record<string, unknown>);
  modelVersions?: Record<string | number, unknown> | (() => Record<string | number, unknown>);
}

export interface SoTypeRegistry {
  getType(type: string): SoType | undefined;
  getImportableAndExportableTypes(): SoType[];
  isMultiNamespace(type: string): boolean;
}

/** What the engine needs of this Kibana's saved objects, for one request (its user). */
export interface DestinationKibana {
  client: SoClient;
  importer: SoImporter;
  registry: SoTypeRegistry;
  /** This Kibana's version (PluginInitializerContext.env.packageInfo.version). */
  kibanaVersion: string;
  /** Passed to the importer as `request` (Kibana 9.2+ requires it). */
  request?: unknown;
}

/** Kibana's `namespace` option for a space id: undefined for the default space (spaceIdToNamespace). */
export const namespaceOf = (space: string): string | undefined => (space === 'default' ? undefined : space);

/** The newest version this Kibana has for a type: its newest migration, or its newest model version as `10.<n>.0`. */
export const latestTypeVersion = (type: SoType | undefined): string | undefined => {
  if (!type) return undefined;
  const models = typeof type.modelVersions === 'function' ? type.modelVersions() : type.modelVersions;
  const modelKeys = Object.keys(models ?? {}).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (modelKeys.length) return `10.${Math.max(...modelKeys)}.0`;
  const migrations = typeof type.migrations === 'function' ? type.migrations() : type.migrations;
  const versions = Object.keys(migrations ?? {}).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  if (!versions.length) return undefined;
  return versions.sort(compareVersions).pop();
};
