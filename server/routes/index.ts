/* Every route of the plugin, one module per resource. */
import { registerJobRoutes } from './jobs';
import { registerPreflightRoute } from './preflight';
import { registerSnapshotRoutes } from './snapshots';
import { registerSourceRoutes } from './sources';
import { registerStatusRoute } from './status';
import type { RouteDependencies } from './types';
import { registerVerificationRoutes } from './verifications';

export const registerRoutes = (dependencies: RouteDependencies): void => {
  registerStatusRoute(dependencies);
  registerSourceRoutes(dependencies);
  registerPreflightRoute(dependencies);
  registerJobRoutes(dependencies);
  registerSnapshotRoutes(dependencies);
  registerVerificationRoutes(dependencies);
};
