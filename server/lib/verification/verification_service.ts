/*
 * Verifications as jobs of their own: planned from a job (or index pairs), stored in the state index,
 * run in the background with progress saved after every step, and picked up again from the start by
 * whichever Kibana instance reads one whose runner stopped answering (a restart loses nothing).
 */
import crypto from 'node:crypto';
import { currentOwner } from '../owners';
import { DEFAULT_SAMPLE_SIZE } from '../../../common/schemas/verifications';
import { verificationDifferences } from '../../../common/lib/verification_differences';
import type {
  SavedObjectsVerification,
  VerificationReport,
  VerificationRequest,
  VerificationsResponse,
} from '../../../common/types/verifications';
import { EsClient, errorReason, Logger } from '../es_client';
import type { SavedObjectsJobState } from '../../../common/types/jobs';
import type { StoredJob } from '../job_record/job_record';
import type { JobRepository } from '../job_record/job_repository';
import { ConcurrentUpdateError, StateIndex } from '../job_record/state_index';
import { MigrationError } from '../migration_error';
import type { SourceService } from '../sources/source_service';
import { IndexPair, notCompared, readTemplates, TemplateIndex, verifyIndexPair } from './data_check';
import { verifyImportedObjects } from './imported_objects_check';
import { compareSavedObjects, KIBANA_INDICES, readSavedObjects } from './saved_objects_check';
import { verifySecurity } from './security_check';

interface StoredVerification extends VerificationReport {
  pairs: IndexPair[];
  saved_objects_from?: VerificationRequest['saved_objects_from'];
  heartbeat_at: number;
}

/** A running verification whose runner has not written for this long is taken over. */
const STALE_AFTER_MS = 60_000;

export interface VerificationServiceDeps {
  state: StateIndex;
  jobs: JobRepository;
  sources: SourceService;
  /** Kibana's own client, for verifications picked up after their user's request is gone. */
  internalClient: EsClient;
  logger: Logger;
}

const notFound = (id: string) =>
  new MigrationError('verification_not_found', `Verification [${id}] not found`, 404, {
    remedy: 'Start one with POST /api/migration_assistant/verifications { "job_id": "..." }.',
  });

const toPublic = ({ pairs: _pairs, saved_objects_from: _from, heartbeat_at: _heartbeat, ...report }: StoredVerification): VerificationReport => report;

const unique = (pairs: IndexPair[]): IndexPair[] => [...new Map(pairs.map((pair) => [`${pair.source}\u0000${pair.dest}`, pair])).values()];

const isKibanaIndex = (name: string) => name === '.kibana' || name.startsWith('.kibana_');

