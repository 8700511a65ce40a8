/*
 * The development host as its own process, for the benchmark: the "Kibana server" whose memory the
 * benchmark reads (/proc/<pid>/status). Default plugin options (hostOptionsFromEnv: MA_DESTINATION_URL
 * and the other MA_* variables), a free port, an instance uuid of its own, the bundle MA_BENCH_BUNDLE.
 * Prints `host <url>` once it listens; SIGTERM stops it.
 */
import os from 'node:os';
import path from 'node:path';
import { hostOptionsFromEnv } from '../dev/host/main';
import { startHost } from '../dev/host/server/host_server';

const bundleDir = process.env.MA_BENCH_BUNDLE;
if (!bundleDir) throw new Error('MA_BENCH_BUNDLE (the built app) is required');

startHost({
  ...hostOptionsFromEnv(),
  port: 0,
  uuidFile: path.join(os.tmpdir(), `ma-bench-host-uuid-${process.pid}`),
  bundleDir,
  log: (line) => {
    if (!line.startsWith('[info]')) process.stderr.write(`${line}\n`);
  },
}).then(
  (host) => {
    process.stdout.write(`host ${host.url}\n`);
    process.on('SIGTERM', () => void host.stop().then(() => process.exit(0)));
  },
  (error: Error) => {
    process.stderr.write(`host failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  }
);
