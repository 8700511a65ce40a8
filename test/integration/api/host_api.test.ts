/*
 * The public HTTP API through the development host (Kibana's router semantics) against the test bed:
 * error shapes, validation, sources without secrets, a reindex job from start to finish.
 */
import fs from 'node:fs';
import { setReindexDestinationTrust, testBedInfo, TestBedInfo } from '../../../dev/es/testbed';
import { testBedNodes } from '../../../dev/es/testbed_config';
import { API_BASE_PATH, API_VERSION } from '../../../common/constants';
import type { Job } from '../../../common/types/jobs';
import type { RunningHost } from '../../../dev/host/server/host_server';
import { startTestHost } from '../../functional/helpers/host';
import { esRequest, uniqueName, waitUntil } from '../helpers/es_http';

let host: RunningHost;
let info: TestBedInfo;
const logLines: string[] = [];

beforeAll(async () => {
  info = await testBedInfo();
  host = await startTestHost({ pluginConfig: { encryptionKey: 'api-tests-encryption-key-0123456789abcdef', pollIntervalMs: 500 } });
});

afterAll(async () => {
  await host?.stop();
});

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${host.url}${API_BASE_PATH}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'kbn-xsrf': 'true', 'elastic-api-version': API_VERSION, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  logLines.push(text);
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
};

