/*
 * Planning at scale: a job over 1,000 small indices is planned (names resolved, every index counted and
 * sized) through the engine's dry run, timed, against the same plan made one request after another as
 * the planner did before (the seeds' loop has no planning; this is the plugin against itself). The
 * indices are created for the section and deleted after: 1,000 more shards would slow every other test
 * on the source, whose shard limit is raised for the section only.
 */
import type { ReindexJobRequest } from '../common/types/jobs';
import { planReindex } from '../server/lib/reindex/plan';
import { DEFAULT_OPTIONS } from '../server/lib/jobs/job_service';
import { Client } from '@elastic/elasticsearch';
import type { EsClient } from '../server/lib/es_client';
import { esRequest } from '../test/integration/helpers/es_http';
import { nodes, spread, timed } from './measure';
import type { BenchSection } from './sections';

const INDICES = 1_000;
const PREFIX = `bench-plan-${process.pid}`;
const CREATE_AT_ONCE = 20;

const createIndices = async (): Promise<void> => {
  await esRequest(nodes.source.url, 'PUT', '/_cluster/settings', { transient: { 'cluster.max_shards_per_node': 5_000 } });
  const names = Array.from({ length: INDICES }, (_, i) => `${PREFIX}-${String(i).padStart(4, '0')}`);
  for (let start = 0; start < names.length; start += CREATE_AT_ONCE) {
    await Promise.all(
      names.slice(start, start + CREATE_AT_ONCE).map((name) =>
        esRequest(nodes.source.url, 'PUT', `/${name}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { '@timestamp': { type: 'date' } } } })
      )
    );
  }
};

const removeIndices = async (): Promise<void> => {
  await esRequest(nodes.source.url, 'DELETE', `/${PREFIX}-*`);
  await esRequest(nodes.source.url, 'PUT', '/_cluster/settings', { transient: { 'cluster.max_shards_per_node': null } });
};

/** The plan the way it was made before: each name resolved, then each index counted and sized, in turn. */
const sequentialPlan = async (source: EsClient, names: string[]): Promise<number> => {
  const resolved = await source.indices.resolveIndex({ name: `${PREFIX}-*` });
  for (const { name } of resolved.indices) {
    await source.count({ index: name });
    await source.indices.stats({ index: name, metric: 'store' });
  }
  return names.length;
};

export const planningBenchSection: BenchSection = {
  name: 'planning',
  async run({ repeat, log }) {
    const source = new Client({ node: nodes.source.url }) as unknown as EsClient;
    log(`planning: creating ${INDICES} indices on the source`);
    await createIndices();
    try {
      const request: ReindexJobRequest = { type: 'reindex', source_id: 'bench', items: [{ source: `${PREFIX}-*` }], rename: { pattern: '^(.*)$', replacement: 'planned-$1' } };
      const parallel: number[] = [];
      const sequential: number[] = [];
      let items = 0;
      for (let run = 0; run < repeat; run++) {
        const planned = await timed(() => planReindex(source, { request, options: DEFAULT_OPTIONS, maxAutoParts: 2 }));
        items = planned.value.length;
        parallel.push(planned.seconds);
        sequential.push((await timed(() => sequentialPlan(source, planned.value.map((item) => item.source)))).seconds);
        log(`planning run ${run + 1}: ${planned.seconds.toFixed(2)} s for ${items} items; one request after another ${sequential[sequential.length - 1]?.toFixed(2)} s`);
      }
      const plugin = spread(parallel);
      const before = spread(sequential);
      const results = { indices: INDICES, items, plugin_seconds: plugin, sequential_seconds: before, speedup: Math.round((before.median / plugin.median) * 100) / 100 };
      return {
        results,
        lines: [
          `Planning ${INDICES} indices (resolve, count and size each): ${plugin.median} s (${plugin.min}–${plugin.max}) with 8 requests at once; ${before.median} s (${before.min}–${before.max}) one request after another: ${results.speedup}× faster.`,
        ],
      };
    } finally {
      await removeIndices();
      await (source as unknown as Client).close();
    }
  },
};
