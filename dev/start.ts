/*
 * npm start: the test bed (started when not running, seeded once), the development host, a URL.
 * Ctrl-C stops the host, and the test bed too when this command started it.
 */
import { ensureTestBed, stopTestBed } from './es/testbed';
import { testBedNodes } from './es/testbed_config';
import { runHost } from './host/main';
import { APP_PATH } from './host/server/host_server';
import { seedSampleData } from './sample_data/seed';
import { ensureSystemPackages, TEST_BED_PACKAGES } from './system_packages';

const log = (line: string) => console.log(line);

const main = async (): Promise<void> => {
  // A fresh machine: Java, Maven, nginx and openssl for the test bed, installed when missing.
  ensureSystemPackages(TEST_BED_PACKAGES, log);
  const { startedByUs, info } = await ensureTestBed({ log });
  await seedSampleData(testBedNodes().source.url, { log });
  const host = await runHost();
  log('');
  log(`Source cluster:        ${info.source.url} (Elasticsearch ${info.source.version}); over TLS: ${info.tls_front.url}`);
  log(`Destination cluster:   ${process.env.MA_DESTINATION_URL ?? info.reindex_destination.url}`);
  log(`Migration Assistant:   ${host.url}${APP_PATH}`);
  log('Press Ctrl-C to stop.');
  const stop = async () => {
    await host.stop();
    if (startedByUs) await stopTestBed({ log });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
};

main().catch((error: Error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
