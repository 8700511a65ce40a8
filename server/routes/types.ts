/* What every route module is given. */
import type { IRouter } from '@kbn/core/server';
import type { MigrationServices } from '../lib/migration_services';

export interface RouteDependencies {
  router: IRouter;
  getServices: () => Promise<MigrationServices>;
  encryptionConfigured: boolean;
}
