/*
 * The fault suite: a multi-index job (an index split into parts, some of its documents without the
 * partition field; an alias over two indices; a small index) meets the faults of production, and every
 * case is judged on Elasticsearch itself: counts, tasks (running and in .tasks, by their tags), settings
 * and aliases, not only on the job record.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { ensureTestBed } from '../../../dev/es/testbed';
import { REPO_ROOT, testBedNodes } from '../../../dev/es/testbed_config';
import { stopNode } from '../../../dev/es/elasticsearch_node';
import { startTlsFront, stopTlsFront } from '../../../dev/es/tls_front';
import type { Job, ReindexJobRequest } from '../../../common/types/jobs';
import { claimJob, createEngine, Engine, isFinished, waitForJob } from '../helpers/engine';
import { esRequest, uniqueName, waitUntil } from '../helpers/es_http';
import { saveTlsSource, trustTlsFront } from '../helpers/tls_front';

const nodes = testBedNodes();
const RUNNER = path.join(__dirname, '..', 'helpers', 'runner_process.ts');
const INSTANCE_ID = `faults-${process.pid}`;
/** This process's own runner (the cases that do not kill it). */
const ENGINE_INSTANCE = `faults-engine-${process.pid}`;
const FIXTURE = `ma13f-${process.pid}`;
const PARTITIONED = `${FIXTURE}-ts`;
const ALIAS = `${FIXTURE}-alias`;
const ALIASED = [`${FIXTURE}-a1`, `${FIXTURE}-a2`];
const SMALL = 'stores';
const PARTITIONED_DOCS = 12_000;
const WITHOUT_TIMESTAMP_EVERY = 300;

const count = async (url: string, index: string): Promise<number> => ((await esRequest(url, 'GET', `/${index}/_count`)).body as { count: number }).count;

