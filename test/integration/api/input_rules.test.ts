/*
 * Input rules through the development host against the test bed: the allow-list read as the client reads
 * a URL and checked on every connection, user regular expressions in linear time, internal destination
 * names behind the typed confirmation, and Elasticsearch's 5xx for a bad field answered as a 400.
 */
import { API_BASE_PATH, API_VERSION } from '../../../common/constants';
import type { RunningHost } from '../../../dev/host/server/host_server';
import { testBedNodes } from '../../../dev/es/testbed_config';
import { startTestHost } from '../../functional/helpers/host';
import { esRequest, uniqueName } from '../helpers/es_http';

const ENCRYPTION_KEY = 'input-rules-encryption-key-0123456789abcdef';
let host: RunningHost;
const sourceIds: string[] = [];
// A 30-character index on the source, for the hostile pattern.
const longIndex = `rx-${'a'.repeat(27)}`;

interface ApiBody {
  id?: string;
  host?: string;
  message?: string;
  attributes?: Record<string, string | undefined>;
  items?: Array<{ dest: string }>;
  checks?: Array<{ id: string; status: string; details?: Record<string, unknown> }>;
}

const caller = (target: RunningHost) => async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${target.url}${API_BASE_PATH}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'kbn-xsrf': 'true', 'elastic-api-version': API_VERSION },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as ApiBody };
};

const sourceUrl = () => testBedNodes().source.url;

