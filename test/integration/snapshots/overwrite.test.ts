/*
 * Close, restore, reopen (seed 004) on the real 7.17 destination: the source's .kibana restored over the
 * destination's own, after the typed confirmation and a safety snapshot of what it replaces; and when the
 * restore fails, the closed index is reopened with its data.
 */
import fs from 'node:fs';
import { testBedInfo } from '../../../dev/es/testbed';
import { testBedNodes } from '../../../dev/es/testbed_config';
import { KIBANA_INDEX, savedObjects } from '../../../dev/sample_data/kibana_saved_objects';
import type { RunningHost } from '../../../dev/host/server/host_server';
import { startTestHost } from '../../functional/helpers/host';
import { esRequest, uniqueName, waitUntil } from '../helpers/es_http';
import { hostApi } from '../helpers/host_api';

const nodes = testBedNodes();
const dest = nodes.reindex_destination.url;
const repository = uniqueName('it-overwrite');
const safetyRepository = `${repository}-safety`;
let location: string;
let host: RunningHost;

const call = hostApi(() => host.url);

interface RestoreJob {
  id: string;
  status: string;
  items: Array<{ status: string; error?: { reason: string } }>;
  closed_indices?: string[];
  reopened?: boolean;
  safety_snapshot?: { repository: string; snapshot: string; state: string };
}

const finished = async (id: string): Promise<RestoreJob> => {
  let job = {} as RestoreJob;
  await waitUntil(async () => {
    job = (await call('GET', `/jobs/${id}`)).body as unknown as RestoreJob;
    return ['completed', 'failed'].includes(job.status);
  }, 60_000);
  return job;
};

/** The destination's own .kibana, as its Kibana left it: one object the source does not have. */
const liveKibana = async (shards: number) => {
  await esRequest(dest, 'DELETE', `/${KIBANA_INDEX}?ignore_unavailable=true`);
  await esRequest(dest, 'PUT', `/${KIBANA_INDEX}`, { settings: { index: { hidden: true, number_of_shards: shards, number_of_replicas: 0 } }, aliases: { '.kibana': {} } });
  await esRequest(dest, 'PUT', `/${KIBANA_INDEX}/_doc/config:destination-only?refresh=true`, { type: 'config', config: { buildNum: 1 } });
};

const indexState = async () => {
  const cat = await esRequest(dest, 'GET', `/_cat/indices/${KIBANA_INDEX}?format=json&expand_wildcards=all&h=index,status`);
  return (cat.body as Array<{ status: string }>)[0]?.status;
};

const overwriteRequest = { type: 'snapshot_restore', snapshot: 'with-kibana', indices: [KIBANA_INDEX], overwrite_existing: true };

beforeAll(async () => {
  location = `${(await testBedInfo()).shared_repo_dir}/${repository}`;
  await esRequest(nodes.source.url, 'PUT', `/_snapshot/${repository}`, { type: 'fs', settings: { location } });
  const taken = await esRequest(nodes.source.url, 'PUT', `/_snapshot/${repository}/with-kibana?wait_for_completion=true`, { indices: KIBANA_INDEX, include_global_state: false });
  expect((taken.body as { snapshot: { state: string } }).snapshot.state).toBe('SUCCESS');
  host = await startTestHost({ destinationUrl: dest, pluginConfig: { pollIntervalMs: 500 } });
  expect((await call('PUT', `/repositories/${repository}`, { type: 'fs', settings: { location } })).status).toBe(200);
  expect((await call('PUT', `/repositories/${safetyRepository}`, { type: 'fs', settings: { location: `${location}-safety` }, readonly: false })).status).toBe(200);
});

