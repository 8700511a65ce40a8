/* /api/migration_assistant/repositories: snapshot repositories and snapshots on the destination. */
import { API_BASE_PATH, API_VERSION } from '../../common/constants';
import { repositoryInputSchema, repositoryNameParamsSchema } from '../../common/schemas/snapshots';
import { listRepositories, registerRepository, verifyRepository } from '../lib/snapshots/repositories';
import { listSnapshots } from '../lib/snapshots/snapshots';
import type { RouteDependencies } from './types';
import { currentUser, ES_AUTHORIZED, guarded, validateWith } from './route_helpers';

export const registerSnapshotRoutes = ({ router }: RouteDependencies): void => {
  const path = `${API_BASE_PATH}/repositories`;
  router.versioned
    .get({ path, access: 'public', security: ES_AUTHORIZED, summary: "The destination's snapshot repositories" })
    .addVersion({ version: API_VERSION, validate: false }, guarded(async (context, _request, response) => {
      return response.ok({ body: { repositories: await listRepositories(await currentUser(context)) } });
    }));

  router.versioned
    .put({ path: `${path}/{name}`, access: 'public', security: ES_AUTHORIZED, summary: 'Register a repository (read-only unless readonly: false) and verify it' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(repositoryNameParamsSchema), body: validateWith(repositoryInputSchema) } } },
      guarded(async (context, request, response) => {
        return response.ok({ body: await registerRepository(await currentUser(context), request.params.name, request.body) });
      })
    );

  router.versioned
    .post({ path: `${path}/{name}/_verify`, access: 'public', security: ES_AUTHORIZED, summary: 'Verify a repository on every node' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(repositoryNameParamsSchema) } } },
      guarded(async (context, request, response) => {
        return response.ok({ body: await verifyRepository(await currentUser(context), request.params.name) });
      })
    );

  router.versioned
    .get({ path: `${path}/{name}/snapshots`, access: 'public', security: ES_AUTHORIZED, summary: 'Snapshots, with whether and how each restores here' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(repositoryNameParamsSchema) } } },
      guarded(async (context, request, response) => {
        return response.ok({ body: { snapshots: await listSnapshots(await currentUser(context), request.params.name) } });
      })
    );
};