export class VerificationService {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly deps: VerificationServiceDeps) {}

  /** What to compare: a job's index pairs, or the pairs given. */
  private async plan(request: VerificationRequest): Promise<Pick<StoredVerification, 'pairs' | 'source_id' | 'job_id' | 'saved_objects_from'>> {
    if (!request.job_id) {
      return {
        source_id: request.source_id,
        pairs: unique((request.indices ?? []).map((pair) => ({ source: pair.source, dest: pair.dest ?? pair.source, expect_aliases: true }))),
        saved_objects_from: request.saved_objects_from,
      };
    }
    const found = await this.deps.jobs.get(request.job_id);
    if (!found) {
      throw new MigrationError('job_not_found', `Job [${request.job_id}] not found`, 404, {
        remedy: 'List the jobs (GET /api/migration_assistant/jobs) and use one of their ids.',
      });
    }
    const job: StoredJob = found.value;
    if (job.type === 'saved_objects') {
      // An import into this Kibana: no index pairs; its objects are read back from this Kibana (savedObjects below).
      return { job_id: job.id, source_id: request.source_id, pairs: [] };
    }
    if (job.type === 'snapshot_restore') {
      const keepsAliases = job.restore?.include_aliases === true;
      const restoredKibana = job.items.find((item) => isKibanaIndex(item.source) && item.dest !== item.source);
      return {
        job_id: job.id,
        source_id: request.source_id,
        pairs: unique(job.items.map((item) => ({ source: item.source, dest: item.dest, expect_aliases: keepsAliases && item.source === item.dest }))),
        saved_objects_from:
          request.saved_objects_from ?? (restoredKibana ? { cluster: 'destination', index: restoredKibana.dest } : undefined),
      };
    }
    return {
      job_id: job.id,
      source_id: request.source_id ?? job.source_id,
      pairs: unique(job.items.map((item) => ({ source: item.source, dest: item.dest, expect_aliases: true }))),
      saved_objects_from: request.saved_objects_from,
    };
  }

  async create(request: VerificationRequest, destination: EsClient): Promise<VerificationReport> {
    const plan = await this.plan(request);
    // An unknown source fails here, as a 404 naming it, before anything is stored.
    // Saved credentials are usable by the source's owner only (a 403 for anyone else).
    if (plan.source_id) await this.deps.sources.clientFor(plan.source_id, destination);
    const report: StoredVerification = {
      ...plan,
      id: crypto.randomUUID(),
      owner: await currentOwner(destination),
      created_at: new Date().toISOString(),
      status: 'running',
      sample_size: request.sample_size ?? DEFAULT_SAMPLE_SIZE,
      progress: { done: 0, total: plan.pairs.length + 2, step: 'queued' },
      indices: [],
      differences: [],
      heartbeat_at: Date.now(),
    };
    const stored = await this.deps.state.put('verification', report.id, report, { status: report.status, created_at: report.created_at });
    this.start(report.id, stored, destination);
    return toPublic(report);
  }

  private start(id: string, stored: { value: StoredVerification; seqNo: number; primaryTerm: number }, destination: EsClient): void {
    const run = this.run(stored, destination)
      .catch((error: Error) => this.deps.logger.warn(`Migration verification ${id}: ${error.message}`))
      .finally(() => this.running.delete(id));
    this.running.set(id, run);
  }

  /** Waits for a verification this instance runs (tests, shutdown). */
  async settled(id?: string): Promise<void> {
    await Promise.all(id ? [this.running.get(id)] : [...this.running.values()]);
  }

  /** A report; `reader` (the current user's client) runs it again if its runner is gone, as that user. */
  async get(id: string, reader?: EsClient): Promise<VerificationReport> {
    const found = await this.deps.state.get<StoredVerification>('verification', id);
    if (!found) throw notFound(id);
    const report = found.value;
    if (reader && report.status === 'running' && !this.running.has(id) && Date.now() - report.heartbeat_at > STALE_AFTER_MS) {
      // Its runner is gone (a Kibana restart): run it again as the user reading it, never as Kibana.
      try {
        const claimed = await this.deps.state.put('verification', id, { ...report, heartbeat_at: Date.now() }, { status: 'running', created_at: report.created_at }, found);
        this.deps.logger.info(`Migration verification ${id}: its runner stopped; running it again`);
        this.start(id, claimed, reader);
      } catch (error) {
        if (!(error instanceof ConcurrentUpdateError)) throw error;
      }
    }
    return toPublic(report);
  }

  async list(page = 1, perPage = 20): Promise<VerificationsResponse> {
    const { total, docs } = await this.deps.state.search<StoredVerification>('verification', { from: (page - 1) * perPage, size: perPage });
    return {
      total,
      verifications: docs.map((doc) => {
        const { indices: _indices, security: _security, saved_objects: _savedObjects, ...summary } = toPublic(doc.value);
        return summary;
      }),
    };
  }

  /** Whether a verification of this job has completed (the cleanup of restored copies waits for one). */
  async completedFor(jobId: string): Promise<boolean> {
    const { docs } = await this.deps.state.search<StoredVerification>('verification', { statuses: ['completed'], size: 1000, fresh: true });
    return docs.some((doc) => doc.value.job_id === jobId);
  }

  async delete(id: string): Promise<void> {
    if (this.running.has(id)) {
      throw new MigrationError('job_not_finished', `Verification [${id}] is still running`, 409, { remedy: 'Wait until it completes, then delete it.' });
    }
    if (!(await this.deps.state.delete('verification', id))) throw notFound(id);
  }

  private async run(initial: { value: StoredVerification; seqNo: number; primaryTerm: number }, dest: EsClient): Promise<void> {
    let version = { seqNo: initial.seqNo, primaryTerm: initial.primaryTerm };
    const report: StoredVerification = { ...initial.value, indices: [], differences: [], progress: { ...initial.value.progress, done: 0 } };
    const save = async (step: string) => {
      report.progress.step = step;
      report.heartbeat_at = Date.now();
      const final = report.status !== 'running';
      const saved = await this.deps.state.put('verification', report.id, report, { status: report.status, created_at: report.created_at }, version, { searchableNow: final });
      version = { seqNo: saved.seqNo, primaryTerm: saved.primaryTerm };
    };
    try {
      const source = report.source_id ? (await this.deps.sources.client(report.source_id)).client : undefined;
      await save('reading templates');
      const [sourceTemplates, destTemplates] = await Promise.all([
        source ? readTemplates(source).catch((): TemplateIndex[] => []) : Promise.resolve([]),
        readTemplates(dest),
      ]);
      const destTemplateNames = new Set(destTemplates.map((template) => template.name));
      for (const pair of report.pairs) {
        await save(`comparing ${pair.source} → ${pair.dest}`);
        report.indices.push(
          await verifyIndexPair({ source, dest }, pair, { sampleSize: report.sample_size, sourceTemplates, destTemplateNames }).catch((error) =>
            notCompared(pair, {
              error: `Could not be compared: ${errorReason(error)}`,
              remedy: 'Check that your user may read both indices (read and view_index_metadata), then run the verification again.',
            })
          )
        );
        report.progress.done += 1;
      }
      await save('comparing users and roles');
      report.security = await verifySecurity({ source, dest });
      report.progress.done += 1;
      await save('comparing Kibana saved objects');
      const imported = report.job_id ? await this.importedBy(report.job_id) : undefined;
      report.saved_objects = imported ? await this.importedObjects(dest, imported) : await this.savedObjects(source, dest, report.saved_objects_from);
      report.progress.done += 1;
      report.differences = verificationDifferences(report);
      report.status = 'completed';
    } catch (error) {
      if (error instanceof ConcurrentUpdateError) return; // another instance took it over
      report.status = 'failed';
      report.error = errorReason(error);
    }
    report.finished_at = new Date().toISOString();
    await save(report.status);
  }

  /** The import a saved_objects job recorded (undefined for any other job). */
  private async importedBy(jobId: string): Promise<SavedObjectsJobState | undefined> {
    const found = await this.deps.jobs.get(jobId);
    return found?.value.type === 'saved_objects' ? found.value.saved_objects : undefined;
  }

  /** Each object a saved_objects job imported, read back from this Kibana's saved-objects indices in its space. */
  private async importedObjects(dest: EsClient, job: SavedObjectsJobState): Promise<SavedObjectsVerification> {
    try {
      const imported = await verifyImportedObjects(dest, job);
      // The by-type table: what the job wrote (source) and what is here of it (dest).
      const byType: SavedObjectsVerification['by_type'] = {};
      for (const object of imported.objects) {
        const comparison = (byType[object.type] ??= { source: 0, dest: 0, missing: [], titles: [] });
        comparison.source += 1;
        if (object.state === 'missing') comparison.missing.push({ id: object.id, title: object.title });
        else {
          comparison.dest += 1;
          comparison.titles.push({ id: object.id, title: object.found_title ?? object.title });
        }
      }
      for (const comparison of Object.values(byType)) comparison.titles.sort((a, b) => a.title.localeCompare(b.title));
      return {
        available: true,
        compared_from: `the objects this job imported from ${job.read_from}`,
        compared_to: `space ${job.space} of this Kibana (${imported.indices.join(', ')})`,
        by_type: Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b))),
        imported,
      };
    } catch (error) {
      return {
        available: false,
        reason: `This Kibana's saved-objects indices (${job.indices.join(', ') || KIBANA_INDICES}) could not be read (${errorReason(error)}); your user needs the read privilege on them.`,
        by_type: {},
      };
    }
  }

  private async savedObjects(
    source: EsClient | undefined,
    dest: EsClient,
    from: VerificationRequest['saved_objects_from']
  ): Promise<SavedObjectsVerification> {
    const origin = from ?? (source ? { cluster: 'source' as const } : undefined);
    if (!origin) {
      return {
        available: false,
        reason: 'No source connection and no restored copy of .kibana to compare with.',
        by_type: {},
      };
    }
    const [expectedClient, expectedIndex, comparedFrom] =
      origin.cluster === 'destination'
        ? [dest, origin.index, `the restored copy ${origin.index} on the destination`]
        : [source as EsClient, KIBANA_INDICES, "the source's .kibana indices"];
    try {
      const [expected, found] = await Promise.all([readSavedObjects(expectedClient, expectedIndex), readSavedObjects(dest, KIBANA_INDICES)]);
      return {
        available: true,
        compared_from: comparedFrom,
        compared_to: "the destination's .kibana indices",
        by_type: compareSavedObjects(expected, found),
      };
    } catch (error) {
      return {
        available: false,
        reason: `The .kibana indices could not be read (${errorReason(error)}); your user needs the read privilege on .kibana* on both clusters.`,
        by_type: {},
      };
    }
  }
}
