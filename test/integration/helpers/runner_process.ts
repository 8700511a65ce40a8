/*
 * A stand-alone "Kibana server" for the restart and fault tests: runs only the job runner against the
 * test bed until it is killed. Started with node and tsx's loader as a child process. With MA_FAULT set
 * to a fault point (and MA_FAULT_NTH, default 1), it kills itself with SIGKILL the Nth time the runner
 * reaches that point: a Kibana dying at exactly the worst moment.
 */
import type { FaultPoint } from '../../../server/lib/scheduler/job_runner';
import { createEngine, TEST_ENCRYPTION_KEY } from './engine';

const fault = process.env.MA_FAULT as FaultPoint | undefined;
const nth = Number(process.env.MA_FAULT_NTH ?? '1');
let reached = 0;

const engine = createEngine({
  encryptionKey: process.env.MA_ENCRYPTION_KEY ?? TEST_ENCRYPTION_KEY,
  instanceId: process.argv[2] ?? `runner-${process.pid}`,
  pollIntervalMs: 300,
  faultPoint: (point, item) => {
    if (point !== fault || ++reached !== nth) return;
    process.stdout.write(`fault ${point} ${item.source} -> ${item.dest}\n`);
    process.kill(process.pid, 'SIGKILL');
  },
});
engine.runner.start();
process.stdout.write('runner started\n');
process.on('SIGTERM', () => {
  void engine.runner.stop().then(() => process.exit(0));
});
