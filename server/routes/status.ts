/* GET /api/migration_assistant/status: the destination cluster, through the caller's own credentials. */
import { API_BASE_PATH, API_VERSION } from '../../common/constants';
import type { EsClient } from '../lib/es_client';
import { getDestinationStatus } from '../lib/status';
import type { RouteDependencies } from './types';
import { ES_AUTHORIZED, guarded } from './route_helpers';

export const registerStatusRoute = ({ router, encryptionConfigured }: RouteDependencies): void => {
  router.versioned
    .get({ path: `${API_BASE_PATH}/status`, access: 'public', security: ES_AUTHORIZED, summary: 'The destination cluster' })
    .addVersion({ version: API_VERSION, validate: false }, guarded(async (context, _request, response) => {
      const client = (await context.core).elasticsearch.client.asCurrentUser as EsClient;
      return response.ok({ body: { destination: await getDestinationStatus(client), encryption_configured: encryptionConfigured } });
    }));
};
