/*
 * The development host's importer against the real destination: an export file made from the source's
 * 7.17 `.kibana` round-trips through it, and it keeps Kibana's rules (limits, option combinations,
 * too-new objects, required fields, missing data views, conflicts writing nothing, the response shape).
 */
import { Readable } from 'node:stream';
import { Client } from '@elastic/elasticsearch';
import type { KibanaRequest, SavedObjectsImportResponse } from '@kbn/core/server';
import { testBedNodes } from '../../../dev/es/testbed_config';
import { createHostSavedObjectsService } from '../../../dev/host/server/saved_objects_importer';
import { SAMPLE_IDS } from '../../../dev/sample_data/kibana_saved_objects';
import { createSourceClient } from '../../../server/lib/sources/source_client';
import { SavedObjectsService } from '../../../server/lib/saved_objects/saved_objects_service';
import { parseNdjson } from '../../../server/lib/saved_objects/export_ndjson';
import { esRequest, uniqueName } from '../helpers/es_http';

const nodes = testBedNodes();
const dest = nodes.reindex_destination.url;
const es = new Client({ node: dest, headers: { accept: 'application/json', 'content-type': 'application/json' } });
const request = { headers: {} } as unknown as KibanaRequest;
let index: string;

const serviceFor = (importSizeLimit?: number) => {
  const savedObjects = createHostSavedObjectsService({ index, clientFor: () => es, importSizeLimit });
  const client = savedObjects.getScopedClient(request);
  return { client, importer: savedObjects.createImporter(client) };
};

const importText = (text: string, options: Partial<{ overwrite: boolean; createNewCopies: boolean; compatibilityMode: boolean; namespace: string }> = {}, limit?: number) =>
  serviceFor(limit).importer.import({ readStream: Readable.from([text]), overwrite: false, createNewCopies: false, request, ...options });

/** The export file of the sample's healthy dashboards, made by the plugin from the live source. */
const exportFile = async (): Promise<string> => {
  const service = new SavedObjectsService({
    sources: { clientFor: async () => ({ client: createSourceClient({ host: nodes.source.url, auth: { type: 'none' } }), connection: { host: nodes.source.url, auth: { type: 'none' } } }) },
  });
  return service.exportNdjson(
    { from: { source_id: 'unused' }, objects: [SAMPLE_IDS.webTraffic, SAMPLE_IDS.sales].map((id) => ({ type: 'dashboard', id, space: 'default' })), include_references: true },
    es
  );
};

beforeEach(() => {
  index = uniqueName('ma-so-host');
});

afterEach(async () => {
  await esRequest(dest, 'DELETE', `/${index}?ignore_unavailable=true`);
});

afterAll(async () => {
  await es.close();
});

