/*
 * Verification reports against the real test bed: after a reindex job everything compares equal; after
 * documents and a saved object are deleted from the destination, the report names exactly those.
 */
import { KIBANA_INDEX, savedObjects } from '../../../dev/sample_data/kibana_saved_objects';
import { testBedNodes } from '../../../dev/es/testbed_config';
import { VerificationService } from '../../../server/lib/verification/verification_service';
import { createEngine, Engine, isFinished, waitForJob } from '../helpers/engine';
import { esRequest, uniqueName } from '../helpers/es_http';

const nodes = testBedNodes();
const dest = nodes.reindex_destination.url;
let engine: Engine;
let verifications: VerificationService;
let prefix: string;
let jobId: string;
let sourceId: string;

const verify = async (request: Parameters<VerificationService['create']>[0]) => {
  const started = await verifications.create(request, engine.destination);
  expect(started.status).toBe('running');
  await verifications.settled(started.id);
  return verifications.get(started.id);
};

const storesCount = async () => ((await esRequest(nodes.source.url, 'GET', '/stores/_count')).body as { count: number }).count;

beforeAll(async () => {
  engine = createEngine();
  verifications = new VerificationService({
    state: engine.state,
    jobs: engine.jobs,
    sources: engine.sources,
    internalClient: engine.destination,
    logger: engine.logger,
  });
  engine.runner.start();
  prefix = uniqueName('verify');
  // The destination's .kibana comes from this test's job: start from none.
  await esRequest(dest, 'DELETE', `/${KIBANA_INDEX}?ignore_unavailable=true`);
  const source = await engine.sources.create({ name: uniqueName('source'), host: nodes.source.url, auth: { type: 'none' } });
  sourceId = source.id;
  const job = await engine.service.createReindexJob(
    {
      type: 'reindex',
      source_id: source.id,
      items: [
        { source: 'stores', dest: `${prefix}-stores` },
        { source: 'orders-2023', dest: `${prefix}-orders-2023` },
        { source: 'products', dest: `${prefix}-products` },
        { source: KIBANA_INDEX },
      ],
      include_hidden: true,
      include_system: true,
      // A copy under its own internal name is confirmed like every write into .kibana*.
      confirmation: `write into ${KIBANA_INDEX}`,
    },
    engine.destination
  );
  const done = await waitForJob(engine, job.id, isFinished);
  expect(done.status).toBe('completed');
  // Reindex copies documents only; the job adds the source's aliases, except to a copy of .kibana.
  expect(done.items.find((item) => item.source === 'orders-2023')?.aliases).toEqual({ added: ['orders'], skipped: [] });
  expect(done.items.find((item) => item.source === KIBANA_INDEX)?.aliases).toEqual({
    added: [],
    skipped: [{ alias: '.kibana', reason: 'internal index: its copy must not join the live alias' }],
  });
  jobId = job.id;
});

afterAll(async () => {
  await engine.runner.stop();
  await esRequest(dest, 'DELETE', `/${prefix}-*,${KIBANA_INDEX}?ignore_unavailable=true&expand_wildcards=all`);
});

