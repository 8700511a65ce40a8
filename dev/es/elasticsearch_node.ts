/*
 * One real Elasticsearch node of the test bed: resolve its distribution with Maven, write its config,
 * start it as a daemon (as an unprivileged user when we are root: Elasticsearch refuses to run as root),
 * wait for it, stop it by pid.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { NodeConfig, REPO_ROOT, STATE_DIR, sharedRepoDir } from './testbed_config';
import { isPidAlive, isPortFree, killAndWait, readPid, waitFor } from './process_utils';

/** Unprivileged account the nodes run as when the scripts run as root. */
const ES_USER = 'ma-testbed';
const HEAP = process.env.MA_TESTBED_HEAP ?? '512m';
const START_TIMEOUT_MS = 240_000;

export const nodeDir = (node: NodeConfig): string => path.join(STATE_DIR, 'nodes', node.id);
const pidFile = (node: NodeConfig): string => path.join(nodeDir(node), 'elasticsearch.pid');
export const configDir = (node: NodeConfig): string => path.join(nodeDir(node), 'config');
/** File named by `reindex.ssl.certificate_authorities`; Elasticsearch reloads it when it changes. */
export const reindexTrustFile = (node: NodeConfig): string =>
  path.join(configDir(node), 'reindex_trusted_ca.pem');

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

const mavenProject = (version: string): string =>
  path.join(REPO_ROOT, 'dev', 'es', version.startsWith('7.') ? 'elasticsearch_7' : 'elasticsearch_8');

/** Resolves (first run: downloads) the distribution and returns its home folder. */
export const resolveDistribution = (version: string, log: (line: string) => void): string => {
  const project = mavenProject(version);
  const home = path.join(project, 'target', `elasticsearch-${version}`);
  if (!fs.existsSync(path.join(home, 'lib'))) {
    log(`Resolving Elasticsearch ${version} from Maven Central (first run only)...`);
    const result = spawnSync('mvn', ['-B', '-q', 'generate-resources'], {
      cwd: project,
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      throw new Error(
        `Maven could not resolve Elasticsearch ${version} in ${project}:\n${result.stdout}\n${result.stderr}`
      );
    }
  }
  installReindexModule(project, home);
  return home;
};

/** Elastic's reindex module for 7.x comes from Maven Central as jars; lay it out as a module folder. */
const installReindexModule = (project: string, home: string): void => {
  const jars = path.join(project, 'target', 'reindex_module');
  if (!fs.existsSync(jars)) return;
  const moduleDir = path.join(home, 'modules', 'reindex');
  fs.mkdirSync(moduleDir, { recursive: true });
  for (const jar of fs.readdirSync(jars)) {
    fs.copyFileSync(path.join(jars, jar), path.join(moduleDir, jar));
  }
  for (const file of ['plugin-descriptor.properties', 'plugin-security.policy']) {
    fs.copyFileSync(path.join(REPO_ROOT, 'dev', 'es', 'reindex_module', file), path.join(moduleDir, file));
  }
};

export interface NodeSettings {
  /** `reindex.remote.whitelist` entries; only for nodes that have the reindex module. */
  remoteWhitelist?: string[];
  /** Initial content of the reindex trust file (PEM). */
  reindexTrustedCa?: string;
}

const yamlList = (values: string[]): string => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

const writeConfig = (node: NodeConfig, home: string, settings: NodeSettings): void => {
  const dir = configDir(node);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(home, 'config', 'log4j2.properties'), path.join(dir, 'log4j2.properties'));
  // The distribution's JVM options write GC logs and heap dumps relative to the working directory.
  const jvmOptions = fs
    .readFileSync(path.join(home, 'config', 'jvm.options'), 'utf8')
    .replace(/file=logs\//g, `file=${path.join(nodeDir(node), 'logs')}/`)
    .replace(/(ErrorFile|ReplayDataFile)=logs\//g, `$1=${path.join(nodeDir(node), 'logs')}/`)
    .replace(/HeapDumpPath=data/g, `HeapDumpPath=${path.join(nodeDir(node), 'data')}`);
  fs.writeFileSync(path.join(dir, 'jvm.options'), jvmOptions);
  fs.mkdirSync(path.join(nodeDir(node), 'logs'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'jvm.options.d'), { recursive: true });
  fs.mkdirSync(sharedRepoDir(), { recursive: true });
  const lines = [
    '# Written by dev/es/elasticsearch_node.ts; rewritten on every start.',
    `cluster.name: ${node.clusterName}`,
    `node.name: ${node.id}`,
    'network.host: 127.0.0.1',
    `http.port: ${node.httpPort}`,
    `transport.port: ${node.transportPort}`,
    'discovery.type: single-node',
    `path.data: ${path.join(nodeDir(node), 'data')}`,
    `path.logs: ${path.join(nodeDir(node), 'logs')}`,
    // One folder shared by every node, so a snapshot one writes can be registered read-only on another.
    `path.repo: [${JSON.stringify(sharedRepoDir())}]`,
    'xpack.security.enabled: false',
    // Disks on shared machines fill up; the test bed must not go read-only because of a watermark.
    'cluster.routing.allocation.disk.threshold_enabled: false',
    'action.destructive_requires_name: false',
  ];
  if (settings.remoteWhitelist) {
    lines.push(`reindex.remote.whitelist: ${yamlList(settings.remoteWhitelist)}`);
    const trustFile = reindexTrustFile(node);
    if (!fs.existsSync(trustFile) && settings.reindexTrustedCa) {
      fs.writeFileSync(trustFile, settings.reindexTrustedCa);
    }
    lines.push(`reindex.ssl.certificate_authorities: [${JSON.stringify(trustFile)}]`);
    lines.push('reindex.ssl.verification_mode: full');
    // Re-read changed CA files within a second (default 5s), so tests can switch trust quickly.
    lines.push('resource.reload.interval.high: 1s');
  }
  fs.writeFileSync(path.join(dir, 'elasticsearch.yml'), `${lines.join('\n')}\n`);
};

/**
 * Lets the node's account reach `target`: every folder above it must be searchable by others. A checkout
 * in a `mktemp -d` folder (mode 0700, as CI makes it) is not; only the search bit is added, nothing is
 * made readable.
 */
const allowTraversal = (target: string): void => {
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o001);
    if (dir === path.dirname(dir)) return;
  }
};