beforeAll(async () => {
  host = await startTestHost({ pluginConfig: { encryptionKey: ENCRYPTION_KEY, pollIntervalMs: 500 } });
  await esRequest(sourceUrl(), 'PUT', `/${longIndex}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } });
});

afterAll(async () => {
  const call = caller(host);
  for (const id of sourceIds) await call('DELETE', `/sources/${id}`);
  await esRequest(sourceUrl(), 'DELETE', `/${longIndex}?ignore_unavailable=true`);
  await host?.stop();
});

const saveSource = async (hostUrl = sourceUrl()) => {
  const created = await caller(host)('POST', '/sources', { name: uniqueName('rules'), host: hostUrl, auth: { type: 'none' } });
  expect(created.status).toBe(201);
  const id = String(created.body.id);
  sourceIds.push(id);
  return id;
};

describe('the allow-list', () => {
  it.each([
    ['a backslash', 'http://169.254.169.254\\.example.com:9200', 'backslash'],
    ['userinfo', 'http://a@127.0.0.1:19200', 'user name or password'],
    ['empty userinfo', 'http://@127.0.0.1:19200', 'user name or password'],
    ['a query', 'http://127.0.0.1:19200?x=1', 'query'],
  ])('refuses %s with a 400 naming host and the form to use', async (_what, url, cause) => {
    const response = await caller(host)('POST', '/sources', { name: 'x', host: url, auth: { type: 'none' } });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('[request body.host]: must be of the form scheme://host:port');
    expect(response.body.message).toContain(cause);
  });

  it('saves the normalized URL, and cuts a saved source off once the setting no longer allows it', async () => {
    const id = await saveSource(sourceUrl().replace('127.0.0.1', '127.0.0.1.').toUpperCase().replace('HTTP://', 'http://'));
    const saved = await caller(host)('GET', `/sources/${id}`);
    expect(saved.body.host).toBe(sourceUrl());
    expect((await caller(host)('GET', `/sources/${id}/info`)).status).toBe(200);

    // Another Kibana (same state index, same key) whose allow-list was narrowed.
    const narrowed = await startTestHost({ pluginConfig: { encryptionKey: ENCRYPTION_KEY, pollIntervalMs: 500, sources: { allowedHosts: ['localhost:*'] } } });
    try {
      const call = caller(narrowed);
      for (const path of [`/sources/${id}/info`, `/sources/${id}/indices`]) {
        const refused = await call('GET', path);
        expect(refused.status).toBe(409);
        expect(refused.body.attributes).toMatchObject({ code: 'source_not_allow_listed', field: 'host' });
        expect(refused.body.attributes?.remedy).toContain('migrationAssistant.sources.allowedHosts');
      }
      const preflight = await call('POST', '/preflight', { method: 'reindex', source_id: id, indices: ['stores'] });
      expect(preflight.status).toBe(409);
      expect(preflight.body.attributes?.code).toBe('source_not_allow_listed');
      const job = await call('POST', '/jobs?dry_run=true', { type: 'reindex', source_id: id, items: [{ source: 'stores' }] });
      expect(job.body.attributes?.code).toBe('source_not_allow_listed');
    } finally {
      await narrowed.stop();
    }
  });
});

describe('rename patterns', () => {
  it('answers a hostile pattern over a 30-character index name at once', async () => {
    const id = await saveSource();
    const started = Date.now();
    const plan = await caller(host)('POST', '/jobs?dry_run=true', {
      type: 'reindex',
      source_id: id,
      items: [{ source: longIndex }],
      rename: { pattern: '^(.*)*Z$', replacement: 'x' },
    });
    expect(plan.status).toBe(200);
    expect(plan.body.items?.[0]?.dest).toBe(longIndex);
    const preflight = await caller(host)('POST', '/preflight', { method: 'reindex', source_id: id, indices: [longIndex], rename: { pattern: '^(.*)*Z$', replacement: 'x' } });
    expect(preflight.status).toBe(200);
    // Backtracking would take minutes here; two requests through Elasticsearch take well under 5 s.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it.each([
    ['POST', '/jobs', (id: string) => ({ type: 'reindex', source_id: id, items: [{ source: 'stores' }], rename: { pattern: '(a)\\1', replacement: 'x' } }), 'rename.pattern'],
    ['POST', '/preflight', (id: string) => ({ method: 'reindex', source_id: id, indices: ['stores'], rename: { pattern: '(', replacement: 'x' } }), 'rename.pattern'],
    ['POST', '/preflight', (id: string) => ({ method: 'reindex', source_id: id, indices: ['stores'], rename: { pattern: 5, replacement: 'x' } }), 'rename.pattern'],
    ['POST', '/jobs', () => ({ type: 'snapshot_restore', repository: 'r', snapshot: 's', indices: ['a'], rename_pattern: '(?=x)', rename_replacement: 'y' }), 'rename_pattern'],
  ])('answers an invalid pattern (%s %s) with a 400 naming the field, never a 500', async (method, path, body, field) => {
    const response = await caller(host)(method, path, body(sourceIds[0] ?? 'none'));
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(`[request body.${field}]`);
  });
});

describe('internal destination names', () => {
  it('asks for the typed confirmation before a reindex into .kibana_* and starts nothing without it', async () => {
    const id = await saveSource();
    const request = { type: 'reindex', source_id: id, items: [{ source: 'stores', dest: `.kibana_${uniqueName('x')}` }] };
    const refused = await caller(host)('POST', '/jobs', request);
    expect(refused.status).toBe(400);
    expect(refused.body.attributes).toMatchObject({ code: 'validation_failed', field: 'confirmation', confirmation: `write into ${request.items[0]?.dest}` });
    // The dry run plans it, and the preflight names it.
    expect((await caller(host)('POST', '/jobs?dry_run=true', request)).status).toBe(200);
    const preflight = await caller(host)('POST', '/preflight', { method: 'reindex', source_id: id, indices: ['stores'], rename: { pattern: '^(.*)$', replacement: '.security-$1' } });
    const check = preflight.body.checks?.find((c) => c.id === 'destination_conflicts');
    expect(check).toMatchObject({ status: 'warning', details: { internal_destinations: ['.security-stores'] } });
  });
});

describe('Elasticsearch errors for a bad field', () => {
  it('answers an unknown repository type and a missing location with 400s naming the field', async () => {
    const name = uniqueName('repo').toLowerCase();
    const unknown = await caller(host)('PUT', `/repositories/${name}`, { type: 'nfs', settings: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('[request body.type]');
    const missing = await caller(host)('PUT', `/repositories/${name}`, { type: 'fs', settings: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.attributes).toMatchObject({ field: 'settings.location' });
  });
});
