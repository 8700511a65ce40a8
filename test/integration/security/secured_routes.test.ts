/*
 * Security for real, on the secured test-bed node (Elasticsearch security on, file-realm users): the
 * development host in front of it, Kibana's own user being the superuser, and every request made as one
 * of the test users. What each user gets is what Elasticsearch says its privileges allow.
 */
import fs from 'node:fs';
import type { IRouter } from '@kbn/core/server';
import { API_BASE_PATH, API_VERSION } from '../../../common/constants';
import { testBedInfo } from '../../../dev/es/testbed';
import { testBedNodes } from '../../../dev/es/testbed_config';
import { basicAuthorization, SecuredUsername, securedUser } from '../../../dev/es/secured_users';
import { registerRoutes } from '../../../server/routes';
import { startTestHost } from '../../functional/helpers/host';
import { esRequest, uniqueName, waitUntil } from '../helpers/es_http';

const nodes = testBedNodes();
type Answer = { status: number; body: Record<string, unknown> & { attributes?: Record<string, unknown> } };

/** Every route as server/routes registers it. */
const registeredRoutes = (): Array<{ method: string; path: string }> => {
  const routes: Array<{ method: string; path: string }> = [];
  const record = (method: string) => (config: { path: string }) => {
    routes.push({ method, path: config.path });
    const chain = { addVersion: () => chain };
    return chain;
  };
  registerRoutes({
    router: { routerPath: '', versioned: { get: record('GET'), post: record('POST'), put: record('PUT'), delete: record('DELETE'), patch: record('PATCH') } } as unknown as IRouter,
    getServices: () => Promise.reject(new Error('not used')),
    encryptionConfigured: false,
  });
  return routes;
};

