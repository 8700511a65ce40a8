/*
 * Saved objects from a source's `.kibana` into this Kibana (issue 17): list, check, export, import and
 * verify. Reads go to the source over its saved connection (as the source's owner only) or to a restored
 * copy on this cluster as the current user; the check, the import and the verification go through this
 * Kibana's saved objects service for the current request.
 */
import type {
  SavedObjectsCheckReport,
  SavedObjectsFrom,
  SavedObjectsImportReport,
  SavedObjectsListResponse,
  SavedObjectsSelectionRequest,
  SavedObjectsVerifyReport,
  SavedObjectsVerifyRequest,
} from '../../../common/types/saved_objects';
import type { EsClient } from '../es_client';
import type { JobRepository } from '../job_record/job_repository';
import { currentOwner } from '../owners';
import { mapDirectSourceError, SourceService } from '../sources/source_service';
import { checkSelection, CheckResult } from './check';
import { toExportObject, toNdjson } from './export_ndjson';
import { importCheckedSelection, ImportLimits } from './import_batches';
import type { DestinationKibana } from './kibana_saved_objects_api';
import { INTERNAL_TYPES, readSavedObjectsFrom, ReadSavedObjects, SOURCE_KIBANA_INDICES } from './read_saved_objects';
import { savedObjectsJob } from './saved_objects_job';
import { resolveSelection, SavedObjectIndex, sortReferencesFirst } from './selection';
import { verifyImported } from './verify_import';

export interface SavedObjectsServiceDeps {
  sources: Pick<SourceService, 'clientFor'>;
  /** Where each import is recorded as a finished job of type `saved_objects` (absent: not recorded). */
  jobs?: Pick<JobRepository, 'create'>;
}

export interface ImportOptions {
  limits?: ImportLimits;
  /** This Kibana's saved-objects indices holding these types (core.savedObjects.getIndicesForTypes), recorded on the job. */
  indicesFor?: (types: string[]) => string[];
}

interface Read extends ReadSavedObjects {
  readFrom: string;
}

export class SavedObjectsService {
  constructor(private readonly deps: SavedObjectsServiceDeps) {}

  /** The source's saved objects, read as the caller (a saved source is usable by its owner only). */
  async read(from: SavedObjectsFrom, caller: EsClient): Promise<Read> {
    if ('index' in from) {
      return { ...(await readSavedObjectsFrom(caller, from.index)), readFrom: `${from.index} on this cluster` };
    }
    const { client, connection } = await this.deps.sources.clientFor(from.source_id, caller);
    try {
      return { ...(await readSavedObjectsFrom(client, SOURCE_KIBANA_INDICES)), readFrom: `the .kibana indices of ${connection.host}` };
    } catch (error) {
      throw mapDirectSourceError(error, connection.host);
    }
  }

  async list(from: SavedObjectsFrom, caller: EsClient): Promise<SavedObjectsListResponse> {
    const read = await this.read(from, caller);
    const objects = read.objects
      .filter((object) => !INTERNAL_TYPES.has(object.type))
      .flatMap((object) =>
        object.spaces.map((space) => ({
          type: object.type,
          id: object.id,
          space,
          title: object.title,
          spaces: object.spaces,
          references: object.references,
          ...(object.extracted_references ? { extracted_references: true } : {}),
          ...(object.updated_at ? { updated_at: object.updated_at } : {}),
        }))
      )
      .sort((a, b) => a.type.localeCompare(b.type) || a.title.localeCompare(b.title) || a.space.localeCompare(b.space));
    const types: Record<string, number> = {};
    for (const object of objects) types[object.type] = (types[object.type] ?? 0) + 1;
    return {
      read_from: read.readFrom,
      layout: read.layout,
      ...(read.kibanaVersion ? { kibana_version: read.kibanaVersion } : {}),
      total: objects.length,
      types,
      spaces: read.spaces,
      objects,
    };
  }

  private async checked(request: SavedObjectsSelectionRequest, caller: EsClient, destination: DestinationKibana): Promise<{ result: CheckResult; index: SavedObjectIndex }> {
    const read = await this.read(request.from, caller);
    const index = new SavedObjectIndex(read.objects);
    const selection = resolveSelection(index, request.objects, request.include_references === true);
    const result = await checkSelection({
      index,
      selection,
      destination,
      space: request.space ?? 'default',
      mode: request.mode ?? 'overwrite',
      readFrom: read.readFrom,
      sourceKibanaVersion: read.kibanaVersion,
    });
    return { result, index };
  }

  async check(request: SavedObjectsSelectionRequest, caller: EsClient, destination: DestinationKibana): Promise<SavedObjectsCheckReport> {
    return (await this.checked(request, caller, destination)).result.report;
  }

  /** The selection (with its references when asked) as a Kibana import file; references not in it are listed in its summary line. */
  async exportNdjson(request: SavedObjectsSelectionRequest, caller: EsClient): Promise<string> {
    const read = await this.read(request.from, caller);
    const index = new SavedObjectIndex(read.objects);
    const selection = sortReferencesFirst(resolveSelection(index, request.objects, request.include_references === true), index);
    const inFile = new Set(selection.map((entry) => `${entry.object.type}:${entry.object.id}`));
    const missing = new Map<string, { type: string; id: string }>();
    for (const entry of selection) {
      for (const reference of entry.object.references) {
        const key = `${reference.type}:${reference.id}`;
        if (!inFile.has(key)) missing.set(key, { type: reference.type, id: reference.id });
      }
    }
    return toNdjson(
      selection.map((entry) => toExportObject(entry.object)),
      [...missing.values()]
    );
  }

  /** Checks, imports the healthy objects and records the import as a finished `saved_objects` job (its id in `job_id`). */
  async import(request: SavedObjectsSelectionRequest, caller: EsClient, destination: DestinationKibana, options: ImportOptions = {}): Promise<SavedObjectsImportReport> {
    const startedAt = new Date().toISOString();
    const { result, index } = await this.checked(request, caller, destination);
    const report = await importCheckedSelection(result, index, destination, { space: request.space ?? 'default', mode: request.mode ?? 'overwrite', limits: options.limits });
    if (!this.deps.jobs) return report;
    const written = [...new Set(report.results.filter((r) => r.status !== 'refused').map((r) => r.type))].filter((type) => destination.registry.getType(type));
    const indices = written.length && options.indicesFor ? options.indicesFor(written) : [];
    const job = savedObjectsJob(report, { from: request.from, indices, owner: await currentOwner(caller), startedAt });
    await this.deps.jobs.create(job);
    return { ...report, job_id: job.id };
  }

  verify(request: SavedObjectsVerifyRequest, destination: DestinationKibana): Promise<SavedObjectsVerifyReport> {
    return verifyImported(destination, request);
  }
}
