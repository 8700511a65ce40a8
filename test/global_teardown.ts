/* Stops the test bed afterwards if the test run started it. */
import fs from 'node:fs';
import { stopTestBed } from '../dev/es/testbed';
import { STARTED_MARKER } from './global_setup';

export default async function globalTeardown(): Promise<void> {
  if (!fs.existsSync(STARTED_MARKER)) return;
  fs.rmSync(STARTED_MARKER);
  await stopTestBed({ log: (line) => process.stdout.write(`${line}\n`) });
}
