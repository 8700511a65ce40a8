/*
 * The user's selection and its closure: "with everything they reference" adds, transitively, every object
 * a selected object references in the same space (Kibana resolves references within one space), as
 * Kibana's export with `includeReferencesDeep` does.
 */
import type { SavedObjectKey, SavedObjectReference, SourceSavedObject } from '../../../common/types/saved_objects';
import { MigrationError } from '../migration_error';

export interface SelectedObject {
  object: SourceSavedObject;
  /** The space it is read from. */
  space: string;
  added_as_reference: boolean;
}

export const objectKey = (space: string, type: string, id: string): string => `${space}\u0000${type}\u0000${id}`;

/** Finds saved objects by type, id and space among those read from the source. */
export class SavedObjectIndex {
  private readonly byTypeAndId = new Map<string, SourceSavedObject[]>();

  constructor(readonly objects: readonly SourceSavedObject[]) {
    for (const object of objects) {
      const key = `${object.type}\u0000${object.id}`;
      this.byTypeAndId.set(key, [...(this.byTypeAndId.get(key) ?? []), object]);
    }
  }

  /** The object of this type and id visible in the space (its own, or shared to all spaces with `*`). */
  find(space: string, type: string, id: string): SourceSavedObject | undefined {
    const candidates = this.byTypeAndId.get(`${type}\u0000${id}`) ?? [];
    return candidates.find((object) => object.spaces.includes(space)) ?? candidates.find((object) => object.spaces.includes('*'));
  }

  /** The reference as seen from an object in `space`. */
  resolve(space: string, reference: SavedObjectReference): SourceSavedObject | undefined {
    return this.find(space, reference.type, reference.id);
  }
}

/** The selected objects (in the order asked), then what they reference when `includeReferences` is set. */
export const resolveSelection = (index: SavedObjectIndex, keys: readonly SavedObjectKey[], includeReferences: boolean): SelectedObject[] => {
  const selected = new Map<string, SelectedObject>();
  const unknown: SavedObjectKey[] = [];
  for (const key of keys) {
    const object = index.find(key.space, key.type, key.id);
    if (!object) unknown.push(key);
    else selected.set(objectKey(key.space, object.type, object.id), { object, space: key.space, added_as_reference: false });
  }
  if (unknown.length) {
    const names = unknown.slice(0, 5).map((key) => `${key.type} [${key.id}] in space [${key.space}]`);
    throw new MigrationError('saved_object_not_found', `Not in the source's saved objects: ${names.join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}`, 404, {
      field: 'objects',
      remedy: 'List the saved objects again (GET /api/migration_assistant/saved_objects) and select among those.',
    });
  }
  if (!includeReferences) return [...selected.values()];
  const queue = [...selected.values()];
  while (queue.length) {
    const current = queue.shift() as SelectedObject;
    for (const reference of current.object.references) {
      const target = index.resolve(current.space, reference);
      if (!target) continue;
      const key = objectKey(current.space, target.type, target.id);
      if (selected.has(key)) continue;
      const added = { object: target, space: current.space, added_as_reference: true };
      selected.set(key, added);
      queue.push(added);
    }
  }
  return [...selected.values()];
};

/** Referenced objects before those referencing them (as Kibana's export sorts), so each import batch finds its references. */
export const sortReferencesFirst = (objects: readonly SelectedObject[], index: SavedObjectIndex): SelectedObject[] => {
  const byKey = new Map(objects.map((entry) => [objectKey(entry.space, entry.object.type, entry.object.id), entry]));
  const sorted: SelectedObject[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (entry: SelectedObject) => {
    const key = objectKey(entry.space, entry.object.type, entry.object.id);
    if (state.get(key)) return; // done, or a cycle: keep the order reached
    state.set(key, 'visiting');
    for (const reference of entry.object.references) {
      const target = index.resolve(entry.space, reference);
      const dependency = target ? byKey.get(objectKey(entry.space, target.type, target.id)) : undefined;
      if (dependency) visit(dependency);
    }
    state.set(key, 'done');
    sorted.push(entry);
  };
  objects.forEach(visit);
  return sorted;
};