describe('security on the secured destination', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  let tls: Awaited<ReturnType<typeof testBedInfo>>['tls_front'];
  const superuser = () => securedUser('ma_superuser');

  const as =
    (username: SecuredUsername | { username: string; password: string }) =>
    async (method: string, path: string, body?: unknown): Promise<Answer> => {
      const user = typeof username === 'string' ? securedUser(username) : username;
      const response = await fetch(`${host.url}${path.startsWith('/api') ? '' : API_BASE_PATH}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'kbn-xsrf': 'true', 'elastic-api-version': API_VERSION, authorization: basicAuthorization(user) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : {}) as Answer['body'] };
    };

  beforeAll(async () => {
    const info = await testBedInfo();
    tls = info.tls_front;
    host = await startTestHost({ destinationUrl: nodes.secured_destination.url, destinationAuth: superuser() });
  });

  afterAll(async () => {
    await host?.stop();
  });

  const READ_QUERIES: Record<string, string> = { [`${API_BASE_PATH}/saved_objects`]: '?index=does-not-exist' };

  const isMissing = (answer: Answer, privilege: string) =>
    answer.status === 403 && answer.body.attributes?.code === 'missing_privileges' && (answer.body.attributes.missing_privileges as { cluster: string[] }).cluster.includes(privilege);

  it('answers every route by the caller’s privileges: nothing without monitor, reads with monitor, changes only with manage', async () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(25);
    const matrix: Record<string, string[]> = {};
    for (const route of routes) {
      // A read whose query is required gets a valid one, so that its answer is the authorization's.
      const query = READ_QUERIES[route.path] ?? '';
      const path = `${route.path.replace(/\{[^}]+\}/g, 'does-not-exist')}${query}`;
      const label = `${route.method} ${route.path}`;
      const nobody = await as('ma_nobody')(route.method, path);
      const monitor = await as('ma_monitor')(route.method, path);
      const admin = await as('ma_admin')(route.method, path);
      // Validation comes before authorization (as in Kibana), so a bodyless write may be a 400 first.
      const read = route.method === 'GET';
      if (read) {
        if (!isMissing(nobody, 'monitor')) (matrix[label] ??= []).push(`ma_nobody got ${nobody.status}`);
      } else if (!isMissing(nobody, 'manage') && nobody.status !== 400) (matrix[label] ??= []).push(`ma_nobody got ${nobody.status}`);
      // A read Elasticsearch itself refuses to the monitor user (listing snapshot repositories needs
      // more than monitor on 7.17) is Elasticsearch's 403, not the plugin's.
      if (read ? isMissing(monitor, 'monitor') : !isMissing(monitor, 'manage') && monitor.status !== 400) (matrix[label] ??= []).push(`ma_monitor got ${monitor.status}`);
      if (admin.status === 403 || admin.status >= 500) (matrix[label] ??= []).push(`ma_admin got ${admin.status} ${JSON.stringify(admin.body)}`);
    }
    expect(matrix).toEqual({});
  });

  it('refuses a write with a valid body to a user without manage, naming the user and the privilege', async () => {
    const body = { name: uniqueName('monitor-source'), host: nodes.source.url, auth: { type: 'none' } };
    const refused = await as('ma_monitor')('POST', '/sources', body);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('[ma_monitor] may not do this: it needs the manage cluster privilege');
    expect(refused.body.attributes).toMatchObject({ code: 'missing_privileges', missing_privileges: { cluster: ['manage'] } });
    expect(String(refused.body.attributes?.remedy)).toContain('manage');
    const nobody = await as('ma_nobody')('GET', '/jobs');
    expect(nobody.body.message).toBe('[ma_nobody] may not do this: it needs the monitor cluster privilege');
    // A wrong password never gets past Elasticsearch.
    expect((await as({ username: 'ma_admin', password: 'wrong-password' })('GET', '/jobs')).status).toBe(401);
  });

  it('keeps a saved source’s credentials for its owner: a second administrator must give their own', async () => {
    const created = await as('ma_admin')('POST', '/sources', {
      name: uniqueName('owned-source'),
      host: tls.url,
      auth: { type: 'basic', username: tls.username, password: tls.password },
      ca_certificate: fs.readFileSync(tls.ca_path, 'utf8'),
    });
    expect(created.status).toBe(201);
    expect(created.body.owner).toEqual({ username: 'ma_admin', realm: 'file1' });
    const id = created.body.id as string;
    try {
      expect((await as('ma_admin')('GET', `/sources/${id}/indices?pattern=stores`)).status).toBe(200);
      // The second administrator sees that it exists...
      const listed = await as('ma_admin2')('GET', '/sources');
      expect((listed.body.sources as Array<{ id: string }>).map((source) => source.id)).toContain(id);
      // ...and may not use its credentials: not to list, to check, to start a job, or to change it.
      const denied = [
        await as('ma_admin2')('GET', `/sources/${id}/indices?pattern=stores`),
        await as('ma_admin2')('GET', `/sources/${id}/info`),
        await as('ma_admin2')('POST', '/jobs', { type: 'reindex', source_id: id, items: [{ source: 'stores' }], rename: { pattern: '^(.*)$', replacement: 'stolen-$1' } }),
        await as('ma_admin2')('PUT', `/sources/${id}`, { name: 'repointed', host: nodes.source.url, auth: { type: 'basic', username: tls.username, password: 'not-the-owners' } }),
      ];
      for (const answer of denied) {
        expect(answer.status).toBe(403);
        expect(answer.body.attributes?.code).toBe('source_not_owned');
        expect(answer.body.message).toContain('ma_admin (file1)');
      }
      expect((await esRequest(nodes.secured_destination.url, 'HEAD', '/stolen-stores', undefined, basicAuthorization(superuser()))).status).toBe(404);
    } finally {
      await as('ma_admin')('DELETE', `/sources/${id}`);
    }
  });

  it('runs a job as its creator, records the owner, and shows users and roles only to a reader who may read security', async () => {
    const source = await as('ma_admin')('POST', '/sources', { name: uniqueName('open-source'), host: nodes.source.url, auth: { type: 'none' } });
    const prefix = uniqueName('secured');
    const created = await as('ma_admin')('POST', '/jobs', { type: 'reindex', source_id: source.body.id, items: [{ source: 'stores' }], rename: { pattern: '^(.*)$', replacement: `${prefix}-$1` } });
    expect(created.status).toBe(201);
    expect(created.body.owner).toEqual({ username: 'ma_admin', realm: 'file1' });
    const jobId = created.body.id as string;
    try {
      let job: Answer = created;
      await waitUntil(async () => {
        job = await as('ma_admin')('GET', `/jobs/${jobId}`);
        return ['completed', 'failed', 'cancelled', 'paused'].includes(job.body.status as string);
      }, 120_000);
      expect(job.body.status).toBe('completed');
      const count = await esRequest(nodes.secured_destination.url, 'GET', `/${prefix}-stores/_count`, undefined, basicAuthorization(superuser()));
      expect((count.body as { count: number }).count).toBe(500);

      const verification = await as('ma_admin')('POST', '/verifications', { job_id: jobId, sample_size: 10 });
      expect(verification.status).toBe(201);
      const reportPath = `/verifications/${verification.body.id as string}`;
      await waitUntil(async () => (await as('ma_admin')('GET', reportPath)).body.status !== 'running', 60_000);
      const forAdmin = await as('ma_admin')('GET', reportPath);
      // The report stands for everyone; only the users-and-roles part depends on the reader.
      expect(forAdmin.body.status).toBe('completed');
      expect(forAdmin.body.security).toBeUndefined();
      expect((forAdmin.body.security_hidden as { reason: string }).reason).toContain('read_security');
      const forViewer = await as('ma_security_viewer')('GET', reportPath);
      expect(forViewer.body.security_hidden).toBeUndefined();
      expect(forViewer.body.security).toMatchObject({ available: false });
      expect((forViewer.body.security as { reason: string }).reason).toContain('may not read');
    } finally {
      await as('ma_admin')('DELETE', `/jobs/${jobId}`);
      await esRequest(nodes.secured_destination.url, 'DELETE', `/${prefix}-*?ignore_unavailable=true`, undefined, basicAuthorization(superuser()));
    }
  });
});
