/*
 * One real Elasticsearch node of the test bed: resolve its distribution with Maven, write its config,
 * start it as a daemon (as an unprivileged user when we are root: Elasticsearch refuses to run as root),
 * wait for it, stop it by pid.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NodeConfig, REPO_ROOT, STATE_DIR, sharedRepoDir } from './testbed_config';
import { isPidAlive, isPortFree, killAndWait, readPid, waitFor } from './process_utils';
import { FILE_REALM_NAME, SecuredUser, basicAuthorization, securedUser } from './secured_users';

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
  /** Users and roles of the file realm; only for a node with `secured: true`. */
  fileRealm?: { rolesYml: string; users: SecuredUser[] };
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
    ...securityLines(node),
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
    if (!node.secured) lines.push('resource.reload.interval.high: 1s');
  }
  fs.writeFileSync(path.join(dir, 'elasticsearch.yml'), `${lines.join('\n')}\n`);
};

const securityLines = (node: NodeConfig): string[] =>
  node.secured
    ? [
        // Security on, over plain HTTP: a single node needs no TLS, and the integ-test-zip has no certificates.
        'xpack.security.enabled: true',
        'xpack.security.http.ssl.enabled: false',
        'xpack.security.transport.ssl.enabled: false',
        'xpack.license.self_generated.type: basic',
        // Only the file realm: the native realm (and the reserved users' passwords) would need `.security`,
        // which cannot be created without the analysis-common module this distribution lacks.
        `xpack.security.authc.realms.file.${FILE_REALM_NAME}.order: 0`,
        'xpack.security.authc.reserved_realm.enabled: false',
        // Re-read users, users_roles and roles.yml within a second of a change (default 5 s).
        'resource.reload.interval.high: 1s',
      ]
    : ['xpack.security.enabled: false'];

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

const fileRealmStamp = (node: NodeConfig): string => path.join(nodeDir(node), 'file_realm.sha256');
const FILE_REALM_FILES = ['roles.yml', 'users_roles', 'users'];

/** One `bin/elasticsearch-users useradd` in its own config folder (as the node's account when we are root). */
const userAdd = (home: string, folder: string, user: SecuredUser): Promise<void> =>
  new Promise((resolve, reject) => {
    const env = {
      ES_PATH_CONF: folder,
      ES_JAVA_HOME: javaHome(),
      // A short-lived CLI: no need for the optimizing compiler or a large heap.
      ES_JAVA_OPTS: '-Xms32m -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC',
      ES_TMPDIR: folder,
    };
    const tool = path.join(home, 'bin', 'elasticsearch-users');
    const args = ['useradd', user.username, '-p', user.password, '-r', user.roles.join(',')];
    const child = isRoot()
      ? spawn('runuser', ['-u', ES_USER, '--', 'env', ...envArgs(env), tool, ...args], { cwd: folder })
      : spawn(tool, args, { env: { ...process.env, ...env }, cwd: folder });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const masked = output.split(user.password).join('<password>');
      reject(new Error(`elasticsearch-users useradd ${user.username} failed (exit ${code}):\n${masked}`));
    });
  });

/**
 * Writes the file realm of a secured node: `roles.yml`, and the users with `bin/elasticsearch-users
 * useradd` (which needs `users`, `users_roles` and `roles.yml` to exist). Each user is added in a folder
 * of its own, all at once (one JVM start each, about 2.5 s), and the lines are merged. The files are moved
 * into the config folder complete, so a running node (which re-reads them within a second) never sees a
 * half-written realm. Skipped when users and roles are unchanged. Returns whether it wrote anything.
 */