const bulkIndex = async (index: string, docs: Array<Record<string, unknown>>): Promise<void> => {
  const lines = docs.flatMap((doc, i) => [JSON.stringify({ index: { _index: index, _id: `${index}-${i}` } }), JSON.stringify(doc)]);
  for (let start = 0; start < lines.length; start += 4_000) {
    const response = await fetch(`${nodes.source.url}/_bulk?refresh=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: `${lines.slice(start, start + 4_000).join('\n')}\n`,
    });
    const body = (await response.json()) as { errors: boolean };
    if (body.errors) throw new Error(`bulk into ${index} had errors`);
  }
};

/** The source fixture: a time series with documents lacking @timestamp, and an alias over two indices. */
const seedFixture = async (): Promise<void> => {
  const start = Date.parse('2024-01-01T00:00:00Z');
  await esRequest(nodes.source.url, 'PUT', `/${PARTITIONED}`, {
    settings: { number_of_shards: 2, number_of_replicas: 0, refresh_interval: '5s' },
    mappings: { properties: { '@timestamp': { type: 'date' }, n: { type: 'integer' }, text: { type: 'keyword' } } },
  });
  await bulkIndex(
    PARTITIONED,
    // The documents without @timestamp lack n too: no field covers the index, so it is split on
    // @timestamp and its last part holds them.
    Array.from({ length: PARTITIONED_DOCS }, (_, n) => ({
      ...(n % WITHOUT_TIMESTAMP_EVERY === 7 ? {} : { '@timestamp': new Date(start + n * 60_000).toISOString(), n }),
      text: `document ${n}`,
    }))
  );
  for (const [i, index] of ALIASED.entries()) {
    await esRequest(nodes.source.url, 'PUT', `/${index}`, { settings: { number_of_replicas: 0 }, aliases: { [ALIAS]: {} } });
    await bulkIndex(index, Array.from({ length: 1_500 * (2 - i) }, (_, n) => ({ n, index })));
  }
};

const startRunner = async (env: Record<string, string> = {}): Promise<ChildProcess> => {
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, INSTANCE_ID], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('runner started') && resolve());
    child.once('exit', (code) => reject(new Error(`runner process exited with ${code}`)));
  });
  return child;
};

const stopRunner = async (child: ChildProcess | undefined): Promise<void> => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
};

interface TaggedTask {
  tag: string;
  running: boolean;
}

/** Every reindex task of a job on the destination, running or finished, found by its tag. */
const tasksOfJob = async (jobId: string): Promise<TaggedTask[]> => {
  const prefix = `migration-assistant;${jobId};`;
  const running = await esRequest(nodes.reindex_destination.url, 'GET', '/_tasks?actions=*reindex&detailed=true&group_by=none');
  // Results written a moment ago are searchable once .tasks is refreshed.
  await esRequest(nodes.reindex_destination.url, 'POST', '/.tasks/_refresh');
  const stored = await esRequest(nodes.reindex_destination.url, 'POST', '/.tasks/_search?size=10000', { query: { term: { 'task.action': 'indices:data/write/reindex' } } });
  const found = new Map<string, TaggedTask>();
  for (const task of (running.body as { tasks: Array<{ node: string; id: number; headers?: Record<string, string> }> }).tasks) {
    const tag = task.headers?.['X-Opaque-Id'];
    if (tag?.startsWith(prefix)) found.set(`${task.node}:${task.id}`, { tag, running: true });
  }
  for (const hit of (stored.body as { hits?: { hits: Array<{ _id: string; _source: { task: { headers?: Record<string, string> } } }> } }).hits?.hits ?? []) {
    const tag = hit._source.task.headers?.['X-Opaque-Id'];
    if (tag?.startsWith(prefix)) found.set(hit._id, { tag, running: found.get(hit._id)?.running ?? false });
  }
  return [...found.values()];
};

/** Attempt numbers launched per item, from the tags Elasticsearch kept. */
const launchesPerItem = (tasks: TaggedTask[]): Map<string, number[]> => {
  const launches = new Map<string, number[]>();
  for (const { tag } of tasks) {
    const [, , itemId = '', attempt = ''] = tag.split(';');
    launches.set(itemId, [...(launches.get(itemId) ?? []), Number(attempt)]);
  }
  return launches;
};

const sourceIndices = [PARTITIONED, ...ALIASED, SMALL];

/** Every copy holds exactly the source's documents, the alias covers both copies, settings are back. */
const expectExactCopy = async (job: Job, prefix: string): Promise<void> => {
  for (const index of sourceIndices) {
    const dest = `${prefix}-${index}`;
    expect({ dest, count: await count(nodes.reindex_destination.url, dest) }).toEqual({ dest, count: await count(nodes.source.url, index) });
    const settings = await esRequest(nodes.reindex_destination.url, 'GET', `/${dest}/_settings?flat_settings=true`);
    const flat = (Object.values(settings.body as object)[0] as { settings: Record<string, string> }).settings;
    expect({ dest, refresh: flat['index.refresh_interval'] }).not.toEqual({ dest, refresh: '-1' });
  }
  const alias = await esRequest(nodes.reindex_destination.url, 'GET', `/_alias/${ALIAS}`);
  expect(Object.keys(alias.body as object).sort()).toEqual(ALIASED.map((index) => `${prefix}-${index}`).sort());
  // Every part of the partitioned index, the documents without @timestamp included, was copied.
  expect(job.items.filter((item) => item.source === PARTITIONED && item.partition?.missing)).toEqual([
    expect.objectContaining({ source_count: PARTITIONED_DOCS / WITHOUT_TIMESTAMP_EVERY, status: 'completed' }),
  ]);
};

/**
 * No task of the job still runs, and no item was launched more often than its attempts: each attempt
 * number at most once. `exact`: every attempt left its result in .tasks (no node died under a task), so
 * each attempt appears exactly once.
 */
const expectLaunchesWithinAttempts = async (job: Job, { exact = true } = {}): Promise<void> => {
  const tasks = await tasksOfJob(job.id);
  expect(tasks.filter((task) => task.running)).toEqual([]);
  const launches = launchesPerItem(tasks);
  for (const item of job.items) {
    const label = `${item.source} -> ${item.dest}`;
    const attempts = (launches.get(item.id) ?? []).sort((a, b) => a - b);
    const all = Array.from({ length: item.attempts }, (_, i) => i + 1);
    if (exact) {
      expect({ item: label, attempts }).toEqual({ item: label, attempts: all });
    } else {
      expect({ item: label, attempts: [...new Set(attempts)] }).toEqual({ item: label, attempts });
      expect({ item: label, outside: attempts.filter((attempt) => !all.includes(attempt)) }).toEqual({ item: label, outside: [] });
    }
  }
};

const deleteCopies = async (prefix: string): Promise<void> => {
  await esRequest(nodes.reindex_destination.url, 'DELETE', `/${prefix}-*?ignore_unavailable=true&expand_wildcards=all`);
};

describe('fault suite', () => {
  let engine: Engine;
  let sourceId: string;
  let child: ChildProcess | undefined;

  const jobRequest = (prefix: string, options: ReindexJobRequest['options'] = {}): ReindexJobRequest => ({
    type: 'reindex',
    source_id: sourceId,
    items: [{ source: PARTITIONED }, { source: ALIAS }, { source: SMALL }],
    rename: { pattern: '^(.*)$', replacement: `${prefix}-$1` },
    options: { concurrency: 2, partition_threshold_docs: 4_000, batch_size: 500, requests_per_second: 8_000, ...options },
  });

  /** Retries a failed job with resume: it completes with exact copies, each attempt launched at most once. */
  const resumeToExactCopy = async (jobId: string, prefix: string): Promise<void> => {
    await engine.service.retry(jobId, 'resume');
    const done = await waitForJob(engine, jobId, isFinished, 240_000);
    expect(done.status).toBe('completed');
    await expectExactCopy(done, prefix);
    await expectLaunchesWithinAttempts(done, { exact: false });
  };

  beforeAll(async () => {
    await seedFixture();
    engine = createEngine({ instanceId: ENGINE_INSTANCE });
    sourceId = (await engine.sources.create({ name: uniqueName('faults-source'), host: nodes.source.url, auth: { type: 'none' } })).id;
  });

  afterEach(async () => {
    await stopRunner(child);
    child = undefined;
    await engine.runner.stop();
  });

  afterAll(async () => {
    await esRequest(nodes.source.url, 'DELETE', `/${FIXTURE}-*?ignore_unavailable=true`);
  });

  it.each(['launch:recorded', 'launch:prepared', 'launch:sent', 'follow:progress', 'finish:settings', 'finish:recorded'])(
    'Kibana killed (SIGKILL) at %s: the job completes after a restart, every count exact, each item launched once',
    async (point) => {
      const prefix = uniqueName('kill');
      try {
        const job = await engine.service.createReindexJob(jobRequest(prefix), engine.destination);
        await claimJob(engine.jobs, job.id, INSTANCE_ID);
        // A point reached by the second item to get there: one item is already under way at that moment.
        child = await startRunner({ MA_FAULT: point, MA_FAULT_NTH: '2' });
        const killed = await new Promise<NodeJS.Signals | null>((resolve) => child?.once('exit', (_code, signal) => resolve(signal)));
        expect(killed).toBe('SIGKILL');
        child = await startRunner();
        const done = await waitForJob(engine, job.id, isFinished, 240_000);
        expect(done.status).toBe('completed');
        expect(done.items.every((item) => item.attempts === 1)).toBe(true);
        await expectExactCopy(done, prefix);
        await expectLaunchesWithinAttempts(done);
      } finally {
        await stopRunner(child);
        await deleteCopies(prefix);
      }
    }
  );

  it('destination node restarted mid-job: the interrupted items fail with the remedy, and a retry completes with exact counts', async () => {
    const prefix = uniqueName('noderestart');
    try {
      const job = await engine.service.createReindexJob(jobRequest(prefix, { requests_per_second: 2_000 }), engine.destination);
      await claimJob(engine.jobs, job.id, ENGINE_INSTANCE);
      engine.runner.start();
      await waitForJob(engine, job.id, (current) => current.items.some((item) => item.status === 'running' && item.progress.created > 0));
      await stopNode(nodes.reindex_destination, () => undefined);
      await ensureTestBed({ nodes: ['reindex_destination'] });
      const failed = await waitForJob(engine, job.id, isFinished, 240_000);
      expect(failed.status).toBe('failed');
      const interrupted = failed.items.filter((item) => item.status === 'failed');
      expect(interrupted.length).toBeGreaterThan(0);
      for (const item of interrupted) {
        expect(item.error?.type).toBe('task_vanished');
        expect(item.error?.remedy).toMatch(/Retry/);
      }
      // A task that ran on the restarted node left no result: attempts are checked at most once each.
      await resumeToExactCopy(job.id, prefix);
    } finally {
      await deleteCopies(prefix);
    }
  });

  it('source unreachable mid-job (its TLS front stopped): a clear error naming the source, and a retry once it is back completes', async () => {
    const prefix = uniqueName('sourcegone');
    const tlsSource = await saveTlsSource(engine.sources, 'faults-tls-source');
    try {
      await trustTlsFront(true);
      const job = await engine.service.createReindexJob({ ...jobRequest(prefix, { requests_per_second: 2_000 }), source_id: tlsSource.id }, engine.destination);
      await claimJob(engine.jobs, job.id, ENGINE_INSTANCE);
      engine.runner.start();
      await waitForJob(engine, job.id, (current) => current.items.some((item) => item.status === 'running' && item.progress.created > 0));
      await stopTlsFront(() => undefined);
      const failed = await waitForJob(engine, job.id, isFinished, 240_000);
      expect(failed.status).toBe('failed');
      const errors = failed.items.filter((item) => item.status === 'failed').map((item) => item.error);
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(`${error?.reason} ${error?.remedy}`).toContain('127.0.0.1:19443');
        expect(error?.remedy).toBeTruthy();
      }
      await startTlsFront(nodes.source, () => undefined);
      // An attempt that failed in Kibana's own read of the source launched no task.
      await resumeToExactCopy(job.id, prefix);
    } finally {
      await startTlsFront(nodes.source, () => undefined).catch(() => undefined);
      await trustTlsFront(false);
      await deleteCopies(prefix);
    }
  });

  it('retry of one cancelled part keeps the other parts’ documents; starting over redoes every part of the destination', async () => {
    const prefix = uniqueName('onepart');
    try {
      const job = await engine.service.createReindexJob(
        { ...jobRequest(prefix, { concurrency: 1, requests_per_second: 3_000 }), items: [{ source: PARTITIONED }] },
        engine.destination
      );
      await claimJob(engine.jobs, job.id, ENGINE_INSTANCE);
      const dest = `${prefix}-${PARTITIONED}`;
      engine.runner.start();
      // The first part completes; the second is cancelled while it runs.
      const second = await waitForJob(engine, job.id, (current) => current.items[0]?.status === 'completed' && current.items[1]?.status === 'running');
      await engine.service.cancel(job.id, engine.destination, second.items[1]?.id);
      const stopped = await waitForJob(engine, job.id, isFinished, 120_000);
      expect(stopped.items[1]?.status).toBe('cancelled');
      const rangeCount = async (gte?: number, lt?: number) =>
        ((await esRequest(nodes.reindex_destination.url, 'POST', `/${dest}/_count`, { query: { range: { '@timestamp': { gte, lt, format: 'epoch_millis' } } } })).body as { count: number }).count;
      const first = stopped.items[0]?.partition;
      const firstCount = await rangeCount(first?.gte, first?.lt);
      expect(firstCount).toBe(stopped.items[0]?.source_count);

      await engine.service.retry(job.id, 'resume', [stopped.items[1]?.id ?? '']);
      const resumed = await waitForJob(engine, job.id, isFinished, 120_000);
      expect(resumed.status).toBe('completed');
      // The first part was not touched: same documents, one launch.
      expect(await rangeCount(first?.gte, first?.lt)).toBe(firstCount);
      expect(resumed.items[0]?.attempts).toBe(1);
      expect(await count(nodes.reindex_destination.url, dest)).toBe(await count(nodes.source.url, PARTITIONED));
      await expectLaunchesWithinAttempts(resumed);

      // Starting over deletes the destination: never one that existed before the job. A second job into
      // the same index, cancelled before it ran, may not start over.
      await engine.runner.stop();
      const into = await engine.service.createReindexJob(
        { ...jobRequest(prefix), items: [{ source: SMALL, dest }], rename: undefined, options: { concurrency: 1 } },
        engine.destination
      );
      await engine.service.cancel(into.id, engine.destination);
      await expect(engine.service.retry(into.id, 'restart')).rejects.toMatchObject({ statusCode: 409, code: 'restart_refused' });
      expect(await count(nodes.reindex_destination.url, dest)).toBe(await count(nodes.source.url, PARTITIONED));
      await engine.jobs.delete(into.id);
    } finally {
      await deleteCopies(prefix);
    }
  });

  it.each(['queued', 'preparing', 'running'] as const)('cancel while an item is %s: no task keeps running, settings are back', async (state) => {
    const prefix = uniqueName(`cancel-${state}`);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The runner is held right before its launch request, so the item is "preparing" in the record.
    const local = createEngine({
      instanceId: `cancel-${process.pid}`,
      pollIntervalMs: 300,
      faultPoint: state === 'preparing' ? async (point) => (point === 'launch:prepared' ? held : undefined) : undefined,
    });
    try {
      const job = await local.service.createReindexJob(
        { ...jobRequest(prefix, { concurrency: 1, requests_per_second: 1_000 }), items: [{ source: ALIAS }] },
        local.destination
      );
      await claimJob(local.jobs, job.id, `cancel-${process.pid}`);
      local.runner.start();
      const target = state === 'queued' ? 1 : 0;
      await waitForJob(local, job.id, (current) => current.items[0]?.status === (state === 'queued' ? 'running' : state) && (state !== 'running' || (current.items[0]?.progress.created ?? 0) > 0));
      const itemId = (await local.service.get(job.id)).items[target]?.id ?? '';
      await local.service.cancel(job.id, local.destination, itemId);
      release();
      const ended = await waitForJob(local, job.id, (current) => current.items[target]?.status === 'cancelled', 60_000);
      expect(ended.items[target]?.status).toBe('cancelled');
      if (state === 'queued') expect(ended.items[target]?.attempts).toBe(0);
      await local.service.cancel(job.id, local.destination).catch(() => undefined);
      const finished = await waitForJob(local, job.id, isFinished, 60_000);
      await waitUntil(async () => (await tasksOfJob(job.id)).every((task) => !task.running), 30_000);
      await expectLaunchesWithinAttempts(finished);
      for (const item of finished.items) {
        const settings = await esRequest(nodes.reindex_destination.url, 'GET', `/${item.dest}/_settings?flat_settings=true`);
        if (settings.status === 404) continue;
        const flat = (Object.values(settings.body as object)[0] as { settings: Record<string, string> }).settings;
        expect({ dest: item.dest, refresh: flat['index.refresh_interval'] }).not.toEqual({ dest: item.dest, refresh: '-1' });
      }
    } finally {
      release();
      await local.runner.stop();
      await deleteCopies(prefix);
    }
  });

  it('encryption key changed between two runs: the job whose secret it cannot read is paused with the remedy, and other jobs advance', async () => {
    const prefix = uniqueName('newkey');
    const secretSource = await saveTlsSource(engine.sources, 'faults-secret-source');
    try {
      const locked = await engine.service.createReindexJob(
        { ...jobRequest(`${prefix}-locked`), source_id: secretSource.id, items: [{ source: SMALL }] },
        engine.destination
      );
      const open = await engine.service.createReindexJob({ ...jobRequest(`${prefix}-open`), items: [{ source: SMALL }] }, engine.destination);
      for (const job of [locked, open]) await claimJob(engine.jobs, job.id, INSTANCE_ID);
      // The next Kibana runs with another key: it cannot open what the first one sealed.
      child = await startRunner({ MA_ENCRYPTION_KEY: 'another-encryption-key-0123456789abcdef' });
      const paused = await waitForJob(engine, locked.id, (current) => current.status === 'paused', 60_000);
      expect(paused.items[0]?.error?.type).toBe('secret_unreadable');
      expect(paused.items[0]?.error?.remedy).toMatch(/encryptionKey/);
      expect(paused.items[0]?.attempts).toBe(0);
      const done = await waitForJob(engine, open.id, isFinished, 120_000);
      expect(done.status).toBe('completed');
      expect(await count(nodes.reindex_destination.url, `${prefix}-open-${SMALL}`)).toBe(await count(nodes.source.url, SMALL));
      // Nothing was launched for the paused job.
      expect(await tasksOfJob(locked.id)).toEqual([]);
    } finally {
      await deleteCopies(prefix);
    }
  });
});
