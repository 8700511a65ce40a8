/*
 * The development host's HTTP server: runs the plugin's server side (server/index.ts: setup, start,
 * stop) with a Kibana-compatible core, serves the management app, and proxies nothing else.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import type { Logger, PluginInitializerContext, RequestHandlerContext } from '@kbn/core/server';
import { config as pluginConfig, plugin as pluginInitializer } from '../../../server';
import type { MigrationAssistantConfig } from '../../../server/config';
import { KIBANA_VERSION } from '../kibana_version';
import { createHostRouter, VersionResolution } from './router';
import { renderAppPage } from './app_page';
import { createHostSavedObjectsService } from './saved_objects_importer';

export interface HostOptions {
  port: number;
  destinationUrl: string;
  destinationAuth?: { username: string; password: string };
  /** The plugin's config (`migrationAssistant.*`), validated by the plugin's own schema. */
  pluginConfig: Record<string, unknown>;
  bundleDir: string;
  /** Kibana keeps an instance uuid across restarts; so does the host, in this file. */
  uuidFile: string;
  /** Kibana's `server.versioned.versionResolution`: `oldest` (its default), `newest`, or `none` (dev only); see router.ts. */
  versionResolution?: VersionResolution;
  /**
   * The destination's saved-objects index that `core.savedObjects` reads and its importer writes (default the
   * `.kibana` alias, or MA_SAVED_OBJECTS_INDEX); see saved_objects_importer.ts. Tests use their own index.
   */
  savedObjectsIndex?: string;
  log?: (line: string) => void;
}

export const APP_PATH = '/app/management/data/migration_assistant';

/**
 * A 7.x destination rejects the `compatible-with=8` media types of an 8.x client (facts file, section 8),
 * so the server's major is read once, with plain fetches, before the clients are built: `GET /`, or the
 * local node's record where a distribution has no `GET /` (the 8.14 test-bed node lacks the rest-root
 * module). When neither answers, the 8.x client's defaults stay.
 */
export const detectMajorVersion = async (url: string, auth?: { username: string; password: string }): Promise<number | undefined> => {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (auth) headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  const read = async (requestPath: string): Promise<unknown> => {
    const response = await fetch(`${url}${requestPath}`, { headers }).catch(() => undefined);
    return response?.ok ? response.json().catch(() => undefined) : undefined;
  };
  const root = (await read('/')) as { version?: { number?: string } } | undefined;
  const nodes = root?.version?.number ? undefined : ((await read('/_nodes/_local?filter_path=nodes.*.version')) as { nodes?: Record<string, { version?: string }> } | undefined);
  const version = root?.version?.number ?? Object.values(nodes?.nodes ?? {})[0]?.version;
  const major = Number.parseInt(version ?? '', 10);
  return Number.isNaN(major) ? undefined : major;
};

const JSON_MEDIA_TYPES = { accept: 'application/json', 'content-type': 'application/json' };
const LAST_MAJOR_WITHOUT_COMPATIBLE_WITH_8 = 7;

const createLogger = (log: (line: string) => void, context = 'plugins.migrationAssistant'): Logger => {
  const write = (level: string) => (message: string | Error) => log(`[${level}][${context}] ${message instanceof Error ? message.message : message}`);
  return {
    trace: () => undefined,
    debug: () => undefined,
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    fatal: write('fatal'),
    get: (...paths: string[]) => createLogger(log, [context, ...paths].join('.')),
  };
};

const instanceUuid = (file: string): string => {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const uuid = crypto.randomUUID();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, uuid);
  return uuid;
};

export interface RunningHost {
  url: string;
  stop(): Promise<void>;
}

