/*
 * Continuous jobs (issue 16) in `npm run bench`: a source index of the logs group's size (200,000 documents
 * of about 150 bytes, with an `updated_at` change field) takes writes from a writer during the whole job
 * (about 400 operations a second: new documents, updates that move the change field, deletions). Measured
 * per run:
 *   lag after the full copy    documents changed since the full copy started, and its seconds, when it ends
 *   write-freeze window        seconds the source was read-only until the destination's aliases moved
 *                              (the job's own figure, from PUT _block/write to POST _aliases), with each
 *                              cutover step's seconds
 * Every run ends with the copy compared with the source document by document (ids and `_source` hashes);
 * its indices are deleted after. The job runs in this process with the poll interval Kibana uses.
 *
 * Not wired by itself: run.ts lists sections in EXTRA_SECTIONS (`continuousBenchSection`).
 */
import { DEFAULT_POLL_INTERVAL_MS } from '../common/constants';
import { cutoverConfirmation } from '../common/lib/continuous';
import type { Job } from '../common/types/jobs';
import { claimJob, createEngine, isFinished, waitForJob } from '../test/integration/helpers/engine';
import { esRequest } from '../test/integration/helpers/es_http';
import { compareCopies, deleteSourceIndices, seedIndex, startWriter } from '../test/integration/continuous/continuous_fixture';
import { nodes, spread, Spread } from './measure';
import type { BenchContext, BenchSection } from './sections';

export const CONTINUOUS_BENCH_DOCS = 200_000;

export interface ContinuousRun {
  docs: number;
  full_copy_seconds: number;
  lag_after_full_copy: { docs: number; seconds: number };
  write_freeze_seconds: number;
  steps: Record<string, number>;
  passes: number;
  writer: { created: number; updated: number; deleted: number };
}

export interface ContinuousBenchResults {
  runs: ContinuousRun[];
  write_freeze_seconds: Spread;
  lag_after_full_copy_docs: Spread;
  lag_after_full_copy_seconds: Spread;
}

const stepSeconds = (job: Job): Record<string, number> =>
  Object.fromEntries(
    (job.continuous?.cutover?.steps ?? []).map((step) => [step.name, step.started_at && step.finished_at ? (Date.parse(step.finished_at) - Date.parse(step.started_at)) / 1000 : NaN])
  );

/** One continuous job from seed to cutover with the writer running; the copy checked exact; everything deleted. */
export const runContinuousOnce = async (log: (line: string) => void, docs = CONTINUOUS_BENCH_DOCS): Promise<ContinuousRun> => {
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const sourceIndex = `bench-c-${stamp}`;
  const dest = `bench-d-continuous-${stamp}`;
  const instanceId = `bench-continuous-${stamp}`;
  const engine = createEngine({ instanceId, pollIntervalMs: DEFAULT_POLL_INTERVAL_MS });
  log(`continuous: seeding ${docs} documents into ${sourceIndex}`);
  await seedIndex(sourceIndex, docs, `${sourceIndex}-alias`);
  const writer = startWriter([{ index: sourceIndex, seeded: docs }]);
  try {
    const source = await engine.sources.create({ name: `bench-continuous-${stamp}`, host: nodes.source.url, auth: { type: 'none' } });
    engine.runner.start();
    const job = await engine.service.createReindexJob(
      {
        type: 'reindex',
        source_id: source.id,
        items: [{ source: sourceIndex, dest }],
        options: { continuous: { change_field: 'updated_at', safety_margin_seconds: 30, pass_interval_seconds: 5 } },
      },
      engine.destination
    );
    await claimJob(engine.jobs, job.id, instanceId);
    const caughtUp = await waitForJob(engine, job.id, (current) => isFinished(current) || (current.continuous?.passes ?? []).filter((pass) => pass.kind === 'catch_up' && pass.status === 'completed').length >= 2, 900_000);
    if (caughtUp.continuous?.phase !== 'catching_up') throw new Error(`continuous: the job is ${caughtUp.status} (${caughtUp.continuous?.phase}) instead of catching up`);
    const fullCopy = caughtUp.items.filter((item) => !item.pass);
    const fullCopySeconds = Math.max(...fullCopy.map((item) => Date.parse(item.finished_at ?? '') - Date.parse(item.started_at ?? ''))) / 1000;
    await engine.service.cutover(job.id, cutoverConfirmation([sourceIndex]));
    await writer.blocked;
    const stats = await writer.stop();
    const done = await waitForJob(engine, job.id, isFinished, 900_000);
    if (done.status !== 'completed') throw new Error(`continuous: the cutover ended ${done.status}: ${JSON.stringify(done.continuous?.cutover?.steps.find((step) => step.error)?.error)}`);
    const comparison = await compareCopies(sourceIndex, dest);
    if (comparison.missing.length + comparison.extra.length + comparison.differingCount > 0 || comparison.destCount !== comparison.sourceCount) {
      throw new Error(`continuous: the copy differs from the source: ${JSON.stringify(comparison)}`);
    }
    const run: ContinuousRun = {
      docs: comparison.sourceCount,
      full_copy_seconds: fullCopySeconds,
      lag_after_full_copy: { docs: done.continuous?.lag_after_full_copy?.docs ?? NaN, seconds: done.continuous?.lag_after_full_copy?.seconds ?? NaN },
      write_freeze_seconds: done.continuous?.cutover?.write_freeze_seconds ?? NaN,
      steps: stepSeconds(done),
      passes: done.continuous?.pass_count ?? 0,
      writer: { created: stats.created, updated: stats.updated, deleted: stats.deleted },
    };
    log(`continuous: write freeze ${run.write_freeze_seconds} s, lag after the full copy ${run.lag_after_full_copy.docs} documents / ${run.lag_after_full_copy.seconds} s`);
    return run;
  } finally {
    await writer.stop();
    await engine.runner.stop();
    await deleteSourceIndices([sourceIndex]);
    await esRequest(nodes.reindex_destination.url, 'DELETE', `/${dest}?ignore_unavailable=true`);
  }
};

/** `repeat` runs; medians with min–max. */
export const benchContinuous = async ({ repeat, log }: BenchContext, docs = CONTINUOUS_BENCH_DOCS): Promise<{ results: ContinuousBenchResults; lines: string[] }> => {
  const runs: ContinuousRun[] = [];
  for (let i = 0; i < repeat; i++) runs.push(await runContinuousOnce(log, docs));
  const results: ContinuousBenchResults = {
    runs,
    write_freeze_seconds: spread(runs.map((run) => run.write_freeze_seconds)),
    lag_after_full_copy_docs: spread(runs.map((run) => run.lag_after_full_copy.docs)),
    lag_after_full_copy_seconds: spread(runs.map((run) => run.lag_after_full_copy.seconds)),
  };
  const range = (value: Spread, unit: string) => `${value.median}${unit} (${value.min}–${value.max})`;
  const lines = [
    `Continuous job, ${docs} documents with a writer running (~400 operations/s):`,
    `  write-freeze window (source read-only until the aliases moved): ${range(results.write_freeze_seconds, ' s')}`,
    `  lag after the full copy: ${range(results.lag_after_full_copy_docs, ' documents')}, ${range(results.lag_after_full_copy_seconds, ' s')}`,
    `  cutover steps (s, last run): ${Object.entries(runs.at(-1)?.steps ?? {}).map(([name, seconds]) => `${name} ${seconds.toFixed(1)}`).join(', ')}`,
  ];
  return { results, lines };
};

export const continuousBenchSection: BenchSection = { name: 'continuous', run: (context) => benchContinuous(context) };
