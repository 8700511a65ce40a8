/*
 * npm run bench: speed figures against the real test bed, each as a ratio to a baseline measured in the
 * same run (absolute times on a shared 2-core machine mean little; ratios travel).
 *   reindex:   the plugin's job (partitioned, concurrency 3) vs one hand-written POST _reindex, same index
 *   verification: the report over the 200,000-document copy vs hashing every document of both sides
 *   preflight: the whole preflight suite over 50 indices vs one bare reindex-from-remote round trip
 * Results are printed and written to target/bench/results.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureTestBed } from '../dev/es/testbed';
import { REPO_ROOT, testBedNodes } from '../dev/es/testbed_config';
import { LARGE_INDEX } from '../dev/sample_data/indices';
import { seedSampleData } from '../dev/sample_data/seed';
import { runReindexPreflight } from '../server/lib/preflight/preflight_service';
import { sourceHash } from '../server/lib/verification/source_hash';
import { VerificationService } from '../server/lib/verification/verification_service';
import { createEngine, isFinished, waitForJob } from '../test/integration/helpers/engine';
import { esRequest, uniqueName } from '../test/integration/helpers/es_http';

const nodes = testBedNodes();
const seconds = (ms: number) => Math.round(ms) / 1000;

const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = Date.now();
  const value = await work();
  return { ms: Date.now() - started, value };
};

const benchReindex = async () => {
  const engine = createEngine({ pollIntervalMs: 250 });
  engine.runner.start();
  const source = await engine.sources.create({ name: uniqueName('bench'), host: nodes.source.url, auth: { type: 'none' } });
  const baselineDest = uniqueName('bench-baseline');
  const prefix = uniqueName('bench-plugin');
  try {
    const baseline = await timed(() =>
      esRequest(nodes.reindex_destination.url, 'POST', '/_reindex?wait_for_completion=true&refresh=true', {
        source: { remote: { host: nodes.source.url }, index: LARGE_INDEX },
        dest: { index: baselineDest },
      })
    );
    const plugin = await timed(async () => {
      const job = await engine.service.createReindexJob(
        {
          type: 'reindex',
          source_id: source.id,
          items: [{ source: LARGE_INDEX }],
          rename: { pattern: '^(.*)$', replacement: `${prefix}-$1` },
          options: { concurrency: 3, partition_threshold_docs: 70_000 },
        },
        engine.destination
      );
      return waitForJob(engine, job.id, isFinished, 600_000);
    });
    if (plugin.value.status !== 'completed') throw new Error(`bench job ${plugin.value.status}`);
    const verification = await benchVerification(engine, source.id, `${prefix}-${LARGE_INDEX}`);
    return {
      verification,
      reindex: {
        workload: `${LARGE_INDEX} (200,000 documents) from the 7.17 source`,
        baseline: { what: 'one POST _reindex (source.size 1000, unpartitioned)', seconds: seconds(baseline.ms) },
        plugin: { what: `plugin job: ${plugin.value.items.length} partitions by @timestamp, concurrency 3, automatic batch size`, seconds: seconds(plugin.ms) },
        speedup: Math.round((baseline.ms / plugin.ms) * 100) / 100,
      },
    };
  } finally {
    await engine.runner.stop();
    await esRequest(nodes.reindex_destination.url, 'DELETE', `/${baselineDest},${prefix}-*?ignore_unavailable=true`);
  }
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
const benchVerification = async (engine: ReturnType<typeof createEngine>, sourceId: string, dest: string) => {
  const verifications = new VerificationService({ state: engine.state, jobs: engine.jobs, sources: engine.sources, internalClient: engine.destination, logger: engine.logger });
  const baseline = await timed(async () => {
    const [source, copy] = await Promise.all([hashAll(nodes.source.url, LARGE_INDEX), hashAll(nodes.reindex_destination.url, dest)]);
    return [...source].filter(([id, hash]) => copy.get(id) !== hash).length;
  });
  const plugin = await timed(async () => {
    const started = await verifications.create({ source_id: sourceId, indices: [{ source: LARGE_INDEX, dest }], sample_size: 1_000 }, engine.destination);
    await verifications.settled(started.id);
    return verifications.get(started.id);
  });
  const [index] = plugin.value.indices;
  if (plugin.value.status !== 'completed' || !index?.counts_match || index.sample_mismatches.length > 0 || baseline.value !== 0) {
    throw new Error(`bench verification disagrees: ${JSON.stringify({ status: plugin.value.status, index, fullMismatches: baseline.value })}`);
  }
  return {
    workload: `${LARGE_INDEX} (200,000 documents) and its copy`,
    baseline: { what: 'read and hash every document of both indices (scroll, 5,000 per page)', seconds: seconds(baseline.ms) },
    plugin: { what: 'verification report: counts, mappings, 1,000 sampled documents, users and roles, saved objects', seconds: seconds(plugin.ms) },
    speedup: Math.round((baseline.ms / plugin.ms) * 10) / 10,
  };
};

const benchPreflight = async () => {
  const engine = createEngine();
  const prefix = uniqueName('bench-pf');
  const names = Array.from({ length: 50 }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
  for (const name of names) {
    await esRequest(nodes.source.url, 'PUT', `/${name}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } });
    await esRequest(nodes.source.url, 'PUT', `/${name}/_doc/1?refresh=true`, { value: name });
  }
  try {
    const source = await engine.sources.create({ name: uniqueName('bench'), host: nodes.source.url, auth: { type: 'none' } });
    const baseline = await timed(() =>
      esRequest(nodes.reindex_destination.url, 'POST', '/_reindex?wait_for_completion=true', {
        source: { remote: { host: nodes.source.url }, index: names[0], query: { bool: { must_not: { match_all: {} } } } },
        dest: { index: `${prefix}-probe` },
      })
    );
    const suite = await timed(() =>
      runReindexPreflight(engine.sources, engine.destination, {
        method: 'reindex',
        source_id: source.id,
        indices: names,
        rename: { pattern: '^(.*)$', replacement: 'bench-dest-$1' },
      })
    );
    return {
      workload: '50 indices',
      baseline: { what: 'one bare reindex-from-remote round trip (what check 3 costs at least)', seconds: seconds(baseline.ms) },
      suite: { what: `all ${suite.value.checks.length} checks (${suite.value.status})`, seconds: seconds(suite.ms) },
      ratio: Math.round((suite.ms / Math.max(1, baseline.ms)) * 10) / 10,
    };
  } finally {
    await esRequest(nodes.source.url, 'DELETE', `/${prefix}-*`);
  }
};

const main = async () => {
  await ensureTestBed({ log: console.log });
  await seedSampleData(nodes.source.url, { log: console.log });
  const { reindex, verification } = await benchReindex();
  const results = { date: new Date().toISOString(), reindex, verification, preflight: await benchPreflight() };
  const out = path.join(REPO_ROOT, 'target', 'bench');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
};

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
