/*
 * The check before importing: every reference of every selected object (Kibana's own import checks only
 * data views and saved searches), objects too new for this Kibana, types it no longer has, and clashes
 * with its objects (same id, or an object whose originId is that id), with what the chosen mode does to
 * each. Each problem comes with its remedy; errors keep the object out of the import.
 */
import pMap from 'p-map';
import type {
  CheckedObject,
  CheckedReference,
  SavedObjectProblem,
  SavedObjectReference,
  SavedObjectsCheckReport,
  SavedObjectsImportMode,
  SourceSavedObject,
} from '../../../common/types/saved_objects';
import { importVersionGap, tooNewReason } from '../../../common/lib/saved_objects_versions';
import { DestinationKibana, latestTypeVersion, namespaceOf, SoClientObject } from './kibana_saved_objects_api';
import { objectKey, SavedObjectIndex, SelectedObject } from './selection';

export interface CheckInput {
  index: SavedObjectIndex;
  selection: SelectedObject[];
  destination: DestinationKibana;
  space: string;
  mode: SavedObjectsImportMode;
  readFrom: string;
  sourceKibanaVersion?: string;
}

/** A checked selection: the report, and which selected objects may go to the importer. */
export interface CheckResult {
  report: SavedObjectsCheckReport;
  importable: SelectedObject[];
  /** Destination objects found per reference or selected object (`type:id`), for the import's results. */
  destinationIds: Map<string, string>;
}

const BULK_GET_CHUNK = 1_000;
const MAX_CONCURRENT_FINDS = 10;

const typeId = (type: string, id: string) => `${type}:${id}`;

