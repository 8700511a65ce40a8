/*
 * Reindex-from-remote jobs against the real test bed: the 7.17 source into the reindex destination.
 */
import crypto from 'node:crypto';
import { testBedNodes } from '../../../dev/es/testbed_config';
import { setReindexDestinationTrust, testBedInfo } from '../../../dev/es/testbed';
import { LARGE_INDEX, SAMPLE_INDICES } from '../../../dev/sample_data/indices';
import { createEngine, Engine, isFinished, waitForJob } from '../helpers/engine';
import { esRequest, uniqueName, waitUntil } from '../helpers/es_http';
import { saveTlsSource, trustTlsFront } from '../helpers/tls_front';

const nodes = testBedNodes();
let engine: Engine;

beforeAll(() => {
  engine = createEngine();
  engine.runner.start();
});

afterAll(async () => {
  await engine.runner.stop();
});

const prefixRule = (prefix: string) => ({ pattern: '^(.*)$', replacement: `${prefix}-$1` });

const createPlainSource = () =>
  engine.sources.create({ name: uniqueName('source'), host: nodes.source.url, auth: { type: 'none' } });

const deleteIndices = (prefix: string) =>
  esRequest(nodes.reindex_destination.url, 'DELETE', `/${prefix}-*?ignore_unavailable=true`);

