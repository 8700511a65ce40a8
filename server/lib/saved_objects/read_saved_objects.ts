/*
 * Reads every saved object of a `.kibana` (the live source's, over its connection, or a restored copy on
 * this cluster) into export-shaped objects: type, bare id, title, spaces and references, with the Kibana
 * version and layout that wrote them.
 */
import { KIBANA_BOOKKEEPING_TYPES } from '../../../common/lib/kibana_bookkeeping_types';
import type { SavedObjectsLayout, SourceSavedObject } from '../../../common/types/saved_objects';
import { EsClient } from '../es_client';
import { scrollAll } from '../scroll_all';
import { detectKibanaVersion, detectLayout, RawSavedObjectDoc, readRawSavedObject } from './raw_layout';

/**
 * The indices Kibana keeps saved objects in, by alias: `.kibana` (every version; 6.5–7.10 `.kibana_N`, 7.11+
 * `.kibana_<version>_001` behind it) and the 8.8+ split (`.kibana_analytics`, ...). Aliases, not `.kibana_*`,
 * so restored copies and task manager indices next to them are not read twice.
 */
export const SOURCE_KIBANA_INDICES = [
  '.kibana',
  '.kibana_analytics',
  '.kibana_alerting_cases',
  '.kibana_ingest',
  '.kibana_security_solution',
  '.kibana_usage_counters',
  '.kibana_search_solution',
].join(',');

/** Kibana's own objects, never offered for selection: its bookkeeping, URL aliases, spaces. */
export const INTERNAL_TYPES: ReadonlySet<string> = new Set([...KIBANA_BOOKKEEPING_TYPES, 'legacy-url-alias', 'sample-data-telemetry', 'space']);


export interface ReadSavedObjects {
  layout: SavedObjectsLayout;
  kibanaVersion?: string;
  /** Every saved object, internal types included (the check resolves references against all of them). */
  objects: SourceSavedObject[];
  /** Space ids: from `space` objects and from the objects' own spaces. */
  spaces: string[];
}

export const readSavedObjectsFrom = async (client: EsClient, index: string): Promise<ReadSavedObjects> => {
  const docs: RawSavedObjectDoc[] = [];
  for await (const hit of scrollAll(client, index)) {
    if (hit._id && hit._source) docs.push({ _id: hit._id, _index: hit._index, _source: hit._source });
  }
  const kibanaVersion = detectKibanaVersion(docs);
  const seen = new Set<string>();
  const objects: SourceSavedObject[] = [];
  for (const doc of docs) {
    const object = readRawSavedObject(doc);
    // The same document reached through two aliases of one index is read once.
    if (!object || seen.has(object.raw_id)) continue;
    seen.add(object.raw_id);
    objects.push(object);
  }
  const spaces = new Set<string>(['default']);
  for (const object of objects) {
    if (object.type === 'space') spaces.add(object.id);
    for (const space of object.spaces) if (space !== '*') spaces.add(space);
  }
  return { layout: detectLayout(docs, kibanaVersion), kibanaVersion, objects, spaces: [...spaces].sort() };
};
