/*
 * Reads the imported objects back from this Kibana with the same request-scoped client (so what the user
 * may see is what is verified): each by its id in the target space, with its title compared.
 */
import type { SavedObjectsVerifyReport, SavedObjectsVerifyRequest, VerifiedSavedObject } from '../../../common/types/saved_objects';
import { DestinationKibana, namespaceOf } from './kibana_saved_objects_api';

const CHUNK = 1_000;

export const verifyImported = async (destination: DestinationKibana, request: SavedObjectsVerifyRequest): Promise<SavedObjectsVerifyReport> => {
  const space = request.space ?? 'default';
  const objects: VerifiedSavedObject[] = [];
  for (let i = 0; i < request.objects.length; i += CHUNK) {
    const chunk = request.objects.slice(i, i + CHUNK);
    const known = chunk.filter((object) => destination.registry.getType(object.type));
    const { saved_objects: found } = known.length
      ? await destination.client.bulkGet(known.map(({ type, id }) => ({ type, id })), { namespace: namespaceOf(space) })
      : { saved_objects: [] };
    const byKey = new Map(found.filter((object) => !object.error).map((object) => [`${object.type}:${object.id}`, object]));
    for (const wanted of chunk) {
      const object = byKey.get(`${wanted.type}:${wanted.id}`);
      const title = object ? ((object.attributes.title ?? object.attributes.name) as string | undefined) : undefined;
      objects.push({
        type: wanted.type,
        id: wanted.id,
        found: object !== undefined,
        ...(title !== undefined ? { title } : {}),
        ...(wanted.title !== undefined ? { expected_title: wanted.title } : {}),
        ...(object && wanted.title !== undefined ? { title_matches: title === wanted.title } : {}),
      });
    }
  }
  const found = objects.filter((object) => object.found).length;
  return { verified_at: new Date().toISOString(), space, found, missing: objects.length - found, objects };
};
