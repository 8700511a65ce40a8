/* /api/migration_assistant/sources: saved connections to source clusters (http_api.md, Sources). */
import { API_BASE_PATH, API_VERSION } from '../../common/constants';
import { sourceIdParamsSchema, sourceIndicesQuerySchema, sourceInputSchema } from '../../common/schemas/sources';
import type { RouteDependencies } from './types';
import { currentUser, ES_AUTHORIZED, guarded, validateWith } from './route_helpers';

export const registerSourceRoutes = ({ router, getServices }: RouteDependencies): void => {
  const path = `${API_BASE_PATH}/sources`;

  router.versioned
    .get({ path, access: 'public', security: ES_AUTHORIZED, summary: 'List saved sources' })
    .addVersion({ version: API_VERSION, validate: false }, guarded(async (_context, _request, response) => {
      const { sources } = await getServices();
      return response.ok({ body: { sources: await sources.list(), encryption_configured: sources.encryptionConfigured } });
    }));

  router.versioned
    .post({ path, access: 'public', security: ES_AUTHORIZED, summary: 'Save a source connection' })
    .addVersion(
      { version: API_VERSION, validate: { request: { body: validateWith(sourceInputSchema) } } },
      guarded(async (context, request, response) => {
        const { sources } = await getServices();
        return response.custom({ statusCode: 201, body: await sources.create(request.body, await currentUser(context)) });
      })
    );

  router.versioned
    .get({ path: `${path}/{id}`, access: 'public', security: ES_AUTHORIZED, summary: 'Get a source' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(sourceIdParamsSchema) } } },
      guarded(async (_context, request, response) => {
        const { sources } = await getServices();
        return response.ok({ body: await sources.get(request.params.id) });
      })
    );

  router.versioned
    .put({ path: `${path}/{id}`, access: 'public', security: ES_AUTHORIZED, summary: 'Update a source' })
    .addVersion(
      {
        version: API_VERSION,
        validate: { request: { params: validateWith(sourceIdParamsSchema), body: validateWith(sourceInputSchema) } },
      },
      guarded(async (context, request, response) => {
        const { sources } = await getServices();
        return response.ok({ body: await sources.update(request.params.id, request.body, await currentUser(context)) });
      })
    );

  router.versioned
    .delete({ path: `${path}/{id}`, access: 'public', security: ES_AUTHORIZED, summary: 'Delete a source' })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(sourceIdParamsSchema) } } },
      guarded(async (_context, request, response) => {
        const { sources } = await getServices();
        await sources.delete(request.params.id);
        return response.noContent();
      })
    );

  router.versioned
    .get({ path: `${path}/{id}/info`, access: 'public', security: ES_AUTHORIZED, summary: "The source's name and version" })
    .addVersion(
      { version: API_VERSION, validate: { request: { params: validateWith(sourceIdParamsSchema) } } },
      guarded(async (context, request, response) => {
        const { sources } = await getServices();
        return response.ok({ body: await sources.info(request.params.id, await currentUser(context)) });
      })
    );

  router.versioned
    .get({ path: `${path}/{id}/indices`, access: 'public', security: ES_AUTHORIZED, summary: "The source's indices" })
    .addVersion(
      {
        version: API_VERSION,
        validate: { request: { params: validateWith(sourceIdParamsSchema), query: validateWith(sourceIndicesQuerySchema) } },
      },
      guarded(async (context, request, response) => {
        const { sources } = await getServices();
        return response.ok({ body: await sources.indices(request.params.id, request.query, await currentUser(context)) });
      })
    );
};
