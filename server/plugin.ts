/*
 * The only place that knows Kibana's core: registers the privileges and the routes, builds the engine
 * with Kibana's clients at start, and stops the runner on shutdown.
 */
import type { CoreSetup, CoreStart, Logger, Plugin, PluginInitializerContext, SavedObjectsServiceStart } from '@kbn/core/server';
import type { FeaturesPluginSetup } from '@kbn/features-plugin/server';
import type { SecurityPluginStart } from '@kbn/security-plugin/server';
import type { SpacesPluginStart } from '@kbn/spaces-plugin/server';
import { APP_ID, PLUGIN_ID } from '../common/constants';
import type { MigrationAssistantConfig } from './config';
import { createMigrationServices, MigrationServices } from './lib/migration_services';
import { registerRoutes } from './routes';

interface SetupDependencies {
  features: FeaturesPluginSetup;
}

interface StartDependencies {
  /** Optional: without it (security disabled) jobs act with the user's session while this Kibana runs. */
  security?: SecurityPluginStart;
  /** Optional: where it runs, owners record the space a source, job or report was created in. */
  spaces?: SpacesPluginStart;
}

export class MigrationAssistantServerPlugin implements Plugin<void, void, SetupDependencies, StartDependencies> {
  private security: SecurityPluginStart | undefined;
  private spaces: SpacesPluginStart | undefined;
  private savedObjects: SavedObjectsServiceStart | undefined;
  private readonly logger: Logger;
  private readonly config: MigrationAssistantConfig;
  private services: MigrationServices | undefined;
  private resolveServices: ((services: MigrationServices) => void) | undefined;
  private readonly servicesReady: Promise<MigrationServices>;

  constructor(private readonly context: PluginInitializerContext<MigrationAssistantConfig>) {
    this.logger = context.logger.get();
    this.config = context.config.get();
    this.servicesReady = new Promise((resolve) => {
      this.resolveServices = resolve;
    });
  }

  setup(core: CoreSetup, { features }: SetupDependencies): void {
    // Like Snapshot and Restore: the app is shown only to users with the `manage` cluster privilege.
    features.registerElasticsearchFeature({
      id: PLUGIN_ID,
      management: { data: [APP_ID] },
      catalogue: [APP_ID],
      privileges: [{ requiredClusterPrivileges: ['manage'], ui: [] }],
    });
    registerRoutes({
      router: core.http.createRouter(),
      getServices: () => this.servicesReady,
      getSecurity: () => this.security,
      getSpaceId: (request) => this.spaces?.spacesService.getSpaceId(request),
      // Saved objects import: the request's scoped client and Kibana's importer (routes/saved_objects.ts).
      getSavedObjects: () => this.savedObjects,
      getKibanaVersion: () => this.context.env.packageInfo.version,
      encryptionConfigured: this.config.encryptionKey !== undefined,
    });
  }

  start(core: CoreStart, plugins: StartDependencies = {}): void {
    const security = plugins.security;
    this.security = security;
    this.spaces = plugins.spaces;
    this.savedObjects = core.savedObjects;
    this.services = createMigrationServices({
      // Job API keys exist only where the security plugin grants them.
      ...(security
        ? {
            scopedClient: (authorization: string) => core.elasticsearch.client.asScoped({ headers: { authorization } }).asCurrentUser as never,
            invalidateApiKeys: async (ids: string[]) => {
              await security.authc.apiKeys.invalidateAsInternalUser({ ids });
            },
          }
        : {}),
      internalClient: core.elasticsearch.client.asInternalUser,
      encryptionKey: this.config.encryptionKey,
      allowedHosts: this.config.sources.allowedHosts,
      pollIntervalMs: this.config.pollIntervalMs,
      defaultConcurrency: this.config.defaultConcurrency,
      logger: this.logger,
      // Kibana keeps its instance uuid across restarts, so a restarted instance takes its own leases back.
      instanceId: this.context.env.instanceUuid,
    });
    if (this.config.encryptionKey === undefined) {
      this.logger.warn(
        'migrationAssistant.encryptionKey is not set: source passwords and API keys are kept in memory only and must be entered again after a restart.'
      );
    }
    this.services.runner.start();
    this.resolveServices?.(this.services);
  }

  async stop(): Promise<void> {
    await this.services?.runner.stop();
    await this.services?.verifications.settled();
  }
}
