/*
 * The engine's objects, built once per Kibana instance: the state index, sources, jobs, the runner.
 * Kibana-free, so the development host, Kibana and the integration tests build it the same way.
 */
import type { EsClient, Logger } from './es_client';
import { JobCredentials } from './jobs/job_credentials';
import { MigrationError } from './migration_error';
import { JobRepository } from './job_record/job_repository';
import { JobRunner } from './scheduler/job_runner';
import { JobService } from './jobs/job_service';
import { SavedObjectsService } from './saved_objects/saved_objects_service';
import { StateIndex } from './job_record/state_index';
import { createSecretVault } from './sources/secrets';
import { SourceService } from './sources/source_service';
import { VerificationService } from './verification/verification_service';

export interface MigrationServicesConfig {
  /** Kibana's own client: writes the state index, and acts for jobs whose user's client is gone. */
  internalClient: EsClient;
  encryptionKey?: string;
  allowedHosts: readonly string[];
  pollIntervalMs: number;
  defaultConcurrency?: number;
  logger: Logger;
  instanceId: string;
  /** A client acting with an Authorization header (API keys granted for jobs); absent without security. */
  scopedClient?: (authorization: string) => EsClient;
  invalidateApiKeys?: (keyIds: string[]) => Promise<void>;
}

export interface MigrationServices {
  sources: SourceService;
  jobs: JobService;
  runner: JobRunner;
  verifications: VerificationService;
  /** Saved objects from a source's `.kibana` into this Kibana; each import recorded as a `saved_objects` job. */
  savedObjects: SavedObjectsService;
  /** Lets the runner act for a job as the user who created or changed it (kept in memory only). */
  actAs(jobId: string, client: EsClient): void;
  /** Whom the runner acts as: the user's client, or an API key granted for the user that outlives it. */
  credentials: JobCredentials;
}

export const createMigrationServices = (config: MigrationServicesConfig): MigrationServices => {
  const state = new StateIndex(() => config.internalClient);
  const repository = new JobRepository(state);
  const sources = new SourceService({
    state,
    vault: createSecretVault(config.encryptionKey),
    allowedHosts: config.allowedHosts,
  });
  const credentials = new JobCredentials({
    state,
    vault: createSecretVault(config.encryptionKey),
    scoped: config.scopedClient,
    invalidate: config.invalidateApiKeys,
    logger: config.logger,
  });
  const runner = new JobRunner({
    jobs: repository,
    sources,
    // With security, a job acts only as its user (their client, or the API key granted for them): never
    // as Kibana. Without security there is no user to act as, and Kibana's client is all there is.
    destinationFor: async (jobId) => {
      const client = await credentials.clientFor(jobId);
      if (client) return client;
      if (config.scopedClient) {
        throw new MigrationError('credential_unavailable', `Job [${jobId}] has no credential of the user who started it: no API key could be granted, or this Kibana restarted without one`, 409, {
          remedy: 'Retry the job (POST /api/migration_assistant/jobs/{id}/_retry, or Retry on its page): it then acts as you. Jobs keep acting as their user across restarts when migrationAssistant.encryptionKey is set.',
        });
      }
      return config.internalClient;
    },
    onJobFinished: (jobId) => credentials.forget(jobId),
    logger: config.logger,
    instanceId: config.instanceId,
    pollIntervalMs: config.pollIntervalMs,
  });
  const jobs = new JobService({
    jobs: repository,
    sources,
    logger: config.logger,
    kick: () => runner.kick(),
    defaultConcurrency: config.defaultConcurrency,
  });
  const verifications = new VerificationService({
    state,
    jobs: repository,
    sources,
    internalClient: config.internalClient,
    logger: config.logger,
  });
  const savedObjects = new SavedObjectsService({ sources, jobs: repository });
  return { sources, jobs, runner, verifications, savedObjects, credentials, actAs: (jobId, client) => credentials.actAs(jobId, client) };
};
