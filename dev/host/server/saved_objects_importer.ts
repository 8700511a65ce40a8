/*
 * The development host's `core.savedObjects`: a request-scoped saved objects client, Kibana's importer
 * and a type registry, over the destination's saved-objects index (default the `.kibana` alias; created as
 * `.kibana_<host version>_001` behind it when missing). It enforces the rules of Kibana's importer
 * (kibana_saved_objects_facts.md, section 3; import_saved_objects.ts and its lib/ in
 * src/core/packages/saved-objects/import-export-server-internal/src/import/):
 *  - whole-import errors (SavedObjectsImportError, 400): more than `importSizeLimit` objects
 *    ("Can't import more than N objects"), the same object twice ("Non-unique import objects detected"),
 *    a line that is not JSON; a payload over `savedObjects.maxImportPayloadBytes` (413); `createNewCopies`
 *    with `overwrite` or `compatibilityMode` (Kibana's import route refuses that combination; its importer
 *    would ignore `overwrite`);
 *  - an object too new for this Kibana fails the whole import (Boom badData, 422) with Kibana's words;
 *  - per object: `unsupported_type` for types it does not import, `missing_references` for data views and
 *    saved searches absent from the file and the space, `conflict` / `ambiguous_conflict` for ids (or
 *    origins) already in the space unless `overwrite`, a new id for a multi-namespace id used in another
 *    space, `unknown` (400) for an object without its required fields;
 *  - nothing is written while a conflict or missing-reference error is open;
 *  - the response has Kibana's shape (`success`, `successCount`, `successResults`, `errors`, `warnings`).
 * It runs NO Kibana migration: attributes are written as they come, in Kibana 8.x's raw layout (which is
 * why a 6.8 object keeps its ids in its attributes here, where Kibana's 7.0.0 migrations would move them).
 */
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Client, estypes } from '@elastic/elasticsearch';
import type {
  ISavedObjectsImporter,
  ISavedObjectTypeRegistry,
  KibanaRequest,
  SavedObject,
  SavedObjectsBulkGetObject,
  SavedObjectsClientContract,
  SavedObjectsFindOptions,
  SavedObjectsImportFailure,
  SavedObjectsImportOptions,
  SavedObjectsImportResponse,
  SavedObjectsImportSuccess,
  SavedObjectsNamespaceType,
  SavedObjectsServiceStart,
  SavedObjectsType,
} from '@kbn/core/server';
import { tooNewReason } from '../../../common/lib/saved_objects_versions';
import { KIBANA_VERSION } from '../kibana_version';

/** Kibana's defaults (SO/base-server-internal/src/saved_objects_config.ts). */
export const MAX_IMPORT_EXPORT_SIZE = 10_000;
export const MAX_IMPORT_PAYLOAD_BYTES = 26_214_400;

/** The saved object types of the Kibana the host stands in for, with their namespace types (8.0+). */
const TYPES: Array<[string, SavedObjectsNamespaceType, boolean]> = [
  // name, namespaceType, importableAndExportable
  ['index-pattern', 'multiple', true],
  ['visualization', 'multiple-isolated', true],
  ['dashboard', 'multiple-isolated', true],
  ['search', 'multiple-isolated', true],
  ['lens', 'multiple-isolated', true],
  ['map', 'multiple-isolated', true],
  ['tag', 'multiple-isolated', true],
  ['query', 'multiple-isolated', true],
  ['canvas-workpad', 'multiple-isolated', true],
  ['canvas-element', 'multiple-isolated', true],
  ['graph-workspace', 'multiple-isolated', true],
  ['url', 'multiple-isolated', true],
  ['config', 'single', true],
  ['config-global', 'agnostic', true],
  ['space', 'agnostic', false],
  ['legacy-url-alias', 'agnostic', false],
  ['task', 'agnostic', false],
];

