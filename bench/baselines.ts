/*
 * The two figures the benchmark had before the peers, unchanged in what they measure:
 *   verification: the report over a 200,000-document copy vs hashing every document of both sides
 *   preflight: the whole preflight suite over 50 indices vs one bare reindex-from-remote round trip
 * The copy the verification reads is made with one POST _reindex, outside the time.
 */
import { LARGE_INDEX } from '../dev/sample_data/indices';
import { runReindexPreflight } from '../server/lib/preflight/preflight_service';
import { sourceHash } from '../server/lib/verification/source_hash';
import { VerificationService } from '../server/lib/verification/verification_service';
import { createEngine } from '../test/integration/helpers/engine';
import { esRequest, uniqueName } from '../test/integration/helpers/es_http';
import { deleteDest, destPrefix, nodes } from './measure';

const seconds = (ms: number) => Math.round(ms) / 1000;

const timedMs = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = Date.now();
  const value = await work();
  return { ms: Date.now() - started, value };
};

/** Every document of an index as id → canonical _source hash, read with a scroll (what a careful script does). */
const hashAll = async (url: string, index: string): Promise<Map<string, string>> => {
  const hashes = new Map<string, string>();
  type Page = { _scroll_id?: string; hits: { hits: Array<{ _id: string; _source: unknown }> } };
  let page = (await esRequest(url, 'POST', `/${index}/_search?scroll=1m`, { size: 5_000, sort: ['_doc'] })).body as Page;
  while (page.hits.hits.length > 0) {
    for (const hit of page.hits.hits) hashes.set(hit._id, sourceHash(hit._source));
    page = (await esRequest(url, 'POST', '/_search/scroll', { scroll: '1m', scroll_id: page._scroll_id })).body as Page;
  }
  if (page._scroll_id) await esRequest(url, 'DELETE', '/_search/scroll', { scroll_id: page._scroll_id });
  return hashes;
};

/**
 * verification: the plugin's report over the 200,000-document index (counts, mappings, 1,000 sampled
 * documents, saved objects, security) vs reading and hashing every document of both indices.
 */
export const benchVerification = async () => {
  const engine = createEngine();
  const prefix = destPrefix('verify');
  const dest = `${prefix}-${LARGE_INDEX}`;
  try {
    const copy = await esRequest(nodes.reindex_destination.url, 'POST', '/_reindex?wait_for_completion=true&refresh=true', {
      source: { remote: { host: nodes.source.url }, index: LARGE_INDEX, size: 5_000 },
      dest: { index: dest },
    });
    if (copy.status !== 200) throw new Error(`copy for the verification bench: ${copy.status} ${JSON.stringify(copy.body).slice(0, 300)}`);
    const source = await engine.sources.create({ name: uniqueName('bench'), host: nodes.source.url, auth: { type: 'none' } });
    const verifications = new VerificationService({ state: engine.state, jobs: engine.jobs, sources: engine.sources, internalClient: engine.destination, logger: engine.logger });
    const baseline = await timedMs(async () => {
      const [sourceHashes, copyHashes] = await Promise.all([hashAll(nodes.source.url, LARGE_INDEX), hashAll(nodes.reindex_destination.url, dest)]);
      return [...sourceHashes].filter(([id, hash]) => copyHashes.get(id) !== hash).length;
    });
    const plugin = await timedMs(async () => {
      const started = await verifications.create({ source_id: source.id, indices: [{ source: LARGE_INDEX, dest }], sample_size: 1_000 }, engine.destination);
      await verifications.settled(started.id);
      return verifications.get(started.id);
    });
    const [index] = plugin.value.indices;
    if (plugin.value.status !== 'completed' || !index?.counts_match || index.sample_mismatches.length > 0 || baseline.value !== 0) {
      throw new Error(`bench verification disagrees: ${JSON.stringify({ status: plugin.value.status, index, fullMismatches: baseline.value })}`);
    }
    await engine.sources.delete(source.id).catch(() => undefined);
    return {
      workload: `${LARGE_INDEX} (200,000 documents) and its copy`,
      baseline: { what: 'read and hash every document of both indices (scroll, 5,000 per page)', seconds: seconds(baseline.ms) },
      plugin: { what: 'verification report: counts, mappings, 1,000 sampled documents, users and roles, saved objects', seconds: seconds(plugin.ms) },
      speedup: Math.round((baseline.ms / plugin.ms) * 10) / 10,
    };
  } finally {
    await deleteDest(prefix);
  }
};

export const benchPreflight = async () => {
  const engine = createEngine();
  const prefix = uniqueName('bench-pf');
  const names = Array.from({ length: 50 }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
  for (const name of names) {
    await esRequest(nodes.source.url, 'PUT', `/${name}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } });
    await esRequest(nodes.source.url, 'PUT', `/${name}/_doc/1?refresh=true`, { value: name });
  }
  try {
    const source = await engine.sources.create({ name: uniqueName('bench'), host: nodes.source.url, auth: { type: 'none' } });
    const baseline = await timedMs(() =>
      esRequest(nodes.reindex_destination.url, 'POST', '/_reindex?wait_for_completion=true', {
        source: { remote: { host: nodes.source.url }, index: names[0], query: { bool: { must_not: { match_all: {} } } } },
        dest: { index: `${prefix}-probe` },
      })
    );
    const suite = await timedMs(() =>
      runReindexPreflight(engine.sources, engine.destination, {
        method: 'reindex',
        source_id: source.id,
        indices: names,
        rename: { pattern: '^(.*)$', replacement: 'bench-dest-$1' },
      })
    );
    await engine.sources.delete(source.id).catch(() => undefined);
    return {
      workload: '50 indices',
      baseline: { what: 'one bare reindex-from-remote round trip (what check 3 costs at least)', seconds: seconds(baseline.ms) },
      suite: { what: `all ${suite.value.checks.length} checks (${suite.value.status})`, seconds: seconds(suite.ms) },
      ratio: Math.round((suite.ms / Math.max(1, baseline.ms)) * 10) / 10,
    };
  } finally {
    await esRequest(nodes.source.url, 'DELETE', `/${prefix}-*`);
    await esRequest(nodes.reindex_destination.url, 'DELETE', `/${prefix}-probe?ignore_unavailable=true`);
  }
};
