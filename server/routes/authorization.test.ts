/*
 * Every route checks the caller's cluster privileges as the caller, with Elasticsearch's answers as the
 * real nodes give them (7.17 and 8.14 bodies; the secured test bed checks the same on a real node).
 */
import Mock from '@elastic/elasticsearch-mock';
import { Client, errors } from '@elastic/elasticsearch';
import type { IRouter, KibanaResponseFactory, RequestHandler, RequestHandlerContext, VersionedRoute } from '@kbn/core/server';
import { currentOwner } from '../lib/owners';
import { requiredPrivileges, withAuthorization } from './authorization';

const esError = (statusCode: number, body: unknown) =>
  new errors.ResponseError({ body, statusCode, headers: {}, warnings: null, meta: {} as never });

/** A client whose `_has_privileges` answers as given, counting the calls. */
const clientAnswering = (answer: () => unknown) => {
  const mock = new Mock();
  const calls: unknown[] = [];
  mock.add({ method: 'GET', path: '/_security/_authenticate' }, () => ({ username: 'ma_admin', roles: [], authentication_realm: { name: 'file1', type: 'file' }, lookup_realm: { name: 'file1', type: 'file' } }) as never);
  mock.add({ method: 'POST', path: '/_security/user/_has_privileges' }, (params) => {
    calls.push(params.body);
    return answer() as never;
  });
  return { client: new Client({ node: 'http://localhost:9200', Connection: mock.getConnection() }), calls };
};

const hasPrivileges = (username: string, cluster: Record<string, boolean>) => ({
  username,
  has_all_requested: Object.values(cluster).every(Boolean),
  cluster,
  index: {},
  application: {},
});

const response = {
  ok: (options?: { body?: unknown }) => ({ status: 200, payload: options?.body, options: {} }),
  customError: (options: { statusCode: number; body?: unknown }) => ({ status: options.statusCode, payload: options.body, options: {} }),
} as unknown as KibanaResponseFactory;

/** Registers one route through the authorizing router and returns its handler as Kibana would call it. */
const register = (method: 'get' | 'post' | 'put' | 'delete', spaceOf?: () => string) => {
  let registered: RequestHandler<unknown, unknown, unknown> | undefined;
  const route: VersionedRoute = {
    addVersion: (_options, handler) => {
      registered = handler as RequestHandler<unknown, unknown, unknown>;
      return route;
    },
  };
  const router = { routerPath: '/api/migration_assistant', versioned: { get: () => route, post: () => route, put: () => route, patch: () => route, delete: () => route } } as unknown as IRouter;
  const inner = jest.fn(async () => response.ok({ body: { done: true } }));
  withAuthorization(router, spaceOf).versioned[method]({ path: '/api/migration_assistant/x', access: 'public', security: { authz: { enabled: false, reason: 'test' } } }).addVersion({ version: '2023-10-31', validate: false }, inner);
  const call = (client: Client) =>
    (registered as RequestHandler<unknown, unknown, unknown>)(
      { core: Promise.resolve({ elasticsearch: { client: { asCurrentUser: client } } }) } as unknown as RequestHandlerContext,
      { headers: {} } as never,
      response
    );
  return { call, inner };
};

describe('route authorization', () => {
  it('reads need monitor, changes need manage', () => {
    expect(requiredPrivileges('get')).toEqual(['monitor']);
    for (const method of ['post', 'put', 'patch', 'delete'] as const) expect(requiredPrivileges(method)).toEqual(['manage']);
  });

  it('answers 403 naming the missing privilege and the user, without running the handler', async () => {
    const { call, inner } = register('post');
    const { client, calls } = clientAnswering(() => hasPrivileges('ma_monitor', { manage: false }));
    const result = await call(client);
    expect(result.status).toBe(403);
    expect(result.payload).toMatchObject({
      message: '[ma_monitor] may not do this: it needs the manage cluster privilege',
      attributes: { code: 'missing_privileges', missing_privileges: { cluster: ['manage'] } },
    });
    expect(inner).not.toHaveBeenCalled();
    expect(calls).toEqual([{ cluster: ['manage'] }]);
  });

  it('runs the handler for a user who has the privilege', async () => {
    const { call, inner } = register('get');
    const { client, calls } = clientAnswering(() => hasPrivileges('ma_admin', { monitor: true }));
    const result = await call(client);
    expect(result.status).toBe(200);
    expect(inner).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([{ cluster: ['monitor'] }]);
  });

  it('passes an unauthenticated caller’s 401 on', async () => {
    const { call, inner } = register('get');
    const { client } = clientAnswering(() => esError(401, { error: { type: 'security_exception', reason: 'missing authentication credentials for REST request [/_security/user/_has_privileges]' }, status: 401 }));
    expect((await call(client)).status).toBe(401);
    expect(inner).not.toHaveBeenCalled();
  });

  it.each([
    ['7.17 without security', 400, { error: { type: 'invalid_index_name_exception', reason: "Invalid index name [_security], must not start with '_', '-', or '+'" }, status: 400 }],
    ['8.14 without security', 400, { error: 'no handler found for uri [/_security/user/_has_privileges] and method [POST]' }],
  ])('allows everything on %s (nobody to check)', async (_label, status, body) => {
    const { call, inner } = register('delete');
    const { client } = clientAnswering(() => esError(status, body));
    expect((await call(client)).status).toBe(200);
    expect(inner).toHaveBeenCalledTimes(1);
  });

  it('does not take any other failure for a disabled security: Elasticsearch’s answer is passed on', async () => {
    const { call, inner } = register('post');
    const { client } = clientAnswering(() => esError(503, { error: { type: 'cluster_block_exception', reason: 'blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized]' }, status: 503 }));
    const result = await call(client);
    expect(result.status).toBe(503);
    expect(result.payload).toMatchObject({ attributes: { code: 'elasticsearch_error', es_error: { type: 'cluster_block_exception' } } });
    expect(inner).not.toHaveBeenCalled();
  });

  it('gives what the request creates the Kibana space it was made in, with its owner', async () => {
    const { call } = register('post', () => 'marketing');
    const { client } = clientAnswering(() => hasPrivileges('ma_admin', { manage: true }));
    expect((await call(client)).status).toBe(200);
    expect(await currentOwner(client)).toEqual({ username: 'ma_admin', realm: 'file1', space: 'marketing' });
  });
});