export const hostTypeRegistry = (): ISavedObjectTypeRegistry => {
  const types = new Map<string, SavedObjectsType>(
    TYPES.map(([name, namespaceType, importable]) => [name, { name, namespaceType, hidden: !importable, management: { importableAndExportable: importable } }])
  );
  return {
    getType: (type) => types.get(type),
    getAllTypes: () => [...types.values()],
    getImportableAndExportableTypes: () => [...types.values()].filter((type) => type.management?.importableAndExportable === true),
    isMultiNamespace: (type) => ['multiple', 'multiple-isolated'].includes(types.get(type)?.namespaceType ?? ''),
    isHidden: (type) => types.get(type)?.hidden ?? false,
  };
};

/** An error of the import as a whole, as Kibana's SavedObjectsImportError (and the Boom errors its route answers with). */
export class HostImportError extends Error {
  constructor(message: string, public readonly statusCode: number, public readonly type: string) {
    super(message);
    this.name = 'SavedObjectsImportError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const ROOT_MAPPINGS = {
  type: { type: 'keyword' },
  namespace: { type: 'keyword' },
  namespaces: { type: 'keyword' },
  originId: { type: 'keyword' },
  updated_at: { type: 'date' },
  created_at: { type: 'date' },
  managed: { type: 'boolean' },
  coreMigrationVersion: { type: 'keyword' },
  // keyword, not Kibana's `version`: no migration runs here, so an object without versions keeps ''.
  typeMigrationVersion: { type: 'keyword' },
  references: { type: 'nested', properties: { name: { type: 'keyword' }, type: { type: 'keyword' }, id: { type: 'keyword' } } },
};

const isIndexNotFound = (error: unknown): boolean =>
  (error as { meta?: { body?: { error?: { type?: string } } } }).meta?.body?.error?.type === 'index_not_found_exception';

interface RawDoc {
  _id: string;
  _source: Record<string, unknown>;
}

/** The host's saved objects over one index of the destination, acting with the given (request-scoped) client. */
export class HostSavedObjectsStore {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly es: Client,
    readonly index: string,
    private readonly registry: ISavedObjectTypeRegistry
  ) {}

