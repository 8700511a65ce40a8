/*
 * The benchmark's fixed workload on the source node, from seeded generators (dev/sample_data's mulberry32),
 * so every run copies the same documents. Created once and reused when every index is present with the
 * right count and workload version (in its mapping's _meta); an index that is not is deleted and seeded
 * again. Everything it creates is named bench-w-*; the 200,000-document index is the sample data's.
 */
import { createRandom, LARGE_INDEX, LARGE_INDEX_DOCS } from '../dev/sample_data/indices';
import { esRequest } from '../test/integration/helpers/es_http';

/** Bump when a generator or a count below changes, so existing workloads are seeded again. */
export const WORKLOAD_VERSION = 1;
export const WORKLOAD_PREFIX = 'bench-w-';

export type GroupId = 'small_100k' | 'logs_200k' | 'daily_100' | 'large_docs' | 'alias';
export const GROUP_IDS: readonly GroupId[] = ['small_100k', 'logs_200k', 'daily_100', 'large_docs', 'alias'];

export interface WorkloadGroup {
  id: GroupId;
  label: string;
  /** The source's concrete indices: what per-index tools copy one by one. */
  indices: string[];
  /** What a user names in the plugin's job (an alias where the group is one). */
  jobItems: string[];
  docs: number;
}

interface BenchIndexSpec {
  name: string;
  count: number;
  alias?: string;
  mappings: Record<string, unknown>;
  documents: () => Iterable<{ id: string; source: Record<string, unknown> }>;
}

const EVENTS = ['login', 'logout', 'view', 'click', 'purchase', 'search'] as const;
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'] as const;
const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;

const SMALL_MAPPINGS = {
  properties: {
    '@timestamp': { type: 'date' },
    user: { type: 'keyword' },
    event: { type: 'keyword' },
    value: { type: 'long' },
  },
};

/** About 100 bytes of _source each. */
const smallDocs = (seed: number, count: number, start: number, spanMs: number, idPrefix: string) =>
  function* (): Iterable<{ id: string; source: Record<string, unknown> }> {
    const random = createRandom(seed);
    for (let i = 0; i < count; i++) {
      yield {
        id: `${idPrefix}-${i}`,
        source: {
          '@timestamp': new Date(start + Math.floor((i / count) * spanMs)).toISOString(),
          user: `u${Math.floor(random() * 5_000)}`,
          event: pick(random, EVENTS),
          value: Math.floor(random() * 1_000_000),
        },
      };
    }
  };

const LARGE_DOC_COUNT = 2_000;
const LARGE_DOC_BYTES = 30 * 1024;

function* largeDocs(): Iterable<{ id: string; source: Record<string, unknown> }> {
  const random = createRandom(30_720);
  for (let i = 0; i < LARGE_DOC_COUNT; i++) {
    const words: string[] = [];
    let size = 0;
    while (size < LARGE_DOC_BYTES) {
      const word = `${pick(random, WORDS)}${Math.floor(random() * 10_000)}`;
      words.push(word);
      size += word.length + 1;
    }
    yield { id: `doc-${i}`, source: { title: `document ${i}`, created_at: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(), body: words.join(' ') } };
  }
}

const DAY_MS = 86_400_000;
const DAILY = Array.from({ length: 100 }, (_, day) => `${WORKLOAD_PREFIX}daily-${String(day).padStart(3, '0')}`);

const SPECS: BenchIndexSpec[] = [
  {
    name: `${WORKLOAD_PREFIX}small-100k`,
    count: 100_000,
    mappings: SMALL_MAPPINGS,
    documents: smallDocs(100_000, 100_000, Date.UTC(2024, 0, 1), 30 * DAY_MS, 'small'),
  },
  ...DAILY.map((name, day) => ({
    name,
    count: 1_000,
    mappings: SMALL_MAPPINGS,
    documents: smallDocs(1_000 + day, 1_000, Date.UTC(2024, 0, 1) + day * DAY_MS, DAY_MS, `day${day}`),
  })),
  {
    name: `${WORKLOAD_PREFIX}large-docs`,
    count: LARGE_DOC_COUNT,
    mappings: { properties: { title: { type: 'keyword' }, created_at: { type: 'date' }, body: { type: 'text' } } },
    documents: largeDocs,
  },
  ...(['a', 'b'] as const).map((part, n) => ({
    name: `${WORKLOAD_PREFIX}alias-${part}`,
    alias: `${WORKLOAD_PREFIX}alias`,
    count: 10_000,
    mappings: SMALL_MAPPINGS,
    documents: smallDocs(2_000 + n, 10_000, Date.UTC(2023, n * 6, 1), 180 * DAY_MS, `alias-${part}`),
  })),
];

