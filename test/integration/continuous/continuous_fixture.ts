/*
 * What the continuous-job tests share: source indices with a change field, a writer that keeps writing
 * into them (new documents, updates that move the change field, deletions) until the source refuses it,
 * every document of an index read with its `_source` hash, and runner child processes.
 */
import { ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { REPO_ROOT, testBedNodes } from '../../../dev/es/testbed_config';
import { esRequest } from '../helpers/es_http';

const nodes = testBedNodes();

export const MAPPINGS = {
  properties: { updated_at: { type: 'date' }, seq: { type: 'long' }, n: { type: 'integer' }, text: { type: 'keyword' }, rev: { type: 'integer' } },
};

/** A global counter, so `seq` grows with every write, as a numeric change field does. */
let seq = 0;
const nextSeq = () => Date.now() * 1000 + (seq++ % 1000);

export const doc = (n: number, rev = 0) => ({ updated_at: new Date().toISOString(), seq: nextSeq(), n, text: `document ${n} revision ${rev}`, rev });

const bulk = async (lines: string[], refresh = false): Promise<{ errors: boolean; items: Array<Record<string, { status: number; error?: { type: string; reason: string } }>> }> => {
  const response = await fetch(`${nodes.source.url}/_bulk${refresh ? '?refresh=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: `${lines.join('\n')}\n`,
  });
  return (await response.json()) as never;
};

/** A source index of `docs` documents (ids `d<n>`), with an alias that is its write index. */
export const seedIndex = async (index: string, docs: number, alias?: string): Promise<void> => {
  await esRequest(nodes.source.url, 'PUT', `/${index}`, {
    settings: { number_of_shards: 2, number_of_replicas: 0 },
    mappings: MAPPINGS,
    ...(alias ? { aliases: { [alias]: { is_write_index: true } } } : {}),
  });
  for (let start = 0; start < docs; start += 5_000) {
    const lines: string[] = [];
    for (let n = start; n < Math.min(docs, start + 5_000); n++) lines.push(JSON.stringify({ index: { _index: index, _id: `d${n}` } }), JSON.stringify(doc(n)));
    const result = await bulk(lines);
    if (result.errors) throw new Error(`seeding ${index} failed`);
  }
  await esRequest(nodes.source.url, 'POST', `/${index}/_refresh`);
};

export interface Writer {
  /** Resolves once the writer stopped (asked to, or refused by a write block). */
  stop(): Promise<WriterStats>;
  /** Resolves when the source refuses writes (403 cluster_block_exception). */
  blocked: Promise<void>;
  stats: WriterStats;
}

export interface WriterStats {
  created: number;
  updated: number;
  deleted: number;
  refused: number;
  rounds: number;
}

/**
 * Writes into the indices in rounds until stopped or blocked: new documents, updates of existing ones that
 * set the change fields anew, deletions. Existing ids are picked from `d0..d<seeded>` and the ids it created.
 */
export const startWriter = (indices: Array<{ index: string; seeded: number }>, { perRound = 60 } = {}): Writer => {
  const stats: WriterStats = { created: 0, updated: 0, deleted: 0, refused: 0, rounds: 0 };
  let stopping = false;
  let markBlocked: () => void = () => undefined;
  const blocked = new Promise<void>((resolve) => (markBlocked = resolve));
  const created = new Map(indices.map(({ index }) => [index, 0]));
  let random = 16;
  const next = () => {
    random = (random * 1103515245 + 12345) % 2 ** 31;
    return random / 2 ** 31;
  };
  const run = (async () => {
    while (!stopping) {
      const lines: string[] = [];
      for (const { index, seeded } of indices) {
        const made = created.get(index) ?? 0;
        for (let i = 0; i < perRound; i++) {
          const roll = next();
          if (roll < 0.45) {
            lines.push(JSON.stringify({ index: { _index: index, _id: `w${made + i}` } }), JSON.stringify(doc(seeded + made + i)));
          } else if (roll < 0.85) {
            const n = Math.floor(next() * seeded);
            lines.push(JSON.stringify({ index: { _index: index, _id: `d${n}` } }), JSON.stringify(doc(n, stats.rounds + 1)));
          } else {
            lines.push(JSON.stringify({ delete: { _index: index, _id: `d${Math.floor(next() * seeded)}` } }));
          }
        }
        created.set(index, made + perRound);
      }
      const result = await bulk(lines);
      for (const entry of result.items) {
        const [action, outcome] = Object.entries(entry)[0] as [string, { status: number; result?: string; error?: { type: string } }];
        if (outcome.status === 403 && outcome.error?.type === 'cluster_block_exception') stats.refused += 1;
        else if (action === 'delete') stats.deleted += outcome.status === 200 ? 1 : 0;
        else if (outcome.result === 'created') stats.created += 1;
        else if (outcome.result === 'updated') stats.updated += 1;
      }
      stats.rounds += 1;
      if (stats.refused > 0) {
        markBlocked();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  })();
  return {
    stats,
    blocked,
    stop: async () => {
      stopping = true;
      await run;
      return stats;
    },
  };
};

const sha = (value: unknown): string => crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Every document of an index: id → hash of its `_source` (a scroll over all of them). */
export const allDocuments = async (url: string, index: string): Promise<Map<string, string>> => {
  const documents = new Map<string, string>();
  let page = await esRequest(url, 'POST', `/${index}/_search?scroll=1m`, { size: 5_000, sort: ['_doc'], query: { match_all: {} } });
  for (;;) {
    const body = page.body as { _scroll_id?: string; hits: { hits: Array<{ _id: string; _source: unknown }> } };
    for (const hit of body.hits.hits) documents.set(hit._id, sha(hit._source));
    if (body.hits.hits.length === 0 || !body._scroll_id) {
      if (body._scroll_id) await esRequest(url, 'DELETE', '/_search/scroll', { scroll_id: body._scroll_id });
      return documents;
    }
    page = await esRequest(url, 'POST', '/_search/scroll', { scroll: '1m', scroll_id: body._scroll_id });
  }
};

/** Ids on one side only, and ids whose `_source` differs (at most 5 of each, for a readable failure). */
export const compareCopies = async (sourceIndex: string, destIndex: string) => {
  await esRequest(nodes.reindex_destination.url, 'POST', `/${destIndex}/_refresh`);
  const [source, dest] = await Promise.all([allDocuments(nodes.source.url, sourceIndex), allDocuments(nodes.reindex_destination.url, destIndex)]);
  const missing = [...source.keys()].filter((id) => !dest.has(id));
  const extra = [...dest.keys()].filter((id) => !source.has(id));
  const differing = [...source.entries()].filter(([id, hash]) => dest.has(id) && dest.get(id) !== hash).map(([id]) => id);
  return { sourceCount: source.size, destCount: dest.size, missing: missing.slice(0, 5), extra: extra.slice(0, 5), differing: differing.slice(0, 5), differingCount: differing.length };
};

export const writeBlocked = async (index: string): Promise<boolean> => {
  const response = await esRequest(nodes.source.url, 'GET', `/${index}/_settings/index.blocks.write?flat_settings=true`);
  return (response.body as Record<string, { settings?: Record<string, string> }>)[index]?.settings?.['index.blocks.write'] === 'true';
};

/** Source indices of these tests, write block lifted first (a blocked index still deletes, but be safe). */
export const deleteSourceIndices = async (indices: string[]): Promise<void> => {
  for (const index of indices) {
    await esRequest(nodes.source.url, 'PUT', `/${index}/_settings`, { 'index.blocks.write': false });
    await esRequest(nodes.source.url, 'DELETE', `/${index}?ignore_unavailable=true`);
  }
};

const RUNNER = path.join(__dirname, '..', 'helpers', 'runner_process.ts');

/** A runner in a child process (a Kibana that can be killed); MA_FAULT makes it SIGKILL itself there. */
export const startRunner = async (instanceId: string, env: Record<string, string> = {}): Promise<ChildProcess> => {
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, instanceId], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (process.env.MA16_DEBUG) process.stderr.write(`[runner ${child.pid}] ${chunk.toString()}`);
      if (chunk.toString().includes('runner started')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`runner process exited with ${code}`)));
  });
  return child;
};

export const exitSignal = (child: ChildProcess): Promise<NodeJS.Signals | null> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.signalCode) : new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));

export const stopRunner = async (child: ChildProcess | undefined): Promise<void> => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = exitSignal(child);
  child.kill('SIGTERM');
  await exited;
};
