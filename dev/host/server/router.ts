/*
 * The development host's router: Kibana's route contract (typings/kbn_core_server.d.ts) with Kibana's
 * semantics, so the plugin behaves here as in Kibana:
 * - every route must declare `security` (Kibana 9.1+ refuses to register one without);
 * - writes need the `kbn-xsrf` header (or `kbn-version`, which Kibana's browser client sends);
 * - versioned routes pick their handler by `elastic-api-version`. Without the header an internal route
 *   answers 400; a public one does too under the default resolution `none` (what `kibana --dev` uses),
 *   or gets its oldest version under `oldest` (what a production Kibana uses; MA_VERSION_RESOLUTION);
 * - validation failures answer 400 naming the field; bodies are JSON with a size limit;
 * - errors use Kibana's `{ statusCode, error, message, attributes }` shape; a thrown error is a logged 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type {
  AddVersionOpts,
  IKibanaResponse,
  IRouter,
  KibanaResponseFactory,
  RequestHandler,
  RequestHandlerContext,
  RouteSecurity,
  RouteValidationFunction,
  VersionedRoute,
  VersionedRouteConfig,
} from '@kbn/core/server';

export const MAX_BODY_BYTES = 1024 * 1024;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface RegisteredVersion {
  validate: AddVersionOpts<unknown, unknown, unknown>['validate'];
  handler: RequestHandler<unknown, unknown, unknown>;
}

interface RegisteredRoute {
  method: string;
  config: VersionedRouteConfig;
  pattern: RegExp;
  paramNames: string[];
  versions: Map<string, RegisteredVersion>;
}

export class HostHttpError extends Error {
  constructor(public readonly statusCode: number, message: string) {
    super(message);
  }
}

const validateSecurity = (security: RouteSecurity | undefined, path: string): void => {
  const authz = security?.authz as { requiredPrivileges?: unknown; enabled?: boolean; reason?: string } | undefined;
  if (!authz || (authz.enabled !== false && !Array.isArray(authz.requiredPrivileges))) {
    throw new Error(`[${path}] [authz.requiredPrivileges]: expected value of type [array] but got [undefined]`);
  }
  if (authz.enabled === false && !authz.reason) {
    throw new Error(`[${path}] [authz.reason]: expected value of type [string] but got [undefined]`);
  }
  if (Array.isArray(authz.requiredPrivileges) && authz.requiredPrivileges.length === 0) {
    throw new Error(`[${path}] [authz.requiredPrivileges]: array size is [0], but cannot be smaller than [1]`);
  }
};

const compilePath = (path: string): { pattern: RegExp; paramNames: string[] } => {
  const paramNames: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\??\}$/.exec(segment);
      if (!param?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      paramNames.push(param[1]);
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), paramNames };
};

export const responseFactory: KibanaResponseFactory = {
  ok: (options = {}) => ({ status: 200, payload: options.body, options }),
  created: (options = {}) => ({ status: 201, payload: options.body, options }),
  accepted: (options = {}) => ({ status: 202, payload: options.body, options }),
  noContent: (options = {}) => ({ status: 204, options }),
  badRequest: (options = {}) => ({ status: 400, payload: options.body, options }),
  notFound: (options = {}) => ({ status: 404, payload: options.body, options }),
  conflict: (options = {}) => ({ status: 409, payload: options.body, options }),
  customError: (options) => ({ status: options.statusCode, payload: options.body, options }),
  custom: (options) => ({ status: options.statusCode, payload: options.body, options }),
};

/** Kibana's error body: `{ statusCode, error, message, attributes? }`. */
export const errorBody = (statusCode: number, payload: unknown): Record<string, unknown> => {
  const base = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error' };
  if (typeof payload === 'string') return { ...base, message: payload };
  if (payload instanceof Error) return { ...base, message: payload.message };
  const { message, attributes } = (payload ?? {}) as { message?: unknown; attributes?: unknown };
  return { ...base, message: message instanceof Error ? message.message : String(message ?? base.error), ...(attributes ? { attributes } : {}) };
};

const readBody = (request: IncomingMessage): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HostHttpError(413, `Payload content length greater than maximum allowed: ${MAX_BODY_BYTES}`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new HostHttpError(400, 'Invalid request payload JSON format'));
      }
    });
    request.on('error', reject);
  });

const validatePart = <T>(kind: string, validate: RouteValidationFunction<T> | undefined, data: unknown): T => {
  if (!validate) return (kind === 'params' || kind === 'query' ? {} : undefined) as T;
  const result = validate(data, {
    ok: (value) => ({ value }),
    badRequest: (error, path) => {
      const message = error instanceof Error ? error.message : error;
      const where = path?.length ? `request ${kind}.${path.join('.')}` : `request ${kind}`;
      return { error: new HostHttpError(400, message.startsWith('[') ? `[request ${kind}]: ${message}` : `[${where}]: ${message}`) as never };
    },
  });
  if (result.error) throw result.error;
  return result.value as T;
};

