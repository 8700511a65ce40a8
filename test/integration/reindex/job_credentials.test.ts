/*
 * API keys granted for jobs (what Kibana's security plugin gives; the test bed runs without security, so
 * the grant and the invalidation are recorded fakes and the key travels as a header the node ignores):
 * sealed in the real state index, found again by a restarted instance, used by the runner, and
 * invalidated when the job ends.
 */
import { Client } from '@elastic/elasticsearch';
import { testBedNodes } from '../../../dev/es/testbed_config';
import type { EsClient } from '../../../server/lib/es_client';
import { JobCredentials } from '../../../server/lib/jobs/job_credentials';
import { JobRunner } from '../../../server/lib/scheduler/job_runner';
import { JobService } from '../../../server/lib/jobs/job_service';
import { createMigrationServices } from '../../../server/lib/migration_services';
import { createSecretVault } from '../../../server/lib/sources/secrets';
import { createEngine, isFinished, TEST_ENCRYPTION_KEY, waitForJob } from '../helpers/engine';
import { esRequest, uniqueName, waitUntil } from '../helpers/es_http';

const nodes = testBedNodes();
const KEY = { id: 'VuaCfGcBCdbkQm-e5aOx', api_key: 'ui2lp2axTNmsyakw9tvNnw' };
const AUTHORIZATION = `ApiKey ${Buffer.from(`${KEY.id}:${KEY.api_key}`).toString('base64')}`;

const recorder = () => {
  const scopedWith: string[] = [];
  const invalidated: string[][] = [];
  const scoped = (authorization: string): EsClient => {
    scopedWith.push(authorization);
    return new Client({ node: nodes.reindex_destination.url, headers: { accept: 'application/json', 'content-type': 'application/json', authorization } });
  };
  return { scopedWith, invalidated, scoped, invalidate: async (ids: string[]) => void invalidated.push(ids) };
};

