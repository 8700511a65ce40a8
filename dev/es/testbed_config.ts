/*
 * Where the test bed's clusters live: ports (overridable by environment variables) and paths.
 * Shared by the start/stop scripts, the sample-data seeder, the development host and the tests.
 */
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Runtime state (data, logs, pid files, generated certificates): never committed. */
export const STATE_DIR = process.env.MA_TESTBED_DIR ?? path.join(REPO_ROOT, '.testbed');

export type NodeId = 'source' | 'destination' | 'reindex_destination' | 'secured_destination';

export interface NodeConfig {
  id: NodeId;
  /** Elasticsearch version of the distribution the node runs. */
  version: string;
  clusterName: string;
  httpPort: number;
  transportPort: number;
  url: string;
  /** Security on (file-realm users of dev/es/secured_users.ts); the others run with security off. */
  secured: boolean;
}

const portFromEnv = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a TCP port number (1-65535), got "${raw}"`);
  }
  return port;
};

export const SOURCE_VERSION = '7.17.9';
export const DESTINATION_VERSION = '8.14.3';

export const testBedNodes = (): Record<NodeId, NodeConfig> => {
  const node = (id: NodeId, version: string, envName: string, httpPort: number, secured = false): NodeConfig => {
    const port = portFromEnv(envName, httpPort);
    return {
      id,
      version,
      clusterName: `ma-${id.replace('_', '-')}`,
      httpPort: port,
      transportPort: portFromEnv(`${envName}_TRANSPORT`, port + 100),
      url: `http://127.0.0.1:${port}`,
      secured,
    };
  };
  return {
    source: node('source', SOURCE_VERSION, 'MA_TESTBED_SOURCE_PORT', 19200),
    destination: node('destination', DESTINATION_VERSION, 'MA_TESTBED_DESTINATION_PORT', 19201),
    reindex_destination: node(
      'reindex_destination',
      SOURCE_VERSION,
      'MA_TESTBED_REINDEX_DESTINATION_PORT',
      19202
    ),
    secured_destination: node(
      'secured_destination',
      SOURCE_VERSION,
      'MA_TESTBED_SECURED_DESTINATION_PORT',
      19203,
      true
    ),
  };
};

/** The HTTPS + basic-auth front (nginx) that proxies to the source, like a self-managed cluster with a self-signed CA. */
export const tlsFrontPort = (): number => portFromEnv('MA_TESTBED_TLS_PORT', 19443);
export const tlsFrontUrl = (): string => `https://127.0.0.1:${tlsFrontPort()}`;
/** Shared snapshot folder: `path.repo` of every node, so a snapshot the source writes can be read by the others. */
export const sharedRepoDir = (): string => path.join(STATE_DIR, 'snapshots');