afterAll(async () => {
  await host?.stop();
  await esRequest(dest, 'DELETE', `/${KIBANA_INDEX},restored-safety-*?ignore_unavailable=true&expand_wildcards=all`);
  const safety = await esRequest(dest, 'GET', `/_snapshot/${safetyRepository}/_all`);
  for (const snapshot of (safety.body as { snapshots?: Array<{ snapshot: string }> }).snapshots ?? []) await esRequest(dest, 'DELETE', `/_snapshot/${safetyRepository}/${snapshot.snapshot}`);
  await esRequest(dest, 'DELETE', `/_snapshot/${safetyRepository}`);
  await esRequest(dest, 'DELETE', `/_snapshot/${repository}`);
  await esRequest(nodes.source.url, 'DELETE', `/_snapshot/${repository}/with-kibana`);
  await esRequest(nodes.source.url, 'DELETE', `/_snapshot/${repository}`);
  fs.rmSync(location, { recursive: true, force: true });
  fs.rmSync(`${location}-safety`, { recursive: true, force: true });
});

describe('close, restore, reopen on the 7.17 destination', () => {
  it('refuses without the safety repository or the exact confirmation, then restores over the live .kibana', async () => {
    await liveKibana(1);
    const byName = await call('POST', '/jobs', { ...overwriteRequest, repository, overwrite_existing: undefined });
    expect(byName).toMatchObject({ status: 400, body: { attributes: { field: 'include_aliases' } } });
    const noSafety = await call('POST', '/jobs', { ...overwriteRequest, repository });
    expect(noSafety).toMatchObject({ status: 400, body: { attributes: { field: 'safety_repository' } } });
    const readonlySafety = await call('POST', '/jobs', { ...overwriteRequest, repository, safety_repository: repository, confirmation: `overwrite ${KIBANA_INDEX}` });
    expect(readonlySafety).toMatchObject({ status: 400, body: { message: `[safety_repository]: [${repository}] is read-only` } });
    const unconfirmed = await call('POST', '/jobs', { ...overwriteRequest, repository, safety_repository: safetyRepository, confirmation: 'overwrite' });
    expect(unconfirmed).toMatchObject({ status: 400, body: { attributes: { field: 'confirmation' } } });
    expect(unconfirmed.body.message).toContain(`type "overwrite ${KIBANA_INDEX}"`);
    // Nothing was touched by the refusals.
    expect(await indexState()).toBe('open');

    // Preflight and review before the confirmation: what is closed and overwritten, every request in order.
    const { type: _type, ...fields } = overwriteRequest;
    const preflight = await call('POST', '/preflight', { method: 'snapshot', ...fields, repository, safety_repository: safetyRepository });
    const checks = Object.fromEntries((preflight.body.checks as Array<{ id: string; status: string; message: string }>).map((c) => [c.id, c]));
    expect(checks.restore_plan).toMatchObject({ status: 'pass' });
    expect(checks.restore_plan?.message).toContain(`Closed and overwritten: ${KIBANA_INDEX}`);
    expect(checks.safety_snapshot).toMatchObject({ status: 'pass' });
    const dryRun = await call('POST', '/jobs?dry_run=true', { ...overwriteRequest, repository, safety_repository: safetyRepository });
    const requests = (dryRun.body as unknown as { plan: { requests: string[] } }).plan.requests.map((r) => r.split('\n')[0]);
    expect(requests).toEqual([
      `PUT _snapshot/${safetyRepository}/migration-assistant-safety-<job>?wait_for_completion=false`,
      `GET _snapshot/${safetyRepository}/migration-assistant-safety-<job>   (at each poll, until its state is SUCCESS; anything else stops the job here)`,
      `POST ${KIBANA_INDEX}/_close?expand_wildcards=all`,
      `POST _snapshot/${repository}/with-kibana/_restore`,
      `POST ${KIBANA_INDEX}/_open?expand_wildcards=all   (whatever the restore's outcome)`,
    ]);
    expect(await indexState()).toBe('open');

    const created = await call('POST', '/jobs', { ...overwriteRequest, repository, safety_repository: safetyRepository, confirmation: `overwrite ${KIBANA_INDEX}` });
    expect(created.status).toBe(201);
    const job = await finished(created.body.id as string);
    expect(job.status).toBe('completed');
    expect(job).toMatchObject({ closed_indices: [KIBANA_INDEX], reopened: true, safety_snapshot: { repository: safetyRepository, state: 'SUCCESS' } });

    // The source's saved objects replaced the destination's, the index is open and still behind .kibana.
    expect(await indexState()).toBe('open');
    expect(((await esRequest(dest, 'GET', `/${KIBANA_INDEX}/_count`)).body as { count: number }).count).toBe(savedObjects().length);
    expect((await esRequest(dest, 'GET', `/${KIBANA_INDEX}/_doc/config:destination-only`)).status).toBe(404);
    expect(Object.keys((await esRequest(dest, 'GET', '/_alias/.kibana')).body as object)).toEqual([KIBANA_INDEX]);

    // The safety snapshot holds what was replaced: restored under another name, it has the destination's object.
    const restored = await esRequest(dest, 'POST', `/_snapshot/${safetyRepository}/${job.safety_snapshot?.snapshot}/_restore?wait_for_completion=true`, {
      indices: KIBANA_INDEX,
      rename_pattern: '^\\.(.+)$',
      rename_replacement: 'restored-safety-$1',
      include_aliases: false,
    });
    expect(restored.status).toBe(200);
    expect((await esRequest(dest, 'GET', `/restored-safety-${KIBANA_INDEX.slice(1)}/_doc/config:destination-only`)).status).toBe(200);
  });

  it('reopens the closed index, data intact, when the restore fails', async () => {
    // Two shards here, one in the snapshot: Elasticsearch refuses to restore over it, after it was closed.
    await liveKibana(2);
    const created = await call('POST', '/jobs', { ...overwriteRequest, repository, safety_repository: safetyRepository, confirmation: `overwrite ${KIBANA_INDEX}` });
    expect(created.status).toBe(201);
    const job = await finished(created.body.id as string);
    expect(job.status).toBe('failed');
    expect(job.items[0]?.error?.reason).toMatch(/shards/);
    expect(job).toMatchObject({ closed_indices: [KIBANA_INDEX], reopened: true });
    expect(await indexState()).toBe('open');
    expect((await esRequest(dest, 'GET', `/${KIBANA_INDEX}/_doc/config:destination-only`)).status).toBe(200);
  });

  it('restores a renamed copy, then reindexes it into the live .kibana after a safety snapshot (seed 000)', async () => {
    await liveKibana(1);
    const copy = `restored_${KIBANA_INDEX.slice(1)}`;
    await esRequest(dest, 'DELETE', `/${copy}?ignore_unavailable=true`);
    const created = await call('POST', '/jobs', {
      type: 'snapshot_restore',
      repository,
      snapshot: 'with-kibana',
      indices: [KIBANA_INDEX],
      rename_pattern: '^\\.(.+)$',
      rename_replacement: 'restored_$1',
      include_aliases: false,
    });
    expect(created.status).toBe(201);
    const job = await finished(created.body.id as string);
    expect(job.status).toBe('completed');
    try {
      const unconfirmed = await call('POST', `/jobs/${job.id}/_reindex_into_place`, { safety_repository: safetyRepository });
      expect(unconfirmed).toMatchObject({ status: 400, body: { attributes: { field: 'confirmation', confirmation: 'reindex into .kibana' } } });
      const done = await call('POST', `/jobs/${job.id}/_reindex_into_place`, { safety_repository: safetyRepository, confirmation: 'reindex into .kibana' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ results: [{ from: copy, to: '.kibana', created: savedObjects().length, updated: 0 }], safety_snapshot: { state: 'SUCCESS' } });
      // The source's objects joined the destination's own one, through the live alias.
      expect(((await esRequest(dest, 'GET', '/.kibana/_count')).body as { count: number }).count).toBe(savedObjects().length + 1);
      expect((await esRequest(dest, 'GET', `/${KIBANA_INDEX}/_doc/config:destination-only`)).status).toBe(200);
    } finally {
      await esRequest(dest, 'DELETE', `/${copy}?ignore_unavailable=true`);
    }
  });
});
