/* Starts the test bed when it is not running (and seeds it once); remembers whether it did. */
import fs from 'node:fs';
import path from 'node:path';
import { ensureTestBed } from '../dev/es/testbed';
import { STATE_DIR, testBedNodes } from '../dev/es/testbed_config';
import { seedSampleData } from '../dev/sample_data/seed';

export const STARTED_MARKER = path.join(STATE_DIR, 'started_by_tests');

export default async function globalSetup(): Promise<void> {
  const { startedByUs } = await ensureTestBed({ log: (line) => process.stdout.write(`${line}\n`) });
  if (startedByUs) fs.writeFileSync(STARTED_MARKER, String(process.pid));
  await seedSampleData(testBedNodes().source.url, { log: (line) => process.stdout.write(`${line}\n`) });
}