  /** The index exists and maps the root fields and every type (added to an existing index's mappings, never changed). */
  private ensureIndex(): Promise<void> {
    this.ready ??= (async () => {
      const properties = { ...ROOT_MAPPINGS, ...Object.fromEntries(this.registry.getAllTypes().map((type) => [type.name, { dynamic: false, properties: {} }])) };
      const exists = await this.es.indices.exists({ index: this.index, expand_wildcards: 'all' });
      if (!exists) {
        const concrete = this.index === '.kibana' ? `.kibana_${KIBANA_VERSION}_001` : this.index;
        await this.es.indices.create({
          index: concrete,
          settings: { index: { hidden: true, number_of_shards: 1, number_of_replicas: 0, auto_expand_replicas: '0-1' } },
          mappings: { dynamic: 'strict', properties } as never,
          ...(concrete !== this.index ? { aliases: { [this.index]: {} } } : {}),
        }).catch((error: { meta?: { body?: { error?: { type?: string } } } }) => {
          if (error.meta?.body?.error?.type !== 'resource_already_exists_exception') throw error;
        });
        return;
      }
      const current = await this.es.indices.getMapping({ index: this.index, expand_wildcards: 'all' });
      const mapped = new Set(Object.values(current).flatMap((index) => Object.keys((index.mappings?.properties ?? {}) as object)));
      const missing = Object.fromEntries(Object.entries(properties).filter(([name]) => !mapped.has(name)));
      if (Object.keys(missing).length) await this.es.indices.putMapping({ index: this.index, properties: missing as never });
    })().catch((error) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private namespaceType(type: string): SavedObjectsNamespaceType {
    return this.registry.getType(type)?.namespaceType ?? 'single';
  }

  /** The raw document id: `space:type:id` for single-namespace objects of another space, `type:id` otherwise. */
  rawId(type: string, id: string, namespace?: string): string {
    return this.namespaceType(type) === 'single' && namespace ? `${namespace}:${type}:${id}` : `${type}:${id}`;
  }

  private inSpace(doc: RawDoc, namespace?: string): boolean {
    const space = namespace ?? 'default';
    const type = doc._source.type as string;
    const kind = this.namespaceType(type);
    if (kind === 'agnostic') return true;
    if (kind === 'single') return (doc._source.namespace ?? undefined) === namespace;
    const namespaces = (doc._source.namespaces as string[] | undefined) ?? [];
    return namespaces.includes(space) || namespaces.includes('*');
  }

  toSavedObject(doc: RawDoc): SavedObject<Record<string, unknown>> {
    const source = doc._source;
    const type = source.type as string;
    const prefix = source.namespace ? `${source.namespace as string}:${type}:` : `${type}:`;
    return {
      id: doc._id.startsWith(prefix) ? doc._id.slice(prefix.length) : doc._id,
      type,
      attributes: (source[type] as Record<string, unknown>) ?? {},
      references: (source.references as SavedObject['references']) ?? [],
      ...(source.originId ? { originId: source.originId as string } : {}),
      ...(source.namespaces ? { namespaces: source.namespaces as string[] } : source.namespace ? { namespaces: [source.namespace as string] } : { namespaces: ['default'] }),
      ...(source.updated_at ? { updated_at: source.updated_at as string } : {}),
      ...(source.created_at ? { created_at: source.created_at as string } : {}),
      ...(source.typeMigrationVersion !== undefined ? { typeMigrationVersion: source.typeMigrationVersion as string } : {}),
      ...(source.coreMigrationVersion ? { coreMigrationVersion: source.coreMigrationVersion as string } : {}),
      ...(typeof source.managed === 'boolean' ? { managed: source.managed } : {}),
    };
  }

  /** Raw documents by raw id (whatever their space). */
  async getRaw(rawIds: string[]): Promise<Map<string, RawDoc>> {
    if (!rawIds.length) return new Map();
    // Reads never create the index: a Kibana that has imported nothing yet has nothing.
    const result = await this.es.mget<Record<string, unknown>>({ index: this.index, ids: rawIds, realtime: true }).catch((error: unknown) => {
      if (isIndexNotFound(error)) return { docs: [] };
      throw error;
    });
    const found = new Map<string, RawDoc>();
    for (const doc of result.docs) {
      if ('found' in doc && doc.found && doc._source) found.set(doc._id, { _id: doc._id, _source: doc._source });
    }
    return found;
  }

  /** As SavedObjectsClient.bulkGet: each object, or its 400 (unknown type) / 404 error. */
  async bulkGet(objects: SavedObjectsBulkGetObject[], namespace?: string): Promise<Array<SavedObject<Record<string, unknown>>>> {
    const known = objects.filter((object) => this.registry.getType(object.type));
    const raw = await this.getRaw(known.map((object) => this.rawId(object.type, object.id, namespace)));
    return objects.map(({ type, id }) => {
      if (!this.registry.getType(type)) {
        return { id, type, attributes: {}, references: [], error: { statusCode: 400, error: 'Bad Request', message: `Unsupported saved object type: '${type}': Bad Request` } };
      }
      const doc = raw.get(this.rawId(type, id, namespace));
      if (!doc || !this.inSpace(doc, namespace)) {
        return { id, type, attributes: {}, references: [], error: { statusCode: 404, error: 'Not Found', message: `Saved object [${type}/${id}] not found` } };
      }
      return this.toSavedObject(doc);
    });
  }

  /** As SavedObjectsClient.find, for what the plugin and the importer ask: types, quoted terms on root fields or titles, spaces. */
  async find(options: SavedObjectsFindOptions, currentNamespace?: string) {
    const types = (Array.isArray(options.type) ? options.type : [options.type]).filter((type) => this.registry.getType(type));
    const perPage = options.perPage ?? 20;
    const page = options.page ?? 1;
    if (!types.length) return { saved_objects: [], total: 0, per_page: perPage, page };
    const spaces = options.namespaces ?? [currentNamespace ?? 'default'];
    const spaceFilter = {
      bool: {
        should: types.map((type) => {
          const kind = this.namespaceType(type);
          const inType = { term: { type } };
          if (kind === 'agnostic') return inType;
          if (kind === 'single') {
            const named = spaces.filter((space) => space !== 'default');
            return {
              bool: {
                filter: [inType],
                should: [
                  ...(spaces.includes('default') || spaces.includes('*') ? [{ bool: { must_not: { exists: { field: 'namespace' } } } }] : []),
                  ...(named.length ? [{ terms: { namespace: named } }] : []),
                  ...(spaces.includes('*') ? [{ exists: { field: 'namespace' } }] : []),
                ],
                minimum_should_match: 1,
              },
            };
          }
          return { bool: { filter: [inType, ...(spaces.includes('*') ? [] : [{ terms: { namespaces: [...spaces, '*'] } }])] } };
        }),
        minimum_should_match: 1,
      },
    };
    const terms = options.search ? [...options.search.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => (match[1] ?? '').replace(/\\(.)/g, '$1')) : [];
    const must: estypes.QueryDslQueryContainer[] = [];
    if (options.search && options.rootSearchFields?.length) {
      must.push({
        bool: {
          should: [
            ...(options.rootSearchFields.includes('_id') ? [{ ids: { values: terms } }] : []),
            ...(options.rootSearchFields.includes('originId') ? [{ terms: { originId: terms } }] : []),
          ],
          minimum_should_match: 1,
        },
      });
    } else if (options.search) {
      must.push({ simple_query_string: { query: options.search, fields: types.map((type) => `${type}.title`) } });
    }
    const result = await this.es.search<Record<string, unknown>>({
      index: this.index,
      ignore_unavailable: true,
      allow_no_indices: true,
      from: (page - 1) * perPage,
      size: perPage,
      track_total_hits: true,
      query: { bool: { filter: [spaceFilter as estypes.QueryDslQueryContainer], must } },
      sort: [{ updated_at: { order: 'desc', unmapped_type: 'date' } }],
    });
    const total = typeof result.hits.total === 'number' ? result.hits.total : result.hits.total?.value ?? 0;
    return {
      saved_objects: result.hits.hits.map((hit) => ({ ...this.toSavedObject({ _id: hit._id as string, _source: hit._source ?? {} }), score: hit._score ?? 0 })),
      total,
      per_page: perPage,
      page,
    };
  }

  /** Writes objects as Kibana 8.x lays them out (no migration runs); `overwrite` false answers a conflict per existing document. */
  async bulkCreate(
    objects: Array<SavedObject<Record<string, unknown>>>,
    options: { namespace?: string; overwrite?: boolean; refresh?: boolean | 'wait_for' }
  ): Promise<Array<SavedObject<Record<string, unknown>>>> {
    if (!objects.length) return [];
    await this.ensureIndex();
    const now = new Date().toISOString();
    const space = options.namespace ?? 'default';
    const operations = objects.flatMap((object) => {
      const kind = this.namespaceType(object.type);
      const source: Record<string, unknown> = {
        type: object.type,
        [object.type]: object.attributes,
        references: object.references ?? [],
        ...(kind === 'single' && options.namespace ? { namespace: options.namespace } : {}),
        ...(kind === 'multiple' || kind === 'multiple-isolated' ? { namespaces: [space] } : {}),
        ...(object.originId ? { originId: object.originId } : {}),
        managed: object.managed ?? false,
        // No migration runs here: the object's own version is kept ('' when it has none, as Kibana's import sets).
        typeMigrationVersion: object.typeMigrationVersion ?? object.migrationVersion?.[object.type] ?? '',
        coreMigrationVersion: object.coreMigrationVersion ?? '8.8.0',
        created_at: now,
        updated_at: now,
      };
      const action = options.overwrite ? 'index' : 'create';
      return [{ [action]: { _index: this.index, _id: this.rawId(object.type, object.id, options.namespace) } }, source];
    });
    const response = await this.es.bulk({ operations, refresh: options.refresh === false ? false : options.refresh === true ? true : 'wait_for' });
    return objects.map((object, i) => {
      const item = Object.values(response.items[i] ?? {})[0];
      if (item?.error) {
        const conflict = item.status === 409;
        return {
          ...object,
          error: conflict
            ? { statusCode: 409, error: 'Conflict', message: `Saved object [${object.type}/${object.id}] conflict` }
            : { statusCode: item.status ?? 500, error: 'Bad Request', message: item.error.reason ?? String(item.error.type) },
        };
      }
      return object;
    });
  }
}

/** A SavedObjectsClientContract over the store, scoped to one space (default: the default space). */
export const hostSavedObjectsClient = (store: HostSavedObjectsStore, currentNamespace?: string): SavedObjectsClientContract & { store: HostSavedObjectsStore } => ({
  store,
  bulkGet: async <T>(objects: SavedObjectsBulkGetObject[], options?: { namespace?: string }) => ({
    saved_objects: (await store.bulkGet(objects, options?.namespace ?? currentNamespace)) as unknown as Array<SavedObject<T>>,
  }),
  find: async <T>(options: SavedObjectsFindOptions) => (await store.find(options, currentNamespace)) as unknown as Awaited<ReturnType<SavedObjectsClientContract['find']>> & { saved_objects: Array<SavedObject<T> & { score: number }> },
  getCurrentNamespace: () => currentNamespace,
});

const readAll = async (stream: Readable, maxBytes: number): Promise<string> => {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    bytes += buffer.length;
    if (bytes > maxBytes) throw new HostImportError(`Payload content length greater than maximum allowed: ${maxBytes}`, 413, 'payload_too_large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const titleOf = (object: Record<string, unknown>): string | undefined => {
  const attributes = object.attributes;
  return isRecord(attributes) && typeof attributes.title === 'string' ? attributes.title : undefined;
};

/** Kibana's importer over the host's store, acting as the client it was created with. */
export const createHostImporter = (
  client: SavedObjectsClientContract,
  registry: ISavedObjectTypeRegistry,
  options: { importSizeLimit?: number; maxImportPayloadBytes?: number } = {}
): ISavedObjectsImporter => ({
  import: async (importOptions: SavedObjectsImportOptions): Promise<SavedObjectsImportResponse> => {
    const store = (client as { store?: HostSavedObjectsStore }).store;
    if (!store) throw new Error('The host importer needs a client from core.savedObjects.getScopedClient');
    const { createNewCopies, overwrite, compatibilityMode, namespace } = importOptions;
    if (createNewCopies && (overwrite || compatibilityMode)) {
      throw new HostImportError(`cannot use [${overwrite ? 'overwrite' : 'compatibilityMode'}] with [createNewCopies]`, 400, 'invalid_options');
    }
    const limit = options.importSizeLimit ?? MAX_IMPORT_EXPORT_SIZE;
    const text = await readAll(importOptions.readStream, options.maxImportPayloadBytes ?? MAX_IMPORT_PAYLOAD_BYTES);

    // collectSavedObjects: parse, skip the export details line, limit, unique, supported types.
    const lines: Array<Record<string, unknown>> = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (error) {
        throw new HostImportError((error as Error).message, 400, 'bad_request');
      }
      if (!isRecord(parsed)) throw new HostImportError('Each line of the import file must be a JSON object', 400, 'bad_request');
      if ('exportedCount' in parsed && 'missingRefCount' in parsed) continue;
      lines.push(parsed);
      if (lines.length > limit) throw new HostImportError(`Can't import more than ${limit} objects`, 400, 'object-limit-exceeded');
    }
    const keys = lines.map((line) => `${String(line.type)}:${String(line.id)}`);
    const duplicates = [...new Set(keys.filter((key, i) => keys.indexOf(key) !== i))];
    if (duplicates.length) throw new HostImportError(`Non-unique import objects detected: [${duplicates.join(',')}]`, 400, 'non-unique-entries');

    const errors: SavedObjectsImportFailure[] = [];
    const supported = new Set(registry.getImportableAndExportableTypes().map((type) => type.name));
    const objects: Array<SavedObject<Record<string, unknown>>> = [];
    for (const line of lines) {
      const type = typeof line.type === 'string' ? line.type : '';
      const id = typeof line.id === 'string' ? line.id : '';
      const meta = { title: titleOf(line) };
      if (!supported.has(type)) {
        errors.push({ type, id, meta, error: { type: 'unsupported_type' } });
        continue;
      }
      const missing = [!id && 'id', !isRecord(line.attributes) && 'attributes', line.references !== undefined && !Array.isArray(line.references) && 'references'].filter(Boolean);
      if (missing.length) {
        errors.push({ type, id, meta, error: { type: 'unknown', statusCode: 400, message: `[${missing[0]}]: expected value of type [${missing[0] === 'references' ? 'array' : missing[0] === 'id' ? 'string' : 'object'}]` } });
        continue;
      }
      objects.push(line as unknown as SavedObject<Record<string, unknown>>);
    }

    // Too new: the whole import fails (Boom badData in bulkCreate, 422), as Kibana's.
    for (const object of objects) {
      const reason = tooNewReason(object, KIBANA_VERSION, undefined);
      if (reason) throw new HostImportError(reason, 422, 'bad_data');
    }

    // validateReferences: data views and saved searches neither in the file nor in the space.
    const inFile = new Set(objects.map((object) => `${object.type}:${object.id}`));
    const outside = new Map<string, { type: string; id: string }>();
    for (const object of objects) {
      for (const ref of object.references ?? []) {
        if ((ref.type === 'index-pattern' || ref.type === 'search') && !inFile.has(`${ref.type}:${ref.id}`)) outside.set(`${ref.type}:${ref.id}`, { type: ref.type, id: ref.id });
      }
    }
    const outsideFound = new Set(
      (await store.bulkGet([...outside.values()], namespace)).filter((object) => !object.error).map((object) => `${object.type}:${object.id}`)
    );
    for (const object of objects) {
      const missingRefs = (object.references ?? []).filter((ref) => outside.has(`${ref.type}:${ref.id}`) && !outsideFound.has(`${ref.type}:${ref.id}`));
      if (missingRefs.length) {
        errors.push({ type: object.type, id: object.id, meta: { title: titleOf(object as never) }, error: { type: 'missing_references', references: missingRefs.map(({ type, id }) => ({ type, id })) } });
      }
    }

    // Ids: new copies, or conflicts (same id in the space; a multi-namespace id elsewhere gets a new id; origins).
    const destinationIds = new Map<string, { id: string; omitOriginId?: boolean }>();
    const pendingOverwrites = new Set<string>();
    if (createNewCopies) {
      for (const object of objects) destinationIds.set(`${object.type}:${object.id}`, { id: crypto.randomUUID(), omitOriginId: true });
    } else {
      const raw = await store.getRaw(objects.map((object) => store.rawId(object.type, object.id, namespace)));
      for (const object of objects) {
        const key = `${object.type}:${object.id}`;
        if (errors.some((error) => `${error.type}:${error.id}` === key)) continue;
        const doc = raw.get(store.rawId(object.type, object.id, namespace));
        const sameSpace = doc && (await store.bulkGet([{ type: object.type, id: object.id }], namespace))[0]?.error === undefined;
        if (doc && sameSpace) {
          if (overwrite) pendingOverwrites.add(key);
          else errors.push({ type: object.type, id: object.id, meta: { title: titleOf(object as never) }, error: { type: 'conflict' } });
          continue;
        }
        if (doc && registry.isMultiNamespace(object.type)) {
          // The id is taken in another space: Kibana gives this one a new id, keeping the old one as originId.
          destinationIds.set(key, { id: crypto.randomUUID() });
          continue;
        }
        if (!registry.isMultiNamespace(object.type)) continue;
        const origin = object.originId ?? object.id;
        const { saved_objects: matches } = await store.find(
          { type: object.type, search: `"${object.type}:${origin}" | "${origin}"`, rootSearchFields: ['_id', 'originId'], perPage: 10, namespaces: [namespace ?? 'default'] },
          namespace
        );
        const others = matches.filter((match) => !inFile.has(`${match.type}:${match.id}`));
        if (others.length === 1 && others[0]) {
          if (overwrite) {
            destinationIds.set(key, { id: others[0].id });
            pendingOverwrites.add(key);
          } else {
            errors.push({ type: object.type, id: object.id, meta: { title: titleOf(object as never) }, error: { type: 'conflict', destinationId: others[0].id } });
          }
        } else if (others.length > 1) {
          errors.push({
            type: object.type,
            id: object.id,
            meta: { title: titleOf(object as never) },
            error: { type: 'ambiguous_conflict', destinations: others.map((match) => ({ id: match.id, title: match.attributes.title as string | undefined, updatedAt: match.updated_at })) },
          });
        }
      }
    }

    // createSavedObjects: nothing is written while a resolvable error is open.
    const failed = new Set(errors.map((error) => `${error.type}:${error.id}`));
    const toCreate = objects
      .filter((object) => !failed.has(`${object.type}:${object.id}`))
      .map((object) => {
        const references = (object.references ?? []).map((ref) => {
          const destination = destinationIds.get(`${ref.type}:${ref.id}`);
          return destination ? { ...ref, id: destination.id } : ref;
        });
        const destination = destinationIds.get(`${object.type}:${object.id}`);
        const { version: _version, ...rest } = object;
        return destination
          ? { source: object, created: { ...rest, id: destination.id, references, ...(destination.omitOriginId ? { originId: undefined } : { originId: object.originId ?? object.id }) } }
          : { source: object, created: { ...rest, references } };
      });
    const resolvable = errors.some((error) => ['conflict', 'ambiguous_conflict', 'missing_references'].includes(error.error.type));
    const successResults: SavedObjectsImportSuccess[] = [];
    if (!resolvable && toCreate.length) {
      const written = await store.bulkCreate(toCreate.map((entry) => entry.created), { namespace, overwrite: overwrite || pendingOverwrites.size > 0, refresh: importOptions.refresh ?? 'wait_for' });
      const aliases: Array<SavedObject<Record<string, unknown>>> = [];
      written.forEach((result, i) => {
        const entry = toCreate[i];
        if (!entry) return;
        const { source } = entry;
        if (result.error) {
          errors.push({ type: source.type, id: source.id, meta: { title: titleOf(source as never) }, error: result.error.statusCode === 409 ? { type: 'conflict' } : { type: 'unknown', statusCode: result.error.statusCode, message: result.error.message } });
          return;
        }
        const destinationId = result.id !== source.id ? result.id : undefined;
        successResults.push({
          type: source.type,
          id: source.id,
          meta: { title: titleOf(source as never) },
          managed: result.managed ?? false,
          ...(pendingOverwrites.has(`${source.type}:${source.id}`) ? { overwrite: true } : {}),
          ...(destinationId ? { destinationId } : {}),
          ...(destinationId && createNewCopies ? {} : {}),
        });
        if (compatibilityMode && result.originId && result.originId !== result.id) {
          const space = namespace ?? 'default';
          aliases.push({
            id: `${space}:${result.type}:${result.originId}`,
            type: 'legacy-url-alias',
            references: [],
            attributes: { sourceId: result.originId, targetNamespace: space, targetType: result.type, targetId: result.id, purpose: 'savedObjectImport' },
          });
        }
      });
      if (aliases.length) await store.bulkCreate(aliases, { overwrite: true, refresh: importOptions.refresh ?? 'wait_for' });
    }
    return {
      success: errors.length === 0,
      successCount: successResults.length,
      warnings: [],
      ...(successResults.length ? { successResults } : {}),
      ...(errors.length ? { errors: errors.map((error) => (pendingOverwrites.has(`${error.type}:${error.id}`) ? { ...error, overwrite: true } : error)) } : {}),
    };
  },
});

/** `core.savedObjects` of the host's CoreStart: each request's client acts with the request's own credentials. */
export const createHostSavedObjectsService = (options: {
  index: string;
  /** The destination client acting as the request's user (core.elasticsearch.client.asScoped(request).asCurrentUser). */
  clientFor: (request: KibanaRequest) => Client;
  importSizeLimit?: number;
}): SavedObjectsServiceStart => {
  const registry = hostTypeRegistry();
  return {
    getScopedClient: (request) => hostSavedObjectsClient(new HostSavedObjectsStore(options.clientFor(request), options.index, registry)),
    createImporter: (client, importerOptions) => createHostImporter(client, registry, { importSizeLimit: importerOptions?.importSizeLimit ?? options.importSizeLimit }),
    getTypeRegistry: () => registry,
    // One index holds every type here (Kibana 8.8+ answers per type: .kibana, .kibana_analytics, ...).
    getIndicesForTypes: () => [options.index],
  };
};
