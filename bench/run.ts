/*
 * npm run bench: the plugin against the tools people use, on one fixed, seeded workload (workload.ts),
 * every figure measured in the same run against the reindex destination (7.17 with the reindex module):
 *   loop               the seeds' way: one synchronous POST _reindex per index, in turn (seeds_loop.ts)
 *   elasticdump        per index, and multielasticdump --parallel=2 (elasticdump.ts)
 *   ceiling            the documents pre-read, bulk-loaded by 1, 2 and 4 senders (ceiling.ts)
 *   plugin             a job through the HTTP API of the development host in a child process (plugin.ts)
 *   select             the guided flow's select step over 5,000 indices in chromium (select_step_bench.ts)
 *   verification, preflight   the figures the benchmark had before (baselines.ts)
 * Each copy measurement runs --repeat times (3), the runs of the tools interleaved so a noisy minute
 * hits them alike; the median is reported with min–max. Every copy is count-checked and deleted after.
 *
 *   npm run bench -- --only=ceiling,plugin --repeat=1 --groups=daily_100
 *
 * Prints the table, writes target/bench/results.json, and after a full run (no --only or --groups,
 * --repeat of 3 or more) puts the table in the README's "Benchmarks" section.
 */
import os from 'node:os';
import path from 'node:path';
import { ensureTestBed } from '../dev/es/testbed';
import { REPO_ROOT } from '../dev/es/testbed_config';
import { buildApp } from '../dev/host/build_app';
import { seedSampleData } from '../dev/sample_data/seed';
import { benchPreflight, benchVerification } from './baselines';
import { bulkCeiling, closeCeilingClient, preloadIndex, PreloadedIndex, SENDER_COUNTS } from './ceiling';
import { elasticdumpPerIndex, multielasticdump } from './elasticdump';
import { measureInto, nodes, spread } from './measure';
import { runPluginJob, startPluginHost, PluginHost, PluginRun } from './plugin';
import { Figures, markdownTable, ratiosFor, RowId, Tool, updateReadme, writeResults } from './report';
import type { BenchContext, BenchSection } from './sections';
import { continuousBenchSection } from './continuous_bench';
import { planningBenchSection } from './planning_bench';
import { benchSelectStep } from './select_step_bench';
import { seedsLoop } from './seeds_loop';
import { ensureWorkload, GROUP_IDS, GroupId, groupsDocs, groupsIndices, WORKLOAD } from './workload';

/** Sections from other files plug in here; see sections.ts. */
const EXTRA_SECTIONS: BenchSection[] = [planningBenchSection, continuousBenchSection];

const COPY_TOOLS: Tool[] = ['loop', 'elasticdump', 'multielasticdump', 'ceiling', 'plugin'];
const OTHER_SECTIONS = ['select', 'verification', 'preflight'];

interface Options {
  only?: Set<string>;
  repeat: number;
  groups: GroupId[];
}

