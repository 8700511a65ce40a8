/*
 * Preflight for reindex from remote, against the real test bed: every failing condition produced for
 * real and reported as `fail` with its remedy; a correct setup passes.
 */
import fs from 'node:fs';
import { testBedNodes } from '../../../dev/es/testbed_config';
import { setReindexDestinationTrust, testBedInfo, TestBedInfo } from '../../../dev/es/testbed';
import { LARGE_DOCS_INDEX } from '../../../dev/sample_data/indices';
import { runReindexPreflight } from '../../../server/lib/preflight/preflight_service';
import { THROW_AWAY_PREFIX } from '../../../server/lib/preflight/reachability_check';
import { createEngine, Engine } from '../helpers/engine';
import { esRequest, uniqueName, waitUntil } from '../helpers/es_http';

const nodes = testBedNodes();
let engine: Engine;
let info: TestBedInfo;

beforeAll(async () => {
  engine = createEngine({ allowedHosts: ['127.0.0.1:*', 'localhost:*'] });
  info = await testBedInfo();
});

afterEach(async () => {
  // The throw-away index of the reachability check is gone after every run, failing or not.
  const left = await esRequest(nodes.reindex_destination.url, 'GET', `/_cat/indices/${THROW_AWAY_PREFIX}*?format=json&expand_wildcards=all`);
  expect(left.body).toEqual([]);
});

const check = (result: Awaited<ReturnType<typeof runReindexPreflight>>, id: string) => {
  const found = result.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};

const tlsSource = (password: string) =>
  engine.sources.create({
    name: uniqueName('tls'),
    host: info.tls_front.url,
    auth: { type: 'basic', username: info.tls_front.username, password },
    ca_certificate: fs.readFileSync(info.tls_front.ca_path, 'utf8'),
  });

const waitForTrust = (trusted: boolean) =>
  waitUntil(async () => {
    const probe = await esRequest(nodes.reindex_destination.url, 'POST', '/_reindex', {
      source: { remote: { host: info.tls_front.url, username: info.tls_front.username, password: info.tls_front.password }, index: 'stores', size: 1 },
      dest: { index: uniqueName('trust-probe') },
      max_docs: 1,
    });
    await esRequest(nodes.reindex_destination.url, 'DELETE', '/trust-probe-*?ignore_unavailable=true');
    return JSON.stringify(probe.body).includes('PKIX') !== trusted;
  }, 20_000);

