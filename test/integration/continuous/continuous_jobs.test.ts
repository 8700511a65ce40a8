/*
 * Continuous reindex jobs against the real test bed (issue 16): a writer keeps writing into the source
 * during the whole job (new documents, updates that move the change field, deletions), catch-up passes
 * follow it, and the cutover leaves every destination index with exactly the source's ids and every
 * document's `_source` equal, checked on all documents. A rollback lifts the write block; a runner killed
 * during the cutover is replaced and the cutover finishes.
 */
import type { ChildProcess } from 'node:child_process';
import { cutoverConfirmation } from '../../../common/lib/continuous';
import type { Job } from '../../../common/types/jobs';
import { testBedNodes } from '../../../dev/es/testbed_config';
import type { FaultPoint } from '../../../server/lib/scheduler/job_runner';
import { createEngine, Engine, isFinished, waitForJob, claimJob } from '../helpers/engine';
import { esRequest, uniqueName, waitUntil } from '../helpers/es_http';
import { compareCopies, deleteSourceIndices, exitSignal, seedIndex, startRunner, startWriter, stopRunner, writeBlocked } from './continuous_fixture';

const nodes = testBedNodes();
const BIG_DOCS = 21_000;

const catchingUpWith = (passes: number) => (job: Job) =>
  isFinished(job) || (job.continuous?.phase === 'catching_up' && job.continuous.passes.filter((pass) => pass.kind === 'catch_up' && pass.status === 'completed').length >= passes);

const deleteCopies = (prefix: string) => esRequest(nodes.reindex_destination.url, 'DELETE', `/${prefix}-*?ignore_unavailable=true&expand_wildcards=all`);

