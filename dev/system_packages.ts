/*
 * Debian packages the test bed and the browser tests need, installed when missing: `npm start` and
 * `npm test` call this, so the README's two commands work on a fresh machine (and .ci/run installs the
 * same list before npm ci).
 */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

export interface SystemPackage {
  /** What must exist afterwards: a command on PATH or an absolute path. */
  command: string;
  /** The Debian package that provides it. */
  debian: string;
}

export const TEST_BED_PACKAGES: SystemPackage[] = [
  { command: 'java', debian: 'openjdk-17-jdk-headless' },
  { command: 'mvn', debian: 'maven' },
  { command: '/usr/sbin/nginx', debian: 'nginx-light' },
  { command: 'openssl', debian: 'openssl' },
];
export const BROWSER_PACKAGES: SystemPackage[] = [{ command: '/usr/bin/chromium', debian: 'chromium' }];

const present = ({ command }: SystemPackage): boolean =>
  command.startsWith('/') ? fs.existsSync(command) : spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** Installs what is missing with apt-get (as root, or through sudo); throws naming what is still missing. */
export const ensureSystemPackages = (packages: SystemPackage[], log: (line: string) => void = console.log): void => {
  const missing = packages.filter((wanted) => !present(wanted));
  if (missing.length === 0) return;
  const names = missing.map((wanted) => wanted.debian);
  log(`Installing Debian packages: ${names.join(' ')}...`);
  const asRoot = process.getuid?.() === 0;
  const aptGet = (args: string[]) =>
    spawnSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['-n', 'apt-get', ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  aptGet(['update', '-qq']);
  aptGet(['install', '-y', '-qq', ...names]);
  const still = missing.filter((wanted) => !present(wanted));
  if (still.length > 0) {
    throw new Error(`${still.map((wanted) => wanted.command).join(', ')} not found and could not be installed: run \`sudo apt-get install ${still.map((wanted) => wanted.debian).join(' ')}\` and try again.`);
  }
};
