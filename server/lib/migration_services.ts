/*
 * The engine's objects, built once per Kibana instance: the state index, sources, jobs, the runner.
 * Kibana-free, so the development host, Kibana and the integration tests build it the same way.
 */
import type { EsClient, Logger } from './es_client';
import { JobRepository } from './jobs/job_repository';
import { JobRunner } from './jobs/job_runner';
import { JobService } from './jobs/job_service';
import { StateIndex } from './jobs/state_index';
import { createSecretVault } from './sources/secrets';
import { SourceService } from './sources/source_service';
import { VerificationService } from './verification/verification_service';

export interface MigrationServicesConfig {
  /** Kibana's own client: writes the state index, and acts for jobs whose user's client is gone. */
  internalClient: EsClient;
  encryptionKey?: string;
  allowedHosts: readonly string[];
  pollIntervalMs: number;
  defaultConcurrency: number;
  logger: Logger;
  instanceId: string;
}

export interface MigrationServices {
  sources: SourceService;
  jobs: JobService;
  runner: JobRunner;
  verifications: VerificationService;
  /** Lets the runner act for a job as the user who created or changed it (kept in memory only). */
  actAs(jobId: string, client: EsClient): void;
}

export const createMigrationServices = (config: MigrationServicesConfig): MigrationServices => {
  const state = new StateIndex(() => config.internalClient);
  const repository = new JobRepository(state);
  const sources = new SourceService({
    state,
    vault: createSecretVault(config.encryptionKey),
    allowedHosts: config.allowedHosts,
  });
  const userClients = new Map<string, EsClient>();
  const runner = new JobRunner({
    jobs: repository,
    sources,
    destinationFor: (jobId) => userClients.get(jobId) ?? config.internalClient,
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
  return { sources, jobs, runner, verifications, actAs: (jobId, client) => userClients.set(jobId, client) };
};
