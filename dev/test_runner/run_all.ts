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
import { BROWSER_PACKAGES, ensureSystemPackages, TEST_BED_PACKAGES } from '../system_packages';

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

/** Which kind of test a jest test file is, from where it lives (see jest.config.js). */
const UNIT = 'unit tests (node)';
const KINDS = [
  { name: 'unit-browser tests (jsdom)', root: 'public/' },
  { name: 'integration tests', root: 'test/integration/' },
  { name: 'browser tests (chromium)', root: 'test/functional/' },
];
const kindOf = (file: string): string => {
  const relative = path.relative(REPO_ROOT, file).split(path.sep).join('/');
  return KINDS.find((kind) => relative.startsWith(kind.root))?.name ?? UNIT;
};

interface JestReport {
  testResults: Array<{ name: string; status: string; assertionResults: Array<{ status: string }> }>;
}

/** One jest run; its tests are counted per kind, and each expected kind must have run at least one test. */
const jestStep = (name: string, projects: string[], expectedKinds: string[], extra: string[] = []): void => {
  const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ma-jest-')), 'results.json');
  const ok = step(name, bin('jest'), ['--selectProjects', ...projects, '--json', '--outputFile', output, '--forceExit', ...extra]);
  const tallies = new Map<string, Tally>(expectedKinds.map((kind) => [kind, { passed: 0, failed: 0 }]));
  const report = fs.existsSync(output) ? (JSON.parse(fs.readFileSync(output, 'utf8')) as JestReport) : undefined;
  for (const suite of report?.testResults ?? []) {
    const tally = tallies.get(kindOf(suite.name)) ?? { passed: 0, failed: 0 };
    tally.passed += suite.assertionResults.filter((test) => test.status === 'passed').length;
    tally.failed += suite.assertionResults.filter((test) => test.status === 'failed').length;
    // A suite that failed to run has no failed test of its own, yet it failed.
    if (suite.status === 'failed' && suite.assertionResults.every((test) => test.status !== 'failed')) tally.failed += 1;
    tallies.set(kindOf(suite.name), tally);
  }
  for (const [kind, tally] of tallies) {
    if (tally.passed + tally.failed === 0) {
      console.log(`${kind}: no test ran`);
      tally.failed += 1;
    }
    results.push({ name: kind, ...tally });
  }
  const counted = [...tallies.values()].reduce((sum, tally) => sum + tally.failed, 0);
  // jest failed for a reason no test result shows (a global setup error, say): count it too.
  if (!ok && counted === 0) results.push({ name: `${name} (jest run)`, passed: 0, failed: 1 });
};

const main = (): void => {
  const started = Date.now();
  checkStep('type check', bin('tsc'), ['-p', 'tsconfig.json']);
  checkStep('lint', bin('eslint'), ['.', '--max-warnings', '0']);
  jestStep('unit tests', ['unit', 'unit-browser'], [UNIT, 'unit-browser tests (jsdom)']);
  ensureSystemPackages([...TEST_BED_PACKAGES, ...BROWSER_PACKAGES]);
  // One jest run for both, so the test bed is started (and stopped) once.
  jestStep('integration and browser tests', ['integration', 'browser'], ['integration tests', 'browser tests (chromium)'], ['--runInBand']);

  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  console.log(`\nSummary (${Math.round((Date.now() - started) / 1000)} s):`);
  for (const r of results) console.log(`  ${r.name.padEnd(34)} ${r.passed} passed, ${r.failed} failed`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
};

main();