const ensureFileRealm = async (
  node: NodeConfig,
  home: string,
  realm: NonNullable<NodeSettings['fileRealm']>,
  log: (line: string) => void
): Promise<boolean> => {
  const dir = configDir(node);
  fs.mkdirSync(dir, { recursive: true });
  const digest = crypto.createHash('sha256').update(JSON.stringify(realm)).digest('hex');
  const current = fs.existsSync(fileRealmStamp(node)) ? fs.readFileSync(fileRealmStamp(node), 'utf8') : '';
  if (current === digest && FILE_REALM_FILES.every((file) => fs.existsSync(path.join(dir, file)))) return false;
  log(`Writing the file realm of ${node.id} (${realm.users.map((user) => user.username).join(', ')})...`);
  const staging = path.join(nodeDir(node), `file_realm.${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const folders = realm.users.map((user) => path.join(staging, user.username));
    for (const folder of [staging, ...folders]) {
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'roles.yml'), realm.rolesYml, { mode: 0o600 });
      fs.writeFileSync(path.join(folder, 'users'), '', { mode: 0o600 });
      fs.writeFileSync(path.join(folder, 'users_roles'), '', { mode: 0o600 });
    }
    // The tool runs as the node's account: it must own the folders it writes in.
    ensureOwnership(node, home);
    await Promise.all(realm.users.map((user, index) => userAdd(home, folders[index] as string, user)));
    const lines = (folder: string, file: string): string[] =>
      fs.readFileSync(path.join(folder, file), 'utf8').split('\n').filter((line) => line.trim() !== '');
    const usersOfRole = new Map<string, string[]>();
    for (const folder of folders) {
      for (const line of lines(folder, 'users_roles')) {
        const [role = '', users = ''] = line.split(':');
        usersOfRole.set(role, [...(usersOfRole.get(role) ?? []), ...users.split(',')]);
      }
    }
    const users = folders.flatMap((folder) => lines(folder, 'users'));
    fs.writeFileSync(path.join(staging, 'users'), `${users.join('\n')}\n`);
    const roleLines = [...usersOfRole].map(([role, members]) => `${role}:${members.join(',')}`);
    fs.writeFileSync(path.join(staging, 'users_roles'), `${roleLines.join('\n')}\n`);
    // The node runs as its account and must read what we wrote here.
    ensureOwnership(node, home);
    for (const file of FILE_REALM_FILES) fs.renameSync(path.join(staging, file), path.join(dir, file));
    fs.writeFileSync(fileRealmStamp(node), digest, { mode: 0o600 });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return true;
};

/** Headers for the scripts' own requests: a secured node is asked as the superuser of its file realm. */
export const nodeHeaders = (node: NodeConfig): Record<string, string> =>
  node.secured ? { authorization: basicAuthorization(securedUser('ma_superuser')) } : {};

/**
 * Cluster name and version of the node at `url`. Read from `_nodes/_local`, not `GET /`: the 8.x
 * distribution Elastic publishes to Maven Central lacks the rest-root module that serves `GET /`.
 */
export const getNodeInfo = async (
  url: string,
  headers: Record<string, string> = {}
): Promise<{ cluster_name: string; version: { number: string } } | undefined> => {
  try {
    const response = await fetch(`${url}/_nodes/_local?filter_path=cluster_name,nodes.*.version`, {
      headers,
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
    const response = await fetch(`${node.url}/_cluster/health`, {
      headers: nodeHeaders(node),
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) return false;
    const { status } = (await response.json()) as { status: string };
    return status === 'green' || status === 'yellow';
  } catch {
    return false;
  }
};

export type StartOutcome = 'started' | 'already-running';

export const isNodeRunning = async (node: NodeConfig): Promise<boolean> => {
  const info = await getNodeInfo(node.url, nodeHeaders(node));
  return info?.cluster_name === node.clusterName;
};

export const startNode = async (
  node: NodeConfig,
  settings: NodeSettings,
  log: (line: string) => void
): Promise<StartOutcome> => {
  if (settings.fileRealm) {
    const changed = await ensureFileRealm(node, resolveDistribution(node.version, log), settings.fileRealm, log);
    const pid = readPid(pidFile(node));
    if (changed && pid !== undefined && isPidAlive(pid)) {
      // A running node re-reads its realm files within a second; give it the time before asking it.
      await waitFor(() => isNodeRunning(node), 30_000, `${node.id} to reload its file realm`).catch(() => undefined);
    }
  }
  if (await isNodeRunning(node)) return 'already-running';
  // The pid file appears only seconds after the launch: a start lock keeps two processes (npm test and
  // es:start, two test runs) from launching two copies, the second of which, failing on the node lock,
  // would delete the first one's pid file on its way out.
  if (!acquireStartLock(node)) {
    await waitFor(() => healthy(node), START_TIMEOUT_MS, `${node.id} to become healthy (started by another process)`);
    return 'already-running';
  }
  try {
    if (await isNodeRunning(node)) return 'already-running';
    const existing = readPid(pidFile(node));
    if (existing !== undefined && isPidAlive(existing)) {
      // Our node is still booting (a concurrent start): wait for it instead of starting a second copy.
      await waitFor(() => healthy(node), START_TIMEOUT_MS, `${node.id} to become healthy`);
      return 'already-running';
    }
    return await launchNode(node, settings, log);
  } finally {
    fs.rmSync(startLock(node), { force: true });
  }
};

const startLock = (node: NodeConfig): string => path.join(STATE_DIR, 'nodes', `${node.id}.starting`);

/** Takes the node's start lock (a file holding our pid); a lock whose process is gone is taken over. */
const acquireStartLock = (node: NodeConfig, attempt = 0): boolean => {
  fs.mkdirSync(path.dirname(startLock(node)), { recursive: true });
  try {
    fs.writeFileSync(startLock(node), String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = readPid(startLock(node));
    if (owner !== undefined && isPidAlive(owner)) return false;
    if (attempt > 0) return false;
    fs.rmSync(startLock(node), { force: true });
    return acquireStartLock(node, attempt + 1);
  }
};

const launchNode = async (
  node: NodeConfig,
  settings: NodeSettings,
  log: (line: string) => void
): Promise<StartOutcome> => {
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
    ES_JAVA_HOME: javaHome(),
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

const javaHome = (): string => process.env.ES_JAVA_HOME ?? process.env.JAVA_HOME ?? findJavaHome();

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