/** The test bed's folders must be writable by the unprivileged account the node runs as, and reachable. */
const ensureOwnership = (node: NodeConfig, home: string): void => {
  if (!isRoot()) return;
  const hasUser = spawnSync('id', ['-u', ES_USER]).status === 0;
  if (!hasUser) {
    execFileSync(fs.existsSync('/usr/sbin/useradd') ? '/usr/sbin/useradd' : 'useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', ES_USER]);
  }
  execFileSync('chown', ['-R', ES_USER, nodeDir(node), sharedRepoDir()]);
  for (const target of [home, nodeDir(node), sharedRepoDir()]) allowTraversal(target);
};

/**
 * Cluster name and version of the node at `url`. Read from `_nodes/_local`, not `GET /`: the 8.x
 * distribution Elastic publishes to Maven Central lacks the rest-root module that serves `GET /`.
 */
export const getNodeInfo = async (
  url: string
): Promise<{ cluster_name: string; version: { number: string } } | undefined> => {
  try {
    const response = await fetch(`${url}/_nodes/_local?filter_path=cluster_name,nodes.*.version`, {
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { cluster_name: string; nodes: Record<string, { version: string }> };
    const [node] = Object.values(body.nodes);
    return node ? { cluster_name: body.cluster_name, version: { number: node.version } } : undefined;
  } catch {
    return undefined;
  }
};

const healthy = async (node: NodeConfig): Promise<boolean> => {
  try {
    const response = await fetch(`${node.url}/_cluster/health`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return false;
    const { status } = (await response.json()) as { status: string };
    return status === 'green' || status === 'yellow';
  } catch {
    return false;
  }
};

export type StartOutcome = 'started' | 'already-running';

export const isNodeRunning = async (node: NodeConfig): Promise<boolean> => {
  const info = await getNodeInfo(node.url);
  return info?.cluster_name === node.clusterName;
};

export const startNode = async (
  node: NodeConfig,
  settings: NodeSettings,
  log: (line: string) => void
): Promise<StartOutcome> => {
  if (await isNodeRunning(node)) return 'already-running';
  const existing = readPid(pidFile(node));
  if (existing !== undefined && isPidAlive(existing)) {
    // Our node is still booting (a concurrent start): wait for it instead of starting a second copy.
    await waitFor(() => healthy(node), START_TIMEOUT_MS, `${node.id} to become healthy`);
    return 'already-running';
  }
  for (const port of [node.httpPort, node.transportPort]) {
    if (!(await isPortFree(port))) {
      throw new Error(
        `Port ${port} needed by the test bed's ${node.id} node is already in use by another process. ` +
          `Stop that process or choose other ports (MA_TESTBED_${node.id.toUpperCase()}_PORT and ` +
          `MA_TESTBED_${node.id.toUpperCase()}_PORT_TRANSPORT).`
      );
    }
  }
  const home = resolveDistribution(node.version, log);
  writeConfig(node, home, settings);
  ensureOwnership(node, home);
  log(`Starting ${node.id} (Elasticsearch ${node.version}) on ${node.url}...`);
  const env = {
    ...process.env,
    ES_PATH_CONF: configDir(node),
    ES_JAVA_HOME: process.env.ES_JAVA_HOME ?? process.env.JAVA_HOME ?? findJavaHome(),
    ES_JAVA_OPTS: `-Xms${HEAP} -Xmx${HEAP}`,
    ES_TMPDIR: path.join(nodeDir(node), 'tmp'),
  };
  fs.mkdirSync(env.ES_TMPDIR, { recursive: true });
  ensureOwnership(node, home);
  const command = path.join(home, 'bin', 'elasticsearch');
  const args = ['-d', '-p', pidFile(node)];
  // The daemon keeps its stdout until it has started: give it a file, not a pipe we would wait on.
  const startLog = path.join(nodeDir(node), 'logs', 'start.log');
  const out = fs.openSync(startLog, 'w');
  const result = isRoot()
    ? spawnSync('runuser', ['-u', ES_USER, '--', 'env', ...envArgs(env), command, ...args], {
        stdio: ['ignore', out, out],
        cwd: nodeDir(node),
      })
    : spawnSync(command, args, { env, stdio: ['ignore', out, out], cwd: nodeDir(node) });
  fs.closeSync(out);
  if (result.status !== 0) {
    throw new Error(`${node.id} failed to start:\n${fs.readFileSync(startLog, 'utf8')}\n${logTail(node)}`);
  }
  try {
    await waitFor(() => healthy(node), START_TIMEOUT_MS, `${node.id} to become healthy`);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${logTail(node)}`);
  }
  return 'started';
};

const envArgs = (env: NodeJS.ProcessEnv): string[] =>
  ['ES_PATH_CONF', 'ES_JAVA_HOME', 'ES_JAVA_OPTS', 'ES_TMPDIR'].map((key) => `${key}=${env[key] ?? ''}`);

const findJavaHome = (): string => {
  const javaBin = fs.realpathSync(execFileSync('which', ['java'], { encoding: 'utf8' }).trim());
  return path.resolve(path.dirname(javaBin), '..');
};

const logTail = (node: NodeConfig): string => {
  const file = path.join(nodeDir(node), 'logs', `${node.clusterName}.log`);
  if (!fs.existsSync(file)) return '';
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  return `Last lines of ${file}:\n${lines.slice(-25).join('\n')}`;
};

export const stopNode = async (node: NodeConfig, log: (line: string) => void): Promise<boolean> => {
  const pid = readPid(pidFile(node));
  if (pid === undefined) return false;
  if (isPidAlive(pid)) {
    log(`Stopping ${node.id} (pid ${pid})...`);
    await killAndWait(pid);
  }
  fs.rmSync(pidFile(node), { force: true });
  return true;
};

export const nodePid = (node: NodeConfig): number | undefined => readPid(pidFile(node));