export const WORKLOAD: Record<GroupId, WorkloadGroup> = {
  small_100k: { id: 'small_100k', label: '100,000 small documents', indices: [`${WORKLOAD_PREFIX}small-100k`], jobItems: [`${WORKLOAD_PREFIX}small-100k`], docs: 100_000 },
  logs_200k: { id: 'logs_200k', label: `${LARGE_INDEX}, 200,000 documents`, indices: [LARGE_INDEX], jobItems: [LARGE_INDEX], docs: LARGE_INDEX_DOCS },
  daily_100: { id: 'daily_100', label: '100 indices of 1,000 small documents', indices: DAILY, jobItems: DAILY, docs: 100_000 },
  large_docs: { id: 'large_docs', label: `${LARGE_DOC_COUNT.toLocaleString('en-US')} documents of 30 KB`, indices: [`${WORKLOAD_PREFIX}large-docs`], jobItems: [`${WORKLOAD_PREFIX}large-docs`], docs: LARGE_DOC_COUNT },
  alias: { id: 'alias', label: 'an alias over 2 indices of 10,000', indices: [`${WORKLOAD_PREFIX}alias-a`, `${WORKLOAD_PREFIX}alias-b`], jobItems: [`${WORKLOAD_PREFIX}alias`], docs: 20_000 },
};

export const groupsDocs = (groups: readonly GroupId[]): number => groups.reduce((sum, id) => sum + WORKLOAD[id].docs, 0);
export const groupsIndices = (groups: readonly GroupId[]): string[] => groups.flatMap((id) => WORKLOAD[id].indices);
export const groupsLabel = (groups: readonly GroupId[]): string =>
  groups.length === 1 ? WORKLOAD[groups[0] as GroupId].label : `whole workload: ${groupsIndices(groups).length} indices, ${groupsDocs(groups).toLocaleString('en-US')} documents`;

const ok = async (url: string, method: string, path: string, body?: unknown) => {
  const answer = await esRequest(url, method, path, body);
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`);
  return answer.body;
};

const bulkLoad = async (url: string, spec: BenchIndexSpec): Promise<void> => {
  let lines: string[] = [];
  const flush = async () => {
    if (lines.length === 0) return;
    const response = await fetch(`${url}/${spec.name}/_bulk`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: `${lines.join('\n')}\n` });
    const result = (await response.json()) as { errors?: boolean; items?: unknown[] };
    if (!response.ok || result.errors) throw new Error(`bulk into ${spec.name}: ${response.status} ${JSON.stringify(result.items?.[0] ?? result).slice(0, 400)}`);
    lines = [];
  };
  let bytes = 0;
  for (const doc of spec.documents()) {
    const line = JSON.stringify(doc.source);
    lines.push(JSON.stringify({ index: { _id: doc.id } }), line);
    bytes += line.length;
    if (lines.length >= 10_000 || bytes > 8_000_000) {
      await flush();
      bytes = 0;
    }
  }
  await flush();
};

/** Whether the index is there with its count and this workload version. */
const isReady = async (url: string, spec: BenchIndexSpec, counts: Map<string, number>): Promise<boolean> => {
  if (counts.get(spec.name) !== spec.count) return false;
  const mapping = (await esRequest(url, 'GET', `/${spec.name}/_mapping`)).body as Record<string, { mappings?: { _meta?: { bench_workload_version?: number } } }>;
  if (mapping[spec.name]?.mappings?._meta?.bench_workload_version !== WORKLOAD_VERSION) return false;
  return !spec.alias || (await esRequest(url, 'HEAD', `/${spec.name}/_alias/${spec.alias}`)).status === 200;
};

/** Creates what is missing or wrong; returns the names it seeded. */
export const ensureWorkload = async (sourceUrl: string, log: (line: string) => void): Promise<string[]> => {
  const listed = (await esRequest(sourceUrl, 'GET', `/_cat/indices/${WORKLOAD_PREFIX}*,${LARGE_INDEX}?format=json&h=index,docs.count`)).body;
  const counts = new Map((Array.isArray(listed) ? (listed as Array<{ index: string; 'docs.count': string }>) : []).map((row) => [row.index, Number(row['docs.count'])]));
  if (counts.get(LARGE_INDEX) !== LARGE_INDEX_DOCS) throw new Error(`${LARGE_INDEX} on the source has ${counts.get(LARGE_INDEX)} documents, not ${LARGE_INDEX_DOCS}: run npm run es:seed`);
  const seeded: string[] = [];
  for (const spec of SPECS) {
    if (await isReady(sourceUrl, spec, counts)) continue;
    if (seeded.length === 0) log('Seeding the benchmark workload (bench-w-*) on the source...');
    await esRequest(sourceUrl, 'DELETE', `/${spec.name}?ignore_unavailable=true`);
    await ok(sourceUrl, 'PUT', `/${spec.name}`, {
      settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: '-1' },
      mappings: { ...spec.mappings, _meta: { bench_workload_version: WORKLOAD_VERSION } },
      ...(spec.alias ? { aliases: { [spec.alias]: {} } } : {}),
    });
    await bulkLoad(sourceUrl, spec);
    await ok(sourceUrl, 'PUT', `/${spec.name}/_settings`, { index: { refresh_interval: null } });
    await ok(sourceUrl, 'POST', `/${spec.name}/_refresh`);
    seeded.push(spec.name);
  }
  if (seeded.length > 0) log(`  seeded ${seeded.length} indices`);
  return seeded;
};
