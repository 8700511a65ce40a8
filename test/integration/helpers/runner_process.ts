/*
 * A stand-alone "Kibana server" for the restart test: runs only the job runner against the test bed
 * until it is killed. Started with tsx as a child process.
 */
import { createEngine, TEST_ENCRYPTION_KEY } from './engine';

const engine = createEngine({ encryptionKey: TEST_ENCRYPTION_KEY, instanceId: process.argv[2] ?? `runner-${process.pid}`, pollIntervalMs: 300 });
engine.runner.start();
process.stdout.write('runner started\n');
process.on('SIGTERM', () => {
  void engine.runner.stop().then(() => process.exit(0));
});
