/* npm run es:seed [-- --force]: seeds the test bed's source cluster with the sample data. */
import { testBedNodes } from '../es/testbed_config';
import { seedSampleData } from './seed';

const main = async (): Promise<void> => {
  const force = process.argv.includes('--force');
  const { seeded } = await seedSampleData(testBedNodes().source.url, { force, log: console.log });
  if (!seeded) console.log('The source is already seeded (use --force to seed again).');
};

main().catch((error: Error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