describe('job credentials', () => {
  it('seals the granted key, finds it again after a restart, and invalidates it when the job ends', async () => {
    const engine = createEngine();
    const first = recorder();
    const credentials = new JobCredentials({ state: engine.state, vault: createSecretVault(TEST_ENCRYPTION_KEY), ...first, logger: engine.logger });
    const jobId = uniqueName('credential-job');
    expect(await credentials.grant(jobId, async () => KEY)).toBe(true);
    expect(first.scopedWith).toEqual([AUTHORIZATION]);

    // Stored sealed: neither the key nor the header value appears in the state index.
    const stored = await esRequest(nodes.reindex_destination.url, 'GET', `/.kibana-migration-assistant/_doc/credential:${jobId}`);
    const text = JSON.stringify(stored.body);
    expect(text).toContain(KEY.id);
    expect(text).not.toContain(KEY.api_key);
    expect(text).not.toContain(AUTHORIZATION.slice('ApiKey '.length));

    // A restarted instance (new memory, same key and state) acts with the same API key.
    const second = recorder();
    const restarted = new JobCredentials({ state: engine.state, vault: createSecretVault(TEST_ENCRYPTION_KEY), ...second, logger: engine.logger });
    expect(await restarted.clientFor(jobId)).toBeDefined();
    expect(second.scopedWith).toEqual([AUTHORIZATION]);

    await restarted.forget(jobId);
    expect(second.invalidated).toEqual([[KEY.id]]);
    expect(await restarted.clientFor(jobId)).toBeUndefined();
    expect(engine.logger.lines.join('\n')).not.toContain(KEY.api_key);
  });

  it('keeps acting with the user’s client when no key can be granted, and logs no secret', async () => {
    const engine = createEngine();
    const calls = recorder();
    const credentials = new JobCredentials({ state: engine.state, vault: createSecretVault(TEST_ENCRYPTION_KEY), ...calls, logger: engine.logger });
    const jobId = uniqueName('credential-refused');
    credentials.actAs(jobId, engine.destination);
    expect(await credentials.grant(jobId, async () => Promise.reject(new Error('[security_exception] missing authentication credentials')))).toBe(false);
    expect(await credentials.clientFor(jobId)).toBe(engine.destination);
    expect(engine.logger.lines.some((line) => line.includes('no API key could be granted') && line.includes('missing authentication credentials'))).toBe(true);
  });

  it('runs a job with the granted key and invalidates it when the job completes', async () => {
    const engine = createEngine();
    const calls = recorder();
    const credentials = new JobCredentials({ state: engine.state, vault: createSecretVault(TEST_ENCRYPTION_KEY), ...calls, logger: engine.logger });
    const runner = new JobRunner({
      jobs: engine.jobs,
      sources: engine.sources,
      destinationFor: async (jobId) => (await credentials.clientFor(jobId)) ?? engine.destination,
      onJobFinished: (jobId) => credentials.forget(jobId),
      logger: engine.logger,
      instanceId: uniqueName('credential-runner'),
      pollIntervalMs: 300,
    });
    const service = new JobService({ jobs: engine.jobs, sources: engine.sources, logger: engine.logger, kick: () => runner.kick() });
    const source = await engine.sources.create({ name: uniqueName('source'), host: nodes.source.url, auth: { type: 'none' } });
    const dest = uniqueName('credential-stores');
    const job = await service.createReindexJob({ type: 'reindex', source_id: source.id, items: [{ source: 'stores', dest }] }, engine.destination);
    await credentials.grant(job.id, async () => KEY);
    runner.start();
    try {
      const done = await waitForJob({ service }, job.id, isFinished);
      expect(done.status).toBe('completed');
      // Every request the runner made for the job went through the key's client...
      expect(calls.scopedWith).toEqual([AUTHORIZATION]);
      // ...and the key went with the job (invalidated right after the final record is written).
      await waitUntil(async () => calls.invalidated.length > 0, 10_000, 50);
      expect(calls.invalidated).toEqual([[KEY.id]]);
      expect(await credentials.clientFor(job.id)).toBeUndefined();
    } finally {
      await runner.stop();
      await esRequest(nodes.reindex_destination.url, 'DELETE', `/${dest}?ignore_unavailable=true`);
    }
  });

  it('never acts as Kibana where security can grant keys: a job without its user’s credential is paused, and resumes as the user who retries it', async () => {
    const engine = createEngine();
    const calls = recorder();
    const services = createMigrationServices({
      internalClient: engine.destination,
      encryptionKey: TEST_ENCRYPTION_KEY,
      allowedHosts: ['127.0.0.1:*'],
      pollIntervalMs: 300,
      defaultConcurrency: 2,
      logger: engine.logger,
      instanceId: uniqueName('no-fallback'),
      scopedClient: calls.scoped,
      invalidateApiKeys: calls.invalidate,
    });
    const source = await services.sources.create({ name: uniqueName('source'), host: nodes.source.url, auth: { type: 'none' } });
    const dest = uniqueName('no-fallback-stores');
    // Created, but no key was granted and no user's client is known (a Kibana restarted since, say).
    const job = await services.jobs.createReindexJob({ type: 'reindex', source_id: source.id, items: [{ source: 'stores', dest }] }, engine.destination);
    services.runner.start();
    try {
      const paused = await waitForJob({ service: services.jobs }, job.id, (current) => current.status === 'paused');
      expect(paused.items[0]?.error?.type).toBe('credential_unavailable');
      expect(paused.items[0]?.error?.remedy).toMatch(/Retry the job/);
      expect(paused.items[0]?.attempts).toBe(0);
      expect((await esRequest(nodes.reindex_destination.url, 'HEAD', `/${dest}`)).status).toBe(404);

      // The user retries: the job acts as them from then on.
      services.actAs(job.id, engine.destination);
      await services.jobs.retry(job.id, 'resume');
      const done = await waitForJob({ service: services.jobs }, job.id, isFinished);
      expect(done.status).toBe('completed');
      expect(done.items[0]?.dest_count).toBe(500);
    } finally {
      await services.runner.stop();
      await esRequest(nodes.reindex_destination.url, 'DELETE', `/${dest}?ignore_unavailable=true`);
    }
  });
});