describe('continuous reindex jobs', () => {
  let engine: Engine;
  let sourceId: string;

  beforeAll(async () => {
    engine = createEngine({ pollIntervalMs: 300 });
    sourceId = (await engine.sources.create({ name: uniqueName('continuous-source'), host: nodes.source.url, auth: { type: 'none' } })).id;
  });

  afterEach(async () => {
    await engine.runner.stop();
  });

  it('refuses a change field that is not a date or number, or that some documents lack, naming the field and the count', async () => {
    const index = uniqueName('ma16-refuse');
    try {
      await seedIndex(index, 50);
      await esRequest(nodes.source.url, 'POST', `/${index}/_doc/without?refresh=true`, { n: 1, text: 'no change field' });
      const request = (change_field: string) =>
        engine.service.createReindexJob({ type: 'reindex', source_id: sourceId, items: [{ source: index, dest: `${index}-copy` }], options: { continuous: { change_field } } }, engine.destination, { dryRun: true });
      await expect(request('text')).rejects.toMatchObject({ statusCode: 400, details: { field: 'options.continuous.change_field' }, message: expect.stringContaining('keyword') });
      await expect(request('nope')).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('does not map [nope]') });
      await expect(request('updated_at')).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('has 1 documents without [updated_at]') });
    } finally {
      await deleteSourceIndices([index]);
    }
  });

  it('a writer runs during the whole job; after the cutover every copy holds exactly the source ids and documents, the aliases moved', async () => {
    const prefix = uniqueName('ma16-live');
    const big = `${prefix}-big`;
    const small = `${prefix}-small`;
    const alias = `${prefix}-alias`;
    await seedIndex(big, BIG_DOCS, alias);
    await seedIndex(small, 800);
    const writer = startWriter([
      { index: big, seeded: BIG_DOCS },
      { index: small, seeded: 800 },
    ]);
    try {
      engine.runner.start();
      const created = await engine.service.createReindexJob(
        {
          type: 'reindex',
          source_id: sourceId,
          items: [{ source: big }, { source: small }],
          rename: { pattern: '^(.*)$', replacement: 'copy-$1' },
          // The big index catches up by its date field, the small one by a numeric one.
          options: { concurrency: 2, continuous: { change_field: 'updated_at', change_fields: { [small]: 'seq' }, safety_margin_seconds: 10, numeric_safety_margin: 10_000_000, pass_interval_seconds: 1 } },
        },
        engine.destination
      );
      await claimJob(engine.jobs, created.id, `test-${process.pid}`);
      expect(created.continuous).toMatchObject({ phase: 'full_copy', fields: { [`copy-${big}`]: { field: 'updated_at', type: 'date' }, [`copy-${small}`]: { field: 'seq', type: 'number' } } });
      const caughtUp = await waitForJob(engine, created.id, catchingUpWith(2), 240_000);
      expect(caughtUp.status).toBe('running');
      expect(caughtUp.continuous?.lag_after_full_copy?.docs).toBeGreaterThan(0);
      expect(caughtUp.continuous?.lag).toBeDefined();
      // The aliases wait for the cutover.
      expect((await esRequest(nodes.reindex_destination.url, 'GET', `/_alias/${alias}`)).status).toBe(404);

      await expect(engine.service.cutover(created.id, 'yes')).rejects.toMatchObject({ statusCode: 400, details: { field: 'confirmation', confirmation: cutoverConfirmation([big, small]) } });
      expect(writer.stats.rounds).toBeGreaterThan(3);
      await engine.service.cutover(created.id, cutoverConfirmation([big, small]));
      await writer.blocked;
      const stats = await writer.stop();
      const done = await waitForJob(engine, created.id, isFinished, 240_000);
      expect(done.status).toBe('completed');
      expect(done.continuous?.phase).toBe('cut_over');
      expect(done.continuous?.cutover?.steps.map((step) => [step.name, step.status])).toEqual([
        ['write_block', 'completed'],
        ['final_pass', 'completed'],
        ['reconcile', 'completed'],
        ['verify', 'completed'],
        ['aliases', 'completed'],
        ['report', 'completed'],
      ]);
      expect(done.continuous?.cutover?.write_freeze_seconds).toBeGreaterThan(0);
      expect(stats.deleted).toBeGreaterThan(0);
      expect(stats.updated).toBeGreaterThan(0);

      for (const index of [big, small]) {
        expect(await writeBlocked(index)).toBe(true);
        const comparison = await compareCopies(index, `copy-${index}`);
        expect({ index, ...comparison }).toEqual({ index, sourceCount: comparison.sourceCount, destCount: comparison.sourceCount, missing: [], extra: [], differing: [], differingCount: 0 });
      }
      expect((await compareCopies(big, `copy-${big}`)).sourceCount).toBeGreaterThanOrEqual(20_000);
      const moved = await esRequest(nodes.reindex_destination.url, 'GET', `/_alias/${alias}`);
      expect(moved.body).toEqual({ [`copy-${big}`]: { aliases: { [alias]: { is_write_index: true } } } });
      // Passes and reconciliation items are gone from the job's items; the full copy's remain.
      expect(done.items.every((item) => item.pass === undefined)).toBe(true);
      expect(done.continuous?.pass_count).toBeGreaterThanOrEqual(3);
    } finally {
      await writer.stop();
      await deleteSourceIndices([big, small]);
      await esRequest(nodes.reindex_destination.url, 'DELETE', `/copy-${prefix}-*?ignore_unavailable=true`);
    }
  });

  it('a rollback lifts the write block the cutover added (and only it); the job catches up again and can be cancelled', async () => {
    const prefix = uniqueName('ma16-rollback');
    const index = `${prefix}-a`;
    const frozen = `${prefix}-frozen`;
    await seedIndex(index, 2_000);
    await seedIndex(frozen, 100);
    await esRequest(nodes.source.url, 'PUT', `/${frozen}/_settings`, { 'index.blocks.write': true });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The runner stops right after the write blocks were sent, until the test has asked for the rollback.
    const holding = createEngine({
      pollIntervalMs: 300,
      faultPoint: async (point: FaultPoint) => {
        if (point === 'continuous:write_block:sent') await held;
      },
    });
    try {
      holding.runner.start();
      const job = await holding.service.createReindexJob(
        {
          type: 'reindex',
          source_id: sourceId,
          items: [{ source: index }, { source: frozen }],
          rename: { pattern: '^(.*)$', replacement: 'copy-$1' },
          options: { continuous: { change_field: 'updated_at', safety_margin_seconds: 5, pass_interval_seconds: 1 } },
        },
        holding.destination
      );
      await claimJob(holding.jobs, job.id, `test-${process.pid}`);
      await waitForJob(holding, job.id, catchingUpWith(1));
      await holding.service.cutover(job.id, cutoverConfirmation([index, frozen]));
      const blocked = await waitForJob(holding, job.id, (current) => current.continuous?.cutover?.blocked !== undefined);
      await waitUntil(() => writeBlocked(index), 30_000, 200);
      expect(blocked.continuous?.cutover).toMatchObject({ blocked: [index], already_blocked: [frozen] });
      expect(blocked.continuous?.source_state).toBe('read_only');
      const refused = await esRequest(nodes.source.url, 'POST', `/${index}/_doc`, { updated_at: new Date().toISOString() });
      expect({ status: refused.status, type: (refused.body as { error: { type: string } }).error.type }).toEqual({ status: 403, type: 'cluster_block_exception' });

      await holding.service.rollback(job.id);
      release();
      const rolledBack = await waitForJob(holding, job.id, (current) => current.continuous?.cutover?.status === 'rolled_back');
      expect(rolledBack.status).toBe('running');
      expect(rolledBack.continuous).toMatchObject({ phase: 'catching_up', source_state: 'writable', aliases_moved: false });
      expect(rolledBack.continuous?.cutover?.lifted).toEqual([index]);
      expect(await writeBlocked(index)).toBe(false);
      // The index that was read-only before the cutover stays so.
      expect(await writeBlocked(frozen)).toBe(true);
      const accepted = await esRequest(nodes.source.url, 'POST', `/${index}/_doc?refresh=true`, { updated_at: new Date().toISOString(), n: -1, text: 'after rollback' });
      expect(accepted.status).toBe(201);
      // Passes go on, and pick the new document up.
      const next = await waitForJob(holding, job.id, (current) => (current.continuous?.passes ?? []).some((pass) => pass.kind === 'catch_up' && pass.status === 'completed' && Date.parse(pass.started_at) > Date.parse(rolledBack.continuous?.cutover?.rolled_back_at ?? '')));
      expect(next.continuous?.phase).toBe('catching_up');
      await expect(holding.service.rollback(job.id)).rejects.toMatchObject({ statusCode: 409, code: 'rollback_refused' });

      const cancelled = await holding.service.cancel(job.id, holding.destination);
      const ended = isFinished(cancelled) ? cancelled : await waitForJob(holding, job.id, isFinished);
      expect(ended.status).toBe('cancelled');
      expect(ended.continuous?.phase).toBe('cancelled');
    } finally {
      release();
      await holding.runner.stop();
      await deleteSourceIndices([index, frozen]);
      await deleteCopies(`copy-${prefix}`);
    }
  });

  it('Kibana killed (SIGKILL) during the cutover, twice: a new runner resumes at the recorded step and the cutover finishes exact', async () => {
    const prefix = uniqueName('ma16-restart');
    const index = `${prefix}-a`;
    const alias = `${prefix}-alias`;
    const instance = `continuous-${process.pid}`;
    let child: ChildProcess | undefined;
    await seedIndex(index, 5_000, alias);
    try {
      const job = await engine.service.createReindexJob(
        {
          type: 'reindex',
          source_id: sourceId,
          items: [{ source: index }],
          rename: { pattern: '^(.*)$', replacement: 'copy-$1' },
          options: { continuous: { change_field: 'updated_at', safety_margin_seconds: 5, pass_interval_seconds: 1 } },
        },
        engine.destination
      );
      await claimJob(engine.jobs, job.id, instance);
      child = await startRunner(instance);
      await waitForJob(engine, job.id, catchingUpWith(1));
      // Changes the passes will not all see before the cutover: updates, deletions and new documents.
      const lines = [];
      for (let n = 0; n < 300; n++) lines.push(JSON.stringify({ index: { _index: index, _id: `d${n}` } }), JSON.stringify({ updated_at: new Date().toISOString(), n, text: 'changed', rev: 1 }));
      for (let n = 300; n < 400; n++) lines.push(JSON.stringify({ delete: { _index: index, _id: `d${n}` } }));
      for (let n = 0; n < 200; n++) lines.push(JSON.stringify({ index: { _index: index, _id: `late${n}` } }), JSON.stringify({ updated_at: new Date().toISOString(), n, text: 'late' }));
      await fetch(`${nodes.source.url}/_bulk?refresh=true`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: `${lines.join('\n')}\n` });
      await stopRunner(child);

      // Killed once right after the write-block step recorded what it blocks (nothing sent yet), once
      // right after the aliases step recorded that the aliases move (before POST _aliases).
      await engine.service.cutover(job.id, cutoverConfirmation([index]));
      for (const point of ['continuous:write_block:recorded', 'continuous:aliases:recorded']) {
        child = await startRunner(instance, { MA_FAULT: point });
        const running = child;
        // The runner dies at the point, or the job stops short of it (a failure this test reports).
        const stoppedShort = waitForJob(engine, job.id, (current) => running.exitCode !== null || running.signalCode !== null || current.status !== 'running', 200_000);
        expect(await Promise.race([exitSignal(running), stoppedShort.then((current) => JSON.stringify(current.continuous))])).toBe('SIGKILL');
      }
      const stopped = await engine.service.get(job.id);
      expect(stopped.continuous?.cutover?.steps.find((step) => step.name === 'aliases')?.status).toBe('running');
      // The next runner takes over once the dead one's lease expires.
      child = await startRunner(instance);
      const done = await waitForJob(engine, job.id, isFinished, 240_000);
      expect(done.status).toBe('completed');
      expect(done.continuous?.cutover?.steps.every((step) => step.status === 'completed')).toBe(true);
      // The block the first runner never sent was sent after the restart, and recorded as this cutover's own.
      expect(done.continuous?.cutover).toMatchObject({ blocked: [index], already_blocked: [] });
      expect(await writeBlocked(index)).toBe(true);
      const comparison = await compareCopies(index, `copy-${index}`);
      expect(comparison).toMatchObject({ missing: [], extra: [], differing: [], destCount: comparison.sourceCount });
      expect(comparison.sourceCount).toBe(5_000 - 100 + 200);
      const moved = await esRequest(nodes.reindex_destination.url, 'GET', `/_alias/${alias}`);
      expect(Object.keys(moved.body as object)).toEqual([`copy-${index}`]);
    } finally {
      await stopRunner(child);
      await deleteSourceIndices([index]);
      await deleteCopies(`copy-${prefix}`);
    }
  });
});
