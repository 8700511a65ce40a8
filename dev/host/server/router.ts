/*
 * The development host's router: Kibana's route contract (typings/kbn_core_server.d.ts) with Kibana's
 * semantics (a `kibana --dev`), so the plugin behaves here as in Kibana. In the order Kibana applies them
 * (http server-internal lifecycle_handlers.ts, then router-server-internal core_versioned_route.ts):
 * - every route must declare `security` (Kibana 9.1+ refuses to register one without);
 * - writes need a `kbn-xsrf` header (or `kbn-version`, which Kibana's browser client sends);
 * - a `kbn-version` header other than the host's Kibana version is refused (an out-of-date browser);
 * - internal routes need `x-elastic-internal-origin` (`server.restrictInternalApis`, on by default);
 * - versioned routes pick their handler by `elastic-api-version`. Without the header an internal route
 *   answers 400; a public one gets its oldest version (`server.versioned.versionResolution: oldest`,
 *   Kibana's default in dev and production), or its newest, or a 400 under `none` (dev-only opt-in;
 *   MA_VERSION_RESOLUTION). A malformed or unknown version and an `apiVersion` query parameter are 400s;
 * - responses of a resolved version, validation failures included, carry `elastic-api-version`;
 * - validation failures answer 400 as `[request body.a.b]: ...`; bodies are JSON with a size limit;
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
import { KIBANA_VERSION } from '../kibana_version';

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
  constructor(
    public readonly statusCode: number,
    message: string,
    public readonly attributes?: Record<string, unknown>,
    public readonly headers?: Record<string, string>
  ) {
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
    // Over the limit, the rest is read and dropped, so the client gets the 413 (as from Kibana's hapi)
    // instead of a reset connection.
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return reject(new HostHttpError(413, `Payload content length greater than maximum allowed: ${MAX_BODY_BYTES}`));
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

/** What a validation function's `badRequest` returns: Kibana's RouteValidationError, a message and a path. */
class HostValidationError extends Error {
  constructor(message: string, public readonly path: string[] = []) {
    super(message);
  }
}

/**
 * Kibana's RouteValidator with a validation function (router-server-internal validator.ts): the function's
 * error, or what it throws, becomes config-schema's ValidationError in the namespace `request <part>`, so
 * the message is `[request body.a.b]: <message>` with the error's path and `[request body]: <message>`
 * without, whatever the message itself says. A part without a validation rule is `{}`.
 */
const validatePart = <T>(kind: 'params' | 'query' | 'body', validate: RouteValidationFunction<T> | undefined, data: unknown): T => {
  if (!validate) return {} as T;
  let result: ReturnType<RouteValidationFunction<T>>;
  try {
    result = validate(data, {
      ok: (value) => ({ value }),
      badRequest: (error, path) => ({ error: new HostValidationError(error instanceof Error ? error.message : error, path) as never }),
    });
  } catch (error) {
    result = { error: new HostValidationError(error instanceof Error ? error.message : String(error)) as never };
  }
  if (result.error) {
    const { message, path } = result.error as unknown as { message: string; path?: string[] };
    throw new HostHttpError(400, `[${[`request ${kind}`, ...(path ?? [])].join('.')}]: ${message}`);
  }
  return result.value as T;
};

export interface HostRouter {
  router: IRouter;
  handle(request: IncomingMessage, response: ServerResponse, context: RequestHandlerContext, log: (line: string) => void): Promise<boolean>;
}

/**
 * How a public versioned route without `elastic-api-version` is resolved: Kibana's
 * `server.versioned.versionResolution` (server-internal http_config.ts): `oldest` by default in dev as in
 * production (dev defaulted to `none` until elastic/kibana#203225, December 2024, before 9.1); `none`, a
 * 400, is allowed in dev only. Internal routes always need the header in dev.
 */
export type VersionResolution = 'oldest' | 'newest' | 'none';
export const VERSION_RESOLUTIONS: readonly VersionResolution[] = ['oldest', 'newest', 'none'];

type Access = VersionedRouteConfig['access'];

/** Kibana's handler_resolvers.ts: internal versions sort as numbers, public ones (dates) as strings. */
const sortVersions = (versions: string[], access: Access): string[] =>
  access === 'internal' ? [...versions].sort((a, b) => Number(a) - Number(b)) : [...versions].sort((a, b) => a.localeCompare(b));

const resolvers: Record<VersionResolution, (versions: string[], access: Access) => string | undefined> = {
  oldest: (versions, access) => sortVersions(versions, access)[0],
  newest: (versions, access) => sortVersions(versions, access).reverse()[0],
  none: () => undefined,
};

/** Kibana's isValidRouteVersion (route_version_utils.ts): a real YYYY-MM-DD date if public, a whole number > 0 if internal. */
const invalidVersionMessage = (access: Access, version: string): string | undefined => {
  if (access === 'public') {
    const date = new Date(`${version}T00:00:00Z`);
    const valid = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(version) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(version);
    return valid ? undefined : `Invalid version. Received "${version}", expected a valid date string formatted as YYYY-MM-DD.`;
  }
  return /^[1-9][0-9]*$/.test(version)
    ? undefined
    : `Invalid version number. Received "${version}", expected a string containing _only_ a finite, whole number greater than 0.`;
};

const ELASTIC_API_VERSION = 'elastic-api-version';

