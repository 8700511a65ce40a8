/*
 * `es:start` / `es:stop` on a second, private test bed (own folder and ports, source node and TLS front
 * only): starting twice never starts a second copy, a port in use is named, and stop leaves no process.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../../dev/es/testbed_config';
import { isPidAlive } from '../../../dev/es/process_utils';

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(REPO_ROOT, 'dev', 'es', 'cli.ts');

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-testbed-lifecycle-'));
const env = {
  ...process.env,
  MA_TESTBED_DIR: stateDir,
  MA_TESTBED_SOURCE_PORT: '19210',
  MA_TESTBED_SOURCE_PORT_TRANSPORT: '19310',
  MA_TESTBED_TLS_PORT: '19453',
};
const cli = (args: string[], extraEnv: Record<string, string> = {}) =>
  spawnSync(TSX, [CLI, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', cwd: REPO_ROOT });

const pidFiles = () => [
  path.join(stateDir, 'nodes', 'source', 'elasticsearch.pid'),
  path.join(stateDir, 'tls', 'nginx.pid'),
];
const readPids = () => pidFiles().filter((f) => fs.existsSync(f)).map((f) => Number(fs.readFileSync(f, 'utf8').trim()));

afterAll(() => {
  cli(['stop']);
  // The node ran as an unprivileged user; its files are ours to remove.
  fs.rmSync(stateDir, { recursive: true, force: true });
});

describe('test bed lifecycle', () => {
  it('names a port that is already in use instead of starting', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(19211, '127.0.0.1', resolve));
    try {
      const result = cli(['start', '--only', 'source'], { MA_TESTBED_SOURCE_PORT: '19211', MA_TESTBED_SOURCE_PORT_TRANSPORT: '19311' });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('Port 19211');
      expect(result.stderr).toContain('MA_TESTBED_SOURCE_PORT');
    } finally {
      blocker.close();
    }
  });

  it('starts once, does not start a second copy, and stops every process it started', async () => {
    const first = cli(['start', '--only', 'source']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Elasticsearch 7.17.9');
    const pids = readPids();
    expect(pids).toHaveLength(2);

    const second = cli(['start', '--only', 'source']);
    expect(second.status).toBe(0);
    expect(second.stdout).not.toContain('Starting source');
    expect(readPids()).toEqual(pids);

    const stop = cli(['stop']);
    expect(stop.status).toBe(0);
    for (const pid of pids) expect(isPidAlive(pid)).toBe(false);
    const response = await fetch('http://127.0.0.1:19210/').then(() => 'answered', () => 'refused');
    expect(response).toBe('refused');
  });
});
