/*
 * Every document of an index (or pattern), page by page through a scroll that is always cleared; an
 * index that does not exist holds none. Shared by the readers of Kibana's saved-objects indices.
 */
import { EsClient, errorStatus } from './es_client';

const PAGE = 1_000;

export interface ScrolledHit {
  _id?: string;
  _index: string;
  _source?: Record<string, unknown>;
}

export async function* scrollAll(client: EsClient, index: string, sourceFields?: string[]): AsyncGenerator<ScrolledHit> {
  let page;
  try {
    page = await client.search<Record<string, unknown>>({
      index,
      expand_wildcards: 'all',
      ignore_unavailable: true,
      allow_no_indices: true,
      scroll: '1m',
      size: PAGE,
      sort: ['_doc'],
      ...(sourceFields ? { _source: sourceFields } : {}),
    });
  } catch (error) {
    if (errorStatus(error) === 404) return;
    throw error;
  }
  let scrollId = page._scroll_id;
  try {
    for (;;) {
      yield* page.hits.hits;
      if (page.hits.hits.length < PAGE || !scrollId) break;
      page = await client.scroll<Record<string, unknown>>({ scroll_id: scrollId, scroll: '1m' });
      scrollId = page._scroll_id ?? scrollId;
    }
  } finally {
    if (scrollId) await client.clearScroll({ scroll_id: scrollId }).catch(() => undefined);
  }
}
