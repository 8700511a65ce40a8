/*
 * Reconciliation by id, the cutover step that catches what no change field shows (deletions, documents a
 * pass could not see): the `_id`s of both sides read with a scroll (ids only, no `_source`, no partial
 * results: a missing shard would make good documents look deleted), compared here (8.x refuses to sort or
 * aggregate on `_id`), the extras deleted on the destination with their routing.
 */
import type { EsClient } from '../es_client';

/** Scroll pages are capped by index.max_result_window (10,000 by default). */
const PAGE_SIZE = 10_000;
const SCROLL_KEEP_ALIVE = '2m';
const DELETE_BATCH = 1_000;

/** Every `_id` of an index, with the routing of those indexed with one. */
export const readIds = async (client: EsClient, index: string): Promise<Map<string, string | undefined>> => {
  const ids = new Map<string, string | undefined>();
  let response = await client.search({
    index,
    scroll: SCROLL_KEEP_ALIVE,
    size: PAGE_SIZE,
    _source: false,
    sort: ['_doc'],
    allow_partial_search_results: false,
    query: { match_all: {} },
  });
  let scrollId = response._scroll_id;
  try {
    for (;;) {
      const hits = response.hits.hits;
      for (const hit of hits) ids.set(hit._id as string, (hit as { _routing?: string })._routing);
      if (hits.length < PAGE_SIZE || !scrollId) break;
      response = await client.scroll({ scroll_id: scrollId, scroll: SCROLL_KEEP_ALIVE });
      scrollId = response._scroll_id ?? scrollId;
    }
  } finally {
    if (scrollId) await client.clearScroll({ scroll_id: scrollId }).catch(() => undefined);
  }
  return ids;
};

export interface IdDifference {
  /** On the source, not on the destination: to copy. */
  missing: string[];
  /** On the destination, no longer on the source: to delete, with their routing. */
  extra: Array<{ id: string; routing?: string }>;
}

export const diffIds = (source: ReadonlyMap<string, unknown>, dest: ReadonlyMap<string, string | undefined>): IdDifference => {
  const missing: string[] = [];
  for (const id of source.keys()) if (!dest.has(id)) missing.push(id);
  const extra: IdDifference['extra'] = [];
  for (const [id, routing] of dest) if (!source.has(id)) extra.push(routing === undefined ? { id } : { id, routing });
  return { missing, extra };
};

/** Deletes the extras on the destination (a document gone already counts as deleted); the number deleted. */
export const deleteExtras = async (client: EsClient, index: string, extras: IdDifference['extra']): Promise<number> => {
  let deleted = 0;
  for (let start = 0; start < extras.length; start += DELETE_BATCH) {
    const operations = extras.slice(start, start + DELETE_BATCH).map(({ id, routing }) => ({ delete: { _index: index, _id: id, ...(routing !== undefined ? { routing } : {}) } }));
    const result = await client.bulk({ operations } as never);
    for (const entry of result.items) {
      const outcome = entry.delete;
      if (!outcome) continue;
      if (outcome.status === 200 || outcome.status === 404) deleted += 1;
      else throw new Error(`Deleting [${outcome._id}] from [${index}] failed: ${outcome.error?.reason ?? outcome.status}`);
    }
  }
  if (extras.length > 0) await client.indices.refresh({ index });
  return deleted;
};
