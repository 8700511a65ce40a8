/*
 * /api/migration_assistant/saved_objects: a source's Kibana saved objects into this Kibana (issue 17).
 * Listing reads the source's `.kibana` (or a restored copy); the check, the import and the read-back go
 * through this Kibana's saved objects service with the current user's scoped client, so Kibana's own
 * privileges, spaces and migrations apply. Imports run within the request: the importer is request-scoped;
 * each one is then recorded as a finished job of type `saved_objects` (its id in the answer's `job_id`).
 */
import type { KibanaRequest, SavedObjectsClientContract } from '@kbn/core/server';
import { API_BASE_PATH, API_VERSION } from '../../common/constants';
import { savedObjectsListQuerySchema, savedObjectsSelectionSchema, savedObjectsVerifySchema } from '../../common/schemas/saved_objects';
import type { SavedObjectsFrom } from '../../common/types/saved_objects';
import { MigrationError } from '../lib/migration_error';
import type { DestinationKibana } from '../lib/saved_objects/kibana_saved_objects_api';
import type { RouteDependencies } from './types';
import { currentUser, ES_AUTHORIZED, guarded, validateWith } from './route_helpers';

/** A selection of 10,000 objects is about 1.5 MB of JSON: above Kibana's 1 MB default body limit. */
const SELECTION_BODY = { body: { maxBytes: 20 * 1024 * 1024 } };

export const registerSavedObjectsRoutes = ({ router, getServices, getSavedObjects, getKibanaVersion }: RouteDependencies): void => {
  const path = `${API_BASE_PATH}/saved_objects`;
  const service = async () => (await getServices()).savedObjects;

  /** This Kibana's saved objects for the request's user. */
  const destinationFor = (request: KibanaRequest): DestinationKibana => {
    const savedObjects = getSavedObjects?.();
    const kibanaVersion = getKibanaVersion?.();
    if (!savedObjects || !kibanaVersion) {
      throw new MigrationError('saved_objects_unavailable', "Kibana's saved objects service is not available yet", 503, {
        remedy: 'Wait until Kibana has started, then try again.',
      });
    }
    const client: SavedObjectsClientContract = savedObjects.getScopedClient(request);
    return {
      client: {
        bulkGet: (objects, options) => client.bulkGet<Record<string, unknown>>(objects, options),
        find: (options) => client.find<Record<string, unknown>>(options),
      },
      importer: savedObjects.createImporter(client),
      registry: savedObjects.getTypeRegistry(),
      kibanaVersion,
      request,
    };
  };

  router.versioned
    .get({ path, access: 'public', security: ES_AUTHORIZED, summary: "A source's Kibana saved objects with their spaces and references (?source_id= or ?index=)" })
    .addVersion(
      { version: API_VERSION, validate: { request: { query: validateWith(savedObjectsListQuerySchema) } } },
      guarded(async (context, request, response) => {
        const from: SavedObjectsFrom = request.query.source_id ? { source_id: request.query.source_id } : { index: request.query.index as string };
        return response.ok({ body: await (await service()).list(from, await currentUser(context)) });
      })
    );

  router.versioned
    .post({ path: `${path}/_check`, access: 'public', security: ES_AUTHORIZED, summary: 'Check a selection against this Kibana: every reference, clashes, too-new objects, unsupported types', options: SELECTION_BODY })
    .addVersion(
      { version: API_VERSION, validate: { request: { body: validateWith(savedObjectsSelectionSchema) } } },
      guarded(async (context, request, response) =>
        response.ok({ body: await (await service()).check(request.body, await currentUser(context), destinationFor(request as KibanaRequest)) })
      )
    );

  router.versioned
    .post({ path: `${path}/_export`, access: 'public', security: ES_AUTHORIZED, summary: 'A selection as a Kibana import file (ndjson with the export summary line)', options: SELECTION_BODY })
    .addVersion(
      { version: API_VERSION, validate: { request: { body: validateWith(savedObjectsSelectionSchema) } } },
      guarded(async (context, request, response) =>
        response.ok({
          body: await (await service()).exportNdjson(request.body, await currentUser(context)),
          headers: { 'content-type': 'application/ndjson', 'content-disposition': 'attachment; filename="export.ndjson"' },
        })
      )
    );

  router.versioned
    .post({ path: `${path}/_import`, access: 'public', security: ES_AUTHORIZED, summary: "Check a selection, then import its healthy objects through Kibana's importer, in batches", options: SELECTION_BODY })
    .addVersion(
      { version: API_VERSION, validate: { request: { body: validateWith(savedObjectsSelectionSchema) } } },
      guarded(async (context, request, response) => {
        const destination = destinationFor(request as KibanaRequest);
        // Where this Kibana keeps the imported types (8.8+ splits .kibana), recorded on the job for its verification.
        const indicesFor = (types: string[]) => getSavedObjects?.()?.getIndicesForTypes(types) ?? [];
        return response.ok({ body: await (await service()).import(request.body, await currentUser(context), destination, { indicesFor }) });
      })
    );

  router.versioned
    .post({ path: `${path}/_verify`, access: 'public', security: ES_AUTHORIZED, summary: 'Read imported objects back from this Kibana, by id in a space', options: SELECTION_BODY })
    .addVersion(
      { version: API_VERSION, validate: { request: { body: validateWith(savedObjectsVerifySchema) } } },
      guarded(async (_context, request, response) => response.ok({ body: await (await service()).verify(request.body, destinationFor(request as KibanaRequest)) }))
    );
};
