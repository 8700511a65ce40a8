/*
 * Snapshot restore under faults, on the real test bed, driving the engine the way the runner does (one
 * advance per poll, the job saved in the state index between polls) without a runner, so a "restart" is
 * just advancing the job as it was persisted:
 * - restored names are those Elasticsearch creates (Java replaceAll), on the 8.14 destination;
 * - a retried close-and-overwrite that fails again leaves nothing closed (7.17);
 * - a safety snapshot is started, recorded and followed across polls, and a restart never takes a second;
 * - reindex into place records its snapshot and task, and a second call re-attaches to them.
 */
import fs from 'node:fs';
import { Client } from '@elastic/elasticsearch';
import { testBedInfo } from '../../../dev/es/testbed';
import { testBedNodes } from '../../../dev/es/testbed_config';
import type { SnapshotRestoreJobRequest } from '../../../common/types/jobs';
import type { EsClient } from '../../../server/lib/es_client';
import { isFinishedItem, jobProgress, jobStatusFromItems, StoredJob } from '../../../server/lib/job_record/job_record';
import { JobRepository } from '../../../server/lib/job_record/job_repository';
import { JobService } from '../../../server/lib/jobs/job_service';
import { StateIndex } from '../../../server/lib/job_record/state_index';
import { createSecretVault } from '../../../server/lib/sources/secrets';
import { SourceService } from '../../../server/lib/sources/source_service';
import { reindexCopiesIntoPlace } from '../../../server/lib/snapshots/cleanup';
import { advanceRestoreJob, planRestore } from '../../../server/lib/snapshots/restore_job';
import { destinationClient, recordingLogger, TEST_ENCRYPTION_KEY } from '../helpers/engine';
import { esRequest, uniqueName } from '../helpers/es_http';

jest.setTimeout(180_000);

const nodes = testBedNodes();
const source = nodes.source.url;
const dest7 = nodes.reindex_destination.url;
const dest8 = nodes.destination.url;
const repository = uniqueName('ma13-faults');
const safetyRepository = `${repository}-safety`;
let location: string;
const toDelete: Array<[string, string]> = [];
const createdJobs: string[] = [];

// The job store on the 7.17 destination; a service for retries that wakes no runner (the test advances).
const client7 = destinationClient(dest7);
const client8: EsClient = new Client({ node: dest8 });
const state = new StateIndex(() => client7);
const jobs = new JobRepository(state);
// Our jobs live in the shared state index, where other tests' runners poll: a long lease of ours keeps them off.
const OWNER = uniqueName('ma13-owner');
const LEASE_MS = 15 * 60_000;
const service = new JobService({
  jobs,
  sources: new SourceService({ state: new StateIndex(() => client7), vault: createSecretVault(TEST_ENCRYPTION_KEY), allowedHosts: [] }),
  logger: recordingLogger(),
  kick: () => undefined,
});

/** What the runner does at one poll: load the job, advance it (checkpoints saved), save it. */
const advanceOnce = async (id: string, client: EsClient): Promise<StoredJob> => {
  const found = await jobs.acquireLease(id, OWNER, LEASE_MS);
  if (!found) throw new Error(`job ${id} is gone or leased by another runner`);
  let version = found;
  const job = structuredClone(found.value);
  const persist = async () => {
    job.progress = jobProgress(job.items);
    job.status = jobStatusFromItems(job.items, job.status);
    version = await jobs.save(job, version, { owner: OWNER, expiresAt: Date.now() + LEASE_MS });
  };
  await advanceRestoreJob(job, client, persist);
  await persist();
  return job;
};

const advanceUntil = async (id: string, client: EsClient, done: (job: StoredJob) => boolean): Promise<StoredJob> => {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const job = await advanceOnce(id, client);
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id}: ${JSON.stringify(job.items.map((i) => [i.dest, i.status, i.error]))}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
};

const storedJob = async (id: string): Promise<StoredJob> => {
  const found = await jobs.get(id);
  if (!found) throw new Error(`job ${id} is gone`);
  return found.value;
};

const allFinished = (job: StoredJob) => job.items.every(isFinishedItem);

const createJob = async (client: EsClient, request: SnapshotRestoreJobRequest): Promise<StoredJob> => {
  const items = await planRestore(client, request);
  const { type: _type, ...restore } = request;
  const job: StoredJob = {
    id: uniqueName('ma13-job'),
    type: 'snapshot_restore',
    status: 'queued',
    created_at: new Date().toISOString(),
    options: { concurrency: items.length } as StoredJob['options'],
    restore,
    items,
    progress: jobProgress(items),
  };
  createdJobs.push(job.id);
  // Created already leased to us, so no other runner ever advances it.
  await state.put('job', job.id, job, { status: job.status, created_at: job.created_at, lease_owner: OWNER, lease_expires_at: Date.now() + LEASE_MS }, undefined, { searchableNow: true });
  return job;
};

