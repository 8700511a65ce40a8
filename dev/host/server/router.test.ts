import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { RequestHandlerContext, RouteValidationFunction } from '@kbn/core/server';
import { validateWith } from '../../../server/routes/route_helpers';
import { KIBANA_VERSION } from '../kibana_version';
import { createHostRouter, errorBody, MAX_BODY_BYTES, VersionResolution } from './router';

const NO_AUTHZ = { authz: { enabled: false, reason: 'Relies on Elasticsearch for authorization' } } as const;

const nameBody: RouteValidationFunction<{ name: string }> = (data, result) => {
  const name = (data as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? result.ok({ name }) : result.badRequest('expected value of type [string]', ['name']);
};

const idParams: RouteValidationFunction<{ id: string }> = (data, result) => result.ok({ id: String((data as { id?: unknown }).id) });

/** A host router with public, internal and failing routes, served on a free port. */
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
  router.versioned
    .get({ path: '/api/gone', access: 'public', security: NO_AUTHZ })
    .addVersion({ version: '2023-10-31', validate: false }, async (_ctx, _request, response) => response.notFound({ body: 'gone' }));
  // The plugin's own kind of validation: zod schemas through server/routes/route_helpers.ts.
  router.versioned
    .post({ path: '/api/nested/{id}', access: 'public', security: NO_AUTHZ })
    .addVersion(
      {
        version: '2023-10-31',
        validate: {
          request: {
            params: validateWith(z.object({ id: z.string().regex(/^\d+$/, 'must be digits') })),
            query: validateWith(z.object({ size: z.coerce.number().int().max(10) }).strict()),
            body: validateWith(z.object({ outer: z.object({ inner: z.string(), other: z.number().optional() }) })),
          },
        },
      },
      async (_ctx, _request, response) => response.noContent()
    );
  router.versioned
    .post({ path: '/api/throwing', access: 'public', security: NO_AUTHZ })
    .addVersion(
      {
        version: '2023-10-31',
        validate: {
          request: {
            body: () => {
              throw new Error('cannot read this');
            },
          },
        },
      },
      async (_ctx, _request, response) => response.ok({ body: {} })
    );
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
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown>, version: response.headers.get('elastic-api-version') };
  };
  return { call, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

const WRITE = { 'kbn-xsrf': 'true', 'elastic-api-version': '2023-10-31' };
const NAME = JSON.stringify({ name: 'x' });

describe('development host router', () => {
  it('refuses a route without security, as Kibana 9.1 does', () => {
    const { router } = createHostRouter();
    expect(() => router.versioned.get({ path: '/api/x', access: 'public' } as never)).toThrow('[authz.requiredPrivileges]: expected value of type [array] but got [undefined]');
    expect(() => router.versioned.get({ path: '/api/x', access: 'public', security: { authz: { enabled: false } } } as never)).toThrow('[authz.reason]');
    expect(() => router.versioned.get({ path: '/api/x', access: 'public', security: { authz: { enabled: false, reason: 'es' } } })).not.toThrow();
  });

  it('refuses malformed and duplicate versions at registration, as Kibana’s CoreVersionedRoute does', () => {
    const { router } = createHostRouter();
    const handler = async () => ({ status: 200, options: {} });
    const publicRoute = router.versioned.get({ path: '/api/x', access: 'public', security: NO_AUTHZ });
    expect(() => publicRoute.addVersion({ version: '1', validate: false }, handler)).toThrow('Invalid version. Received "1", expected a valid date string formatted as YYYY-MM-DD.');
    expect(() => publicRoute.addVersion({ version: '2023-02-30', validate: false }, handler)).toThrow('Invalid version.');
    publicRoute.addVersion({ version: '2023-10-31', validate: false }, handler);
    expect(() => publicRoute.addVersion({ version: '2023-10-31', validate: false }, handler)).toThrow(
      'Version "2023-10-31" handler has already been registered for the route [get] [/api/x]'
    );
    const internalRoute = router.versioned.get({ path: '/internal/x', access: 'internal', security: NO_AUTHZ });
    expect(() => internalRoute.addVersion({ version: '2023-10-31', validate: false }, handler)).toThrow('Invalid version number. Received "2023-10-31"');
    expect(() => internalRoute.addVersion({ version: '0', validate: false }, handler)).toThrow('Invalid version number.');
  });

  it('shapes errors the way Kibana does', () => {
    expect(errorBody(404, 'gone')).toEqual({ statusCode: 404, error: 'Not Found', message: 'gone' });
    expect(errorBody(400, { message: 'bad', attributes: { code: 'x' } })).toEqual({ statusCode: 400, error: 'Bad Request', message: 'bad', attributes: { code: 'x' } });
  });

  describe('over HTTP, with Kibana’s default version resolution (oldest)', () => {
    let host: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      host = await serve();
    });
    afterAll(async () => {
      await host.close();
    });

    it('runs a valid request with its path parameters and the requested version, and names that version in the response', async () => {
      expect(await host.call('POST', '/api/things/a1', WRITE, NAME)).toEqual({ status: 200, body: { id: 'a1', name: 'x', version: 'first' }, version: '2023-10-31' });
      expect(await host.call('POST', '/api/things/a1', { ...WRITE, 'elastic-api-version': '2024-01-01' }, NAME)).toEqual({ status: 200, body: { version: 'second' }, version: '2024-01-01' });
    });

    it('gives a public route without elastic-api-version its oldest version, and says so in the response header', async () => {
      expect(await host.call('POST', '/api/things/a1', { 'kbn-xsrf': 'true' }, NAME)).toMatchObject({ status: 200, body: { version: 'first' }, version: '2023-10-31' });
      // An empty header is no header (Kibana's readVersion).
      expect(await host.call('POST', '/api/things/a1', { 'kbn-xsrf': 'true', 'elastic-api-version': '' }, NAME)).toMatchObject({ status: 200, version: '2023-10-31' });
    });

    it('still needs elastic-api-version on an internal route (Kibana in dev mode)', async () => {
      expect(await host.call('GET', '/internal/things', { 'x-elastic-internal-origin': 'kibana' })).toEqual({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: 'Please specify a version via elastic-api-version header. Available versions: [1]' },
        version: null,
      });
    });

    it('answers a malformed or unknown version, and the apiVersion query parameter, with Kibana’s 400s', async () => {
      expect((await host.call('POST', '/api/things/a1', { ...WRITE, 'elastic-api-version': 'latest' }, NAME)).body.message).toBe(
        'Invalid version. Received "latest", expected a valid date string formatted as YYYY-MM-DD.'
      );
      expect((await host.call('GET', '/internal/things', { 'elastic-api-version': 'v1', 'x-elastic-internal-origin': 'kibana' })).body.message).toBe(
        'Invalid version number. Received "v1", expected a string containing _only_ a finite, whole number greater than 0.'
      );
      expect(await host.call('POST', '/api/things/a1', { ...WRITE, 'elastic-api-version': '1999-01-01' }, NAME)).toEqual({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: 'No version "1999-01-01" available for [post] [/api/things/{id}]. Available versions are: [2023-10-31, 2024-01-01]' },
        version: null,
      });
      expect((await host.call('POST', '/api/things/a1?apiVersion=2023-10-31', WRITE, NAME)).body.message).toBe(
        'Use of query parameter "apiVersion" is not allowed. Please specify the API version using the "elastic-api-version" header.'
      );
    });

    it('answers a write without kbn-xsrf with 400, and accepts kbn-version instead or an empty kbn-xsrf', async () => {
      expect(await host.call('POST', '/api/things/a1', { 'elastic-api-version': '2023-10-31' }, NAME)).toEqual({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: 'Request must contain a kbn-xsrf header.' },
        version: null,
      });
      expect((await host.call('POST', '/api/things/a1', { 'kbn-version': KIBANA_VERSION, 'elastic-api-version': '2023-10-31' }, NAME)).status).toBe(200);
      expect((await host.call('POST', '/api/things/a1', { 'kbn-xsrf': '', 'elastic-api-version': '2023-10-31' }, NAME)).status).toBe(200);
    });

    it('refuses a kbn-version other than its Kibana version, on reads and writes, with Kibana’s body', async () => {
      const outOfDate = {
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: `Browser client is out of date, please refresh the page ("kbn-version" header was "9.0.0" but should be "${KIBANA_VERSION}")`,
          attributes: { expected: KIBANA_VERSION, got: '9.0.0' },
        },
        version: null,
      };
      expect(KIBANA_VERSION).toBe('9.1.0');
      expect(await host.call('POST', '/api/things/a1', { ...WRITE, 'kbn-version': '9.0.0' }, NAME)).toEqual(outOfDate);
      expect(await host.call('GET', '/api/gone', { 'kbn-version': '9.0.0' })).toEqual(outOfDate);
      // After the XSRF check and before the internal-origin one, as Kibana registers them.
      expect((await host.call('POST', '/api/things/a1', { 'elastic-api-version': '2023-10-31' }, NAME)).body.message).toBe('Request must contain a kbn-xsrf header.');
      expect(await host.call('GET', '/internal/things', { 'kbn-version': '9.0.0', 'elastic-api-version': '1' })).toEqual(outOfDate);
      expect((await host.call('GET', '/api/gone', { 'kbn-version': KIBANA_VERSION })).status).toBe(404);
    });

    it('refuses an internal route without x-elastic-internal-origin; the header’s presence is enough', async () => {
      expect(await host.call('GET', '/internal/things', { 'elastic-api-version': '1' })).toEqual({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: 'uri [/internal/things] with method [get] exists but is not available with the current configuration' },
        version: null,
      });
      expect(await host.call('GET', '/internal/things', { 'elastic-api-version': '1', 'x-elastic-internal-origin': 'kibana' })).toEqual({ status: 200, body: { internal: true }, version: '1' });
      expect((await host.call('GET', '/internal/things', { 'elastic-api-version': '1', 'x-elastic-internal-origin': '' })).status).toBe(200);
    });

    it('answers an invalid body with 400 naming the field, and with the version it resolved', async () => {
      expect(await host.call('POST', '/api/things/a1', WRITE, JSON.stringify({ name: 3 }))).toEqual({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: '[request body.name]: expected value of type [string]' },
        version: '2023-10-31',
      });
      expect(await host.call('POST', '/api/things/a1', { 'kbn-xsrf': 'true' }, '{}')).toMatchObject({ status: 400, version: '2023-10-31' });
      expect((await host.call('POST', '/api/things/a1', WRITE, '{not json')).body).toMatchObject({ statusCode: 400, message: 'Invalid request payload JSON format' });
    });

    it('prefixes a validation function’s error as Kibana’s RouteValidator does: params, query, nested body, zod, thrown', async () => {
      const message = async (path: string, body: unknown) => (await host.call('POST', path, WRITE, JSON.stringify(body))).body.message;
      const valid = { outer: { inner: 'x' } };
      expect(await host.call('POST', '/api/nested/12?size=3', WRITE, JSON.stringify(valid))).toEqual({ status: 204, body: {}, version: '2023-10-31' });
      expect(await message('/api/nested/ab?size=3', valid)).toBe('[request params.id]: must be digits');
      expect(await message('/api/nested/12?size=30', valid)).toBe('[request query.size]: Number must be less than or equal to 10');
      expect(await message('/api/nested/12?size=3&extra=1', valid)).toBe("[request query]: Unrecognized key(s) in object: 'extra'");
      expect(await message('/api/nested/12?size=3', { outer: { inner: 1 } })).toBe('[request body.outer.inner]: Expected string, received number');
      expect(await message('/api/nested/12?size=3', { outer: { inner: 1, other: 'y' } })).toBe(
        '[request body.outer.inner]: Expected string, received number; [outer.other]: Expected number, received string'
      );
      expect(await message('/api/nested/12?size=3', {})).toBe('[request body.outer]: Required');
      expect(await message('/api/throwing', {})).toBe('[request body]: cannot read this');
    });

    it('prefixes the whole path even when the message already starts with one', async () => {
      const { router, handle } = createHostRouter();
      const bracketed: RouteValidationFunction<unknown> = (_data, result) => result.badRequest('[a.b]: bad', ['a', 'b']);
      router.versioned
        .post({ path: '/api/bracketed', access: 'public', security: NO_AUTHZ })
        .addVersion({ version: '2023-10-31', validate: { request: { body: bracketed } } }, async (_ctx, _request, response) => response.ok({ body: {} }));
      const server = http.createServer((request, response) => void handle(request, response, { core: Promise.resolve({}) } as never, () => undefined));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/bracketed`, { method: 'POST', headers: WRITE, body: '{}' });
        expect(((await response.json()) as { message: string }).message).toBe('[request body.a.b]: [a.b]: bad');
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });

    it('refuses a body over the size limit with 413', async () => {
      const big = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES + 1) });
      const response = await host.call('POST', '/api/things/a1', WRITE, big);
      expect(response.status).toBe(413);
    });

    it('puts the version on the handler’s own error responses, not on a thrown error’s 500', async () => {
      expect(await host.call('GET', '/api/gone', { 'elastic-api-version': '2023-10-31' })).toEqual({
        status: 404,
        body: { statusCode: 404, error: 'Not Found', message: 'gone' },
        version: '2023-10-31',
      });
      expect(await host.call('GET', '/api/broken', { 'elastic-api-version': '2023-10-31' })).toEqual({
        status: 500,
        body: { statusCode: 500, error: 'Internal Server Error', message: 'An internal server error occurred.' },
        version: null,
      });
    });
  });

  it('gives a public route its newest version under versionResolution newest', async () => {
    const host = await serve('newest');
    try {
      expect(await host.call('POST', '/api/things/a1', { 'kbn-xsrf': 'true' }, NAME)).toEqual({ status: 200, body: { version: 'second' }, version: '2024-01-01' });
    } finally {
      await host.close();
    }
  });

  it('needs elastic-api-version under the versionResolution none opt-in, naming the available versions', async () => {
    const host = await serve('none');
    try {
      expect(await host.call('POST', '/api/things/a1', { 'kbn-xsrf': 'true' }, NAME)).toEqual({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: 'Please specify a version via elastic-api-version header. Available versions: [2023-10-31, 2024-01-01]' },
        version: null,
      });
      expect((await host.call('POST', '/api/things/a1', WRITE, NAME)).status).toBe(200);
      expect((await host.call('GET', '/internal/things', { 'x-elastic-internal-origin': 'kibana' })).status).toBe(400);
    } finally {
      await host.close();
    }
  });
});
