/*
 * The runner's polling: while items copy, each fast poll sends one Elasticsearch request (the `_tasks`
 * listing) whatever the number of running items, and an item's end is acted on by the fast poll that
 * notices it, without waiting for the full pass (here a minute away).
 */
import type { Client, DiagnosticResult } from '@elastic/elasticsearch';
import { testBedNodes } from '../../../dev/es/testbed_config';
import { claimJob, createEngine, isFinished, waitForJob } from '../helpers/engine';
import { esRequest, uniqueName, waitUntil } from '../helpers/es_http';

const nodes = testBedNodes();
const INDICES = ['orders-2023', 'products', 'stores', 'metrics-app-000001'];

describe('polling', () => {
  it('sends one request per fast poll for four running items, and finishes them between full passes', async () => {
    const requestsByPoll = new Map<number, string[]>();
    let fastPolls = 0;
    // Full passes a minute apart: after the first, only fast polls run during this test.
    const engine = createEngine({ pollIntervalMs: 60_000, onPass: (kind) => void (kind === 'fast' && fastPolls++) });
    (engine.destination as unknown as Client).diagnostic.on('request', (_error: unknown, event: DiagnosticResult | null) => {
      const params = event?.meta.request.params;
      if (params) requestsByPoll.set(fastPolls, [...(requestsByPoll.get(fastPolls) ?? []), `${params.method} ${params.path}`]);
    });
    // Read the job through another engine, so this test's reads are not counted as the runner's.
    const reader = createEngine();
    const prefix = uniqueName('polling');
    const source = await reader.sources.create({ name: uniqueName('polling-source'), host: nodes.source.url, auth: { type: 'none' } });
    const job = await reader.service.createReindexJob(
      {
        type: 'reindex',
        source_id: source.id,
        items: INDICES.map((index) => ({ source: index })),
        rename: { pattern: '^(.*)$', replacement: `${prefix}-$1` },
        // Throttled to a crawl, so no item ends while requests are counted.
        options: { concurrency: INDICES.length, requests_per_second: 5, batch_size: 10 },
      },
      reader.destination
    );
    await claimJob(reader.jobs, job.id, `test-${process.pid}`);
    engine.runner.start();
    try {
      const running = await waitForJob(reader, job.id, (current) => current.items.every((item) => item.status === 'running'));
      expect(running.items).toHaveLength(INDICES.length);
      const firstCounted = fastPolls + 1;
      await waitUntil(async () => fastPolls >= firstCounted + 5, 30_000, 100);
      const counted = [...requestsByPoll.entries()].filter(([poll]) => poll >= firstCounted && poll < fastPolls);
      expect(counted.length).toBeGreaterThanOrEqual(5);
      for (const [, requests] of counted) expect(requests).toEqual(['GET /_tasks']);

      // Unthrottled in Elasticsearch directly (the job record unchanged): the fast polls notice each end
      // and finish the items (count checks included) long before the next full pass.
      for (const item of running.items) {
        await esRequest(nodes.reindex_destination.url, 'POST', `/_reindex/${item.task_id}/_rethrottle?requests_per_second=-1`);
      }
      const done = await waitForJob(reader, job.id, isFinished, 45_000);
      expect(done.status).toBe('completed');
      for (const item of done.items) {
        const [sourceCount, destCount] = await Promise.all([
          esRequest(nodes.source.url, 'GET', `/${item.source}/_count`),
          esRequest(nodes.reindex_destination.url, 'GET', `/${item.dest}/_count`),
        ]);
        expect(item.dest_count).toBe((sourceCount.body as { count: number }).count);
        expect((destCount.body as { count: number }).count).toBe(item.dest_count);
        expect(item.end_noticed_ms).toEqual(expect.any(Number));
      }
    } finally {
      await engine.runner.stop();
      await esRequest(nodes.reindex_destination.url, 'DELETE', `/${prefix}-*?ignore_unavailable=true`);
    }
  });

  it('prepares the next destinations while others copy, and puts back what the load held back when the job is cancelled', async () => {
    const engine = createEngine({ pollIntervalMs: 500 });
    const prefix = uniqueName('ahead');
    const indices = [...INDICES, 'attachments', 'empty-index'];
    const source = await engine.sources.create({ name: uniqueName('ahead-source'), host: nodes.source.url, auth: { type: 'none' } });
    const job = await engine.service.createReindexJob(
      {
        type: 'reindex',
        source_id: source.id,
        items: indices.map((index) => ({ source: index })),
        rename: { pattern: '^(.*)$', replacement: `${prefix}-$1` },
        options: { concurrency: 2, requests_per_second: 5, batch_size: 10 },
      },
      engine.destination
    );
    await claimJob(engine.jobs, job.id, `test-${process.pid}`);
    engine.runner.start();
    const settingsOf = async (index: string) => {
      const answer = await esRequest(nodes.reindex_destination.url, 'GET', `/${index}/_settings?flat_settings=true`);
      return answer.status === 200 ? (Object.values(answer.body as object)[0] as { settings: Record<string, string> }).settings : undefined;
    };
    try {
      const [first, second, third, fourth, fifth] = indices.map((index) => `${prefix}-${index}`);
      await waitUntil(async () => (await settingsOf(fourth ?? '')) !== undefined, 30_000);
      const during = await waitForJob(engine, job.id, (current) => current.items.filter((item) => item.status === 'running').length === 2);
      // Two copy; the next two wait ready, created with the source's mappings; the rest wait. orders-2023
      // (10,000 documents) and products (a default pipeline, held back) load with refresh off; the smaller
      // ones without pipelines are created as they stay.
      expect(during.items.map((item) => item.status)).toEqual(['running', 'running', 'queued', 'queued', 'queued', 'queued']);
      for (const dest of [first, second]) expect((await settingsOf(dest ?? ''))?.['index.refresh_interval']).toBe('-1');
      expect((await settingsOf(second ?? ''))?.['index.default_pipeline']).toBeUndefined();
      for (const dest of [third, fourth]) expect((await settingsOf(dest ?? ''))?.['index.refresh_interval']).toBeUndefined();
      expect(await settingsOf(fifth ?? '')).toBeUndefined();
      const mapping = await esRequest(nodes.reindex_destination.url, 'GET', `/${third}/_mapping`);
      const sourceMapping = await esRequest(nodes.source.url, 'GET', `/${indices[2]}/_mapping`);
      expect(Object.values(mapping.body as object)[0]).toEqual(Object.values(sourceMapping.body as object)[0]);

      await engine.service.cancel(job.id, engine.destination);
      const cancelled = await waitForJob(engine, job.id, isFinished, 60_000);
      expect(cancelled.status).toBe('cancelled');
      // Whatever the load held back is back, the pipeline included.
      await waitUntil(async () => (await settingsOf(second ?? ''))?.['index.refresh_interval'] !== '-1', 30_000);
      expect((await settingsOf(second ?? ''))?.['index.default_pipeline']).toBe('products-ingest');
      for (const dest of [first, second, third, fourth]) expect((await settingsOf(dest ?? ''))?.['index.refresh_interval']).not.toBe('-1');
    } finally {
      await engine.runner.stop();
      await esRequest(nodes.reindex_destination.url, 'DELETE', `/${prefix}-*?ignore_unavailable=true`);
    }
  });
});