export const createHostRouter = ({
  versionResolution = 'oldest',
  kibanaVersion = KIBANA_VERSION,
}: { versionResolution?: VersionResolution; kibanaVersion?: string } = {}): HostRouter => {
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
          // As Kibana's CoreVersionedRoute.validateVersion, at registration.
          const invalid = invalidVersionMessage(config.access, options.version);
          if (invalid) throw new Error(invalid);
          if (route.versions.has(options.version)) {
            throw new Error(`Version "${options.version}" handler has already been registered for the route [${method.toLowerCase()}] [${config.path}]"`);
          }
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

  /** Kibana's lifecycle handlers (server-internal lifecycle_handlers.ts), in their order: XSRF, kbn-version, internal origin. */
  const checkLifecycle = (request: IncomingMessage, route: RegisteredRoute, method: string, pathname: string): void => {
    // Presence is enough, as in Kibana: `kbn-xsrf: ''` passes.
    if (WRITE_METHODS.has(method) && !('kbn-version' in request.headers) && !('kbn-xsrf' in request.headers)) {
      throw new HostHttpError(400, 'Request must contain a kbn-xsrf header.');
    }
    const requestVersion = request.headers['kbn-version'];
    if (requestVersion && requestVersion !== kibanaVersion) {
      throw new HostHttpError(
        400,
        `Browser client is out of date, please refresh the page ("kbn-version" header was "${requestVersion}" but should be "${kibanaVersion}")`,
        { expected: kibanaVersion, got: requestVersion }
      );
    }
    if (route.config.access === 'internal' && !('x-elastic-internal-origin' in request.headers)) {
      throw new HostHttpError(400, `uri [${pathname}] with method [${method.toLowerCase()}] exists but is not available with the current configuration`);
    }
  };

  /** Kibana's CoreVersionedRoute: the version asked for, or the resolution's for a public route; checked, then its handler. */
  const resolveVersion = (request: IncomingMessage, route: RegisteredRoute, method: string, url: URL): { version: string; registered: RegisteredVersion } => {
    const { access, path } = route.config;
    const registeredVersions = [...route.versions.keys()];
    const listed = registeredVersions.length ? `[${registeredVersions.join(', ')}]` : '<none>';
    if (registeredVersions.length === 0) throw new HostHttpError(500, `No handlers registered for [${method.toLowerCase()}] [${path}].`);
    const header = request.headers[ELASTIC_API_VERSION];
    const requested = Array.isArray(header) ? header[0] : header;
    const version = requested || (access === 'public' ? resolvers[versionResolution](registeredVersions, access) : undefined);
    if (!version) throw new HostHttpError(400, `Please specify a version via ${ELASTIC_API_VERSION} header. Available versions: ${listed}`);
    if (url.searchParams.has('apiVersion')) {
      throw new HostHttpError(400, `Use of query parameter "apiVersion" is not allowed. Please specify the API version using the "${ELASTIC_API_VERSION}" header.`);
    }
    const invalid = invalidVersionMessage(access, version);
    if (invalid) throw new HostHttpError(400, invalid);
    const registered = route.versions.get(version);
    if (!registered) throw new HostHttpError(400, `No version "${version}" available for [${method.toLowerCase()}] [${path}]. Available versions are: ${listed}`);
    return { version, registered };
  };

  const handle: HostRouter['handle'] = async (request, response, context, log) => {
    const url = new URL(request.url ?? '/', 'http://host');
    const method = request.method ?? 'GET';
    const candidates = routes.filter((route) => route.pattern.test(url.pathname));
    if (candidates.length === 0) return false;
    const route = candidates.find((candidate) => candidate.method === method);
    try {
      if (!route) throw new HostHttpError(405, `Method ${method} is not allowed on ${url.pathname}`);
      // hapi parses the payload (invalid JSON, size limit) before Kibana's onPostAuth checks run.
      const rawBody = WRITE_METHODS.has(method) ? await readBody(request) : undefined;
      checkLifecycle(request, route, method, url.pathname);
      const { version, registered } = resolveVersion(request, route, method, url);
      // From here on Kibana answers with the resolved version, validation failures included; a thrown error is a 500 without it.
      const versionHeader = { [ELASTIC_API_VERSION]: version };
      const match = route.pattern.exec(url.pathname);
      // hapi's router answers malformed percent-encoding in a path parameter with a 400, never a 500.
      const decode = (value: string) => {
        try {
          return decodeURIComponent(value);
        } catch {
          throw new HostHttpError(400, 'Invalid request path: malformed percent-encoding');
        }
      };
      const rawParams = Object.fromEntries(route.paramNames.map((name, i) => [name, decode(match?.[i + 1] ?? '')]));
      const rawQuery = Object.fromEntries(url.searchParams.entries());
      let kibanaRequest;
      try {
        const specs = registered.validate === false ? {} : registered.validate.request;
        if (registered.validate === false && rawBody !== undefined && Object.keys(rawBody as object).length > 0) {
          throw new HostHttpError(400, '[request body]: expected value to equal [null]');
        }
        kibanaRequest = {
          id: String(Date.now()),
          url,
          route: { path: route.config.path, method: method.toLowerCase() },
          headers: request.headers,
          params: validatePart('params', specs.params, rawParams),
          query: validatePart('query', specs.query, rawQuery),
          body: validatePart('body', specs.body, rawBody),
        };
      } catch (error) {
        if (error instanceof HostHttpError) throw new HostHttpError(error.statusCode, error.message, error.attributes, versionHeader);
        throw error;
      }
      const result = await registered.handler(context, kibanaRequest, responseFactory);
      send(response, { ...result, options: { ...result.options, headers: { ...result.options.headers, ...versionHeader } } });
    } catch (error) {
      if (error instanceof HostHttpError) {
        const payload = error.attributes ? { message: error.message, attributes: error.attributes } : error.message;
        send(response, { status: error.statusCode, payload, options: { headers: error.headers } });
      } else {
        log(`error ${method} ${url.pathname}: ${(error as Error).stack ?? String(error)}`);
        send(response, { status: 500, payload: 'An internal server error occurred.', options: {} });
      }
    }
    return true;
  };

  return { router, handle };
};
