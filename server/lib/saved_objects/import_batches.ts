/*
 * The import through this Kibana's own importer (`createImporter(client).import(...)` with the current
 * user's scoped client, so its privileges and migrations apply), in batches under its limits: at most
 * `importSizeLimit` objects (Kibana's `savedObjects.maxImportExportSize`, default 10000) and a payload well
 * under `savedObjects.maxImportPayloadBytes` (26214400). Referenced objects go in earlier batches, so each
 * batch finds its references in this Kibana. Only objects the check found healthy are sent: Kibana writes
 * nothing in a batch that has one conflict or missing reference.
 */
import { Readable } from 'node:stream';
import type {
  SavedObjectImportResult,
  SavedObjectsImportMode,
  SavedObjectsImportReport,
} from '../../../common/types/saved_objects';
import { MigrationError } from '../migration_error';
import type { CheckResult } from './check';
import { toExportObject } from './export_ndjson';
import { DestinationKibana, namespaceOf, SoImportError } from './kibana_saved_objects_api';
import { SavedObjectIndex, sortReferencesFirst } from './selection';

export const DEFAULT_BATCH_OBJECTS = 1_000;
/** A batch stays under a fifth of Kibana's default import payload limit. */
export const DEFAULT_BATCH_BYTES = 5 * 1024 * 1024;

export interface ImportLimits {
  maxObjects?: number;
  maxBytes?: number;
}

const importErrorMessage = (error: SoImportError['error']): string => {
  switch (error.type) {
    case 'conflict':
      return 'An object with this id is already in this Kibana (conflict).';
    case 'ambiguous_conflict':
      return 'Several objects of this Kibana come from this one (ambiguous_conflict).';
    case 'missing_references':
      return `It references objects this Kibana does not have: ${('references' in error ? error.references : []).map((ref) => `${ref.type} ${ref.id}`).join(', ')}.`;
    case 'unsupported_type':
      return 'This Kibana does not have this saved object type (unsupported_type).';
    default:
      return 'message' in error && error.message ? error.message : `Refused by Kibana (${error.type}).`;
  }
};

const importErrorRemedy = (error: SoImportError['error']): string => {
  switch (error.type) {
    case 'conflict':
    case 'ambiguous_conflict':
      return 'Import again with "overwrite" or "create new copies".';
    case 'missing_references':
      return 'Check again: the check lists the missing references with their remedies.';
    case 'unsupported_type':
      return 'Leave this object out.';
    default:
      return 'Check the Kibana server log for the cause, fix it, and import the object again.';
  }
};

/** Splits objects into batches of at most `maxObjects` and about `maxBytes` of ndjson each. */
export const splitBatches = <T>(items: readonly T[], sizeOf: (item: T) => number, limits: Required<ImportLimits>): T[][] => {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length && (current.length >= limits.maxObjects || bytes + size > limits.maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
};

export const importCheckedSelection = async (
  checked: CheckResult,
  index: SavedObjectIndex,
  destination: DestinationKibana,
  options: { space: string; mode: SavedObjectsImportMode; limits?: ImportLimits }
): Promise<SavedObjectsImportReport> => {
  const limits = { maxObjects: options.limits?.maxObjects ?? DEFAULT_BATCH_OBJECTS, maxBytes: options.limits?.maxBytes ?? DEFAULT_BATCH_BYTES };
  const ordered = sortReferencesFirst(checked.importable, index).map((entry) => {
    const line = JSON.stringify(toExportObject(entry.object));
    return { entry, line };
  });
  const batches = splitBatches(ordered, (item) => Buffer.byteLength(item.line) + 1, limits);
  if (options.mode === 'create_new_copies' && batches.length > 1) {
    // New ids are given per import call, and references are rewritten only within one call.
    throw new MigrationError(
      'saved_objects_import_refused',
      `New copies of ${ordered.length} objects need one import call, and they do not fit in one (at most ${limits.maxObjects} objects and ${limits.maxBytes} bytes)`,
      400,
      { field: 'mode', remedy: 'Import with "overwrite" or "keep existing", or select fewer objects at a time (each group with what it references).' }
    );
  }
  const results: SavedObjectImportResult[] = [];
  const titleOf = new Map(ordered.map(({ entry }) => [`${entry.object.type}:${entry.object.id}`, entry.object.title]));
  for (const [i, batch] of batches.entries()) {
    const response = await destination.importer.import({
      readStream: Readable.from(batch.map((item) => `${item.line}\n`)),
      overwrite: options.mode === 'overwrite',
      createNewCopies: options.mode === 'create_new_copies',
      namespace: namespaceOf(options.space),
      refresh: 'wait_for',
      // Objects whose id changes get a legacy URL alias from their old id, so old links keep working.
      compatibilityMode: options.mode !== 'create_new_copies',
      ...(destination.request !== undefined ? { request: destination.request } : {}),
    });
    for (const success of response.successResults ?? []) {
      results.push({
        type: success.type,
        id: success.id,
        title: success.meta.title ?? titleOf.get(`${success.type}:${success.id}`) ?? success.id,
        status: success.overwrite ? 'overwritten' : 'created',
        ...(success.destinationId ? { destination_id: success.destinationId } : {}),
        batch: i + 1,
      });
    }
    for (const failure of response.errors ?? []) {
      results.push({
        type: failure.type,
        id: failure.id,
        title: failure.meta.title ?? titleOf.get(`${failure.type}:${failure.id}`) ?? failure.id,
        status: 'refused',
        error: { type: failure.error.type, message: importErrorMessage(failure.error), remedy: importErrorRemedy(failure.error) },
        batch: i + 1,
      });
    }
    // An object neither created nor refused was not written: Kibana wrote nothing in a batch with an open conflict.
    const answered = new Set(results.map((result) => `${result.type}:${result.id}`));
    for (const { entry } of batch) {
      if (answered.has(`${entry.object.type}:${entry.object.id}`)) continue;
      results.push({
        type: entry.object.type,
        id: entry.object.id,
        title: entry.object.title,
        status: 'refused',
        error: {
          type: 'not_written',
          message: 'Kibana wrote nothing in this batch because another object of it had a conflict or a missing reference.',
          remedy: 'Resolve the other objects\' errors (check again), then import again.',
        },
        batch: i + 1,
      });
    }
  }
  // What the check kept out, with its reasons.
  const sent = new Set(checked.importable.map((entry) => `${entry.space}\u0000${entry.object.type}\u0000${entry.object.id}`));
  for (const object of checked.report.objects) {
    if (sent.has(`${object.space}\u0000${object.type}\u0000${object.id}`)) continue;
    const own = checked.report.problems.filter((p) => p.type === object.type && p.id === object.id);
    const first = own.find((p) => p.severity === 'error') ?? own[0];
    results.push({
      type: object.type,
      id: object.id,
      title: object.title,
      status: 'refused',
      ...(object.destination_id ? { destination_id: object.destination_id } : {}),
      error: {
        type: first?.kind ?? 'refused_by_check',
        message: own.map((p) => p.message).join(' ') || 'Refused by the check.',
        remedy: first?.remedy,
      },
    });
  }
  return {
    imported_at: new Date().toISOString(),
    space: options.space,
    mode: options.mode,
    batches: batches.length,
    success_count: results.filter((result) => result.status !== 'refused').length,
    refused_count: results.filter((result) => result.status === 'refused').length,
    results,
    check: checked.report,
  };
};
