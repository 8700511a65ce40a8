/*
 * The server plugin's setup, the way Snapshot and Restore gates its app: an Elasticsearch feature that
 * shows the app only to users with the `manage` cluster privilege, and routes that each declare security.
 */
import type { CoreSetup, IRouter, PluginInitializerContext, VersionedRouteConfig } from '@kbn/core/server';
import type { ElasticsearchFeatureConfig } from '@kbn/features-plugin/server';
import { plugin } from '.';
import { API_BASE_PATH, API_VERSION, APP_ID, PLUGIN_ID } from '../common/constants';
import type { MigrationAssistantConfig } from './config';

const setUpPlugin = async () => {
  const routes: Array<VersionedRouteConfig & { method: string; versions: string[] }> = [];
  const route = (method: string) => (config: VersionedRouteConfig) => {
    const registered = { ...config, method, versions: [] as string[] };
    routes.push(registered);
    const versioned = {
      addVersion: (options: { version: string }) => {
        registered.versions.push(options.version);
        return versioned;
      },
    };
    return versioned;
  };
  const router = { routerPath: '', versioned: { get: route('GET'), post: route('POST'), put: route('PUT'), patch: route('PATCH'), delete: route('DELETE') } } as unknown as IRouter;
  const features: ElasticsearchFeatureConfig[] = [];
  const silent = { trace: jest.fn(), debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn(), fatal: jest.fn() };
  const config: MigrationAssistantConfig = { encryptionKey: undefined, sources: { allowedHosts: [] }, pollIntervalMs: 2000, defaultConcurrency: 3 };
  const context = {
    env: { instanceUuid: 'test' },
    logger: { get: () => ({ ...silent, get: () => silent }) },
    config: { get: () => config },
  } as unknown as PluginInitializerContext<MigrationAssistantConfig>;
  const instance = await plugin(context);
  instance.setup({ http: { createRouter: () => router } } as unknown as CoreSetup, {
    features: { registerElasticsearchFeature: (feature: ElasticsearchFeatureConfig) => features.push(feature) },
  });
  return { routes, features };
};

describe('server plugin setup', () => {
  it('registers an Elasticsearch feature that shows the app only with the manage cluster privilege', async () => {
    const { features } = await setUpPlugin();
    expect(features).toEqual([
      { id: PLUGIN_ID, management: { data: [APP_ID] }, catalogue: [APP_ID], privileges: [{ requiredClusterPrivileges: ['manage'], ui: [] }] },
    ]);
  });

  it('registers the status route as a public, versioned route', async () => {
    const { routes } = await setUpPlugin();
    expect(routes).toContainEqual(expect.objectContaining({ method: 'GET', path: `${API_BASE_PATH}/status`, access: 'public', versions: [API_VERSION] }));
  });

  it('declares security on every route, leaving authorization to Elasticsearch with a reason', async () => {
    const { routes } = await setUpPlugin();
    expect(routes.length).toBeGreaterThan(1);
    for (const { path, security } of routes) {
      const authz = security.authz as { enabled?: boolean; reason?: string; requiredPrivileges?: unknown[] };
      const declared = authz.enabled === false ? Boolean(authz.reason) : (authz.requiredPrivileges?.length ?? 0) > 0;
      expect({ path, declared }).toEqual({ path, declared: true });
    }
  });

  it('puts every route under the public API path with a version', async () => {
    const { routes } = await setUpPlugin();
    expect(routes.filter(({ path, access, versions }) => !path.startsWith(`${API_BASE_PATH}/`) || access !== 'public' || versions.length === 0)).toEqual([]);
  });
});
