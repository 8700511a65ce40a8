/*
 * A feature-state restore on the real 8.14 destination. The test bed has no Kibana (so no `kibana`
 * feature) and runs without security, so the feature used is `tasks` (`.tasks`, which stores the results
 * of tasks run with wait_for_completion=false): the destination snapshots its own feature state, the
 * state changes, and the restore puts it back, after a safety snapshot of the changed state.
 */
import fs from 'node:fs';
import { testBedInfo } from '../../../dev/es/testbed';
import { testBedNodes } from '../../../dev/es/testbed_config';
import type { RunningHost } from '../../../dev/host/server/host_server';
import { startTestHost } from '../../functional/helpers/host';
import { esRequest, uniqueName, waitUntil } from '../helpers/es_http';
import { hostApi } from '../helpers/host_api';

const dest = testBedNodes().destination.url;
const repository = uniqueName('it-features');
const readonlyRepository = `${repository}-ro`;
const probeIndex = uniqueName('feature-probe');
let location: string;
let host: RunningHost;

const call = hostApi(() => host.url);

/** A task whose result Elasticsearch stores in .tasks: a force merge run with wait_for_completion=false. */
const storedTask = async (): Promise<string> => {
  const started = await esRequest(dest, 'POST', `/${probeIndex}/_forcemerge?wait_for_completion=false`);
  const task = (started.body as { task: string }).task;
  await waitUntil(async () => ((await esRequest(dest, 'GET', `/_tasks/${task}`)).body as { completed?: boolean }).completed === true, 30_000);
  return task;
};

beforeAll(async () => {
  location = `${(await testBedInfo()).shared_repo_dir}/${repository}`;
  host = await startTestHost({ destinationUrl: dest, pluginConfig: { pollIntervalMs: 500 } });
  await esRequest(dest, 'PUT', `/${probeIndex}`, { settings: { number_of_replicas: 0 } });
});

afterAll(async () => {
  await host?.stop();
  const snapshots = await esRequest(dest, 'GET', `/_snapshot/${repository}/_all`);
  for (const snapshot of (snapshots.body as { snapshots?: Array<{ snapshot: string }> }).snapshots ?? []) {
    await esRequest(dest, 'DELETE', `/_snapshot/${repository}/${snapshot.snapshot}`);
  }
  await esRequest(dest, 'DELETE', `/_snapshot/${readonlyRepository}`);
  await esRequest(dest, 'DELETE', `/_snapshot/${repository}`);
  await esRequest(dest, 'DELETE', `/${probeIndex}`);
  fs.rmSync(location, { recursive: true, force: true });
});

describe('feature-state restore on the 8.14 destination', () => {
  it('takes the safety snapshot first, then replaces the feature state with the snapshot’s', async () => {
    expect((await call('PUT', `/repositories/${repository}`, { type: 'fs', settings: { location }, readonly: false })).status).toBe(200);
    expect((await call('PUT', `/repositories/${readonlyRepository}`, { type: 'fs', settings: { location } })).status).toBe(200);
    const before = await storedTask();
    const taken = await esRequest(dest, 'PUT', `/_snapshot/${repository}/features-before?wait_for_completion=true`, {
      indices: '-*',
      include_global_state: false,
      feature_states: ['tasks'],
    });
    expect((taken.body as { snapshot: { state: string; feature_states: Array<{ feature_name: string }> } }).snapshot).toMatchObject({
      state: 'SUCCESS',
      feature_states: [{ feature_name: 'tasks' }],
    });
    const after = await storedTask();

    const request = { type: 'snapshot_restore', repository, snapshot: 'features-before', feature_states: ['tasks'] };
    const noSafety = await call('POST', '/jobs', request);
    expect(noSafety).toMatchObject({ status: 400, body: { attributes: { field: 'safety_repository' } } });
    const readonly = await call('POST', '/jobs', { ...request, safety_repository: readonlyRepository });
    expect(readonly).toMatchObject({ status: 400, body: { message: `[safety_repository]: [${readonlyRepository}] is read-only` } });
    const unconfirmed = await call('POST', '/jobs', { ...request, safety_repository: repository, confirmation: 'yes' });
    expect(unconfirmed).toMatchObject({ status: 400, body: { attributes: { field: 'confirmation' } } });
    expect(unconfirmed.body.message).toContain('type "replace tasks"');
    const notInSnapshot = await call('POST', '/jobs', { ...request, feature_states: ['kibana'], safety_repository: repository, confirmation: 'replace kibana' });
    expect(notInSnapshot.status).toBe(400);
    expect(notInSnapshot.body.message).toBe('[feature_states]: not in snapshot [features-before]: kibana; it holds tasks');
    // Nothing ran: no safety snapshot was taken by the refused requests.
    const listed = await esRequest(dest, 'GET', `/_snapshot/${repository}/_all`);
    expect((listed.body as { snapshots: unknown[] }).snapshots).toHaveLength(1);

    const created = await call('POST', '/jobs', { ...request, safety_repository: repository, confirmation: 'replace tasks' });
    expect(created.status).toBe(201);
    let job = created.body as { id: string; status: string; items: Array<{ dest: string; feature_state?: string; status: string }>; safety_snapshot?: { snapshot: string; state: string } };
    expect(job.items).toEqual([expect.objectContaining({ dest: '.tasks', feature_state: 'tasks' })]);
    await waitUntil(async () => {
      job = (await call('GET', `/jobs/${job.id}`)).body as typeof job;
      return ['completed', 'failed'].includes(job.status);
    }, 60_000);
    expect(job.status).toBe('completed');
    expect(job.safety_snapshot?.state).toBe('SUCCESS');

    // The snapshot's state is back: the task stored before it exists, the one stored after it is gone...
    expect((await esRequest(dest, 'GET', `/_tasks/${before}`)).status).toBe(200);
    expect((await esRequest(dest, 'GET', `/_tasks/${after}`)).status).toBe(404);
    // ...and the safety snapshot holds the replaced state, so it can be restored again.
    const safety = await esRequest(dest, 'GET', `/_snapshot/${repository}/${job.safety_snapshot?.snapshot}`);
    const [safetySnapshot] = (safety.body as { snapshots: Array<{ state: string; feature_states: Array<{ feature_name: string; indices: string[] }> }> }).snapshots;
    expect(safetySnapshot).toMatchObject({ state: 'SUCCESS', feature_states: [{ feature_name: 'tasks', indices: ['.tasks'] }] });
  });
});