describe('HTTP API through the development host', () => {
  it('answers a write without kbn-xsrf and an invalid body with 400s in Kibana’s error shape', async () => {
    const noXsrf = await fetch(`${host.url}${API_BASE_PATH}/sources`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'elastic-api-version': API_VERSION },
      body: JSON.stringify({ name: 'x', host: 'http://127.0.0.1:9200', auth: { type: 'none' } }),
    });
    expect(noXsrf.status).toBe(400);
    expect(await noXsrf.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Request must contain a kbn-xsrf header.' });

    const invalid = await call('POST', '/sources', { name: '', host: 'http://127.0.0.1', auth: { type: 'basic', username: 'u' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    // Kibana prefixes a validation function's error with `[request body.<its path>]`: the first issue's field.
    expect(String(invalid.body.message)).toContain('[request body.name]: name must not be empty');
    expect(String(invalid.body.message)).toContain('[host]: must be of the form scheme://host:port');
    expect(String(invalid.body.message)).toContain('auth.password');
  });

  it('gives a request without elastic-api-version the oldest version, as Kibana does by default, and says which', async () => {
    const response = await fetch(`${host.url}${API_BASE_PATH}/status`);
    expect(response.status).toBe(200);
    expect(response.headers.get('elastic-api-version')).toBe(API_VERSION);
  });

  it('answers a request without elastic-api-version with 400 under the versionResolution none opt-in', async () => {
    const strictHost = await startTestHost({ versionResolution: 'none' });
    try {
      const response = await fetch(`${strictHost.url}${API_BASE_PATH}/status`);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: `Please specify a version via elastic-api-version header. Available versions: [${API_VERSION}]`,
      });
    } finally {
      await strictHost.stop();
    }
  });

  it('reports the destination cluster', async () => {
    const status = await call('GET', '/status');
    expect(status.status).toBe(200);
    expect(status.body).toEqual({
      destination: { cluster_name: 'ma-reindex-destination', version: info.reindex_destination.version, build_flavor: 'oss' },
      encryption_configured: true,
    });
  });

  it('saves a source without ever returning its secret, and runs a reindex job to completion', async () => {
    setReindexDestinationTrust(true);
    const prefix = uniqueName('api');
    try {
      const created = await call('POST', '/sources', {
        name: 'TLS source',
        host: info.tls_front.url,
        auth: { type: 'basic', username: info.tls_front.username, password: info.tls_front.password },
        ca_certificate: fs.readFileSync(info.tls_front.ca_path, 'utf8'),
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'TLS source', auth: { type: 'basic', username: info.tls_front.username, has_secret: true } });
      expect(String(created.body.ca_certificate_fingerprint)).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      const id = String(created.body.id);

      const sourceInfo = await call('GET', `/sources/${id}/info`);
      expect(sourceInfo.body).toMatchObject({ cluster_name: 'ma-source', version: info.source.version });
      const indices = await call('GET', `/sources/${id}/indices?pattern=orders*`);
      expect(indices.body).toMatchObject({ total: 1, indices: [{ name: 'orders-2023', docs_count: 10_000, aliases: ['orders'] }] });

      const request = { type: 'reindex', source_id: id, items: [{ source: 'stores' }], rename: { pattern: '^(.*)$', replacement: `${prefix}-$1` } };
      const plan = await call('POST', '/jobs?dry_run=true', request);
      expect(plan.status).toBe(200);
      const requests = (plan.body.plan as { requests: string[] }).requests;
      expect(requests[0]).toContain('POST _reindex?wait_for_completion=false');
      expect(requests[0]).toContain('"password": "<redacted>"');

      await waitUntil(async () => {
        const probe = await esRequest(testBedNodes().reindex_destination.url, 'POST', '/_reindex', {
          source: { remote: { host: info.tls_front.url, username: info.tls_front.username, password: info.tls_front.password }, index: 'stores', size: 1 },
          dest: { index: `${prefix}-probe` },
          max_docs: 1,
        });
        return probe.status === 200;
      }, 20_000);
      const created_job = await call('POST', '/jobs', request);
      expect(created_job.status).toBe(201);
      let job = created_job.body as unknown as Job;
      await waitUntil(async () => {
        job = (await call('GET', `/jobs/${job.id}`)).body as unknown as Job;
        return ['completed', 'failed', 'cancelled'].includes(job.status);
      }, 60_000);
      expect(job.status).toBe('completed');
      expect(job.items[0]).toMatchObject({ source: 'stores', dest: `${prefix}-stores`, status: 'completed', source_count: 500, dest_count: 500 });

      const listed = await call('GET', '/jobs?per_page=5');
      expect((listed.body.jobs as Array<{ id: string }>).some((j) => j.id === job.id)).toBe(true);
      expect((await call('DELETE', `/jobs/${job.id}`)).status).toBe(204);
      expect((await call('GET', `/jobs/${job.id}`)).status).toBe(404);
    } finally {
      setReindexDestinationTrust(false);
      await esRequest(testBedNodes().reindex_destination.url, 'DELETE', `/${prefix}-*?ignore_unavailable=true`);
    }
  });

  it('answers bad job input with 4xx and a stable code, never a 500', async () => {
    const source = await call('POST', '/sources', { name: 'plain', host: testBedNodes().source.url, auth: { type: 'none' } });
    const id = String(source.body.id);
    const unknown = await call('POST', '/jobs', { type: 'reindex', source_id: 'nope', items: [{ source: 'stores' }] });
    expect(unknown).toMatchObject({ status: 404, body: { attributes: { code: 'source_not_found' } } });
    const nothing = await call('POST', '/jobs', { type: 'reindex', source_id: id, items: [{ source: 'no-such-index-*' }] });
    expect(nothing).toMatchObject({ status: 400, body: { attributes: { code: 'pattern_matched_nothing', field: 'items.0.source' } } });
    const badName = await call('POST', '/jobs', { type: 'reindex', source_id: id, items: [{ source: 'stores', dest: 'UPPER case' }] });
    expect(badName).toMatchObject({ status: 400, body: { attributes: { code: 'validation_failed', field: 'items.0.dest' } } });
    const absurd = await call('POST', '/jobs', { type: 'reindex', source_id: id, items: [{ source: 'stores' }], options: { concurrency: 100000 } });
    expect(absurd.status).toBe(400);
    expect(String(absurd.body.message)).toContain('options.concurrency');
    const outside = await call('POST', '/sources', { name: 'far', host: 'https://elastic.example.com:9243', auth: { type: 'none' } });
    expect(outside).toMatchObject({ status: 400, body: { attributes: { code: 'source_host_not_allowed', field: 'host' } } });
    const missingJob = await call('POST', '/jobs/nope/_cancel', {});
    expect(missingJob.status).toBe(404);
  });

  it('never put the source password in a response', () => {
    expect(logLines.join('\n')).not.toContain(info.tls_front.password);
  });
});
