/*
 * npm test: type checks, lint, unit tests (node and jsdom), integration tests against the real test bed
 * and browser tests in chromium, summed into one closing line `N passed, N failed`. A passing type check
 * or lint run counts as one passed test, a failing one as one failed test. Exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../es/testbed_config';

interface Tally {
  passed: number;
  failed: number;
}

const bin = (name: string) => path.join(REPO_ROOT, 'node_modules', '.bin', name);
const results: Array<{ name: string } & Tally> = [];

const step = (name: string, command: string, args: string[]): boolean => {
  console.log(`\n=== ${name}: ${path.basename(command)} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  console.log(`=== ${name}: ${ok ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
  return ok;
};

const checkStep = (name: string, command: string, args: string[]): void => {
  const ok = step(name, command, args);
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
};

const jestStep = (name: string, projects: string[], extra: string[] = []): void => {
  const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ma-jest-')), 'results.json');
  const ok = step(name, bin('jest'), ['--selectProjects', ...projects, '--json', '--outputFile', output, '--forceExit', ...extra]);
  let tally: Tally = { passed: 0, failed: ok ? 0 : 1 };
  if (fs.existsSync(output)) {
    const report = JSON.parse(fs.readFileSync(output, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numRuntimeErrorTestSuites: number;
      numTotalTests: number;
    };
    tally = {
      passed: report.numPassedTests,
      // A suite that failed to run has no failed test of its own, yet it failed.
      failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
    };
    if (!ok && tally.failed === 0) tally.failed = 1;
    if (report.numTotalTests === 0) {
      console.log(`${name}: no test ran`);
      tally.failed += 1;
    }
  }
  results.push({ name, ...tally });
};

const ensureChromium = (): void => {
  if (fs.existsSync('/usr/bin/chromium')) return;
  console.log('Installing Debian chromium for the browser tests...');
  const asRoot = process.getuid?.() === 0;
  const run = (args: string[]) => spawnSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], { stdio: 'inherit' });
  run(['update', '-qq']);
  run(['install', '-y', '-qq', 'chromium']);
};

const main = (): void => {
  const started = Date.now();
  checkStep('type check', bin('tsc'), ['-p', 'tsconfig.json']);
  checkStep('lint', bin('eslint'), ['.', '--max-warnings', '0']);
  jestStep('unit tests', ['unit', 'unit-browser']);
  ensureChromium();
  // One jest run for both, so the test bed is started (and stopped) once.
  jestStep('integration and browser tests', ['integration', 'browser'], ['--runInBand']);

  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  console.log(`\nSummary (${Math.round((Date.now() - started) / 1000)} s):`);
  for (const r of results) console.log(`  ${r.name.padEnd(32)} ${r.passed} passed, ${r.failed} failed`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
};

main();
