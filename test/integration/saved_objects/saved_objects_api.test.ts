/*
 * Saved objects from the source's 7.17 `.kibana` into this Kibana, through the development host's HTTP API
 * against the test bed: the listing (layouts, spaces, 6.8 references extracted), the check naming exactly
 * the sample's broken references, the import of the healthy selection with per-object results, the
 * destination's saved-objects index holding those objects (read back), the modes, and the export file.
 * The host's saved-objects index is this test's own (not `.kibana`), so tests running at the same time
 * that read the destination's `.kibana*` see nothing of it.
 */
import os from 'node:os';
import path from 'node:path';
import { API_BASE_PATH, API_VERSION } from '../../../common/constants';
import type { Job } from '../../../common/types/jobs';
import type {
  SavedObjectKey,
  SavedObjectsCheckReport,
  SavedObjectsImportReport,
  SavedObjectsListResponse,
  SavedObjectsVerifyReport,
} from '../../../common/types/saved_objects';
import { testBedNodes } from '../../../dev/es/testbed_config';
import { hostOptionsFromEnv } from '../../../dev/host/main';
import { RunningHost, startHost } from '../../../dev/host/server/host_server';
import { SAMPLE_IDS } from '../../../dev/sample_data/kibana_saved_objects';
import type { VerificationReport } from '../../../common/types/verifications';
import { esRequest, uniqueName, waitUntil } from '../helpers/es_http';

const nodes = testBedNodes();
const dest = nodes.reindex_destination.url;
let host: RunningHost;
let soIndex: string;
let sourceId: string;
/** The saved_objects job that recorded the import of the healthy selection. */
let importJobId: string | undefined;
const createdJobs: string[] = [];
const createdVerifications: string[] = [];

