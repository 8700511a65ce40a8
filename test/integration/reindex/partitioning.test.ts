/*
 * Splitting on the field every document has: a numeric field when the time field misses documents, the
 * parts covering the whole index, each checked by count and the copy exact.
 */
import { testBedNodes } from '../../../dev/es/testbed_config';
import { claimJob, createEngine, Engine, isFinished, waitForJob } from '../helpers/engine';
import { esRequest, uniqueName } from '../helpers/es_http';

const nodes = testBedNodes();
const DOCS = 3_000;
const WITHOUT_TIMESTAMP = 40;

const bulk = async (index: string, docs: Array<Record<string, unknown>>): Promise<void> => {
  const lines = docs.flatMap((doc, i) => [JSON.stringify({ index: { _index: index, _id: String(i) } }), JSON.stringify(doc)]);
  const response = await fetch(`${nodes.source.url}/_bulk?refresh=true`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: `${lines.join('\n')}\n` });
  expect((await response.json()).errors).toBe(false);
};

describe('partitioned copies', () => {
  let engine: Engine;
  const index = uniqueName('partition-seq');
  const prefix = uniqueName('partitioned');

  beforeAll(async () => {
    engine = createEngine({ pollIntervalMs: 250 });
    engine.runner.start();
    await esRequest(nodes.source.url, 'PUT', `/${index}`, {
      settings: { number_of_shards: 2, number_of_replicas: 0 },
      mappings: { properties: { '@timestamp': { type: 'date' }, seq: { type: 'long' }, label: { type: 'keyword' } } },
    });
    // Every document has seq; some have no @timestamp, so seq is the field that covers the index.
    await bulk(
      index,
      Array.from({ length: DOCS }, (_, i) => ({ seq: i * 7, label: `doc ${i}`, ...(i < WITHOUT_TIMESTAMP ? {} : { '@timestamp': 1_700_000_000_000 + i * 1000 }) }))
    );
  });

  afterAll(async () => {
    await engine.runner.stop();
    await esRequest(nodes.source.url, 'DELETE', `/${index}?ignore_unavailable=true`);
    await esRequest(nodes.reindex_destination.url, 'DELETE', `/${prefix}-*?ignore_unavailable=true`);
  });

  it('splits on the numeric field every document has, rather than a time field some lack, and copies every document', async () => {
    const source = await engine.sources.create({ name: uniqueName('partition-source'), host: nodes.source.url, auth: { type: 'none' } });
    const job = await engine.service.createReindexJob(
      {
        type: 'reindex',
        source_id: source.id,
        items: [{ source: index }],
        rename: { pattern: '^(.*)$', replacement: `${prefix}-$1` },
        options: { partition_threshold_docs: 1_000 },
      },
      engine.destination
    );
    await claimJob(engine.jobs, job.id, `test-${process.pid}`);
    const ranges = job.items.filter((item) => !item.partition?.missing);
    expect(ranges).toHaveLength(3);
    expect(job.items.every((item) => item.partition?.field === 'seq' && item.partition.field_type === 'number')).toBe(true);
    expect(job.items.reduce((sum, item) => sum + (item.source_count ?? 0), 0)).toBe(DOCS);
    // Parts of similar sizes (the field's percentiles), and nothing left for the part without the field.
    for (const range of ranges) expect(range.source_count).toBeGreaterThan(DOCS / 6);
    expect(job.items.find((item) => item.partition?.missing)?.source_count).toBe(0);

    const done = await waitForJob(engine, job.id, isFinished);
    expect(done.status).toBe('completed');
    const count = await esRequest(nodes.reindex_destination.url, 'GET', `/${prefix}-${index}/_count`);
    expect((count.body as { count: number }).count).toBe(DOCS);
    const lacking = await esRequest(nodes.reindex_destination.url, 'POST', `/${prefix}-${index}/_count`, { query: { bool: { must_not: { exists: { field: '@timestamp' } } } } });
    expect((lacking.body as { count: number }).count).toBe(WITHOUT_TIMESTAMP);
  });
});
