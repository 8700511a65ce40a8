/*
 * The plugin through its HTTP API, as automation uses it: the development host runs as a child process
 * (the "Kibana server", whose memory is read from /proc), its Elasticsearch traffic through a counting
 * proxy; a job with default options is timed from its POST to the status completed (planning,
 * preparation, copying, finishing, aliases and count checks included).
 */
import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Job } from '../common/types/jobs';
import { REPO_ROOT } from '../dev/es/testbed_config';
import { hostApi } from '../test/integration/helpers/host_api';
import { startCountingProxy, CountingProxy, pathShape } from './es_proxy';
import { nodes } from './measure';

/** How often the benchmark asks for the job's status (its own GETs are counted and taken out of the figures). */
const STATUS_POLL_MS = 100;

export interface PluginHost {
  url: string;
  pid: number;
  proxy: CountingProxy;
  call: ReturnType<typeof hostApi>;
  sourceId: string;
  /** Elasticsearch requests one GET /jobs/{id} costs (measured on a finished job). */
  requestsPerStatusCall?: number;
  stop(): Promise<void>;
}

/** Resident memory of a process, in bytes (VmRSS). */
export const rssBytes = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
};

/**
 * The runner's polls while the job ran: each poll (fast or full) lists the destination's tasks with one
 * `GET _tasks` and a fast poll sends nothing else (test/integration/reindex/polling.test.ts), so the
 * listings the proxy counted are the polls.
 */
export const runnerPolls = (requestsByShape: Record<string, number>): number => requestsByShape['GET /_tasks'] ?? 0;

export const startPluginHost = async (bundleDir: string): Promise<PluginHost> => {
  const proxy = await startCountingProxy(nodes.reindex_destination.url);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'host_process.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'dev', 'host', 'tsconfig.runtime.json'), MA_BENCH_BUNDLE: bundleDir, MA_DESTINATION_URL: proxy.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^host (\S+)$/m.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`the host exited (${code}) before listening: ${stderr}`)));
  });
  const call = hostApi(() => url);
  const created = await call('POST', '/sources', { name: `bench-source-${process.pid}`, host: nodes.source.url, auth: { type: 'none' } });
  if (created.status !== 201) throw new Error(`POST /sources: ${created.status} ${JSON.stringify(created.body)}`);
  return {
    url,
    pid: child.pid as number,
    proxy,
    call,
    sourceId: created.body.id as string,
    stop: async () => {
      await call('DELETE', `/sources/${created.body.id as string}`).catch(() => undefined);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await proxy.close();
    },
  };
};

export interface PluginRun {
  seconds: number;
  items: number;
  /** Elasticsearch requests the host sent while the job ran, the benchmark's own status reads taken out. */
  esRequests: number;
  statusCalls: number;
  requestsByShape: Record<string, number>;
  polls?: number;
  /** For each item, how long after its task ended the runner noticed (the runner's own measure). */
  endNoticedMs?: number[];
  memory?: { baselineBytes: number; peakBytes: number; endBytes: number; growthBytes: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Elasticsearch requests per GET /jobs/{id}, measured on a finished job (10 reads). */
const calibrateStatusCall = async (host: PluginHost, jobId: string): Promise<number> => {
  const from = performance.now();
  for (let i = 0; i < 10; i++) await host.call('GET', `/jobs/${jobId}`);
  return host.proxy.between(from, performance.now()).length / 10;
};

/** One job of `items` renamed to `${prefix}-<name>`, default options; throws unless it completes. */
export const runPluginJob = async (host: PluginHost, items: string[], prefix: string, options: { sampleMemory?: boolean } = {}): Promise<PluginRun> => {
  const samples: number[] = [];
  const baseline = options.sampleMemory ? rssBytes(host.pid) : NaN;
  const sampler = options.sampleMemory ? setInterval(() => samples.push(rssBytes(host.pid)), 100) : undefined;
  const started = performance.now();
  let statusCalls = 0;
  let job: Job;
  try {
    const created = await host.call('POST', '/jobs', {
      type: 'reindex',
      source_id: host.sourceId,
      items: items.map((source) => ({ source })),
      rename: { pattern: '^(.*)$', replacement: `${prefix}-$1` },
    });
    if (created.status !== 201) throw new Error(`POST /jobs: ${created.status} ${JSON.stringify(created.body).slice(0, 500)}`);
    job = created.body as unknown as Job;
    while (!['completed', 'failed', 'cancelled'].includes(job.status)) {
      await sleep(STATUS_POLL_MS);
      const answer = await host.call('GET', `/jobs/${job.id}`);
      statusCalls++;
      job = answer.body as unknown as Job;
    }
  } finally {
    if (sampler) clearInterval(sampler);
  }
  const ended = performance.now();
  if (job.status !== 'completed') {
    const failed = job.items.filter((item) => item.status !== 'completed').slice(0, 3);
    throw new Error(`plugin job ${job.id} ${job.status}: ${JSON.stringify(failed).slice(0, 800)}`);
  }
  const requests = host.proxy.between(started, ended);
  host.requestsPerStatusCall ??= await calibrateStatusCall(host, job.id);
  const requestsByShape: Record<string, number> = {};
  for (const request of requests) {
    const shape = `${request.method} ${pathShape(request.path)}`;
    requestsByShape[shape] = (requestsByShape[shape] ?? 0) + 1;
  }
  const run: PluginRun = {
    seconds: (ended - started) / 1000,
    items: job.items.length,
    esRequests: Math.max(0, Math.round(requests.length - statusCalls * host.requestsPerStatusCall)),
    statusCalls,
    requestsByShape,
    polls: runnerPolls(requestsByShape),
    endNoticedMs: job.items.map((item) => item.end_noticed_ms).filter((ms): ms is number => ms !== undefined),
  };
  if (options.sampleMemory) {
    const endBytes = rssBytes(host.pid);
    const peakBytes = Math.max(baseline, endBytes, ...samples);
    run.memory = { baselineBytes: baseline, peakBytes, endBytes, growthBytes: peakBytes - baseline };
  }
  await host.call('DELETE', `/jobs/${job.id}`);
  return run;
};