/** An index on the source with `docs` documents, in the snapshot `snapshot` of our repository. */
const snapshotOnSource = async (snapshot: string, indices: Record<string, number>) => {
  for (const [index, docs] of Object.entries(indices)) {
    await esRequest(source, 'PUT', `/${index}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } });
    toDelete.push([source, index]);
    for (let i = 0; i < docs; i++) await esRequest(source, 'PUT', `/${index}/_doc/source-${i}`, { from: 'source', i });
    await esRequest(source, 'POST', `/${index}/_refresh`);
  }
  const taken = await esRequest(source, 'PUT', `/_snapshot/${repository}/${snapshot}?wait_for_completion=true`, { indices: Object.keys(indices).join(','), include_global_state: false });
  expect((taken.body as { snapshot: { state: string } }).snapshot.state).toBe('SUCCESS');
};

/** A destination index of the same name: `shards` primaries and one document the snapshot does not have. */
const liveIndex = async (index: string, shards: number) => {
  await esRequest(dest7, 'DELETE', `/${index}?ignore_unavailable=true&expand_wildcards=all`);
  await esRequest(dest7, 'PUT', `/${index}`, { settings: { number_of_shards: shards, number_of_replicas: 0 } });
  toDelete.push([dest7, index]);
  await esRequest(dest7, 'PUT', `/${index}/_doc/destination-only?refresh=true`, { from: 'destination' });
};

const indexStatus = async (url: string, index: string): Promise<string | undefined> => {
  const cat = await esRequest(url, 'GET', `/_cat/indices/${index}?format=json&expand_wildcards=all&h=index,status`);
  return cat.status === 200 ? (cat.body as Array<{ status: string }>)[0]?.status : undefined;
};

const safetySnapshots = async (): Promise<Array<{ snapshot: string; state: string }>> =>
  ((await esRequest(dest7, 'GET', `/_snapshot/${safetyRepository}/_all`)).body as { snapshots: Array<{ snapshot: string; state: string }> }).snapshots;

beforeAll(async () => {
  location = `${(await testBedInfo()).shared_repo_dir}/${repository}`;
  expect((await esRequest(source, 'PUT', `/_snapshot/${repository}`, { type: 'fs', settings: { location } })).status).toBe(200);
  for (const url of [dest7, dest8]) {
    expect((await esRequest(url, 'PUT', `/_snapshot/${repository}`, { type: 'fs', settings: { location, readonly: true } })).status).toBe(200);
  }
  expect((await esRequest(dest7, 'PUT', `/_snapshot/${safetyRepository}`, { type: 'fs', settings: { location: `${location}-safety` } })).status).toBe(200);
});

afterAll(async () => {
  for (const id of createdJobs) await jobs.delete(id);
  for (const [url, index] of toDelete) await esRequest(url, 'DELETE', `/${index}?ignore_unavailable=true&expand_wildcards=all`);
  for (const snapshot of (await safetySnapshots().catch(() => [])) ?? []) await esRequest(dest7, 'DELETE', `/_snapshot/${safetyRepository}/${snapshot.snapshot}`);
  await esRequest(dest7, 'DELETE', `/_snapshot/${safetyRepository}`);
  await esRequest(dest7, 'DELETE', `/_snapshot/${repository}`);
  await esRequest(dest8, 'DELETE', `/_snapshot/${repository}`);
  const taken = (await esRequest(source, 'GET', `/_snapshot/${repository}/_all`)).body as { snapshots?: Array<{ snapshot: string }> };
  for (const snapshot of taken.snapshots ?? []) await esRequest(source, 'DELETE', `/_snapshot/${repository}/${snapshot.snapshot}`);
  await esRequest(source, 'DELETE', `/_snapshot/${repository}`);
  fs.rmSync(location, { recursive: true, force: true });
  fs.rmSync(`${location}-safety`, { recursive: true, force: true });
});

describe('restored names on the 8.14 destination', () => {
  it('plans exactly the names Elasticsearch creates (every match replaced)', async () => {
    const index = uniqueName('ma13-rename');
    await snapshotOnSource('rename', { [index]: 2 });
    // "-" → "_" everywhere; first-match would have planned only the first "-" replaced.
    const everyDash = index.replace(/-/g, '_');
    // "(.*)" also matches the empty string at the end of the name: Elasticsearch appends a second "r_".
    const emptyMatch = `r_${index}r_`;
    for (const [pattern, replacement, expected] of [
      ['-', '_', everyDash],
      ['(.*)', 'r_$1', emptyMatch],
    ] as const) {
      const job = await createJob(client8, { type: 'snapshot_restore', repository, snapshot: 'rename', indices: [index], rename_pattern: pattern, rename_replacement: replacement });
      expect(job.items.map((item) => item.dest)).toEqual([expected]);
      toDelete.push([dest8, expected]);
      const done = await advanceUntil(job.id, client8, allFinished);
      expect(done.items.map((item) => [item.status, item.dest_count])).toEqual([['completed', 2]]);
      // Elasticsearch created the planned name, and not the first-match one.
      expect(await indexStatus(dest8, expected)).toBe('open');
      expect(((await esRequest(dest8, 'GET', `/${expected}/_count`)).body as { count: number }).count).toBe(2);
    }
    expect(await indexStatus(dest8, index.replace('-', '_'))).toBeUndefined();
    expect(await indexStatus(dest8, `r_${index}`)).toBeUndefined();
  });

  it('answers an invalid group reference before anything runs, naming the field', async () => {
    await expect(
      createJob(client8, { type: 'snapshot_restore', repository, snapshot: 'rename', indices: [(await snapshotIndices('rename'))[0] as string], rename_pattern: '^(.+)$', rename_replacement: 'r_$2' })
    ).rejects.toMatchObject({ statusCode: 400, attributes: { field: 'rename_replacement' }, message: expect.stringContaining('No group 2') });
  });
});

const snapshotIndices = async (snapshot: string): Promise<string[]> =>
  ((await esRequest(source, 'GET', `/_snapshot/${repository}/${snapshot}`)).body as { snapshots: Array<{ indices: string[] }> }).snapshots[0]?.indices ?? [];

describe('close and overwrite on the 7.17 destination', () => {
  it('a retried restore that fails again leaves nothing closed', async () => {
    const index = uniqueName('ma13-retry');
    await snapshotOnSource('retry', { [index]: 3 });
    // Two shards here, one in the snapshot: Elasticsearch refuses the restore, after the index was closed.
    await liveIndex(index, 2);
    const job = await createJob(client7, {
      type: 'snapshot_restore',
      repository,
      snapshot: 'retry',
      indices: [index],
      overwrite_existing: true,
      safety_repository: safetyRepository,
      confirmation: `overwrite ${index}`,
    });
    const first = await advanceUntil(job.id, client7, allFinished);
    expect(first.items.map((item) => item.status)).toEqual(['failed']);
    expect(first).toMatchObject({ closed_indices: [index], reopened: true });
    expect(await indexStatus(dest7, index)).toBe('open');

    await service.retry(job.id, 'resume');
    const second = await advanceUntil(job.id, client7, allFinished);
    expect(second.items.map((item) => item.status)).toEqual(['failed']);
    expect(second.items[0]?.error?.reason).toMatch(/shards/);
    // On Elasticsearch: open, readable, with the destination's own document.
    expect(await indexStatus(dest7, index)).toBe('open');
    const metadata = (await esRequest(dest7, 'GET', `/_cluster/state/metadata/${index}?expand_wildcards=all`)).body as { metadata: { indices: Record<string, { state: string }> } };
    expect(metadata.metadata.indices[index]?.state).toBe('open');
    expect((await esRequest(dest7, 'GET', `/${index}/_doc/destination-only`)).status).toBe(200);
    // The record: two attempts, each with its own safety snapshot, the second's indices reopened.
    expect(second.items.map((item) => item.attempts)).toEqual([2]);
    expect(second).toMatchObject({ closed_indices: [index], reopened: true, safety_snapshot: { attempt: 2, state: 'SUCCESS' } });
    expect(second.earlier_safety_snapshots).toMatchObject([{ attempt: 1, state: 'SUCCESS' }]);
  });

  it('follows the safety snapshot across polls, and a restart in the middle takes no second one', async () => {
    const index = uniqueName('ma13-safety');
    await snapshotOnSource('safety', { [index]: 4 });
    await liveIndex(index, 1);
    const before = (await safetySnapshots()).length;
    const job = await createJob(client7, {
      type: 'snapshot_restore',
      repository,
      snapshot: 'safety',
      indices: [index],
      overwrite_existing: true,
      safety_repository: safetyRepository,
      confirmation: `overwrite ${index}`,
    });

    // First poll: the snapshot is started and recorded, nothing else happens yet.
    const first = await advanceOnce(job.id, client7);
    expect(first.safety_snapshot).toMatchObject({ repository: safetyRepository, state: 'IN_PROGRESS', attempt: 1, indices: [index] });
    expect(first.items.map((item) => item.status)).toEqual(['queued']);
    expect(await indexStatus(dest7, index)).toBe('open');
    const persisted = await jobs.get(job.id);
    expect(persisted?.value.safety_snapshot?.snapshot).toBe(first.safety_snapshot?.snapshot);
    const taken = await safetySnapshots();
    expect(taken.length).toBe(before + 1);
    expect(taken.map((s) => s.snapshot)).toContain(first.safety_snapshot?.snapshot);

    // "Restart": the next polls start from the persisted job only; they wait for that snapshot, then restore.
    const done = await advanceUntil(job.id, client7, allFinished);
    expect(done.items.map((item) => [item.status, item.dest_count])).toEqual([['completed', 4]]);
    expect(done).toMatchObject({ safety_snapshot: { snapshot: first.safety_snapshot?.snapshot, state: 'SUCCESS' }, closed_indices: [index], reopened: true });
    const after = await safetySnapshots();
    expect(after.length).toBe(before + 1);
    expect(after.find((s) => s.snapshot === first.safety_snapshot?.snapshot)?.state).toBe('SUCCESS');
    expect(await indexStatus(dest7, index)).toBe('open');
    expect((await esRequest(dest7, 'GET', `/${index}/_doc/destination-only`)).status).toBe(404);
  });

  it('a restart between recording the safety snapshot and starting it starts exactly that one', async () => {
    const index = uniqueName('ma13-recorded');
    await snapshotOnSource('recorded', { [index]: 1 });
    await liveIndex(index, 1);
    const before = (await safetySnapshots()).length;
    const job = await createJob(client7, {
      type: 'snapshot_restore',
      repository,
      snapshot: 'recorded',
      indices: [index],
      overwrite_existing: true,
      safety_repository: safetyRepository,
      confirmation: `overwrite ${index}`,
    });
    // As persisted by a Kibana that stopped right after the checkpoint, before the create request.
    const name = `migration-assistant-safety-${uniqueName('ma13')}`;
    await jobs.update(job.id, (stored) => ({ ...stored, safety_snapshot: { repository: safetyRepository, snapshot: name, state: 'IN_PROGRESS', attempt: 1, indices: [index] } }));
    const done = await advanceUntil(job.id, client7, allFinished);
    expect(done.items.map((item) => item.status)).toEqual(['completed']);
    const after = await safetySnapshots();
    expect(after.length).toBe(before + 1);
    expect(after.find((s) => s.snapshot === name)?.state).toBe('SUCCESS');
  });
});

describe('reindex into place on the 7.17 destination', () => {
  it('records the safety snapshot and the reindex task, and a second call re-attaches to them', async () => {
    // An internal-looking index of our own (.security-*: no live alias on the test bed), so no shared index is touched.
    const live = `.security-${uniqueName('ma13-into')}`;
    const copy = `restored_${live.slice(1)}`;
    await snapshotOnSource('into-place', { [live]: 5 });
    await liveIndex(live, 1);
    toDelete.push([dest7, copy]);
    const job = await createJob(client7, {
      type: 'snapshot_restore',
      repository,
      snapshot: 'into-place',
      indices: [live],
      rename_pattern: '^\\.(.+)$',
      rename_replacement: 'restored_$1',
      include_aliases: false,
    });
    await advanceUntil(job.id, client7, allFinished);
    const before = (await safetySnapshots()).length;
    const request = { safety_repository: safetyRepository, confirmation: `reindex into ${live}` };
    const deps = {
      version: '7.17.9',
      checkSafetyRepository: async () => undefined,
      record: async (state: NonNullable<StoredJob['into_place']>) => {
        await jobs.update(job.id, (stored) => ({ ...stored, into_place: structuredClone(state) }));
      },
    };
    // No waiting at all: the call starts what it can, records it and answers "running".
    const first = await reindexCopiesIntoPlace((await storedJob(job.id)), client7, request, { ...deps, waitMs: 0 });
    expect(first.status).toBe('running');
    const recorded = (await storedJob(job.id)).into_place;
    expect(recorded?.safety_snapshot).toMatchObject({ repository: safetyRepository, indices: [live] });
    expect((await safetySnapshots()).length).toBe(before + 1);

    // Called again from what was persisted (as after a restart): the same snapshot, at most the one task.
    let result = first;
    for (let i = 0; i < 60 && result.status === 'running'; i++) {
      result = await reindexCopiesIntoPlace((await storedJob(job.id)), client7, request, { ...deps, waitMs: 1000, pollMs: 200 });
    }
    expect(result).toMatchObject({ status: 'completed', results: [{ from: copy, to: live, created: 5, updated: 0 }], safety_snapshot: { snapshot: recorded?.safety_snapshot?.snapshot, state: 'SUCCESS' } });
    const stored = (await storedJob(job.id)).into_place;
    expect(stored?.pairs).toMatchObject([{ status: 'completed', task_id: expect.stringMatching(/:\d+$/) }]);
    expect((await safetySnapshots()).length).toBe(before + 1);
    // On Elasticsearch: the copy's documents joined the live index's own.
    expect(((await esRequest(dest7, 'GET', `/${live}/_count`)).body as { count: number }).count).toBe(6);
  });
});