describe('reindex preflight', () => {
  it('passes every check for a correct setup', async () => {
    const source = await engine.sources.create({ name: uniqueName('ok'), host: nodes.source.url, auth: { type: 'none' } });
    const result = await runReindexPreflight(engine.sources, engine.destination, {
      method: 'reindex',
      source_id: source.id,
      indices: ['stores', 'orders-2023'],
      rename: { pattern: '^(.*)$', replacement: `${uniqueName('fresh')}-$1` },
    });
    expect(result.checks.map((c) => [c.id, c.status])).toEqual([
      ['versions', 'pass'],
      ['allow_list', 'pass'],
      ['reachability', 'pass'],
      ['privileges', 'skipped'],
      ['destination_conflicts', 'pass'],
      ['templates_and_pipelines', 'pass'],
      ['capacity', 'pass'],
    ]);
    expect(result.status).toBe('pass');
  });

  it('fails the allow-list and reachability for a host name the allow-list does not list', async () => {
    const source = await engine.sources.create({ name: uniqueName('localhost'), host: `http://localhost:${nodes.source.httpPort}`, auth: { type: 'none' } });
    const result = await runReindexPreflight(engine.sources, engine.destination, { method: 'reindex', source_id: source.id, indices: ['stores'], rename: { pattern: '^(.*)$', replacement: `${uniqueName('x')}-$1` } });
    expect(result.status).toBe('fail');
    const allowList = check(result, 'allow_list');
    expect(allowList.status).toBe('fail');
    expect(allowList.remedy).toContain(`reindex.remote.whitelist: ["127.0.0.1:${nodes.source.httpPort}", "127.0.0.1:${info.tls_front.url.split(':')[2]}", "localhost:${nodes.source.httpPort}"]`);
    expect(check(result, 'reachability')).toMatchObject({ status: 'fail', details: { code: 'source_not_allow_listed' } });
  });

  it('fails reachability through the untrusted TLS front with the reindex.ssl remedy, and for a wrong password', async () => {
    setReindexDestinationTrust(false);
    await waitForTrust(false);
    const good = await tlsSource(info.tls_front.password);
    const untrusted = await runReindexPreflight(engine.sources, engine.destination, { method: 'reindex', source_id: good.id, indices: ['stores'], rename: { pattern: '^(.*)$', replacement: `${uniqueName('x')}-$1` } });
    const reachability = check(untrusted, 'reachability');
    expect(reachability).toMatchObject({ status: 'fail', details: { code: 'source_tls_untrusted' } });
    expect(reachability.remedy).toContain('reindex.ssl.certificate_authorities');
    expect(reachability.remedy).toContain(`openssl s_client -showcerts -servername "127.0.0.1" -connect "127.0.0.1:`);

    setReindexDestinationTrust(true);
    try {
      await waitForTrust(true);
      const trusted = await runReindexPreflight(engine.sources, engine.destination, { method: 'reindex', source_id: good.id, indices: ['stores'], rename: { pattern: '^(.*)$', replacement: `${uniqueName('x')}-$1` } });
      expect(check(trusted, 'reachability').status).toBe('pass');

      const bad = await tlsSource('wrong-password-for-preflight');
      const refused = await runReindexPreflight(engine.sources, engine.destination, { method: 'reindex', source_id: bad.id, indices: ['stores'] });
      expect(refused.status).toBe('fail');
      // Both the Kibana server and the destination are refused, each reported with the remedy.
      expect(check(refused, 'source_connection')).toMatchObject({ status: 'fail', details: { code: 'source_auth_rejected' } });
      const fromDestination = check(refused, 'reachability');
      expect(fromDestination).toMatchObject({ status: 'fail', details: { code: 'source_auth_rejected' } });
      expect(fromDestination.remedy).toContain('Source credentials rejected');
      expect(JSON.stringify(refused)).not.toContain('wrong-password-for-preflight');
    } finally {
      setReindexDestinationTrust(false);
    }
  });

  it('fails for a template the destination lacks and for a destination index that holds documents', async () => {
    const source = await engine.sources.create({ name: uniqueName('conflicts'), host: nodes.source.url, auth: { type: 'none' } });
    const taken = uniqueName('taken');
    await esRequest(nodes.reindex_destination.url, 'PUT', `/${taken}/_doc/1?refresh=true`, { already: 'here' });
    try {
      const result = await runReindexPreflight(engine.sources, engine.destination, {
        method: 'reindex',
        source_id: source.id,
        indices: ['metrics-app-000001'],
        rename: { pattern: '^.*$', replacement: taken },
      });
      const templates = check(result, 'templates_and_pipelines');
      expect(templates.status).toBe('fail');
      expect(templates.details).toMatchObject({ missing_index_templates: ['metrics'], missing_component_templates: ['metrics-settings'] });
      expect(templates.remedy).toContain('PUT _index_template/metrics');
      const conflicts = check(result, 'destination_conflicts');
      expect(conflicts.status).toBe('fail');
      expect(conflicts.message).toContain(`${taken} already holds 1 documents`);
    } finally {
      await esRequest(nodes.reindex_destination.url, 'DELETE', `/${taken}`);
    }
  });

  it('fails the capacity check when a batch of the largest documents would not fit the remote buffer', async () => {
    const source = await engine.sources.create({ name: uniqueName('batch'), host: nodes.source.url, auth: { type: 'none' } });
    const preflight = (batchSize?: number) =>
      runReindexPreflight(engine.sources, engine.destination, {
        method: 'reindex',
        source_id: source.id,
        indices: [LARGE_DOCS_INDEX],
        batch_size: batchSize,
        rename: { pattern: '^(.*)$', replacement: `${uniqueName('x')}-$1` },
      });
    const careless = check(await preflight(1_000), 'capacity');
    expect(careless.status).toBe('fail');
    expect(careless.message).toContain('100 MB remote buffer');
    expect(careless.message).toContain(LARGE_DOCS_INDEX);
    expect(careless.remedy).toContain('smaller batch size');
    // The automatic batch size is chosen to fit.
    expect(check(await preflight(), 'capacity').status).toBe('pass');
  });
});