const call = async <T = Record<string, unknown>>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T; text: string; headers: Headers }> => {
  const response = await fetch(`${host.url}${API_BASE_PATH}${route}`, {
    method,
    headers: { 'content-type': 'application/json', 'kbn-xsrf': 'true', 'elastic-api-version': API_VERSION },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // ndjson
  }
  return { status: response.status, body: parsed as T, text, headers: response.headers };
};

const destinationDocs = async (): Promise<Array<{ _id: string; _source: Record<string, unknown> }>> => {
  await esRequest(dest, 'POST', `/${soIndex}/_refresh`);
  const result = await esRequest(dest, 'POST', `/${soIndex}/_search`, { size: 1000, query: { bool: { must_not: { term: { type: 'legacy-url-alias' } } } } });
  return (result.body as { hits: { hits: Array<{ _id: string; _source: Record<string, unknown> }> } }).hits.hits;
};

const key = (type: string, id: string, space = 'default'): SavedObjectKey => ({ type, id, space });

beforeAll(async () => {
  soIndex = uniqueName('ma-so-it');
  host = await startHost({ ...hostOptionsFromEnv(), port: 0, uuidFile: path.join(os.tmpdir(), `ma-so-uuid-${process.pid}`), bundleDir: os.tmpdir(), log: () => undefined, savedObjectsIndex: soIndex });
  const source = await call<{ id: string }>('POST', '/sources', { name: uniqueName('so-source'), host: nodes.source.url, auth: { type: 'none' } });
  expect(source.status).toBe(201);
  sourceId = source.body.id;
});

afterAll(async () => {
  for (const id of createdVerifications) await call('DELETE', `/verifications/${id}`);
  for (const id of createdJobs) await call('DELETE', `/jobs/${id}`);
  if (sourceId) await call('DELETE', `/sources/${sourceId}`);
  await host?.stop();
  await esRequest(dest, 'DELETE', `/${soIndex}*?ignore_unavailable=true&expand_wildcards=all`);
});

describe('saved objects from the source .kibana into this Kibana', () => {
  it('lists the objects by type and space, with the 6.8 dashboard’s ids extracted as references', async () => {
    const list = await call<SavedObjectsListResponse>('GET', `/saved_objects?source_id=${sourceId}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ layout: '7.x', kibana_version: '7.17.9', spaces: ['default', 'marketing'] });
    expect(list.body.types).toEqual({ dashboard: 4, 'index-pattern': 3, visualization: 6 });
    const orders68 = list.body.objects.find((object) => object.id === SAMPLE_IDS.orders68);
    expect(orders68).toMatchObject({ type: 'dashboard', title: 'Orders (6.8)', space: 'default', extracted_references: true });
    expect(orders68?.references).toEqual([
      { name: 'kibanaSavedObjectMeta.searchSourceJSON.filter[0].meta.index', type: 'index-pattern', id: SAMPLE_IDS.orders },
      { name: 'panel_0', type: 'visualization', id: SAMPLE_IDS.revenueByOrderStatus },
      { name: 'panel_1', type: 'visualization', id: SAMPLE_IDS.httpStatusCodes },
    ]);
    expect(list.body.objects.filter((object) => object.space === 'marketing').map((object) => object.title).sort()).toEqual(['Campaign clicks', 'web-logs-*']);
  });

  it('answers 400s naming the field, and 404 for an object the source does not have', async () => {
    const noFrom = await call('GET', '/saved_objects');
    expect(noFrom.status).toBe(400);
    expect(JSON.stringify(noFrom.body)).toContain('source_id');
    const badSpace = await call('POST', '/saved_objects/_check', { from: { source_id: sourceId }, objects: [key('dashboard', SAMPLE_IDS.sales)], space: 'Not A Space' });
    expect(badSpace.status).toBe(400);
    expect(JSON.stringify(badSpace.body)).toContain('space');
    const unknown = await call<{ attributes: { code: string; field: string } }>('POST', '/saved_objects/_check', { from: { source_id: sourceId }, objects: [key('dashboard', 'no-such-dashboard')] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.attributes).toMatchObject({ code: 'saved_object_not_found', field: 'objects' });
  });

  it('names exactly the broken references of everything in the default space', async () => {
    const list = await call<SavedObjectsListResponse>('GET', `/saved_objects?source_id=${sourceId}`);
    const everything = list.body.objects.filter((object) => object.space === 'default').map((object) => key(object.type, object.id));
    const check = await call<SavedObjectsCheckReport>('POST', '/saved_objects/_check', { from: { source_id: sourceId }, objects: everything, space: 'default', mode: 'overwrite' });
    expect(check.status).toBe(200);
    const broken = check.body.problems.filter((problem) => problem.severity === 'error');
    expect(broken.map((problem) => ({ kind: problem.kind, title: problem.title, reference: problem.reference }))).toEqual([
      { kind: 'missing_reference', title: 'Campaigns', reference: { name: 'panel_1', type: 'visualization', id: SAMPLE_IDS.deletedVisualization } },
      { kind: 'missing_reference', title: 'Traffic by referrer', reference: { name: 'kibanaSavedObjectMeta.searchSourceJSON.index', type: 'index-pattern', id: SAMPLE_IDS.missingDataView } },
    ]);
    expect(broken[1]?.remedy).toContain(`POST /api/data_views/data_view with "id": "${SAMPLE_IDS.missingDataView}"`);
    expect(check.body.summary).toMatchObject({ selected: everything.length, importable: everything.length - 2, refused: 2, broken_references: 2 });
    // 7.17 into 9.1 skips a major: said once, as a warning.
    expect(check.body.problems.filter((problem) => problem.kind === 'version_gap')).toHaveLength(1);
    const orders68 = check.body.objects.find((object) => object.id === SAMPLE_IDS.orders68);
    expect(orders68?.references.map((ref) => ref.status)).toEqual(['in_selection', 'in_selection', 'in_selection']);
  });

  it('adds what a selection references, and says which references are neither selected nor here', async () => {
    const alone = await call<SavedObjectsCheckReport>('POST', '/saved_objects/_check', { from: { source_id: sourceId }, objects: [key('dashboard', SAMPLE_IDS.sales)] });
    expect(alone.body.problems.map((problem) => [problem.kind, problem.reference?.id])).toEqual([
      ['reference_not_selected', SAMPLE_IDS.revenueByOrderStatus],
      ['version_gap', undefined],
    ]);
    const closed = await call<SavedObjectsCheckReport>('POST', '/saved_objects/_check', { from: { source_id: sourceId }, objects: [key('dashboard', SAMPLE_IDS.sales)], include_references: true });
    expect(closed.body.objects.map((object) => [object.title, object.added_as_reference ?? false])).toEqual([
      ['Sales', false],
      ['Revenue by order status', true],
      ['orders', true],
    ]);
    expect(closed.body.summary).toMatchObject({ importable: 3, broken_references: 0 });
  });

  it('imports the healthy selection with per-object results; the destination then holds those objects', async () => {
    const healthy = [SAMPLE_IDS.webTraffic, SAMPLE_IDS.sales, SAMPLE_IDS.orders68].map((id) => key('dashboard', id));
    const imported = await call<SavedObjectsImportReport>('POST', '/saved_objects/_import', { from: { source_id: sourceId }, objects: healthy, include_references: true, space: 'default', mode: 'overwrite' });
    expect(imported.status).toBe(200);
    const expected = [
      ['index-pattern', SAMPLE_IDS.webLogs, 'web-logs-*'],
      ['index-pattern', SAMPLE_IDS.orders, 'orders'],
      ['visualization', SAMPLE_IDS.requestsOverTime, 'Requests over time'],
      ['visualization', SAMPLE_IDS.httpStatusCodes, 'HTTP status codes'],
      ['visualization', SAMPLE_IDS.visitorsByCity, 'Visitors by city'],
      ['visualization', SAMPLE_IDS.revenueByOrderStatus, 'Revenue by order status'],
      ['dashboard', SAMPLE_IDS.webTraffic, 'Web traffic overview'],
      ['dashboard', SAMPLE_IDS.sales, 'Sales'],
      ['dashboard', SAMPLE_IDS.orders68, 'Orders (6.8)'],
    ];
    const sortKey = (a: string[], b: string[]) => `${a[0]}:${a[1]}`.localeCompare(`${b[0]}:${b[1]}`);
    expect(imported.body.results.map((result) => [result.type, result.id, result.title, result.status]).sort(sortKey)).toEqual(
      expected.map((entry) => [...entry, 'created']).sort(sortKey)
    );
    expect(imported.body).toMatchObject({ success_count: 9, refused_count: 0, batches: 1 });
    importJobId = imported.body.job_id;
    expect(importJobId).toMatch(/^[0-9a-f-]{36}$/);
    createdJobs.push(importJobId as string);

    // The destination's saved-objects index holds exactly these, as Kibana 8.x lays them out.
    const docs = await destinationDocs();
    expect(docs.map((doc) => doc._id).sort()).toEqual(expected.map(([type, id]) => `${type}:${id}`).sort());
    const sales = docs.find((doc) => doc._id === `dashboard:${SAMPLE_IDS.sales}`)?._source;
    expect(sales).toMatchObject({ type: 'dashboard', namespaces: ['default'], references: [{ name: 'panel_0', type: 'visualization', id: SAMPLE_IDS.revenueByOrderStatus }] });

    // Read back through this Kibana's scoped client, titles compared.
    const verified = await call<SavedObjectsVerifyReport>('POST', '/saved_objects/_verify', {
      space: 'default',
      objects: imported.body.results.map((result) => ({ type: result.type, id: result.destination_id ?? result.id, title: result.title })),
    });
    expect(verified.body).toMatchObject({ found: 9, missing: 0 });
    expect(verified.body.objects.every((object) => object.title_matches)).toBe(true);
  });

  it('checks again against what is now here: clashes overwritten, kept, or copied', async () => {
    const sales = [key('dashboard', SAMPLE_IDS.sales)];
    const keep = await call<SavedObjectsImportReport>('POST', '/saved_objects/_import', { from: { source_id: sourceId }, objects: sales, mode: 'keep_existing' });
    expect(keep.body.results).toEqual([expect.objectContaining({ id: SAMPLE_IDS.sales, status: 'refused', destination_id: SAMPLE_IDS.sales, error: expect.objectContaining({ type: 'id_conflict' }) })]);
    // The referenced visualization is here now: the dashboard alone is healthy.
    expect(keep.body.check.objects[0]?.references).toEqual([{ name: 'panel_0', type: 'visualization', id: SAMPLE_IDS.revenueByOrderStatus, status: 'in_destination', destination_id: SAMPLE_IDS.revenueByOrderStatus }]);

    const overwrite = await call<SavedObjectsImportReport>('POST', '/saved_objects/_import', { from: { source_id: sourceId }, objects: sales, mode: 'overwrite' });
    expect(overwrite.body.results).toEqual([expect.objectContaining({ id: SAMPLE_IDS.sales, status: 'overwritten' })]);

    const copy = await call<SavedObjectsImportReport>('POST', '/saved_objects/_import', { from: { source_id: sourceId }, objects: sales, mode: 'create_new_copies' });
    createdJobs.push(...[keep, overwrite, copy].map((answer) => answer.body.job_id as string));
    const copied = copy.body.results[0];
    expect(copied).toMatchObject({ id: SAMPLE_IDS.sales, status: 'created' });
    expect(copied?.destination_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(copied?.destination_id).not.toBe(SAMPLE_IDS.sales);
    const docs = await destinationDocs();
    expect(docs.filter((doc) => (doc._source.dashboard as { title?: string } | undefined)?.title === 'Sales').map((doc) => doc._id).sort()).toEqual(
      [`dashboard:${SAMPLE_IDS.sales}`, `dashboard:${copied?.destination_id}`].sort()
    );
  });

  it('imports an object of another space into a chosen space, with its data view', async () => {
    const imported = await call<SavedObjectsImportReport>('POST', '/saved_objects/_import', {
      from: { source_id: sourceId },
      objects: [key('visualization', SAMPLE_IDS.campaignClicks, 'marketing')],
      include_references: true,
      space: 'marketing',
      mode: 'overwrite',
    });
    createdJobs.push(imported.body.job_id as string);
    expect(imported.body.results.map((result) => [result.title, result.status]).sort()).toEqual([
      ['Campaign clicks', 'created'],
      ['web-logs-*', 'created'],
    ]);
    const docs = await destinationDocs();
    expect(docs.find((doc) => doc._id === `visualization:${SAMPLE_IDS.campaignClicks}`)?._source.namespaces).toEqual(['marketing']);
    const inMarketing = await call<SavedObjectsVerifyReport>('POST', '/saved_objects/_verify', { space: 'marketing', objects: [{ type: 'visualization', id: SAMPLE_IDS.campaignClicks }] });
    const inDefault = await call<SavedObjectsVerifyReport>('POST', '/saved_objects/_verify', { space: 'default', objects: [{ type: 'visualization', id: SAMPLE_IDS.campaignClicks }] });
    expect([inMarketing.body.found, inDefault.body.found]).toEqual([1, 0]);
  });

  it('refuses the broken objects and says why, importing the rest', async () => {
    const imported = await call<SavedObjectsImportReport>('POST', '/saved_objects/_import', {
      from: { source_id: sourceId },
      objects: [key('dashboard', SAMPLE_IDS.campaigns), key('visualization', SAMPLE_IDS.trafficByReferrer)],
      include_references: true,
    });
    createdJobs.push(imported.body.job_id as string);
    const byTitle = Object.fromEntries(imported.body.results.map((result) => [result.title, result]));
    expect(byTitle.Campaigns).toMatchObject({ status: 'refused', error: { type: 'missing_reference' } });
    expect(byTitle['Traffic by referrer']).toMatchObject({ status: 'refused', error: { type: 'missing_reference' } });
    expect(byTitle['HTTP status codes']).toMatchObject({ status: 'overwritten' });
    const docs = await destinationDocs();
    expect(docs.some((doc) => doc._id === `dashboard:${SAMPLE_IDS.campaigns}` || doc._id === `visualization:${SAMPLE_IDS.trafficByReferrer}`)).toBe(false);
  });

  it('exports the selection as a Kibana import file: objects with references first, then the summary line', async () => {
    const exported = await call('POST', '/saved_objects/_export', { from: { source_id: sourceId }, objects: [key('dashboard', SAMPLE_IDS.campaigns)], include_references: true });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="export.ndjson"');
    const lines = exported.text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => `${String(line.type)}:${String(line.id)}`)).toEqual([
      `index-pattern:${SAMPLE_IDS.webLogs}`,
      `visualization:${SAMPLE_IDS.httpStatusCodes}`,
      `dashboard:${SAMPLE_IDS.campaigns}`,
      'undefined:undefined',
    ]);
    expect(lines[3]).toEqual({
      exportedCount: 3,
      missingRefCount: 1,
      missingReferences: [{ type: 'visualization', id: SAMPLE_IDS.deletedVisualization }],
      excludedObjectsCount: 0,
      excludedObjects: [],
    });
    // Keys sorted as Kibana's export writes them; no spaces, no raw ids.
    expect(Object.keys(lines[2] as object)).toEqual(['attributes', 'coreMigrationVersion', 'id', 'migrationVersion', 'references', 'type', 'updated_at']);
  });

  it('records each import as a finished saved_objects job with its per-object outcomes', async () => {
    const job = await call<Job>('GET', `/jobs/${importJobId}`);
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ type: 'saved_objects', status: 'completed', source_id: sourceId, items: [], progress: { total_docs: 9, done_docs: 9 } });
    expect(job.body.saved_objects).toMatchObject({ from: { source_id: sourceId }, space: 'default', mode: 'overwrite', indices: [soIndex], batches: 1, counts: { created: 9, overwritten: 0, new_copy: 0, refused: 0 } });
    expect(job.body.saved_objects?.results.map((result) => `${result.type}:${result.id}:${result.outcome}`).sort()).toEqual(
      [SAMPLE_IDS.webLogs, SAMPLE_IDS.orders].map((id) => `index-pattern:${id}:created`).concat(
        [SAMPLE_IDS.requestsOverTime, SAMPLE_IDS.httpStatusCodes, SAMPLE_IDS.visitorsByCity, SAMPLE_IDS.revenueByOrderStatus].map((id) => `visualization:${id}:created`),
        [SAMPLE_IDS.webTraffic, SAMPLE_IDS.sales, SAMPLE_IDS.orders68].map((id) => `dashboard:${id}:created`)
      ).sort()
    );
    const listed = await call<{ jobs: Array<{ id: string; type: string; status: string }> }>('GET', '/jobs?per_page=100');
    expect(listed.body.jobs.find((entry) => entry.id === importJobId)).toMatchObject({ type: 'saved_objects', status: 'completed' });

    // Everything refused: a failed job, with the reason and the remedy; a new copy: its new id.
    const sales = [key('dashboard', SAMPLE_IDS.sales)];
    const kept = await call<SavedObjectsImportReport>('POST', '/saved_objects/_import', { from: { source_id: sourceId }, objects: sales, mode: 'keep_existing' });
    const copied = await call<SavedObjectsImportReport>('POST', '/saved_objects/_import', { from: { source_id: sourceId }, objects: sales, mode: 'create_new_copies' });
    createdJobs.push(kept.body.job_id as string, copied.body.job_id as string);
    const refusedJob = (await call<Job>('GET', `/jobs/${kept.body.job_id}`)).body;
    expect(refusedJob).toMatchObject({ status: 'failed', saved_objects: { mode: 'keep_existing', counts: { created: 0, refused: 1 } } });
    expect(refusedJob.saved_objects?.results[0]).toMatchObject({ id: SAMPLE_IDS.sales, outcome: 'refused', error: { type: 'id_conflict', remedy: expect.any(String) } });
    const copyJob = (await call<Job>('GET', `/jobs/${copied.body.job_id}`)).body;
    expect(copyJob.saved_objects?.results).toEqual([expect.objectContaining({ id: SAMPLE_IDS.sales, outcome: 'new_copy', destination_id: copied.body.results[0]?.destination_id })]);
  });

  it('verifies a saved_objects job: every imported object read back, then exactly the one deleted named missing', async () => {
    const verify = async (): Promise<VerificationReport> => {
      const started = await call<VerificationReport>('POST', '/verifications', { job_id: importJobId });
      expect(started.status).toBe(201);
      createdVerifications.push(started.body.id);
      let report = started.body;
      await waitUntil(async () => {
        report = (await call<VerificationReport>('GET', `/verifications/${started.body.id}`)).body;
        return report.status !== 'running';
      }, 60_000);
      expect(report.status).toBe('completed');
      return report;
    };
    const before = await verify();
    expect(before.indices).toEqual([]);
    expect(before.saved_objects?.imported).toMatchObject({ space: 'default', indices: [soIndex], present: 9, missing: 0, title_changed: 0 });
    expect(before.saved_objects?.imported?.objects.every((object) => object.state === 'present')).toBe(true);
    expect(before.saved_objects?.by_type).toMatchObject({ dashboard: { source: 3, dest: 3, missing: [] }, 'index-pattern': { source: 2, dest: 2 }, visualization: { source: 4, dest: 4 } });
    expect(before.differences.filter((difference) => difference.area === 'saved_objects')).toEqual([]);

    // Deleted in this Kibana's saved-objects index: the next verification names exactly that object.
    await esRequest(dest, 'DELETE', `/${soIndex}/_doc/visualization:${SAMPLE_IDS.visitorsByCity}?refresh=true`);
    const after = await verify();
    expect(after.saved_objects?.imported).toMatchObject({ present: 8, missing: 1 });
    expect(after.saved_objects?.imported?.objects.filter((object) => object.state !== 'present')).toEqual([
      expect.objectContaining({ type: 'visualization', id: SAMPLE_IDS.visitorsByCity, title: 'Visitors by city', state: 'missing', remedy: expect.stringContaining('Import it again') }),
    ]);
    expect(after.differences.filter((difference) => difference.area === 'saved_objects')).toEqual([
      { area: 'saved_objects', message: `visualization "Visitors by city" (${SAMPLE_IDS.visitorsByCity}) is missing from space default.`, remedy: expect.stringContaining('Import it again') },
    ]);
    const markdown = await call('GET', `/verifications/${after.id}?format=markdown`);
    expect(markdown.text).toContain('### Imported objects read back');
    expect(markdown.text).toContain(`| visualization | Visitors by city | ${SAMPLE_IDS.visitorsByCity} | **missing** |`);
    expect(markdown.text).toContain(`| dashboard | Sales | ${SAMPLE_IDS.sales} | present |`);
    // The job stays as written: the runner never took it up.
    expect((await call<Job>('GET', `/jobs/${importJobId}`)).body).toMatchObject({ status: 'completed', items: [] });
  });
});
