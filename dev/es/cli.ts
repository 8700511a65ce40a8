/*
 * npm run es:start | es:stop | es:reset | es:status, and `tsx dev/es/cli.ts trust-ca on|off`.
 */
import { NodeId } from './testbed_config';
import {
  ensureTestBed,
  resetTestBed,
  setReindexDestinationTrust,
  stopTestBed,
  testBedStatus,
} from './testbed';

const log = (line: string): void => console.log(line);
const NODE_IDS: NodeId[] = ['source', 'destination', 'reindex_destination', 'secured_destination'];

const parseOnly = (args: string[]): NodeId[] | undefined => {
  const index = args.indexOf('--only');
  if (index === -1) return undefined;
  const ids = (args[index + 1] ?? '').split(',').filter(Boolean);
  const unknown = ids.filter((id) => !NODE_IDS.includes(id as NodeId));
  if (ids.length === 0 || unknown.length > 0) {
    throw new Error(`--only takes a comma-separated list of ${NODE_IDS.join(', ')}`);
  }
  return ids as NodeId[];
};

const main = async (): Promise<void> => {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'start': {
      const started = Date.now();
      const { info } = await ensureTestBed({ log, nodes: parseOnly(args) });
      log(`Test bed ready in ${Math.round((Date.now() - started) / 1000)} s:`);
      log(`  source               ${info.source.url}  Elasticsearch ${info.source.version}`);
      log(`  destination          ${info.destination.url}  Elasticsearch ${info.destination.version}`);
      log(`  reindex_destination  ${info.reindex_destination.url}  Elasticsearch ${info.reindex_destination.version}`);
      log(`  secured_destination  ${info.secured_destination.url}  Elasticsearch ${info.secured_destination.version}  (security on; users ${info.secured_destination.users.map((user) => user.username).join(', ')}; passwords in .testbed/secured/credentials.json)`);
      log(`  TLS front of source  ${info.tls_front.url}  (CA ${info.tls_front.ca_path}, user ${info.tls_front.username}; password in .testbed/tls/credentials.json)`);
      return;
    }
    case 'stop':
      await stopTestBed({ log });
      log('Test bed stopped.');
      return;
    case 'reset':
      await resetTestBed({ log });
      return;
    case 'status':
      for (const [id, state] of Object.entries(await testBedStatus())) log(`${id.padEnd(20)} ${state}`);
      return;
    case 'trust-ca': {
      const mode = args[0];
      if (mode !== 'on' && mode !== 'off') throw new Error('usage: trust-ca on|off');
      setReindexDestinationTrust(mode === 'on');
      log(`The reindex destination ${mode === 'on' ? 'now trusts' : 'no longer trusts'} the TLS front's CA (reloaded within seconds).`);
      return;
    }
    default:
      throw new Error('usage: tsx dev/es/cli.ts start [--only source,destination,reindex_destination,secured_destination] | stop | reset | status | trust-ca on|off');
  }
};

main().catch((error: Error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
