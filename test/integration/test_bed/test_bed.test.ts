/*
 * The test bed itself, against the real clusters: what every other integration test stands on.
 */
import fs from 'node:fs';
import { testBedNodes } from '../../../dev/es/testbed_config';
import { setReindexDestinationTrust, testBedInfo, TestBedInfo } from '../../../dev/es/testbed';
import { LARGE_INDEX, LARGE_INDEX_DOCS } from '../../../dev/sample_data/indices';
import { KIBANA_ALIAS, KIBANA_INDEX } from '../../../dev/sample_data/kibana_saved_objects';
import { esRequest, uniqueName, waitUntil } from '../helpers/es_http';

const nodes = testBedNodes();
let info: TestBedInfo;

beforeAll(async () => {
  info = await testBedInfo();
});

const reindexFromTlsFront = (password: string, dest: string) =>
  esRequest(nodes.reindex_destination.url, 'POST', '/_reindex?wait_for_completion=true&refresh=true', {
    source: {
      remote: { host: info.tls_front.url, username: info.tls_front.username, password },
      index: 'stores',
    },
    dest: { index: dest },
  });

describe('the test bed', () => {
  it('runs a 7.17 source, an 8.14 destination and a 7.17 reindex destination', async () => {
    expect(info.source.version).toMatch(/^7\.17\./);
    expect(info.destination.version).toMatch(/^8\.14\./);
    expect(info.reindex_destination.version).toMatch(/^7\.17\./);
    const root = await esRequest(nodes.source.url, 'GET', '/');
    expect(root.status).toBe(200);
    expect((root.body as { version: { number: string } }).version.number).toBe(info.source.version);
  });

  it('has the seeded indices, templates, pipeline and a Kibana 7.17 .kibana index on the source', async () => {
    const count = await esRequest(nodes.source.url, 'GET', `/${LARGE_INDEX}/_count`);
    expect((count.body as { count: number }).count).toBe(LARGE_INDEX_DOCS);
    const alias = await esRequest(nodes.source.url, 'GET', `/_alias/${KIBANA_ALIAS}`);
    expect(Object.keys(alias.body as object)).toEqual([KIBANA_INDEX]);
    const orders = await esRequest(nodes.source.url, 'GET', '/_alias/orders');
    expect(Object.keys(orders.body as object)).toEqual(['orders-2023']);
    const empty = await esRequest(nodes.source.url, 'GET', '/empty-index/_count');
    expect((empty.body as { count: number }).count).toBe(0);
    for (const path of ['/_index_template/metrics', '/_component_template/metrics-settings', '/_ingest/pipeline/products-ingest']) {
      expect((await esRequest(nodes.source.url, 'GET', path)).status).toBe(200);
    }
    const dashboards = await esRequest(nodes.source.url, 'POST', `/${KIBANA_ALIAS}/_search`, {
      query: { term: { type: 'dashboard' } },
    });
    const hits = (dashboards.body as { hits: { hits: Array<{ _source: { references?: unknown[] } }> } }).hits.hits;
    expect(hits.length).toBe(4);
    // Three as Kibana 7.17 stores them, with root references; one as Kibana 6.8 wrote it, its ids in attributes.
    expect(hits.filter((hit) => (hit._source.references ?? []).length > 0)).toHaveLength(3);
    expect(hits.filter((hit) => hit._source.references === undefined)).toHaveLength(1);
  });

  it('copies a seeded index completely with a reindex from remote sent by hand', async () => {
    const dest = uniqueName('it-orders');
    try {
      const result = await esRequest(nodes.reindex_destination.url, 'POST', '/_reindex?wait_for_completion=true&refresh=true', {
        source: { remote: { host: nodes.source.url }, index: 'orders-2023' },
        dest: { index: dest },
      });
      expect(result.status).toBe(200);
      const source = await esRequest(nodes.source.url, 'GET', '/orders-2023/_count');
      const copied = await esRequest(nodes.reindex_destination.url, 'GET', `/${dest}/_count`);
      expect((copied.body as { count: number }).count).toBe((source.body as { count: number }).count);
      expect((copied.body as { count: number }).count).toBe(10_000);
    } finally {
      await esRequest(nodes.reindex_destination.url, 'DELETE', `/${dest}?ignore_unavailable=true`);
    }
  });

  it('refuses a source host name that the allow-list does not name', async () => {
    const result = await esRequest(nodes.reindex_destination.url, 'POST', '/_reindex', {
      source: { remote: { host: `http://localhost:${nodes.source.httpPort}` }, index: 'stores' },
      dest: { index: uniqueName('never') },
    });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain(
      `[localhost:${nodes.source.httpPort}] not whitelisted in reindex.remote.whitelist`
    );
  });

  describe('through the TLS front of the source', () => {
    afterAll(() => setReindexDestinationTrust(false));

    it('fails with the certificate error until the destination trusts the CA, then succeeds', async () => {
      setReindexDestinationTrust(false);
      const dest = uniqueName('it-tls');
      try {
        await waitUntil(async () => (await reindexFromTlsFront(info.tls_front.password, dest)).status !== 200, 20_000);
        const untrusted = await reindexFromTlsFront(info.tls_front.password, dest);
        expect(untrusted.status).toBe(500);
        expect(JSON.stringify(untrusted.body)).toContain('PKIX path building failed');

        setReindexDestinationTrust(true);
        // Elasticsearch reloads reindex.ssl.certificate_authorities when the file changes.
        await waitUntil(async () => (await reindexFromTlsFront(info.tls_front.password, dest)).status === 200, 20_000);
        const count = await esRequest(nodes.reindex_destination.url, 'GET', `/${dest}/_count`);
        expect((count.body as { count: number }).count).toBe(500);
      } finally {
        await esRequest(nodes.reindex_destination.url, 'DELETE', `/${dest}?ignore_unavailable=true`);
      }
    });

    it("relays the remote's 401 for a wrong password", async () => {
      setReindexDestinationTrust(true);
      const dest = uniqueName('it-401');
      await waitUntil(async () => !JSON.stringify((await reindexFromTlsFront('not-the-password', dest)).body).includes('PKIX'), 20_000);
      const result = await reindexFromTlsFront('not-the-password', dest);
      expect(result.status).toBe(401);
      expect((result.body as { error: { type: string } }).error.type).toBe('status_exception');
      expect(JSON.stringify(result.body)).toContain('security_exception');
    });
  });

  it('lets the destination list, through a read-only repository, a snapshot the source took', async () => {
    const repository = uniqueName('it-repo');
    const location = `${info.shared_repo_dir}/${repository}`;
    try {
      expect(
        (await esRequest(nodes.source.url, 'PUT', `/_snapshot/${repository}`, { type: 'fs', settings: { location } })).status
      ).toBe(200);
      const snapshot = await esRequest(nodes.source.url, 'PUT', `/_snapshot/${repository}/snap-1?wait_for_completion=true`, {
        indices: 'stores',
        include_global_state: false,
      });
      expect((snapshot.body as { snapshot: { state: string } }).snapshot.state).toBe('SUCCESS');

      const registered = await esRequest(nodes.destination.url, 'PUT', `/_snapshot/${repository}`, {
        type: 'fs',
        settings: { location, readonly: true },
      });
      expect(registered.status).toBe(200);
      const listed = await esRequest(nodes.destination.url, 'GET', `/_snapshot/${repository}/_all`);
      const snapshots = (listed.body as { snapshots: Array<{ snapshot: string; version: string; indices: string[] }> }).snapshots;
      expect(snapshots.map((s) => [s.snapshot, s.version, s.indices])).toEqual([['snap-1', '7.17.9', ['stores']]]);
    } finally {
      await esRequest(nodes.destination.url, 'DELETE', `/_snapshot/${repository}`);
      await esRequest(nodes.source.url, 'DELETE', `/_snapshot/${repository}/snap-1`);
      await esRequest(nodes.source.url, 'DELETE', `/_snapshot/${repository}`);
      fs.rmSync(location, { recursive: true, force: true });
    }
  });
});
