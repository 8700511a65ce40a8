/*
 * The test bed: real Elasticsearch nodes on loopback plus the TLS front of the source.
 *   source               Elasticsearch 7.17.9 (Elastic's distribution, with its reindex module)
 *   destination          Elasticsearch 8.14.3 (Elastic's distribution; no reindex module is published for 8.x)
 *   reindex_destination  Elasticsearch 7.17.9 with the reindex module: the node that runs reindex from remote
 *   secured_destination  as reindex_destination, with security on: file-realm users and roles (secured_users.ts)
 *   TLS front            nginx, HTTPS with a self-signed CA and basic auth, proxying to the source
 * Used by `npm run es:*`, `npm start`, the tests and the benchmarks.
 */
import fs from 'node:fs';
import {
  NodeConfig,
  NodeId,
  STATE_DIR,
  sharedRepoDir,
  testBedNodes,
  tlsFrontPort,
  tlsFrontUrl,
} from './testbed_config';
import {
  getNodeInfo,
  isNodeRunning,
  nodeHeaders,
  NodeSettings,
  nodePid,
  reindexTrustFile,
  startNode,
  stopNode,
} from './elasticsearch_node';
import {
  caPath,
  decoyCaPath,
  ensureTlsMaterial,
  isTlsFrontRunning,
  startTlsFront,
  stopTlsFront,
  tlsCredentials,
  tlsFrontPid,
} from './tls_front';
import { isPidAlive } from './process_utils';
import { SecuredUser, rolesYml, securedUsers } from './secured_users';

export interface TestBedInfo {
  source: { url: string; version: string };
  destination: { url: string; version: string };
  reindex_destination: { url: string; version: string };
  /** Security on: every request needs one of these file-realm users (realm `file1`). */
  secured_destination: { url: string; version: string; users: SecuredUser[] };
  tls_front: { url: string; ca_path: string; username: string; password: string };
  /** `path.repo` of every node: snapshot repositories shared between the clusters live below it. */
  shared_repo_dir: string;
}

type Log = (line: string) => void;
const quiet: Log = () => undefined;

export interface TestBedOptions {
  log?: Log;
  /** Start only these nodes (default: all). */
  nodes?: NodeId[];
  /** Start the TLS front (default: true when the source is started). */
  tlsFront?: boolean;
}

const ALL_NODES: NodeId[] = ['source', 'destination', 'reindex_destination', 'secured_destination'];

/** What the reindex destination may call: the source's HTTP address and the TLS front, by IP only. */
const remoteWhitelist = (source: NodeConfig): string[] => [
  `127.0.0.1:${source.httpPort}`,
  `127.0.0.1:${tlsFrontPort()}`,
];

const nodeSettings = (id: NodeId, source: NodeConfig): NodeSettings => {
  switch (id) {
    case 'reindex_destination':
      return {
        remoteWhitelist: remoteWhitelist(source),
        // Untrusting by default, like a fresh destination; `setReindexDestinationTrust(true)` fixes it.
        reindexTrustedCa: fs.readFileSync(decoyCaPath(), 'utf8'),
      };
    case 'secured_destination':
      return {
        remoteWhitelist: remoteWhitelist(source),
        // Trusts the TLS front's CA from the start (its trust is not what its tests are about).
        reindexTrustedCa: fs.readFileSync(caPath(), 'utf8'),
        fileRealm: { rolesYml: rolesYml(), users: securedUsers() },
      };
    default:
      return {};
  }
};

export const ensureTestBed = async (
  options: TestBedOptions = {}
): Promise<{ startedByUs: boolean; info: TestBedInfo }> => {
  const log = options.log ?? quiet;
  const nodes = testBedNodes();
  const wanted = options.nodes ?? ALL_NODES;
  fs.mkdirSync(STATE_DIR, { recursive: true });
  // The nodes run as an unprivileged user (when we are root) and must reach their folders below this one.
  fs.chmodSync(STATE_DIR, 0o755);
  ensureTlsMaterial();
  // Start the nodes one after the other: on two cores, parallel JVM start-ups only slow each other down.
  let startedByUs = false;
  for (const id of wanted) {
    const outcome = await startNode(nodes[id], nodeSettings(id, nodes.source), log);
    startedByUs = startedByUs || outcome === 'started';
  }
  if ((options.tlsFront ?? wanted.includes('source')) && (await startTlsFront(nodes.source, log))) {
    startedByUs = true;
  }
  return { startedByUs, info: await testBedInfo() };
};

export const testBedInfo = async (): Promise<TestBedInfo> => {
  const nodes = testBedNodes();
  const describe = async (node: NodeConfig) => ({
    url: node.url,
    version: (await getNodeInfo(node.url, nodeHeaders(node)))?.version.number ?? 'not running',
  });
  const { username, password } = tlsCredentials();
  return {
    source: await describe(nodes.source),
    destination: await describe(nodes.destination),
    reindex_destination: await describe(nodes.reindex_destination),
    secured_destination: { ...(await describe(nodes.secured_destination)), users: securedUsers() },
    tls_front: { url: tlsFrontUrl(), ca_path: caPath(), username, password },
    shared_repo_dir: sharedRepoDir(),
  };
};

/** Stops exactly the processes the scripts started, by their pid files. */
export const stopTestBed = async (options: { log?: Log } = {}): Promise<void> => {
  const log = options.log ?? quiet;
  await stopTlsFront(log);
  const nodes = testBedNodes();
  for (const id of ALL_NODES) {
    await stopNode(nodes[id], log);
  }
};

/** Pids of every test-bed process that is alive (for tests and `es:status`). */
export const runningTestBedPids = (): number[] => {
  const nodes = testBedNodes();
  const pids = [...ALL_NODES.map((id) => nodePid(nodes[id])), tlsFrontPid()];
  return pids.filter((pid): pid is number => pid !== undefined && isPidAlive(pid));
};

export const testBedStatus = async (): Promise<Record<string, string>> => {
  const nodes = testBedNodes();
  const status: Record<string, string> = {};
  for (const id of ALL_NODES) {
    const info = await getNodeInfo(nodes[id].url, nodeHeaders(nodes[id]));
    status[id] = (await isNodeRunning(nodes[id]))
      ? `${nodes[id].url} Elasticsearch ${info?.version.number}`
      : 'stopped';
  }
  status.tls_front = isTlsFrontRunning() ? tlsFrontUrl() : 'stopped';
  return status;
};

/** Wipes every node's data and the shared snapshot folder; the test bed must be stopped first. */
export const resetTestBed = async (options: { log?: Log } = {}): Promise<void> => {
  await stopTestBed(options);
  fs.rmSync(STATE_DIR, { recursive: true, force: true });
  options.log?.(`Removed ${STATE_DIR}`);
};

/**
 * The "CA-trusting variant" of the reindex destination: its `reindex.ssl.certificate_authorities` file
 * holds either the test bed's CA (trusted) or an unrelated one. Elasticsearch reloads the file when it
 * changes, so switching needs no restart; the caller waits until the new trust is in effect.
 */
export const setReindexDestinationTrust = (trusted: boolean): void => {
  const node = testBedNodes().reindex_destination;
  const pem = fs.readFileSync(trusted ? caPath() : decoyCaPath(), 'utf8');
  fs.writeFileSync(reindexTrustFile(node), pem);
};