const sha = (value: unknown) => crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('reindex jobs', () => {
  it('migrates every seeded index with concurrency 3: counts, documents, mappings and settings match', async () => {
    const prefix = uniqueName('all');
    const source = await createPlainSource();
    try {
      const job = await engine.service.createReindexJob(
        {
          type: 'reindex',
          source_id: source.id,
          items: SAMPLE_INDICES.map((index) => ({ source: index.name })),
          rename: prefixRule(prefix),
          options: { concurrency: 3, partition_threshold_docs: 60_000 },
        },
        engine.destination
      );
      // The large index is split into ranges of @timestamp of similar size, and a last part for documents
      // without the field (none here), so that the parts hold every document.
      const parts = job.items.filter((item) => item.source === LARGE_INDEX);
      const ranges = parts.filter((part) => !part.partition?.missing);
      expect(ranges.length).toBeGreaterThan(1);
      const sizes = ranges.map((part) => part.source_count ?? 0);
      expect(Math.max(...sizes) / Math.min(...sizes)).toBeLessThan(1.5);
      expect(parts.filter((part) => part.partition?.missing)).toEqual([expect.objectContaining({ source_count: 0 })]);

      let maxRunning = 0;
      const done = await waitForJob(engine, job.id, (current) => {
        maxRunning = Math.max(maxRunning, current.items.filter((item) => item.status === 'running' || item.status === 'preparing').length);
        return isFinished(current);
      });
      expect(done.status).toBe('completed');
      expect(maxRunning).toBeLessThanOrEqual(3);
      expect(done.progress.done_docs).toBe(done.progress.total_docs);

      for (const index of SAMPLE_INDICES) {
        const dest = `${prefix}-${index.name}`;
        const [srcCount, destCount] = await Promise.all([
          esRequest(nodes.source.url, 'GET', `/${index.name}/_count`),
          esRequest(nodes.reindex_destination.url, 'GET', `/${dest}/_count`),
        ]);
        expect({ dest, count: (destCount.body as { count: number }).count }).toEqual({ dest, count: (srcCount.body as { count: number }).count });

        const [srcMapping, destMapping] = await Promise.all([
          esRequest(nodes.source.url, 'GET', `/${index.name}/_mapping`),
          esRequest(nodes.reindex_destination.url, 'GET', `/${dest}/_mapping`),
        ]);
        expect(Object.values(destMapping.body as object)[0]).toEqual(Object.values(srcMapping.body as object)[0]);

        const [srcSettings, destSettings] = await Promise.all([
          esRequest(nodes.source.url, 'GET', `/${index.name}/_settings?flat_settings=true`),
          esRequest(nodes.reindex_destination.url, 'GET', `/${dest}/_settings?flat_settings=true`),
        ]);
        const pick = (body: unknown) => {
          const flat = (Object.values(body as object)[0] as { settings: Record<string, string> }).settings;
          return {
            replicas: flat['index.number_of_replicas'],
            refresh: flat['index.refresh_interval'],
            pipeline: flat['index.default_pipeline'],
            analyzer: flat['index.analysis.analyzer.product_name.type'],
          };
        };
        expect(pick(destSettings.body)).toEqual(pick(srcSettings.body));
      }

      // A deterministic sample of documents is identical, _source for _source.
      const ids = Array.from({ length: 25 }, (_, i) => `log-${i * 7919}`);
      const [srcDocs, destDocs] = await Promise.all([
        esRequest(nodes.source.url, 'POST', `/${LARGE_INDEX}/_mget`, { ids }),
        esRequest(nodes.reindex_destination.url, 'POST', `/${prefix}-${LARGE_INDEX}/_mget`, { ids }),
      ]);
      const hashes = (body: unknown) => (body as { docs: Array<{ _id: string; _source: unknown }> }).docs.map((doc) => [doc._id, sha(doc._source)]);
      expect(hashes(destDocs.body)).toEqual(hashes(srcDocs.body));
      // The ingest pipeline the products index uses arrived after the data.
      expect((await esRequest(nodes.reindex_destination.url, 'GET', '/_ingest/pipeline/products-ingest')).status).toBe(200);
    } finally {
      await deleteIndices(prefix);
    }
  });

  it('fails with the mapped certificate error until the destination trusts the CA, then succeeds on retry', async () => {
    const info = await testBedInfo();
    const prefix = uniqueName('tls');
    const source = await saveTlsSource(engine.sources, 'tls-source');
    try {
      // Elasticsearch reloads the CA file on its own: wait until it does not trust the front.
      await trustTlsFront(false);
      const job = await engine.service.createReindexJob(
        { type: 'reindex', source_id: source.id, items: [{ source: 'stores' }], rename: prefixRule(prefix) },
        engine.destination
      );
      const failed = await waitForJob(engine, job.id, isFinished);
      expect(failed.status).toBe('failed');
      const error = failed.items[0]?.error;
      expect(error?.type).toBe('source_tls_untrusted');
      expect(error?.remedy).toContain('reindex.ssl.certificate_authorities');
      expect(error?.remedy).toContain('openssl s_client -showcerts');

      await trustTlsFront(true);
      await engine.service.retry(job.id, 'restart');
      const retried = await waitForJob(engine, job.id, isFinished);
      expect(retried.status).toBe('completed');
      expect(retried.items[0]?.dest_count).toBe(500);
    } finally {
      setReindexDestinationTrust(false);
      await deleteIndices(prefix);
    }
    // The password never reached a log line.
    expect(engine.logger.lines.join('\n')).not.toContain(info.tls_front.password);
  });

  it('maps a wrong source password to source_auth_rejected, never relaying it as the caller’s 401', async () => {
    const info = await testBedInfo();
    const prefix = uniqueName('auth');
    await trustTlsFront(true);
    const source = await saveTlsSource(engine.sources, 'bad-password', 'definitely-wrong-password');
    try {
      await waitUntil(async () => {
        const probe = await esRequest(nodes.reindex_destination.url, 'POST', '/_reindex', {
          source: { remote: { host: info.tls_front.url, username: 'x', password: 'y' }, index: 'stores' },
          dest: { index: `${prefix}-probe` },
        });
        return probe.status === 401;
      }, 20_000);
      const job = await engine.service.createReindexJob(
        { type: 'reindex', source_id: source.id, items: [{ source: 'stores' }], rename: prefixRule(prefix) },
        engine.destination
      ).catch((error: Error) => error);
      // The plan reads the source directly and is refused first: a 400 naming the cause, not a 401.
      expect(job).toMatchObject({ code: 'source_auth_rejected', statusCode: 400 });
      expect(JSON.stringify(job)).not.toContain('definitely-wrong-password');
    } finally {
      setReindexDestinationTrust(false);
      await deleteIndices(prefix);
    }
  });

  it('cancels mid-run leaving a consistent record, and rethrottles the running task', async () => {
    const prefix = uniqueName('cancel');
    const source = await createPlainSource();
    try {
      const job = await engine.service.createReindexJob(
        {
          type: 'reindex',
          source_id: source.id,
          items: [{ source: LARGE_INDEX }],
          rename: prefixRule(prefix),
          options: { requests_per_second: 2_000, batch_size: 500 },
        },
        engine.destination
      );
      const running = await waitForJob(engine, job.id, (current) => (current.items[0]?.progress.created ?? 0) > 0);
      const taskId = running.items[0]?.task_id ?? '';
      await engine.service.rethrottle(job.id, 1_500, engine.destination);
      await waitUntil(async () => {
        const task = await esRequest(nodes.reindex_destination.url, 'GET', `/_tasks/${taskId}`);
        return (task.body as { task: { status: { requests_per_second: number } } }).task.status.requests_per_second === 1_500;
      }, 10_000);
      expect((await engine.service.get(job.id)).options.requests_per_second).toBe(1_500);

      // Elasticsearch is asked to cancel the task; the item is cancelled once the task ends cancelled.
      await engine.service.cancel(job.id, engine.destination);
      await waitUntil(async () => {
        const task = await esRequest(nodes.reindex_destination.url, 'GET', `/_tasks/${taskId}`);
        return (task.body as { completed: boolean }).completed === true;
      }, 20_000);
      const cancelled = await waitForJob(engine, job.id, isFinished);
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.items[0]?.status).toBe('cancelled');
      // Settings put back on a cancelled destination: refresh on again, and the job holds nothing back.
      const settings = await esRequest(nodes.reindex_destination.url, 'GET', `/${cancelled.items[0]?.dest}/_settings?flat_settings=true`);
      const flat = (Object.values(settings.body as object)[0] as { settings: Record<string, string> }).settings;
      expect(flat['index.refresh_interval']).toBeUndefined();
      expect((await engine.jobs.get(job.id))?.value.items[0]?.deferred_settings).toBeUndefined();
      // The runner leaves a cancelled job alone.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const after = await engine.service.get(job.id);
      expect(after.status).toBe('cancelled');
      expect(after.items[0]?.status).toBe('cancelled');
      await expect(engine.service.cancel(job.id, engine.destination)).rejects.toMatchObject({ statusCode: 409 });

      // Retry with resume finishes the copy without duplicates.
      await engine.service.retry(job.id, 'resume');
      await engine.service.rethrottle(job.id, -1, engine.destination);
      const resumed = await waitForJob(engine, job.id, isFinished, 180_000);
      expect(resumed.status).toBe('completed');
      expect(resumed.items[0]?.dest_count).toBe(resumed.items[0]?.source_count);
    } finally {
      await deleteIndices(prefix);
    }
  });

  it('answers bad input with a 4xx naming the field or the cause', async () => {
    const source = await createPlainSource();
    const attempt = (request: Parameters<Engine['service']['createReindexJob']>[0]) =>
      engine.service.createReindexJob(request, engine.destination, { dryRun: true }).then(
        () => undefined,
        (error: { statusCode?: number; code?: string; details?: { field?: string } }) => error
      );
    expect(await attempt({ type: 'reindex', source_id: 'no-such-source', items: [{ source: 'stores' }] })).toMatchObject({ statusCode: 404, code: 'source_not_found' });
    expect(await attempt({ type: 'reindex', source_id: source.id, items: [{ source: 'nothing-matches-*' }] })).toMatchObject({
      statusCode: 400,
      code: 'pattern_matched_nothing',
      details: { field: 'items.0.source' },
    });
    expect(await attempt({ type: 'reindex', source_id: source.id, items: [{ source: 'stores', dest: 'Bad Name' }] })).toMatchObject({
      statusCode: 400,
      details: { field: 'items.0.dest' },
    });
    expect(await attempt({ type: 'reindex', source_id: source.id, items: [{ source: 'stores' }], options: { concurrency: 5000 } })).toMatchObject({
      statusCode: 400,
      details: { field: 'options.concurrency' },
    });
    const outside = await engine.sources
      .create({ name: 'outside', host: 'https://example.com:9200', auth: { type: 'none' } })
      .catch((error: unknown) => error);
    expect(outside).toMatchObject({ statusCode: 400, code: 'source_host_not_allowed', details: { field: 'host' } });
  });
});
