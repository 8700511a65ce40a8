/*
 * The ceiling: what the destination can index when nothing but indexing is asked of it. The documents
 * are read from the source once, into memory, as ready _bulk bodies (5,000 documents or 10 MB each);
 * a measurement pre-creates the indices (the source's mappings and shard count, replicas 0, refresh -1,
 * outside the time) and sends every body with the @elastic/elasticsearch client's bulk from N parallel
 * senders sharing one queue. The figure is the best of 1, 2 and 4 senders.
 */
import { Client } from '@elastic/elasticsearch';
import { esRequest } from '../test/integration/helpers/es_http';
import { nodes, timed } from './measure';

const MAX_DOCS_PER_BULK = 5_000;
const MAX_BYTES_PER_BULK = 10 * 1024 * 1024;
export const SENDER_COUNTS = [1, 2, 4] as const;

export interface PreloadedIndex {
  index: string;
  create: { settings: Record<string, unknown>; mappings: Record<string, unknown> };
  bodies: string[];
  docs: number;
}

type Page = { _scroll_id?: string; hits: { hits: Array<{ _id: string; _source: unknown }> } };

/** Reads every document of `index` once (scroll, 5,000 a page) into _bulk bodies without an index name. */
export const preloadIndex = async (index: string): Promise<PreloadedIndex> => {
  const url = nodes.source.url;
  const settings = (await esRequest(url, 'GET', `/${index}/_settings`)).body as Record<string, { settings: { index: { number_of_shards: string } } }>;
  const mappings = (await esRequest(url, 'GET', `/${index}/_mapping`)).body as Record<string, { mappings: Record<string, unknown> }>;
  const concrete = Object.keys(settings)[0] as string;
  const bodies: string[] = [];
  let lines: string[] = [];
  let bytes = 0;
  let docs = 0;
  const flush = () => {
    if (lines.length > 0) bodies.push(`${lines.join('\n')}\n`);
    lines = [];
    bytes = 0;
  };
  let page = (await esRequest(url, 'POST', `/${index}/_search?scroll=2m`, { size: 5_000, sort: ['_doc'] })).body as Page;
  while (page.hits.hits.length > 0) {
    for (const hit of page.hits.hits) {
      const source = JSON.stringify(hit._source);
      if (lines.length / 2 >= MAX_DOCS_PER_BULK || bytes + source.length > MAX_BYTES_PER_BULK) flush();
      lines.push(JSON.stringify({ index: { _id: hit._id } }), source);
      bytes += source.length;
      docs++;
    }
    page = (await esRequest(url, 'POST', '/_search/scroll', { scroll: '2m', scroll_id: page._scroll_id })).body as Page;
  }
  flush();
  if (page._scroll_id) await esRequest(url, 'DELETE', '/_search/scroll', { scroll_id: page._scroll_id });
  const shards = Number(settings[concrete]?.settings.index.number_of_shards ?? 1);
  return {
    index,
    create: { settings: { number_of_shards: shards, number_of_replicas: 0, refresh_interval: '-1' }, mappings: mappings[concrete]?.mappings ?? {} },
    bodies,
    docs,
  };
};

let client: Client | undefined;
const destination = () =>
  (client ??= new Client({ node: nodes.reindex_destination.url, headers: { accept: 'application/json' }, requestTimeout: 300_000 }));
const NDJSON = { headers: { 'content-type': 'application/x-ndjson', accept: 'application/json' } };

/** Pre-creates `${prefix}-<index>` for each, then sends every body from `senders` senders; returns the sending time. */
export const bulkCeiling = async (preloaded: PreloadedIndex[], prefix: string, senders: number): Promise<number> => {
  for (const { index, create } of preloaded) {
    const answer = await esRequest(nodes.reindex_destination.url, 'PUT', `/${prefix}-${index}`, create);
    if (answer.status !== 200) throw new Error(`create ${prefix}-${index}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
  const queue = preloaded.flatMap(({ index, bodies }) => bodies.map((body) => ({ dest: `${prefix}-${index}`, body })));
  let next = 0;
  const sender = async () => {
    for (let task = queue[next++]; task; task = queue[next++]) {
      const result = (await destination().bulk({ index: task.dest, body: task.body } as never, NDJSON)) as { errors: boolean; items: unknown[] };
      if (result.errors) throw new Error(`bulk into ${task.dest}: ${JSON.stringify(result.items.find((item) => JSON.stringify(item).includes('"error"'))).slice(0, 300)}`);
    }
  };
  const { seconds } = await timed(() => Promise.all(Array.from({ length: senders }, sender)));
  return seconds;
};

export const closeCeilingClient = async () => {
  await client?.close();
  client = undefined;
};
