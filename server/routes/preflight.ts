/* POST /api/migration_assistant/preflight (http_api.md, Preflight). */
import { API_BASE_PATH, API_VERSION } from '../../common/constants';
import { preflightRequestSchema } from '../../common/schemas/preflight';
import type { EsClient } from '../lib/es_client';
import { runReindexPreflight } from '../lib/preflight/preflight_service';
import { runSnapshotPreflight } from '../lib/preflight/snapshot_preflight';
import type { RouteDependencies } from './types';
import { ES_AUTHORIZED, guarded, validateWith } from './route_helpers';

export const registerPreflightRoute = ({ router, getServices }: RouteDependencies): void => {
  router.versioned
    .post({ path: `${API_BASE_PATH}/preflight`, access: 'public', security: ES_AUTHORIZED, summary: 'Check a migration before it runs' })
    .addVersion(
      { version: API_VERSION, validate: { request: { body: validateWith(preflightRequestSchema) } } },
      guarded(async (context, request, response) => {
        const { sources } = await getServices();
        const client = (await context.core).elasticsearch.client.asCurrentUser as EsClient;
        const body = request.body;
        if (body.method === 'snapshot') {
          const { method: _method, ...restore } = body;
          return response.ok({ body: await runSnapshotPreflight(client, { type: 'snapshot_restore', ...restore }) });
        }
        return response.ok({ body: await runReindexPreflight(sources, client, body) });
      })
    );
};
