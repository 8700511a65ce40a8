/*
 * Nothing lost on a restart: the server process running the job runner is killed mid-job and started
 * again. The job completes with exact counts, and every item (each part of a split index) was launched exactly once.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, testBedNodes } from '../../../dev/es/testbed_config';
import { isPidAlive } from '../../../dev/es/process_utils';
import { LARGE_INDEX } from '../../../dev/sample_data/indices';
import { createEngine, Engine, isFinished, waitForJob } from '../helpers/engine';
import { esRequest, uniqueName } from '../helpers/es_http';

const nodes = testBedNodes();
const RUNNER = path.join(__dirname, '..', 'helpers', 'runner_process.ts');
// A restarted Kibana keeps its server uuid, so it takes its own lease back at once.
const INSTANCE_ID = `restart-${process.pid}`;

const startRunnerProcess = async (): Promise<ChildProcess> => {
  // One node process with tsx's loader (not the tsx CLI, which would run the runner in a grandchild that
  // a SIGKILL of its parent leaves alive).
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, INSTANCE_ID], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('runner started') && resolve());
    child.once('exit', (code) => reject(new Error(`runner process exited with ${code}`)));
  });
  return child;
};

/** Reindex tasks whose description names `dest`, running or finished (results kept in `.tasks`). */
const reindexTasksInto = async (dest: string): Promise<string[]> => {
  const running = await esRequest(nodes.reindex_destination.url, 'GET', '/_tasks?actions=*reindex&detailed=true&group_by=none');
  await esRequest(nodes.reindex_destination.url, 'POST', '/.tasks/_refresh');
  const stored = await esRequest(nodes.reindex_destination.url, 'POST', '/.tasks/_search?size=1000', { query: { match_phrase: { 'task.description': dest } } });
  const ids = new Set<string>();
  for (const task of (running.body as { tasks: Array<{ node: string; id: number; description: string }> }).tasks) {
    if (task.description.includes(`to [${dest}]`)) ids.add(`${task.node}:${task.id}`);
  }
  for (const hit of (stored.body as { hits?: { hits: Array<{ _id: string; _source: { task: { description: string } } }> } }).hits?.hits ?? []) {
    if (hit._source.task.description.includes(`to [${dest}]`)) ids.add(hit._id);
  }
  return [...ids];
};

describe('restart safety', () => {
  let engine: Engine;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    // This process only creates and reads the job; the child process runs it.
    engine = createEngine();
  });

  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('completes a job with exact counts and no duplicate task after the server is killed mid-job', async () => {
    const prefix = uniqueName('restart');
    const dest = `${prefix}-${LARGE_INDEX}`;
    const source = await engine.sources.create({ name: uniqueName('restart-source'), host: nodes.source.url, auth: { type: 'none' } });
    try {
      const job = await engine.service.createReindexJob(
        {
          type: 'reindex',
          source_id: source.id,
          items: [{ source: LARGE_INDEX }, { source: 'orders-2023' }, { source: 'stores' }],
          rename: { pattern: '^(.*)$', replacement: `${prefix}-$1` },
          // Slow enough that the kill lands while the large index is still being copied.
          options: { concurrency: 3, requests_per_second: 10_000, batch_size: 1_000 },
        },
        engine.destination
      );
      child = await startRunnerProcess();
      const midway = await waitForJob(engine, job.id, (current) => {
        const large = current.items.find((item) => item.source === LARGE_INDEX);
        return (large?.progress.created ?? 0) > 20_000;
      });
      expect(midway.status).toBe('running');
      const killedPid = child.pid ?? 0;
      child.kill('SIGKILL');
      await new Promise((resolve) => child?.once('exit', resolve));
      expect(isPidAlive(killedPid)).toBe(false);

      child = await startRunnerProcess();
      const done = await waitForJob(engine, job.id, isFinished, 180_000);
      expect(done.status).toBe('completed');
      // The large index is split in parts by default (one task each), the others copied whole.
      expect(done.items.filter((item) => item.dest === dest).length).toBeGreaterThan(1);
      for (const target of new Set(done.items.map((item) => item.dest))) {
        const parts = done.items.filter((item) => item.dest === target);
        const [srcCount, destCount] = await Promise.all([
          esRequest(nodes.source.url, 'GET', `/${parts[0]?.source}/_count`),
          esRequest(nodes.reindex_destination.url, 'GET', `/${target}/_count`),
        ]);
        expect((destCount.body as { count: number }).count).toBe((srcCount.body as { count: number }).count);
        // Exactly one task per part, across both runner processes.
        expect((await reindexTasksInto(target)).sort()).toEqual(parts.map((item) => item.task_id).sort());
      }
    } finally {
      const last = child;
      last?.kill('SIGTERM');
      if (last?.exitCode === null) await new Promise((resolve) => last.once('exit', resolve));
      await esRequest(nodes.reindex_destination.url, 'DELETE', `/${prefix}-*?ignore_unavailable=true`);
    }
  });
});