describe("the development host's importer", () => {
  it('imports the plugin’s export file: every object created, then read back with its title', async () => {
    const file = await exportFile();
    const objects = parseNdjson(file);
    expect(objects).toHaveLength(8);
    const result = await importText(file);
    expect(result).toMatchObject({ success: true, successCount: 8, warnings: [] });
    expect(result.errors).toBeUndefined();
    expect(result.successResults?.map((r) => `${r.type}:${r.id}`)).toEqual(objects.map((o) => `${String(o.type)}:${String(o.id)}`));
    const { saved_objects: back } = await serviceFor().client.bulkGet<{ title: string }>(objects.map((o) => ({ type: String(o.type), id: String(o.id) })));
    expect(back.map((o) => o.attributes.title)).toEqual(objects.map((o) => (o.attributes as { title: string }).title));
    // Importing the same file again: conflicts, and nothing written (not even the objects without one).
    const again = await importText(file);
    expect(again).toMatchObject({ success: false, successCount: 0 });
    expect(again.errors?.map((e) => e.error.type)).toEqual(Array(8).fill('conflict'));
    // With overwrite: every object overwritten.
    const overwritten = await importText(file, { overwrite: true });
    expect(overwritten.successResults?.every((r) => r.overwrite === true)).toBe(true);
  });

  it('refuses what Kibana refuses for the whole import', async () => {
    const line = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'visualization', id, attributes: { title: id }, references: [], ...extra });
    await expect(importText(`${line('a')}\n${line('b')}\n${line('c')}\n`, {}, 2)).rejects.toMatchObject({ statusCode: 400, message: "Can't import more than 2 objects" });
    await expect(importText(`${line('a')}\n${line('a')}\n`)).rejects.toMatchObject({ statusCode: 400, message: 'Non-unique import objects detected: [visualization:a]' });
    await expect(importText(line('a'), { overwrite: true, createNewCopies: true })).rejects.toMatchObject({ statusCode: 400, message: 'cannot use [overwrite] with [createNewCopies]' });
    await expect(importText(line('a', { typeMigrationVersion: '10.99.0' }))).rejects.toMatchObject({
      statusCode: 422,
      message: 'Document "a" belongs to a more recent version of Kibana [10.99.0] when the last known version is [9.1.0].',
    });
    await expect(importText('{"type": "visualization", "id": \n')).rejects.toMatchObject({ statusCode: 400 });
    // Nothing was written by any of them.
    expect((await esRequest(dest, 'GET', `/${index}/_count?ignore_unavailable=true`)).body).toMatchObject({ count: 0 });
  });

  it('answers per object: unsupported types, required fields, missing data views, with Kibana’s error types', async () => {
    const text = [
      JSON.stringify({ type: 'timelion-sheet', id: 'sheet', attributes: { title: 'Old sheet' }, references: [] }),
      JSON.stringify({ type: 'visualization', id: 'no-attributes', references: [] }),
      JSON.stringify({ exportedCount: 2, missingRefCount: 0, missingReferences: [], excludedObjectsCount: 0, excludedObjects: [] }),
    ].join('\n');
    const result: SavedObjectsImportResponse = await importText(text);
    expect(result.errors).toEqual([
      { type: 'timelion-sheet', id: 'sheet', meta: { title: 'Old sheet' }, error: { type: 'unsupported_type' } },
      { type: 'visualization', id: 'no-attributes', meta: {}, error: { type: 'unknown', statusCode: 400, message: '[attributes]: expected value of type [object]' } },
    ]);
    // Not resolvable: nothing else to write, and no conflict blocks the rest.
    const missingView = await importText(
      [
        JSON.stringify({ type: 'visualization', id: 'v1', attributes: { title: 'Needs a view' }, references: [{ name: 'kibanaSavedObjectMeta.searchSourceJSON.index', type: 'index-pattern', id: 'nope' }] }),
        JSON.stringify({ type: 'visualization', id: 'v2', attributes: { title: 'Fine' }, references: [] }),
      ].join('\n')
    );
    expect(missingView.errors).toEqual([{ type: 'visualization', id: 'v1', meta: { title: 'Needs a view' }, error: { type: 'missing_references', references: [{ type: 'index-pattern', id: 'nope' }] } }]);
    // A missing reference is resolvable: Kibana writes nothing, v2 included.
    expect(missingView.successCount).toBe(0);
  });

  it('gives new copies new ids with references rewritten, and a multi-namespace id used in another space a new id', async () => {
    const file = await exportFile();
    const copies = await importText(file, { createNewCopies: true });
    const ids = new Map(copies.successResults?.map((r) => [`${r.type}:${r.id}`, r.destinationId]));
    expect([...ids.values()].every((id) => id && /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    const dashboard = (await serviceFor().client.bulkGet([{ type: 'dashboard', id: ids.get(`dashboard:${SAMPLE_IDS.sales}`) as string }])).saved_objects[0];
    expect(dashboard?.references).toEqual([{ name: 'panel_0', type: 'visualization', id: ids.get(`visualization:${SAMPLE_IDS.revenueByOrderStatus}`) }]);
    expect(dashboard?.originId).toBeUndefined();

    const original = await importText(file);
    expect(original.success).toBe(true);
    const elsewhere = await importText(file, { namespace: 'marketing', compatibilityMode: true });
    const moved = elsewhere.successResults?.find((r) => r.id === SAMPLE_IDS.sales);
    expect(moved?.destinationId).toMatch(/^[0-9a-f-]{36}$/);
    const alias = await esRequest(dest, 'GET', `/${index}/_doc/${encodeURIComponent(`legacy-url-alias:marketing:dashboard:${SAMPLE_IDS.sales}`)}`);
    expect(alias.body).toMatchObject({ found: true, _source: { type: 'legacy-url-alias', 'legacy-url-alias': { targetId: moved?.destinationId, purpose: 'savedObjectImport' } } });
  });
});
