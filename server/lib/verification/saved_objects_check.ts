/*
 * Kibana saved objects read straight from the `.kibana*` indices (or a restored copy), so the check works
 * the same inside Kibana and in the development host. Objects are matched by document id (`type:id`, or
 * `namespace:type:id`), which Kibana keeps across versions; titles are for people.
 */
import type { SavedObjectsVerification, SavedObjectTitle } from '../../../common/types/verifications';
import { EsClient } from '../es_client';
import { scrollAll } from '../scroll_all';
import { KIBANA_BOOKKEEPING_TYPES } from '../../../common/lib/kibana_bookkeeping_types';

/** Every index Kibana keeps saved objects in, 7.x (`.kibana`) and 8.x (`.kibana_analytics`, ...) alike. */
export const KIBANA_INDICES = '.kibana,.kibana_*';


export interface SavedObjectEntry {
  type: string;
  title: string;
}


const titleOf = (source: Record<string, unknown>, type: string, id: string): string => {
  const attributes = source[type] as { title?: unknown; name?: unknown } | undefined;
  const title = attributes?.title ?? attributes?.name;
  return typeof title === 'string' && title ? title : id.slice(id.indexOf(':') + 1);
};

/** Saved objects by document id; an index that does not exist holds none. */
export const readSavedObjects = async (client: EsClient, index: string): Promise<Map<string, SavedObjectEntry>> => {
  const objects = new Map<string, SavedObjectEntry>();
  for await (const hit of scrollAll(client, index, ['type', '*.title', '*.name'])) {
    const type = hit._source?.type;
    if (typeof type !== 'string' || KIBANA_BOOKKEEPING_TYPES.has(type) || !hit._id) continue;
    objects.set(hit._id, { type, title: titleOf(hit._source ?? {}, type, hit._id) });
  }
  return objects;
};

const byTitle = (a: SavedObjectTitle, b: SavedObjectTitle) => a.title.localeCompare(b.title);

export const compareSavedObjects = (
  expected: ReadonlyMap<string, SavedObjectEntry>,
  found: ReadonlyMap<string, SavedObjectEntry>
): SavedObjectsVerification['by_type'] => {
  const byType: SavedObjectsVerification['by_type'] = {};
  const entry = (type: string) => (byType[type] ??= { source: 0, dest: 0, missing: [], titles: [] });
  for (const [id, object] of expected) {
    const comparison = entry(object.type);
    comparison.source += 1;
    if (!found.has(id)) comparison.missing.push({ id, title: object.title });
  }
  for (const [id, object] of found) {
    const comparison = entry(object.type);
    comparison.dest += 1;
    comparison.titles.push({ id, title: object.title });
  }
  for (const comparison of Object.values(byType)) {
    comparison.missing.sort(byTitle);
    comparison.titles.sort(byTitle);
  }
  return Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b)));
};
