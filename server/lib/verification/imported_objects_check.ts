/*
 * A saved_objects job's verification: every object it imported, read back by raw document id from this
 * Kibana's saved-objects indices as the verifying user (the same rules as the `_verify` route, which asks
 * Kibana's saved objects client within a request; a verification runs in the background, so it reads the
 * documents Kibana wrote). Raw ids are `type:id`, or `space:type:id` for single-namespace objects of
 * another space; an object counts only when its document is in the job's space.
 */
import type { SavedObjectsJobState } from '../../../common/types/jobs';
import type { ImportedObjectCheck, ImportedObjectsVerification } from '../../../common/types/verifications';
import { EsClient, errorStatus } from '../es_client';
import { KIBANA_INDICES } from './saved_objects_check';

const CHUNK = 1_000;

interface RawSource {
  type?: string;
  namespace?: string;
  namespaces?: string[];
  [attributes: string]: unknown;
}

/**
 * Whether a raw document is in the space. A document with neither field is a default-space single-namespace
 * object or one of a namespace-agnostic type (in every space), which the document alone does not tell apart:
 * it counts as there. `space:type:id` is looked up first, so a single-namespace object of another space is found by its own id.
 */
const inSpace = (source: RawSource, space: string): boolean => {
  if (Array.isArray(source.namespaces)) return source.namespaces.includes(space) || source.namespaces.includes('*');
  if (typeof source.namespace === 'string') return source.namespace === space;
  return true;
};

const titleOf = (source: RawSource): string | undefined => {
  const attributes = source[source.type ?? ''] as { title?: unknown; name?: unknown } | undefined;
  const title = attributes?.title ?? attributes?.name;
  return typeof title === 'string' ? title : undefined;
};

const remedyFor = (state: ImportedObjectCheck['state'], object: { type: string; id: string }, space: string): string | undefined => {
  if (state === 'missing') {
    return `Import it again (Import saved objects: select ${object.type} ${object.id}, check, import into space ${space}); if it was deleted on purpose, nothing to do.`;
  }
  if (state === 'title_changed') return 'Someone renamed it in this Kibana since the import, or an overwrite replaced it: open it in this Kibana and check it is the object you expect.';
  return undefined;
};

export const verifyImportedObjects = async (client: EsClient, job: SavedObjectsJobState): Promise<ImportedObjectsVerification> => {
  const space = job.space;
  const indices = job.indices.length ? job.indices : KIBANA_INDICES.split(',');
  const written = job.results.filter((result) => result.outcome !== 'refused');
  const objects: ImportedObjectCheck[] = [];
  for (let i = 0; i < written.length; i += CHUNK) {
    const chunk = written.slice(i, i + CHUNK);
    const idOf = (result: (typeof chunk)[number]) => result.destination_id ?? result.id;
    const rawIds = chunk.flatMap((result) => [`${result.type}:${idOf(result)}`, ...(space === 'default' ? [] : [`${space}:${result.type}:${idOf(result)}`])]);
    const found = new Map<string, RawSource>();
    try {
      const response = await client.search<RawSource>({
        index: indices.join(','),
        expand_wildcards: 'all',
        ignore_unavailable: true,
        allow_no_indices: true,
        size: rawIds.length,
        query: { ids: { values: rawIds } },
      });
      for (const hit of response.hits.hits) if (hit._id && hit._source) found.set(hit._id, hit._source);
    } catch (error) {
      if (errorStatus(error) !== 404) throw error;
    }
    for (const result of chunk) {
      const id = idOf(result);
      const source = [`${space}:${result.type}:${id}`, `${result.type}:${id}`]
        .map((rawId) => found.get(rawId))
        .find((doc) => doc !== undefined && doc.type === result.type && inSpace(doc, space));
      const title = source ? titleOf(source) : undefined;
      const state: ImportedObjectCheck['state'] = !source ? 'missing' : title !== undefined && title !== result.title ? 'title_changed' : 'present';
      const remedy = remedyFor(state, result, space);
      objects.push({
        type: result.type,
        id,
        ...(id !== result.id ? { source_id: result.id } : {}),
        title: result.title,
        ...(state === 'title_changed' && title !== undefined ? { found_title: title } : {}),
        state,
        ...(remedy ? { remedy } : {}),
      });
    }
  }
  return {
    space,
    indices,
    present: objects.filter((object) => object.state === 'present').length,
    missing: objects.filter((object) => object.state === 'missing').length,
    title_changed: objects.filter((object) => object.state === 'title_changed').length,
    objects,
  };
};
