/* What every route module is given. */
import type { IRouter, KibanaRequest, SavedObjectsServiceStart } from '@kbn/core/server';
import type { SecurityPluginStart } from '@kbn/security-plugin/server';
import type { MigrationServices } from '../lib/migration_services';

export interface RouteDependencies {
  router: IRouter;
  getServices: () => Promise<MigrationServices>;
  /** The optional security plugin's start contract, once Kibana has started. */
  getSecurity?: () => SecurityPluginStart | undefined;
  encryptionConfigured: boolean;
  /** The Kibana space of a request, where the optional spaces plugin runs. */
  getSpaceId?: (request: KibanaRequest) => string | undefined;
  /** Kibana's saved objects service (CoreStart.savedObjects), once Kibana has started (saved_objects.ts). */
  getSavedObjects?: () => SavedObjectsServiceStart | undefined;
  /** This Kibana's version (PluginInitializerContext.env.packageInfo.version). */
  getKibanaVersion?: () => string;
}