const parseOptions = (argv: string[]): Options => {
  const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const known = new Set<string>([...COPY_TOOLS, ...OTHER_SECTIONS, ...EXTRA_SECTIONS.map((section) => section.name)]);
  const only = value('only')?.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = only?.filter((name) => !known.has(name)) ?? [];
  if (unknown.length > 0) throw new Error(`--only: unknown ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  const groups = (value('groups')?.split(',').map((name) => name.trim()) ?? [...GROUP_IDS]) as GroupId[];
  const badGroups = groups.filter((group) => !GROUP_IDS.includes(group));
  if (badGroups.length > 0) throw new Error(`--groups: unknown ${badGroups.join(', ')} (known: ${GROUP_IDS.join(', ')})`);
  const repeat = Number(value('repeat') ?? 3);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat must be a whole number of at least 1');
  return { only: only ? new Set(only) : undefined, repeat, groups };
};

const log = (line: string) => console.log(line);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Seconds per index of one sequential pass, summed per group, plus the whole. */
const perGroup = (groups: GroupId[], perIndex: number[]): Partial<Record<RowId, number>> => {
  const out: Partial<Record<RowId, number>> = {};
  let offset = 0;
  for (const group of groups) {
    const count = WORKLOAD[group].indices.length;
    out[group] = perIndex.slice(offset, offset + count).reduce((a, b) => a + b, 0);
    offset += count;
  }
  out.whole = perIndex.reduce((a, b) => a + b, 0);
  return out;
};

const main = async () => {
  const options = parseOptions(process.argv.slice(2));
  const wanted = (name: string) => !options.only || options.only.has(name);
  const fullRun = !options.only && options.groups.length === GROUP_IDS.length && options.repeat >= 3;
  const started = new Date();
  const load = { before: os.loadavg().map((x) => Math.round(x * 100) / 100), after: [] as number[] };

  await ensureTestBed({ log });
  await seedSampleData(nodes.source.url, { log });
  await ensureWorkload(nodes.source.url, log);

  const groups = options.groups;
  const rows: RowId[] = groups.length > 1 ? [...groups, 'whole'] : [...groups];
  const indices = groupsIndices(groups);
  const wholeDocs = groupsDocs(groups);
  const runs: Partial<Record<Tool, Partial<Record<RowId, number[]>>>> = {};
  const record = (tool: Tool, row: RowId, seconds: number | undefined) => {
    if (seconds === undefined) return;
    const byRow = (runs[tool] ??= {});
    (byRow[row] ??= []).push(seconds);
  };
  const failures: Array<{ run: number; what: string; error: string }> = [];
  /** A measurement that fails (a node restarted by someone else, a tool's error) is reported and skipped, not fatal. */
  const attempt = async (run: number, what: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      failures.push({ run: run + 1, what, error: (error as Error).message.slice(0, 500) });
      log(`  ${what}: FAILED, ${(error as Error).message.slice(0, 300)}`);
    }
  };
  const ceilingBySenders: Partial<Record<RowId, Record<number, number[]>>> = {};
  const pluginRuns: Array<{ row: RowId; run: PluginRun }> = [];

  let preloaded: Map<string, PreloadedIndex> | undefined;
  if (wanted('ceiling')) {
    log('Ceiling: reading the workload into memory...');
    preloaded = new Map();
    for (const index of indices) preloaded.set(index, await preloadIndex(index));
    log(`  ${indices.length} indices, ${[...preloaded.values()].reduce((sum, p) => sum + p.docs, 0)} documents, ${mb([...preloaded.values()].reduce((sum, p) => sum + p.bodies.reduce((b, body) => b + body.length, 0), 0))} MB of _bulk bodies`);
  }
  let host: PluginHost | undefined;
  if (wanted('plugin')) {
    log('Plugin: building the app and starting the development host as a child process...');
    host = await startPluginHost(await buildApp(path.join(REPO_ROOT, 'target', 'bench', 'host_bundle')));
  }

  try {
    for (let rep = 0; rep < options.repeat; rep++) {
      log(`Run ${rep + 1} of ${options.repeat}`);
      if (wanted('loop')) await attempt(rep, 'loop', async () => {
        let perIndex: number[] = [];
        await measureInto('loop', wholeDocs, "seeds' loop", async (prefix) => {
          perIndex = await seedsLoop(indices, prefix);
          return 0;
        });
        for (const [row, seconds] of Object.entries(perGroup(groups, perIndex))) record('loop', row as RowId, seconds);
        log(`  loop: ${Math.round(perIndex.reduce((a, b) => a + b, 0) * 10) / 10} s`);
      });
      if (wanted('elasticdump')) await attempt(rep, 'elasticdump', async () => {
        let perIndex: number[] = [];
        await measureInto('dump', wholeDocs, 'elasticdump', async (prefix) => {
          perIndex = await elasticdumpPerIndex(indices, prefix);
          return 0;
        });
        for (const [row, seconds] of Object.entries(perGroup(groups, perIndex))) record('elasticdump', row as RowId, seconds);
        log(`  elasticdump: ${Math.round(perIndex.reduce((a, b) => a + b, 0) * 10) / 10} s`);
      });
      if (wanted('multielasticdump')) {
        const multiRows: RowId[] = rows.filter((row) => row === 'whole' || row === 'daily_100');
        for (const row of multiRows.length > 0 ? multiRows : rows) {
          const rowGroups = row === 'whole' ? groups : [row as GroupId];
          await attempt(rep, `multielasticdump ${row}`, async () => {
            const seconds = await measureInto('mdump', groupsDocs(rowGroups), `multielasticdump ${row}`, (prefix) => multielasticdump(groupsIndices(rowGroups), prefix));
            record('multielasticdump', row, seconds);
            log(`  multielasticdump ${row}: ${Math.round(seconds * 10) / 10} s`);
          });
        }
      }
      if (preloaded) {
        for (const row of rows) {
          const rowGroups = row === 'whole' ? groups : [row as GroupId];
          const bodies = groupsIndices(rowGroups).map((index) => preloaded?.get(index) as PreloadedIndex);
          const bySenders = (ceilingBySenders[row] ??= {});
          let best = Infinity;
          for (const senders of SENDER_COUNTS) {
            await attempt(rep, `ceiling ${row} × ${senders}`, async () => {
              const seconds = await measureInto('ceil', groupsDocs(rowGroups), `ceiling ${row} × ${senders}`, (prefix) => bulkCeiling(bodies, prefix, senders));
              (bySenders[senders] ??= []).push(seconds);
              best = Math.min(best, seconds);
            });
          }
          if (best < Infinity) {
            record('ceiling', row, best);
            log(`  ceiling ${row}: ${Math.round(best * 10) / 10} s`);
          }
        }
      }
      if (host) {
        for (const row of rows) {
          const rowGroups = row === 'whole' ? groups : [row as GroupId];
          let run: PluginRun | undefined;
          await attempt(rep, `plugin ${row}`, async () => {
            let measured: PluginRun | undefined;
            await measureInto('plugin', groupsDocs(rowGroups), `plugin ${row}`, async (prefix) => {
              measured = await runPluginJob(host as PluginHost, rowGroups.flatMap((group) => WORKLOAD[group].jobItems), prefix, { sampleMemory: row === 'daily_100' });
              return measured.seconds;
            });
            // Only a run whose copy passed the count check counts.
            run = measured;
          });
          if (run) {
            pluginRuns.push({ row, run });
            record('plugin', row, run.seconds);
            log(`  plugin ${row}: ${Math.round(run.seconds * 10) / 10} s${run.memory ? `, host memory +${mb(run.memory.growthBytes)} MB` : ''}`);
          }
        }
      }
    }
  } finally {
    await host?.stop();
    await closeCeilingClient();
  }

  const figures: Figures = {};
  for (const [tool, byRow] of Object.entries(runs)) {
    figures[tool as Tool] = Object.fromEntries(Object.entries(byRow).map(([row, list]) => [row, spread(list)]));
  }
  const results: Record<string, unknown> = {
    date: started.toISOString(),
    options: { repeat: options.repeat, only: options.only ? [...options.only] : 'all', groups },
    machine: { cpus: os.cpus().length, load_average_before: load.before },
    workload: Object.fromEntries(groups.map((group) => [group, { label: WORKLOAD[group].label, indices: WORKLOAD[group].indices.length, docs: WORKLOAD[group].docs }])),
    figures,
    ratios: Object.fromEntries(rows.map((row) => [row, ratiosFor(figures, row)])),
    failures,
  };
  if (Object.keys(ceilingBySenders).length > 0) {
    results.ceiling_by_senders = Object.fromEntries(Object.entries(ceilingBySenders).map(([row, bySenders]) => [row, Object.fromEntries(Object.entries(bySenders).map(([n, list]) => [n, spread(list)]))]));
  }
  const lines: string[] = [];
  if (pluginRuns.length > 0) {
    const memory = pluginRuns.filter(({ run }) => run.memory).map(({ run }) => run.memory as NonNullable<PluginRun['memory']>);
    const requests = pluginRuns.map(({ row, run }) => ({
      row,
      seconds: Math.round(run.seconds * 100) / 100,
      items: run.items,
      es_requests: run.esRequests,
      es_requests_per_second: Math.round((run.esRequests / run.seconds) * 10) / 10,
      polls: run.polls,
      end_noticed_ms: run.endNoticedMs,
      by_shape: run.requestsByShape,
    }));
    results.plugin = {
      memory_during_daily_100_job: memory.length > 0 ? { growth_mb: spread(memory.map((m) => mb(m.growthBytes))), baseline_mb: memory.map((m) => mb(m.baselineBytes)), peak_mb: memory.map((m) => mb(m.peakBytes)) } : undefined,
      es_requests: requests,
      note: 'es_requests: what the host sent to Elasticsearch while the job ran, the benchmark status reads (GET /jobs/{id} every 100 ms) taken out at their measured cost; polls: the GET _tasks listings (one per poll; a fast poll sends nothing else); end_noticed_ms: per item, from the task end to the runner noticing it',
    };
    if (memory.length > 0) {
      const growth = spread(memory.map((m) => mb(m.growthBytes)));
      lines.push(`- Kibana server (host process) memory during the 100-index job: +${growth.median} MB RSS (${growth.min}–${growth.max}), from ${mb(memory[0]?.baselineBytes ?? 0)} MB (goal: under 100 MB)`);
    }
    const perRow = rows.map((row) => {
      const list = requests.filter((r) => r.row === row);
      const perSecond = spread(list.map((r) => r.es_requests_per_second));
      const polls = spread(list.map((r) => r.polls ?? 0)).median;
      const perItem = Math.round(((spread(list.map((r) => r.es_requests)).median - polls) / Math.max(1, list[0]?.items ?? 1)) * 10) / 10;
      return `${row} ${spread(list.map((r) => r.es_requests)).median} (${perSecond.median}/s: ${polls} polls of one GET _tasks, ${perItem} per item to plan, launch and finish)`;
    });
    lines.push(`- Elasticsearch requests by the Kibana server per job (median): ${perRow.join('; ')}`);
    const noticed = requests.flatMap((r) => r.end_noticed_ms ?? []);
    if (noticed.length > 0) {
      const sorted = [...noticed].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      lines.push(`- An item's end noticed by the runner after (all ${noticed.length} items): median ${at(0.5)} ms, 90th percentile ${at(0.9)} ms, max ${sorted[sorted.length - 1]} ms (goal: within about 250 ms)`);
    }
  }

  if (wanted('select')) {
    log('Select step: 5,000 indices in chromium...');
    const figure = await benchSelectStep(log);
    results.select_step = figure;
    lines.push(`- Select step, ${figure.indices.toLocaleString('en-US')} source indices: ${figure.ms.median} ms per keystroke (median of ${figure.keystrokes}; ${figure.ms.min}–${figure.ms.max} ms), ${figure.requestsDuringKeystrokes} listing requests while typing, the listing read in ${figure.listingRequests} requests (goal: under 100 ms)`);
  }
  if (wanted('verification')) {
    log('Verification...');
    const verification = await benchVerification();
    results.verification = verification;
    lines.push(`- Verification of ${verification.workload}: ${verification.plugin.seconds} s vs ${verification.baseline.seconds} s to hash every document (${verification.speedup}× faster)`);
  }
  if (wanted('preflight')) {
    log('Preflight...');
    const preflight = await benchPreflight();
    results.preflight = preflight;
    lines.push(`- Preflight over ${preflight.workload}: ${preflight.suite.seconds} s for ${preflight.suite.what} vs ${preflight.baseline.seconds} s for ${preflight.baseline.what} (${preflight.ratio}×)`);
  }
  const context: BenchContext = { repeat: options.repeat, log };
  for (const section of EXTRA_SECTIONS.filter((candidate) => wanted(candidate.name))) {
    log(`${section.name}...`);
    const { results: sectionResults, lines: sectionLines } = await section.run(context);
    results[section.name] = sectionResults;
    lines.push(...sectionLines);
  }

  load.after = os.loadavg().map((x) => Math.round(x * 100) / 100);
  (results.machine as Record<string, unknown>).load_average_after = load.after;
  const table = Object.keys(figures).length > 0 ? markdownTable(figures, rows, groups) : [];
  const report = [
    `Measured ${started.toISOString().slice(0, 10)} on the test bed (7.17 source → 7.17 reindex destination, ${os.cpus().length} cores shared, load average ${load.before[0]} before, ${load.after[0]} after); medians of ${options.repeat} runs with (min–max).`,
    '',
    ...table,
    ...(table.length > 0 ? [''] : []),
    ...lines,
    ...failures.map((failure) => `- Failed (run ${failure.run}, left out of the figures): ${failure.what}: ${failure.error.slice(0, 200)}`),
  ];
  const file = writeResults(path.join(REPO_ROOT, 'target', 'bench'), results);
  console.log(`\n${report.join('\n')}\n\nResults: ${file}`);
  if (fullRun && failures.length === 0) console.log(updateReadme(path.join(REPO_ROOT, 'README.md'), report) ? 'README.md: Benchmarks updated' : 'README.md has no bench markers: not updated');
};

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
