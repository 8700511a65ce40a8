/* Every route of the plugin, one module per resource. */
import { withAuthorization } from './authorization';
import { registerJobRoutes } from './jobs';
import { registerPreflightRoute } from './preflight';
import { registerSavedObjectsRoutes } from './saved_objects';
import { registerSnapshotRoutes } from './snapshots';
import { registerSourceRoutes } from './sources';
import { registerStatusRoute } from './status';
import type { RouteDependencies } from './types';
import { registerVerificationRoutes } from './verifications';

export const registerRoutes = (given: RouteDependencies): void => {
  // Every route's handler runs after the caller's privileges were checked (authorization.ts).
  const dependencies = { ...given, router: withAuthorization(given.router, given.getSpaceId) };
  registerStatusRoute(dependencies);
  registerSourceRoutes(dependencies);
  registerPreflightRoute(dependencies);
  registerJobRoutes(dependencies);
  registerSnapshotRoutes(dependencies);
  registerVerificationRoutes(dependencies);
  registerSavedObjectsRoutes(dependencies);
};
