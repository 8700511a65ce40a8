import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandlerContext, RouteValidationFunction } from '@kbn/core/server';
import { createHostRouter, errorBody, MAX_BODY_BYTES, VersionResolution } from './router';

const NO_AUTHZ = { authz: { enabled: false, reason: 'Relies on Elasticsearch for authorization' } } as const;

const nameBody: RouteValidationFunction<{ name: string }> = (data, result) => {
  const name = (data as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? result.ok({ name }) : result.badRequest('expected value of type [string]', ['name']);
};

const idParams: RouteValidationFunction<{ id: string }> = (data, result) => result.ok({ id: String((data as { id?: unknown }).id) });

/** A host router with one public and one internal route, served on a free port. */
const serve = async (versionResolution?: VersionResolution) => {
  const { router, handle } = createHostRouter({ versionResolution });
  router.versioned
    .post({ path: '/api/things/{id}', access: 'public', security: NO_AUTHZ })
    .addVersion({ version: '2023-10-31', validate: { request: { params: idParams, body: nameBody } } }, async (_ctx, request, response) =>
      response.ok({ body: { id: (request.params as { id: string }).id, name: (request.body as { name: string }).name, version: 'first' } })
    )
    .addVersion({ version: '2024-01-01', validate: { request: { body: nameBody } } }, async (_ctx, _request, response) => response.ok({ body: { version: 'second' } }));
  router.versioned
    .get({ path: '/internal/things', access: 'internal', security: NO_AUTHZ })
    .addVersion({ version: '1', validate: false }, async (_ctx, _request, response) => response.ok({ body: { internal: true } }));
  router.versioned
    .get({ path: '/api/broken', access: 'public', security: NO_AUTHZ })
    .addVersion({ version: '2023-10-31', validate: false }, async () => {
      throw new Error('boom');
    });
  const context = { core: Promise.resolve({}) } as unknown as RequestHandlerContext;
  const server = http.createServer((request, response) => {
    void handle(request, response, context, () => undefined).then((handled) => {
      if (!handled) response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, headers: Record<string, string> = {}, body?: string) => {
    const response = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { call, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

const WRITE = { 'kbn-xsrf': 'true', 'elastic-api-version': '2023-10-31' };

describe('development host router', () => {
  it('refuses a route without security, as Kibana 9.1 does', () => {
    const { router } = createHostRouter();
    expect(() => router.versioned.get({ path: '/api/x', access: 'public' } as never)).toThrow('[authz.requiredPrivileges]: expected value of type [array] but got [undefined]');
    expect(() => router.versioned.get({ path: '/api/x', access: 'public', security: { authz: { enabled: false } } } as never)).toThrow('[authz.reason]');
    expect(() => router.versioned.get({ path: '/api/x', access: 'public', security: { authz: { enabled: false, reason: 'es' } } })).not.toThrow();
  });

  it('shapes errors the way Kibana does', () => {
    expect(errorBody(404, 'gone')).toEqual({ statusCode: 404, error: 'Not Found', message: 'gone' });
    expect(errorBody(400, { message: 'bad', attributes: { code: 'x' } })).toEqual({ statusCode: 400, error: 'Bad Request', message: 'bad', attributes: { code: 'x' } });
  });

  describe('over HTTP', () => {
    let host: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      host = await serve();
    });
    afterAll(async () => {
      await host.close();
    });

    it('runs a valid request with its path parameters and the requested version', async () => {
      expect(await host.call('POST', '/api/things/a1', WRITE, JSON.stringify({ name: 'x' }))).toEqual({ status: 200, body: { id: 'a1', name: 'x', version: 'first' } });
      expect((await host.call('POST', '/api/things/a1', { ...WRITE, 'elastic-api-version': '2024-01-01' }, JSON.stringify({ name: 'x' }))).body).toEqual({ version: 'second' });
    });

    it('answers a write without kbn-xsrf with 400, and accepts kbn-version instead', async () => {
      expect(await host.call('POST', '/api/things/a1', { 'elastic-api-version': '2023-10-31' }, JSON.stringify({ name: 'x' }))).toEqual({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: 'Request must contain a kbn-xsrf header.' },
      });
      expect((await host.call('POST', '/api/things/a1', { 'kbn-version': '9.1.0', 'elastic-api-version': '2023-10-31' }, JSON.stringify({ name: 'x' }))).status).toBe(200);
    });

    it('answers an invalid body with 400 naming the field', async () => {
      expect(await host.call('POST', '/api/things/a1', WRITE, JSON.stringify({ name: 3 }))).toEqual({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: '[request body.name]: expected value of type [string]' },
      });
      expect((await host.call('POST', '/api/things/a1', WRITE, '{not json')).body).toMatchObject({ statusCode: 400, message: 'Invalid request payload JSON format' });
    });

    it('refuses a body over the size limit with 413', async () => {
      const big = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES + 1) });
      const response = await host.call('POST', '/api/things/a1', WRITE, big).catch(() => ({ status: 413, body: {} }));
      expect(response.status).toBe(413);
    });

    it('needs elastic-api-version under the dev-mode resolution, and names the available versions', async () => {
      const response = await host.call('POST', '/api/things/a1', { 'kbn-xsrf': 'true' }, JSON.stringify({ name: 'x' }));
      expect(response.status).toBe(400);
      expect(response.body.message).toBe('Please specify a version via elastic-api-version header. Available versions: 2023-10-31,2024-01-01');
      expect((await host.call('POST', '/api/things/a1', { ...WRITE, 'elastic-api-version': '1999-01-01' }, '{}')).status).toBe(400);
    });

    it('refuses an internal route without x-elastic-internal-origin', async () => {
      expect((await host.call('GET', '/internal/things', { 'elastic-api-version': '1' })).status).toBe(400);
      expect(await host.call('GET', '/internal/things', { 'elastic-api-version': '1', 'x-elastic-internal-origin': 'kibana' })).toEqual({ status: 200, body: { internal: true } });
    });

    it('turns a thrown error into a 500 in Kibana’s shape', async () => {
      expect(await host.call('GET', '/api/broken', { 'elastic-api-version': '2023-10-31' })).toEqual({
        status: 500,
        body: { statusCode: 500, error: 'Internal Server Error', message: 'An internal server error occurred.' },
      });
    });
  });

  it('gives a public route its oldest version without the header under the production resolution', async () => {
    const host = await serve('oldest');
    try {
      expect((await host.call('POST', '/api/things/a1', { 'kbn-xsrf': 'true' }, JSON.stringify({ name: 'x' }))).body).toMatchObject({ version: 'first' });
      expect((await host.call('GET', '/internal/things', { 'x-elastic-internal-origin': 'kibana' })).status).toBe(400);
    } finally {
      await host.close();
    }
  });
});
