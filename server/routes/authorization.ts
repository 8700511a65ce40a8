/*
 * Authorization on every route, decided by Elasticsearch for the current user. The plugin keeps its state
 * (saved sources, jobs, reports) in its own index, read and written with Kibana's user, so Elasticsearch
 * alone would let any logged-in user read or change it. Before any handler runs, the caller's privileges
 * are checked as the current user with `_security/user/_has_privileges`: reading needs the `monitor`
 * cluster privilege, changing anything needs `manage` (what Snapshot and Restore asks). The answer is
 * a 403 naming the missing privilege. With Elasticsearch security off there is nobody to check: allowed.
 */
import type { ElasticsearchClient, IRouter, KibanaRequest, RequestHandler, RequestHandlerContext, VersionedRoute, VersionedRouter } from '@kbn/core/server';
import type { ErrorAttributes } from '../../common/types/errors';
import { isSecurityDisabledError, rememberSpace } from '../lib/owners';
import { errorResponse } from './route_helpers';

type Method = keyof VersionedRouter;

/** The cluster privileges a route needs: `monitor` to read, `manage` to change. */
export const requiredPrivileges = (method: Method): string[] => (method === 'get' ? ['monitor'] : ['manage']);

export type PrivilegeCheck = { allowed: true } | { allowed: false; missing: string[]; username?: string };

/** Checks the current user's cluster privileges; an unauthenticated caller's 401 is passed on. */
export const checkClusterPrivileges = async (client: ElasticsearchClient, cluster: string[]): Promise<PrivilegeCheck> => {
  try {
    const result = await client.security.hasPrivileges({ cluster });
    const missing = cluster.filter((privilege) => !result.cluster[privilege]);
    return missing.length === 0 ? { allowed: true } : { allowed: false, missing, username: result.username };
  } catch (error) {
    if (isSecurityDisabledError(error)) return { allowed: true };
    throw error;
  }
};

const checks = new WeakMap<KibanaRequest, Map<string, Promise<PrivilegeCheck>>>();

/** One check per request and privilege set (a handler may be wrapped more than once). */
const cachedCheck = (request: KibanaRequest, client: ElasticsearchClient, cluster: string[]): Promise<PrivilegeCheck> => {
  const key = cluster.join(',');
  const forRequest = checks.get(request) ?? new Map<string, Promise<PrivilegeCheck>>();
  checks.set(request, forRequest);
  let check = forRequest.get(key);
  if (!check) {
    check = checkClusterPrivileges(client, cluster);
    forRequest.set(key, check);
  }
  return check;
};

type SpaceOf = (request: KibanaRequest) => string | undefined;

const authorized =
  <P, Q, B, Context extends RequestHandlerContext>(cluster: string[], handler: RequestHandler<P, Q, B, Context>, spaceOf?: SpaceOf): RequestHandler<P, Q, B, Context> =>
  async (context, request, response) => {
    const { elasticsearch } = await context.core;
    // What this request creates records its Kibana space with its owner (owners.ts).
    rememberSpace(elasticsearch.client.asCurrentUser, spaceOf?.(request as KibanaRequest));
    let check: PrivilegeCheck;
    try {
      check = await cachedCheck(request as KibanaRequest, elasticsearch.client.asCurrentUser, cluster);
    } catch (error) {
      // An unauthenticated caller (401), or Elasticsearch unable to answer: said as Elasticsearch said it.
      return errorResponse(error, response);
    }
    if (check.allowed) return handler(context, request, response);
    const attributes: ErrorAttributes & { missing_privileges: { cluster: string[] } } = {
      code: 'missing_privileges',
      missing_privileges: { cluster: check.missing },
      remedy: `Ask an administrator to give ${check.username ? `[${check.username}]` : 'you'} a role with the ${check.missing.join(', ')} cluster privilege (Stack Management → Roles).`,
    };
    return response.customError({
      statusCode: 403,
      body: {
        message: `${check.username ? `[${check.username}]` : 'You'} may not do this: it needs the ${check.missing.join(', ')} cluster privilege`,
        attributes: attributes as unknown as Record<string, unknown>,
      },
    });
  };

/** The router every route module registers with: each handler runs only after its privilege check. */
export const withAuthorization = <Context extends RequestHandlerContext>(router: IRouter<Context>, spaceOf?: SpaceOf): IRouter<Context> => {
  const wrap = (method: Method) => (config: Parameters<VersionedRouter<Context>['get']>[0]): VersionedRoute<Context> => {
    const route = router.versioned[method](config);
    const wrapped: VersionedRoute<Context> = {
      addVersion: (options, handler) => {
        route.addVersion(options, authorized(requiredPrivileges(method), handler, spaceOf));
        return wrapped;
      },
    };
    return wrapped;
  };
  return {
    routerPath: router.routerPath,
    versioned: { get: wrap('get'), post: wrap('post'), put: wrap('put'), patch: wrap('patch'), delete: wrap('delete') },
  };
};

/**
 * The cluster actions that read users and roles: what `read_security` (8.x) and `manage_security` allow.
 * Asked as actions because 7.x has no `read_security` privilege (naming it is a 400 there).
 */
const READ_SECURITY_ACTIONS = ['cluster:admin/xpack/security/user/get', 'cluster:admin/xpack/security/role/get'];

/** Whether the current user may see users and roles; yes without security (there are none to hide). */
export const mayReadSecurity = async (client: ElasticsearchClient): Promise<boolean> => {
  try {
    const result = await client.security.hasPrivileges({ cluster: READ_SECURITY_ACTIONS });
    return READ_SECURITY_ACTIONS.every((action) => result.cluster[action] === true);
  } catch (error) {
    if (isSecurityDisabledError(error)) return true;
    throw error;
  }
};