/** Kibana's origin query (import lib/utils.ts createOriginQuery): the raw id or the originId. */
const originQuery = (type: string, id: string): string => {
  const escaped = id.replace(/[\\"]/g, (char) => `\\${char}`);
  return `"${type}:${escaped}" | "${escaped}"`;
};

/** Objects of this Kibana with these exact ids in the space (types it does not have count as absent). */
const existingById = async (destination: DestinationKibana, space: string, keys: Array<{ type: string; id: string }>): Promise<Map<string, SoClientObject>> => {
  const found = new Map<string, SoClientObject>();
  const known = keys.filter((key) => destination.registry.getType(key.type));
  for (let i = 0; i < known.length; i += BULK_GET_CHUNK) {
    const { saved_objects: objects } = await destination.client.bulkGet(known.slice(i, i + BULK_GET_CHUNK), { namespace: namespaceOf(space) });
    for (const object of objects) if (!object.error) found.set(typeId(object.type, object.id), object);
  }
  return found;
};

/** Objects of this Kibana whose id or originId is this id, in the space (multi-namespace types only, as Kibana's import). */
const byOrigin = async (destination: DestinationKibana, space: string, type: string, id: string): Promise<SoClientObject[]> => {
  if (!destination.registry.isMultiNamespace(type)) return [];
  const result = await destination.client.find({
    type,
    search: originQuery(type, id),
    rootSearchFields: ['_id', 'originId'],
    page: 1,
    perPage: 10,
    fields: ['title'],
    namespaces: [space],
  });
  return result.saved_objects;
};

const missingReferenceRemedy = (object: SourceSavedObject, reference: SavedObjectReference, space: string): string => {
  if (reference.type === 'index-pattern') {
    return `Create a data view with id "${reference.id}" in space "${space}" of this Kibana (Stack Management → Data Views, or POST /api/data_views/data_view with "id": "${reference.id}"), then check again; or leave "${object.title}" out.`;
  }
  if (object.type === 'dashboard') {
    return `"${object.title}" would show an error in place of its panel ${reference.name}: import a ${reference.type} with id "${reference.id}" first, or leave the dashboard out and remove that panel in the source's Kibana before exporting it again.`;
  }
  return `Import a ${reference.type} with id "${reference.id}" into space "${space}" first, or leave "${object.title}" out.`;
};

export const checkSelection = async (input: CheckInput): Promise<CheckResult> => {
  const { index, selection, destination, space, mode } = input;
  const problems: SavedObjectProblem[] = [];
  const refused = new Set<string>();
  const keyOf = (entry: SelectedObject) => objectKey(entry.space, entry.object.type, entry.object.id);
  const problem = (entry: SelectedObject, kind: SavedObjectProblem['kind'], severity: SavedObjectProblem['severity'], message: string, remedy: string, reference?: SavedObjectReference) => {
    problems.push({ kind, severity, type: entry.object.type, id: entry.object.id, title: entry.object.title, ...(reference ? { reference } : {}), message, remedy });
    if (severity === 'error') refused.add(keyOf(entry));
  };

  // Types this Kibana no longer has (or that it does not import), and objects newer than it.
  const importableTypes = new Set(destination.registry.getImportableAndExportableTypes().map((type) => type.name));
  for (const entry of selection) {
    const { object } = entry;
    if (!importableTypes.has(object.type)) {
      const known = destination.registry.getType(object.type);
      problem(
        entry,
        'unsupported_type',
        'error',
        known
          ? `This Kibana does not import objects of type ${object.type}.`
          : `This Kibana ${destination.kibanaVersion} has no saved object type ${object.type}${object.type === 'timelion-sheet' ? ' (Timelion sheets were removed in 7.16)' : ''}.`,
        object.type === 'timelion-sheet'
          ? `Recreate "${object.title}" as a visualization with a Timelion expression (or in Lens), and leave the sheet out.`
          : `Leave "${object.title}" out; its importer answers unsupported_type for it.`
      );
      continue;
    }
    const tooNew = tooNewReason(object, destination.kibanaVersion, latestTypeVersion(destination.registry.getType(object.type)));
    if (tooNew) {
      problem(entry, 'too_new', 'error', `${tooNew} Kibana refuses the whole import when one object is too new.`, `Leave "${object.title}" out, or import it into a Kibana of its own version or newer.`);
    }
  }

  // What this Kibana already has: the selected objects themselves, and every reference outside the selection.
  const selectedKeys = new Set(selection.map(keyOf));
  const outside = new Map<string, SavedObjectReference>();
  for (const entry of selection) {
    for (const reference of entry.object.references) {
      const target = index.resolve(entry.space, reference);
      if (!(target && selectedKeys.has(objectKey(entry.space, target.type, target.id)))) outside.set(typeId(reference.type, reference.id), reference);
    }
  }
  const existing = await existingById(destination, space, [
    ...selection.map((entry) => ({ type: entry.object.type, id: entry.object.id })),
    ...[...outside.values()].map((reference) => ({ type: reference.type, id: reference.id })),
  ]);
  const destinationIds = new Map<string, string>();
  // References not there by id may be there by origin (an object imported earlier as a copy).
  const unresolved = [...outside.values()].filter((reference) => !existing.has(typeId(reference.type, reference.id)) && destination.registry.getType(reference.type));
  const originMatches = await pMap(unresolved, (reference) => byOrigin(destination, space, reference.type, reference.id), { concurrency: MAX_CONCURRENT_FINDS });
  unresolved.forEach((reference, i) => {
    const match = originMatches[i]?.[0];
    if (match) destinationIds.set(typeId(reference.type, reference.id), match.id);
  });
  for (const [key, object] of existing) destinationIds.set(key, object.id);

  // Clashes of the selected objects with this Kibana's, and what the mode does to each.
  const outcomes = new Map<string, { outcome: CheckedObject['outcome']; destination_id?: string }>();
  const selectedOrigins =
    mode === 'create_new_copies'
      ? []
      : await pMap(
          selection.filter((entry) => !existing.has(typeId(entry.object.type, entry.object.id)) && importableTypes.has(entry.object.type)),
          async (entry) => ({ entry, matches: await byOrigin(destination, space, entry.object.type, entry.object.originId ?? entry.object.id) }),
          { concurrency: MAX_CONCURRENT_FINDS }
        );
  const originByKey = new Map(selectedOrigins.map(({ entry, matches }) => [keyOf(entry), matches]));
  for (const entry of selection) {
    const { object } = entry;
    if (mode === 'create_new_copies') {
      outcomes.set(keyOf(entry), { outcome: 'new_copy' });
      if (object.extracted_references && object.references.length) {
        problem(
          entry,
          'id_conflict',
          'warning',
          `"${object.title}" keeps its references inside its attributes (a Kibana 6.x object): Kibana's migrations extract them after new ids are given, so they keep the source's ids.`,
          'Import with overwrite (or keep existing) to keep the ids, or make sure the objects it references keep their ids in this Kibana.'
        );
      }
      continue;
    }
    const same = existing.get(typeId(object.type, object.id));
    const origin = same ? [] : originByKey.get(keyOf(entry)) ?? [];
    if (origin.length > 1) {
      problem(
        entry,
        'ambiguous_conflict',
        'error',
        `${origin.length} objects of this Kibana come from "${object.title}" (${origin.map((match) => match.id).join(', ')}): Kibana answers ambiguous_conflict.`,
        'Import with "create new copies", or delete all but one of those objects in this Kibana.'
      );
      continue;
    }
    const clash = same ?? origin[0];
    if (!clash) {
      outcomes.set(keyOf(entry), { outcome: 'create' });
      continue;
    }
    const where = clash.id === object.id ? `with the same id` : `whose originId is ${object.originId ?? object.id} (id ${clash.id})`;
    if (mode === 'overwrite') {
      outcomes.set(keyOf(entry), { outcome: 'overwrite', destination_id: clash.id });
      problem(entry, 'id_conflict', 'warning', `This Kibana has a ${object.type} ${where}: it will be overwritten.`, 'Choose "create new copies" to keep it and import a copy next to it.');
    } else {
      outcomes.set(keyOf(entry), { outcome: 'refuse', destination_id: clash.id });
      problems.push({
        kind: 'id_conflict',
        severity: 'warning',
        type: object.type,
        id: object.id,
        title: object.title,
        message: `This Kibana has a ${object.type} ${where}: it is kept, and "${object.title}" is not imported.`,
        remedy: 'Choose "overwrite" to replace it, or "create new copies" to import a copy next to it.',
      });
      // Objects referencing it use the one already here.
      destinationIds.set(typeId(object.type, object.id), clash.id);
    }
  }

  // Every reference, until no more objects are refused (a reference to a refused object is broken too).
  const referencesOf = new Map<string, CheckedReference[]>();
  const skipped = new Set(selection.filter((entry) => outcomes.get(keyOf(entry))?.outcome === 'refuse' && !refused.has(keyOf(entry))).map(keyOf));
  const brokenReported = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const entry of selection) {
      const checked: CheckedReference[] = [];
      for (const reference of entry.object.references) {
        const target = index.resolve(entry.space, reference);
        const targetKey = target ? objectKey(entry.space, target.type, target.id) : undefined;
        const destinationId = destinationIds.get(typeId(reference.type, reference.id));
        let status: CheckedReference['status'];
        if (targetKey && selectedKeys.has(targetKey) && !refused.has(targetKey) && !skipped.has(targetKey)) status = 'in_selection';
        else if (destinationId) status = 'in_destination';
        else if (targetKey && selectedKeys.has(targetKey)) status = 'missing';
        else status = target ? 'in_source_not_selected' : 'missing';
        checked.push({ ...reference, status, ...(status === 'in_destination' ? { destination_id: destinationId } : {}) });
        if (status === 'in_selection' || status === 'in_destination') continue;
        const reportKey = `${keyOf(entry)}\u0000${reference.name}\u0000${reference.type}\u0000${reference.id}`;
        if (brokenReported.has(reportKey)) continue;
        brokenReported.add(reportKey);
        const wasRefused = refused.has(keyOf(entry));
        if (targetKey && selectedKeys.has(targetKey)) {
          problem(
            entry,
            'reference_refused',
            'error',
            `${reference.name} points at ${reference.type} "${target?.title}" (${reference.id}), which cannot be imported (see its problem).`,
            `Fix "${target?.title}" first, or leave "${entry.object.title}" out.`,
            reference
          );
        } else if (target) {
          problem(
            entry,
            'reference_not_selected',
            'error',
            `${reference.name} points at ${reference.type} "${target.title}" (${reference.id}), which is neither selected nor in this Kibana.`,
            `Select "${target.title}" too, or check "with everything they reference".`,
            reference
          );
        } else {
          problem(
            entry,
            'missing_reference',
            'error',
            `${reference.name} points at ${reference.type} ${reference.id}, which is neither in the source nor in this Kibana (deleted).`,
            missingReferenceRemedy(entry.object, reference, space),
            reference
          );
        }
        if (!wasRefused) changed = true;
      }
      referencesOf.set(keyOf(entry), checked);
    }
  }

  if (input.sourceKibanaVersion && importVersionGap(input.sourceKibanaVersion, destination.kibanaVersion) === 'older_than_previous_major') {
    problems.push({
      kind: 'version_gap',
      severity: 'warning',
      type: '',
      id: '',
      title: '',
      message: `Kibana documents imports from the same or the previous major only; these objects come from Kibana ${input.sourceKibanaVersion} and this Kibana is ${destination.kibanaVersion}. Its importer still runs every migration it has on them.`,
      remedy: 'Open the imported dashboards and visualizations once after the import, or pass them through a Kibana of the major in between.',
    });
  }

  const objects: CheckedObject[] = selection.map((entry) => {
    const key = keyOf(entry);
    const planned = outcomes.get(key);
    return {
      type: entry.object.type,
      id: entry.object.id,
      space: entry.space,
      title: entry.object.title,
      ...(entry.added_as_reference ? { added_as_reference: true } : {}),
      references: referencesOf.get(key) ?? [],
      outcome: refused.has(key) ? 'refuse' : planned?.outcome ?? 'refuse',
      ...(planned?.destination_id ? { destination_id: planned.destination_id } : {}),
    };
  });
  const importable = selection.filter((entry) => !refused.has(keyOf(entry)) && !skipped.has(keyOf(entry)));
  const errors = problems.filter((p) => p.severity === 'error');
  return {
    importable,
    destinationIds,
    report: {
      checked_at: new Date().toISOString(),
      read_from: input.readFrom,
      ...(input.sourceKibanaVersion ? { source_kibana_version: input.sourceKibanaVersion } : {}),
      kibana_version: destination.kibanaVersion,
      space,
      mode,
      objects,
      problems,
      summary: {
        selected: selection.length,
        importable: importable.length,
        refused: selection.length - importable.length,
        broken_references: errors.filter((p) => p.kind === 'missing_reference' || p.kind === 'reference_not_selected' || p.kind === 'reference_refused').length,
        warnings: problems.length - errors.length,
      },
    },
  };
};