export interface HostRouter {
  router: IRouter;
  handle(request: IncomingMessage, response: ServerResponse, context: RequestHandlerContext, log: (line: string) => void): Promise<boolean>;
}

/**
 * How a versioned route without `elastic-api-version` is resolved. Kibana's CoreVersionedRouter defaults
 * to `oldest`, and to `none` when Kibana runs in dev mode; internal routes always need the header.
 */
export type VersionResolution = 'none' | 'oldest';

export const createHostRouter = ({ versionResolution = 'none' }: { versionResolution?: VersionResolution } = {}): HostRouter => {
  const routes: RegisteredRoute[] = [];

  const register =
    (method: string) =>
    (config: VersionedRouteConfig): VersionedRoute => {
      validateSecurity(config.security, config.path);
      const { pattern, paramNames } = compilePath(config.path);
      const route: RegisteredRoute = { method, config, pattern, paramNames, versions: new Map() };
      routes.push(route);
      const versioned: VersionedRoute = {
        addVersion: (options, handler) => {
          route.versions.set(options.version, {
            validate: options.validate as RegisteredVersion['validate'],
            handler: handler as RequestHandler<unknown, unknown, unknown>,
          });
          return versioned;
        },
      };
      return versioned;
    };

  const router: IRouter = {
    routerPath: '',
    versioned: { get: register('GET'), post: register('POST'), put: register('PUT'), patch: register('PATCH'), delete: register('DELETE') },
  };

  const send = (response: ServerResponse, result: IKibanaResponse): void => {
    const headers: Record<string, string> = { ...(result.options.headers ?? {}) };
    if (result.status === 204) {
      response.writeHead(204, headers).end();
      return;
    }
    const body = result.status >= 400 ? errorBody(result.status, result.payload) : result.payload;
    if (typeof body === 'string') {
      // As Kibana (hapi) does: a string payload is sent as it is, as text unless the route names a type.
      response.writeHead(result.status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
      return;
    }
    response.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body ?? {}));
  };

  const handle: HostRouter['handle'] = async (request, response, context, log) => {
    const url = new URL(request.url ?? '/', 'http://host');
    const method = request.method ?? 'GET';
    const candidates = routes.filter((route) => route.pattern.test(url.pathname));
    if (candidates.length === 0) return false;
    const route = candidates.find((candidate) => candidate.method === method);
    try {
      if (!route) throw new HostHttpError(405, `Method ${method} is not allowed on ${url.pathname}`);
      const header = (name: string): string | undefined => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      if (WRITE_METHODS.has(method) && !header('kbn-xsrf') && !header('kbn-version')) {
        throw new HostHttpError(400, 'Request must contain a kbn-xsrf header.');
      }
      if (route.config.access === 'internal' && !header('x-elastic-internal-origin')) {
        throw new HostHttpError(400, `uri [${url.pathname}] with method [${method.toLowerCase()}] exists but is not available with the current configuration`);
      }
      const available = [...route.versions.keys()].sort();
      const oldestForPublic = versionResolution === 'oldest' && route.config.access === 'public' ? available[0] : undefined;
      const requested = header('elastic-api-version') || oldestForPublic;
      if (!requested) {
        throw new HostHttpError(400, `Please specify a version via elastic-api-version header. Available versions: ${available.join(',')}`);
      }
      const version = route.versions.get(requested);
      if (!version) {
        throw new HostHttpError(400, `No version "${requested}" available for [${method.toLowerCase()}] [${route.config.path}]. Available versions are: ${JSON.stringify(available)}`);
      }
      const match = route.pattern.exec(url.pathname);
      const rawParams = Object.fromEntries(route.paramNames.map((name, i) => [name, decodeURIComponent(match?.[i + 1] ?? '')]));
      const rawQuery = Object.fromEntries(url.searchParams.entries());
      const rawBody = WRITE_METHODS.has(method) ? await readBody(request) : undefined;
      const specs = version.validate === false ? {} : version.validate.request;
      if (version.validate === false && rawBody !== undefined && Object.keys(rawBody as object).length > 0) {
        throw new HostHttpError(400, '[request body]: expected value to equal [null]');
      }
      const kibanaRequest = {
        id: String(Date.now()),
        url,
        route: { path: route.config.path, method: method.toLowerCase() },
        headers: request.headers,
        params: validatePart('params', specs.params, rawParams),
        query: validatePart('query', specs.query, rawQuery),
        body: validatePart('body', specs.body, rawBody),
      };
      const result = await version.handler(context, kibanaRequest, responseFactory);
      send(response, result);
    } catch (error) {
      if (error instanceof HostHttpError) {
        send(response, { status: error.statusCode, payload: error.message, options: {} });
      } else {
        log(`error ${method} ${url.pathname}: ${(error as Error).stack ?? String(error)}`);
        send(response, { status: 500, payload: 'An internal server error occurred.', options: {} });
      }
    }
    return true;
  };

  return { router, handle };
};
