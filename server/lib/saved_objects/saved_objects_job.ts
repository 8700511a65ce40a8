/*
 * A saved objects import recorded as a job of type `saved_objects` (issue 17): the import itself runs
 * within its request (Kibana's importer is request-scoped), so the job is written once, finished, with
 * the import's source, space, mode and per-object results. The runner lists queued and running jobs only,
 * so it never picks one up; the job page and the verification read it.
 */
import crypto from 'node:crypto';
import type { Owner } from '../../../common/types/owner';
import type {
  SavedObjectOutcome,
  SavedObjectsJobResult,
  SavedObjectsJobState,
} from '../../../common/types/jobs';
import type { SavedObjectImportResult, SavedObjectsFrom, SavedObjectsImportReport } from '../../../common/types/saved_objects';
import type { StoredJob } from '../job_record/job_record';

/** A created object with an id of its own in this Kibana is a new copy; what the import refused stays refused. */
export const outcomeOf = (result: Pick<SavedObjectImportResult, 'status' | 'id' | 'destination_id'>): SavedObjectOutcome => {
  if (result.status === 'refused') return 'refused';
  if (result.status === 'overwritten') return 'overwritten';
  return result.destination_id && result.destination_id !== result.id ? 'new_copy' : 'created';
};

export const countOutcomes = (results: readonly Pick<SavedObjectsJobResult, 'outcome'>[]): Record<SavedObjectOutcome, number> => {
  const counts: Record<SavedObjectOutcome, number> = { created: 0, overwritten: 0, new_copy: 0, refused: 0 };
  for (const result of results) counts[result.outcome] += 1;
  return counts;
};

export const savedObjectsJob = (
  report: SavedObjectsImportReport,
  context: { from: SavedObjectsFrom; indices: string[]; owner?: Owner; startedAt: string }
): StoredJob => {
  const results: SavedObjectsJobResult[] = report.results.map((result) => ({
    type: result.type,
    id: result.id,
    title: result.title,
    outcome: outcomeOf(result),
    ...(result.destination_id ? { destination_id: result.destination_id } : {}),
    ...(result.error ? { error: result.error } : {}),
    ...(result.batch !== undefined ? { batch: result.batch } : {}),
  }));
  const counts = countOutcomes(results);
  const written = results.length - counts.refused;
  const state: SavedObjectsJobState = {
    from: context.from,
    read_from: report.check.read_from,
    ...(report.check.source_kibana_version ? { source_kibana_version: report.check.source_kibana_version } : {}),
    space: report.space,
    mode: report.mode,
    indices: context.indices,
    batches: report.batches,
    counts,
    results,
  };
  return {
    id: crypto.randomUUID(),
    type: 'saved_objects',
    ...(context.owner ? { owner: context.owner } : {}),
    // Written finished: the runner (queued and running jobs only) never picks it up.
    status: written === 0 && results.length > 0 ? 'failed' : 'completed',
    ...('source_id' in context.from ? { source_id: context.from.source_id } : {}),
    created_at: context.startedAt,
    started_at: context.startedAt,
    finished_at: report.imported_at,
    // A job's record has reindex options; an import has none of its own (one request, nothing throttled).
    options: { concurrency: 1, requests_per_second: -1, prepare_destination: false, conflicts: 'abort' },
    // Objects, not documents: the jobs list's counts read as objects written of objects selected.
    progress: { total_docs: results.length, done_docs: written, docs_per_second: 0 },
    items: [],
    saved_objects: state,
  };
};
