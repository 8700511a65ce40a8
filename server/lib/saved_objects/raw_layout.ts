/*
 * Raw `.kibana` documents as each Kibana version writes them, read into export-shaped objects
 * (kibana_saved_objects_facts.md, section 1):
 *  - 6.8: `_id` `type:id` (`space:type:id` in another space, with `namespace`), attributes under the type's
 *    name, `migrationVersion` (6.5+), no root `references`: the ids sit in attributes (extract_references.ts);
 *  - 7.x: as 6.8 plus root `references` (7.0+), `coreMigrationVersion` (7.12+), `originId`;
 *  - 8.x: multi-namespace types (dashboards, visualizations, data views, ...) have no prefix and list their
 *    spaces in `namespaces`; `typeMigrationVersion` and `managed` (8.8+), `created_at` (8.6+).
 */
import type { SavedObjectReference, SavedObjectsLayout, SourceSavedObject } from '../../../common/types/saved_objects';
import { compareVersions, isVersion } from '../../../common/lib/saved_objects_versions';
import { extractLegacyReferences } from './extract_references';

export interface RawSavedObjectDoc {
  _id: string;
  _index?: string;
  _source: Record<string, unknown>;
}

export const DEFAULT_SPACE = 'default';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const stringOr = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

const readReferences = (value: unknown): SavedObjectReference[] =>
  Array.isArray(value)
    ? value.filter(isRecord).flatMap((ref) =>
        typeof ref.type === 'string' && typeof ref.id === 'string' ? [{ name: typeof ref.name === 'string' ? ref.name : '', type: ref.type, id: ref.id }] : []
      )
    : [];

/** The title Kibana's Saved Objects page shows: `title`, else `name`, else the id. */
export const titleOf = (type: string, attributes: Record<string, unknown>, id: string): string =>
  stringOr(attributes.title) ?? stringOr(attributes.name) ?? (type === 'config' ? `Advanced settings [${id}]` : id);

/**
 * One raw document as an export-shaped object with its spaces and title; undefined for documents that are
 * no saved object (no `type`, or no attributes under it).
 */
export const readRawSavedObject = (doc: RawSavedObjectDoc): SourceSavedObject | undefined => {
  const source = doc._source;
  const type = stringOr(source.type);
  if (!type) return undefined;
  const attributes = source[type];
  if (!isRecord(attributes)) return undefined;
  const namespace = stringOr(source.namespace);
  const namespaces = Array.isArray(source.namespaces) ? source.namespaces.filter((ns): ns is string => typeof ns === 'string' && ns !== '') : undefined;
  // `space:type:id` for single-namespace objects of another space, `type:id` for everything else.
  const prefix = namespace ? `${namespace}:${type}:` : `${type}:`;
  const id = doc._id.startsWith(prefix) ? doc._id.slice(prefix.length) : doc._id;
  const spaces = namespace ? [namespace] : namespaces && namespaces.length ? namespaces : [DEFAULT_SPACE];
  const hasRootReferences = Array.isArray(source.references);
  const references = hasRootReferences ? readReferences(source.references) : extractLegacyReferences(type, attributes);
  const migrationVersion = isRecord(source.migrationVersion)
    ? Object.fromEntries(Object.entries(source.migrationVersion).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    : undefined;
  return {
    id,
    type,
    raw_id: doc._id,
    title: titleOf(type, attributes, id),
    spaces,
    attributes,
    references,
    ...(hasRootReferences ? {} : { extracted_references: true }),
    ...(stringOr(source.originId) ? { originId: source.originId as string } : {}),
    ...(typeof source.managed === 'boolean' ? { managed: source.managed } : {}),
    ...(migrationVersion && Object.keys(migrationVersion).length ? { migrationVersion } : {}),
    ...(stringOr(source.coreMigrationVersion) ? { coreMigrationVersion: source.coreMigrationVersion as string } : {}),
    ...(typeof source.typeMigrationVersion === 'string' ? { typeMigrationVersion: source.typeMigrationVersion } : {}),
    ...(stringOr(source.updated_at) ? { updated_at: source.updated_at as string } : {}),
    ...(stringOr(source.created_at) ? { created_at: source.created_at as string } : {}),
  };
};

/**
 * The Kibana version that wrote an index: the `config` objects' ids are Kibana versions (`config:7.17.9`),
 * else the versioned index name (`.kibana_7.17.9_001`, 7.11+), else the newest `coreMigrationVersion`.
 */
export const detectKibanaVersion = (docs: readonly RawSavedObjectDoc[]): string | undefined => {
  const newest = (versions: string[]) => versions.filter(isVersion).sort(compareVersions).pop();
  const fromConfig = newest(docs.filter((doc) => doc._source.type === 'config').map((doc) => doc._id.slice(doc._id.lastIndexOf(':') + 1)));
  if (fromConfig) return fromConfig;
  const fromIndex = newest(docs.flatMap((doc) => /^\.kibana(?:_[a-z_]+)?_(\d+\.\d+\.\d+)_\d+$/.exec(doc._index ?? '')?.[1] ?? []));
  if (fromIndex) return fromIndex;
  return newest(docs.flatMap((doc) => stringOr(doc._source.coreMigrationVersion) ?? []));
};

/** The layout of a set of documents: by the version that wrote them, else by their fields. */
export const detectLayout = (docs: readonly RawSavedObjectDoc[], kibanaVersion = detectKibanaVersion(docs)): SavedObjectsLayout => {
  const major = kibanaVersion ? Number.parseInt(kibanaVersion, 10) : undefined;
  if (major !== undefined && !Number.isNaN(major)) return major < 7 ? '6.8' : major === 7 ? '7.x' : '8.x';
  if (docs.some((doc) => 'typeMigrationVersion' in doc._source || Array.isArray(doc._source.namespaces))) return '8.x';
  if (docs.some((doc) => Array.isArray(doc._source.references))) return '7.x';
  return '6.8';
};