describe('verification of a reindex job', () => {
  it('finds matching counts, mappings and sampled documents, and every saved object by title', async () => {
    const report = await verify({ job_id: jobId, sample_size: 200 });
    expect(report.status).toBe('completed');
    expect(report.progress).toMatchObject({ done: 6, total: 6 });
    expect(report.indices.map((index) => index.dest).sort()).toEqual([KIBANA_INDEX, `${prefix}-orders-2023`, `${prefix}-products`, `${prefix}-stores`].sort());
    for (const index of report.indices) {
      expect({ dest: index.dest, match: index.counts_match, mismatches: index.sample_mismatches, mappings: index.mapping_differences, error: index.error }).toEqual({
        dest: index.dest,
        match: true,
        mismatches: [],
        mappings: [],
        error: undefined,
      });
      expect(index.source_count).toBeGreaterThan(0);
      expect(index.sampled).toBe(Math.min(200, index.source_count ?? 0));
    }
    const objects = report.saved_objects;
    expect(objects?.available).toBe(true);
    // The sample's visualizations, the marketing space's and the one without its data view included.
    expect(objects?.by_type.visualization).toMatchObject({ source: 6, dest: 6, missing: [] });
    expect(objects?.by_type.visualization?.titles.map((t) => t.title)).toEqual([
      'Campaign clicks',
      'HTTP status codes',
      'Requests over time',
      'Revenue by order status',
      'Traffic by referrer',
      'Visitors by city',
    ]);
    expect(objects?.by_type.dashboard).toMatchObject({ source: 4, dest: 4, missing: [] });
    // The test bed runs without x-pack security: a state of the report, not an error.
    expect(report.security).toMatchObject({ available: false });
    expect(report.security?.reason).toContain('Security is not enabled on the destination');
    // The job added the orders alias; the copy of .kibana must not join the live alias, so the report
    // names that one difference with the request that fixes it, for the admin to decide.
    expect(report.indices.find((index) => index.source === 'orders-2023')?.aliases).toEqual({ expected: ['orders'], missing: [] });
    expect(report.differences).toEqual([
      {
        area: 'data',
        message: `${KIBANA_INDEX}: aliases .kibana of ${KIBANA_INDEX} are missing.`,
        remedy: `POST _aliases { "actions": [{ "add": { "index": "${KIBANA_INDEX}", "alias": ".kibana" } }] }`,
      },
    ]);
  });

  it('names exactly the deleted documents and the deleted visualization', async () => {
    const deleted = ['store-7', 'store-123', 'store-499'];
    const ids = ((await esRequest(nodes.source.url, 'POST', '/stores/_search', { size: 3, query: { ids: { values: deleted } } })).body as {
      hits: { hits: Array<{ _id: string }> };
    }).hits.hits.map((hit) => hit._id);
    expect(ids.sort()).toEqual([...deleted].sort());
    for (const id of deleted) await esRequest(dest, 'DELETE', `/${prefix}-stores/_doc/${id}`);
    await esRequest(dest, 'DELETE', `/${KIBANA_INDEX}/_doc/visualization:1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b03`);
    await esRequest(dest, 'POST', `/${prefix}-stores,${KIBANA_INDEX}/_refresh`);

    const total = await storesCount();
    const report = await verify({ job_id: jobId, sample_size: total });
    const stores = report.indices.find((index) => index.source === 'stores');
    expect(stores).toMatchObject({ source_count: total, dest_count: total - 3, counts_match: false, sampled: total });
    expect(stores?.sample_mismatches.map((m) => m.id).sort()).toEqual([...deleted].sort());
    expect(stores?.sample_mismatches.every((m) => m.reason === 'missing_in_destination')).toBe(true);
    // The deleted visualization is a document of .kibana too.
    const kibana = report.indices.find((index) => index.source === KIBANA_INDEX);
    const sampleCount = savedObjects().length;
    expect(kibana).toMatchObject({ source_count: sampleCount, dest_count: sampleCount - 1, counts_match: false });
    expect(kibana?.sample_mismatches).toEqual([{ id: 'visualization:1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b03', reason: 'missing_in_destination' }]);
    for (const other of report.indices.filter((index) => index.source !== 'stores' && index.source !== KIBANA_INDEX)) {
      expect({ dest: other.dest, match: other.counts_match, mismatches: other.sample_mismatches }).toEqual({ dest: other.dest, match: true, mismatches: [] });
    }
    expect(report.saved_objects?.by_type.visualization).toMatchObject({
      source: 6,
      dest: 5,
      missing: [{ id: 'visualization:1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b03', title: 'Visitors by city' }],
    });
    expect(report.saved_objects?.by_type.dashboard?.missing).toEqual([]);
    const messages = report.differences.map((difference) => difference.message);
    expect(messages).toEqual([
      `${prefix}-stores holds ${total - 3} documents, stores ${total}.`,
      `${prefix}-stores: 3 of ${total} sampled documents differ; missing: ${stores?.sample_mismatches.map((m) => m.id).join(', ')}.`,
      `${KIBANA_INDEX} holds ${sampleCount - 1} documents, ${KIBANA_INDEX} ${sampleCount}.`,
      `${KIBANA_INDEX}: 1 of ${sampleCount} sampled documents differ; missing: visualization:1c2d3e40-1d3c-11ef-9c1e-5b5f2f4d0b03.`,
      `${KIBANA_INDEX}: aliases .kibana of ${KIBANA_INDEX} are missing.`,
      '1 visualization object(s) missing on the destination: Visitors by city.',
    ]);
    expect(report.differences[0]?.remedy).toContain('"resume"');
  });

  it('compares index pairs without a job, and says what is missing on the destination', async () => {
    const report = await verify({ source_id: sourceId, indices: [{ source: 'products', dest: `${prefix}-products` }, { source: 'empty-index', dest: `${prefix}-never-migrated` }] });
    expect(report.indices[0]).toMatchObject({ counts_match: true, sample_mismatches: [] });
    expect(report.indices[1]).toMatchObject({ counts_match: false, error: `[${prefix}-never-migrated] does not exist on the destination` });
    expect(report.indices[1]?.remedy).toContain('Migrate [empty-index]');
  });

  it('runs again, from the start and as the user reading it (never as Kibana), a verification whose runner stopped (a Kibana restart)', async () => {
    const started = await verifications.create({ job_id: jobId, sample_size: 10 }, engine.destination);
    await verifications.settled(started.id);
    // As a restart leaves it: status running, no runner, its heartbeat long past.
    const stored = await engine.state.get<Record<string, unknown>>('verification', started.id);
    await engine.state.put('verification', started.id, { ...stored?.value, status: 'running', indices: [], heartbeat_at: Date.now() - 120_000 }, { status: 'running', created_at: started.created_at }, stored);
    const restarted = new VerificationService({ state: engine.state, jobs: engine.jobs, sources: engine.sources, internalClient: engine.destination, logger: engine.logger });
    // Read without a user (a background read): nothing is started on Kibana's behalf.
    await restarted.get(started.id);
    await restarted.settled(started.id);
    expect((await restarted.get(started.id)).indices).toEqual([]);
    // Read by a user: it runs again as that user.
    expect((await restarted.get(started.id, engine.destination)).status).toBe('running');
    await restarted.settled(started.id);
    const report = await restarted.get(started.id);
    expect(report.status).toBe('completed');
    expect(report.indices).toHaveLength(4);
  });

  it('refuses an unknown job or source with 404 and the way to find one', async () => {
    await expect(verifications.create({ job_id: 'no-such-job' }, engine.destination)).rejects.toMatchObject({ code: 'job_not_found', statusCode: 404 });
    await expect(verifications.create({ source_id: 'no-such-source', indices: [{ source: 'stores' }] }, engine.destination)).rejects.toMatchObject({ code: 'source_not_found', statusCode: 404 });
  });
});