export const startHost = async (options: HostOptions): Promise<RunningHost> => {
  const log = options.log ?? ((line: string) => console.log(line));
  const major = await detectMajorVersion(options.destinationUrl, options.destinationAuth);
  const headers: Record<string, string> = major !== undefined && major <= LAST_MAJOR_WITHOUT_COMPATIBLE_WITH_8 ? { ...JSON_MEDIA_TYPES } : {};
  log(`[info][host] destination ${options.destinationUrl}: Elasticsearch ${major ?? 'unknown'}.x${Object.keys(headers).length ? ' (plain application/json media types)' : ''}`);
  // Two clients: Kibana's own user, and one without credentials that each request scopes to its caller.
  const internalClient = new Client({ node: options.destinationUrl, auth: options.destinationAuth, headers: { ...headers } });
  const userClient = new Client({ node: options.destinationUrl, headers: { ...headers } });

  const config = (pluginConfig.schema as { validate(value: unknown, context: object, namespace: string): MigrationAssistantConfig }).validate(
    options.pluginConfig,
    {},
    'migrationAssistant'
  );
  const context: PluginInitializerContext<MigrationAssistantConfig> = {
    opaqueId: Symbol('migrationAssistant'),
    env: {
      mode: { name: 'development', dev: true, prod: false },
      packageInfo: { version: KIBANA_VERSION, branch: 'main', buildNum: 1, buildSha: 'development-host', dist: false },
      instanceUuid: instanceUuid(options.uuidFile),
      configs: [],
    },
    logger: { get: (...paths: string[]) => createLogger(log, ['plugins.migrationAssistant', ...paths].join('.')) },
    config: {
      get: <T>() => config as unknown as T,
      create: () => {
        throw new Error('config.create is not used by this plugin');
      },
    },
  };
  const instance = await pluginInitializer(context);
  const hostRouter = createHostRouter({ versionResolution: options.versionResolution, kibanaVersion: KIBANA_VERSION });
  // asScoped as Kibana's: the request's (or the given) Authorization header on the user client.
  const asScoped = (request: { headers: Record<string, string | string[] | undefined> }) => {
    const authorization = request.headers.authorization;
    const client = typeof authorization === 'string' ? userClient.child({ headers: { ...headers, authorization } }) : userClient;
    return { asCurrentUser: client, asInternalUser: internalClient, asSecondaryAuthUser: client };
  };
  const savedObjects = createHostSavedObjectsService({
    index: options.savedObjectsIndex ?? process.env.MA_SAVED_OBJECTS_INDEX ?? '.kibana',
    clientFor: (request) => asScoped(request).asCurrentUser,
  });
  const coreStart = { elasticsearch: { client: { asInternalUser: internalClient, asScoped } }, savedObjects };
  instance.setup(
    {
      http: { createRouter: () => hostRouter.router as never },
      getStartServices: async () => [coreStart as never, {}, undefined],
    },
    { features: { registerElasticsearchFeature: (feature) => log(`[info][features] registered Elasticsearch feature ${feature.id} (requires cluster privileges: ${feature.privileges.map((p) => p.requiredClusterPrivileges.join(',')).join(';')})`) } }
  );
  instance.start(coreStart as never, {});

  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://host');
      const authorization = request.headers.authorization;
      const asCurrentUser = authorization ? userClient.child({ headers: { ...headers, authorization } }) : userClient;
      const requestContext: RequestHandlerContext = {
        core: Promise.resolve({ elasticsearch: { client: { asCurrentUser, asInternalUser: internalClient, asSecondaryAuthUser: asCurrentUser } } }),
      };
      if (await hostRouter.handle(request, response, requestContext, log)) return;
      if (url.pathname === '/' || url.pathname === '/app/management' || url.pathname === '/app/management/') {
        response.writeHead(302, { location: APP_PATH }).end();
        return;
      }
      if (url.pathname.startsWith('/app/management')) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderAppPage());
        return;
      }
      const bundleFile = url.pathname.startsWith('/bundles/') ? path.join(options.bundleDir, path.basename(url.pathname)) : undefined;
      if (bundleFile && fs.existsSync(bundleFile)) {
        const type = bundleFile.endsWith('.js') ? 'text/javascript' : bundleFile.endsWith('.css') ? 'text/css' : 'application/octet-stream';
        response.writeHead(200, { 'content-type': type });
        fs.createReadStream(bundleFile).pipe(response);
        return;
      }
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'Not Found' }));
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await instance.stop?.();
      await Promise.all([internalClient.close(), userClient.close()]);
    },
  };
};
