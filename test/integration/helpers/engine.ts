/*
 * The migration engine wired against the test bed, the way server/plugin.ts wires it inside Kibana:
 * the destination is the reindex-capable node, the state lives in its hidden index.
 */
import { Client } from '@elastic/elasticsearch';
import { testBedNodes } from '../../../dev/es/testbed_config';
import type { EsClient, Logger } from '../../../server/lib/es_client';
import { JobRepository } from '../../../server/lib/job_record/job_repository';
import { JobRunner, JobRunnerDeps } from '../../../server/lib/scheduler/job_runner';
import { JobService } from '../../../server/lib/jobs/job_service';
import { StateIndex } from '../../../server/lib/job_record/state_index';
import { createSecretVault } from '../../../server/lib/sources/secrets';
import { SourceService } from '../../../server/lib/sources/source_service';

export const TEST_ENCRYPTION_KEY = 'integration-tests-encryption-key-0123456789';

/** A 7.17 destination needs plain JSON media types from an 8.x client (facts file, section 8). */
export const destinationClient = (url = testBedNodes().reindex_destination.url): EsClient =>
  new Client({ node: url, headers: { accept: 'application/json', 'content-type': 'application/json' } });

/** Collects log lines, so tests can assert that no secret was ever logged. */
export const recordingLogger = (): Logger & { lines: string[] } => {
  const lines: string[] = [];
  const record = (level: string) => (message: string) => {
    lines.push(`${level} ${message}`);
  };
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
};

export interface Engine {
  destination: EsClient;
  state: StateIndex;
  jobs: JobRepository;
  sources: SourceService;
  runner: JobRunner;
  service: JobService;
  logger: ReturnType<typeof recordingLogger>;
}

export const createEngine = (
  options: {
    encryptionKey?: string;
    allowedHosts?: string[];
    instanceId?: string;
    pollIntervalMs?: number;
    faultPoint?: JobRunnerDeps['faultPoint'];
    onPass?: JobRunnerDeps['onPass'];
  } = {}
): Engine => {
  const destination = destinationClient();
  const logger = recordingLogger();
  const state = new StateIndex(() => destination);
  const jobs = new JobRepository(state);
  const sources = new SourceService({
    state,
    vault: createSecretVault(options.encryptionKey ?? TEST_ENCRYPTION_KEY),
    allowedHosts: options.allowedHosts ?? ['127.0.0.1:*'],
  });
  const runner = new JobRunner({
    jobs,
    sources,
    destinationFor: () => destination,
    logger,
    instanceId: options.instanceId ?? `test-${process.pid}`,
    pollIntervalMs: options.pollIntervalMs ?? 500,
    faultPoint: options.faultPoint,
    onPass: options.onPass,
  });
  const service = new JobService({ jobs, sources, logger, kick: () => runner.kick() });
  return { destination, state, jobs, sources, runner, service, logger };
};

export const waitForJob = async (
  engine: Pick<Engine, 'service'>,
  jobId: string,
  until: (job: Awaited<ReturnType<JobService['get']>>) => boolean,
  timeoutMs = 120_000
) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await engine.service.get(jobId);
    if (until(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms: ${JSON.stringify(job.items.map((i) => [i.dest, i.status, i.error]))}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
};

export const isFinished = (job: { status: string }): boolean => ['completed', 'failed', 'cancelled'].includes(job.status);

/**
 * Other test files share the test bed's state index, and their runners advance any job without a live
 * lease: a new job is leased at once to this test's runner instance, so only it (or its restarted copy,
 * which has the same instance id) advances the job.
 */
export const claimJob = async (jobs: Pick<JobRepository, 'acquireLease'>, jobId: string, instanceId: string): Promise<void> => {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await jobs.acquireLease(jobId, instanceId, 10 * 60_000)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} is leased by another runner`);
};
