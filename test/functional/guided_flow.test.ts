/*
 * The whole guided flow in chromium, against the development host and the real test bed: connect to the
 * TLS source, see the certificate check fail with its remedy, make the destination trust the CA, see it
 * pass, select indices including the 200,000-document one, run, watch progress reach 100 % with the
 * throughput chart moving, and find counts that match. Then cancel a second job and retry it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { API_BASE_PATH, API_VERSION } from '../../common/constants';
import { setReindexDestinationTrust, testBedInfo, TestBedInfo } from '../../dev/es/testbed';
import { testBedNodes } from '../../dev/es/testbed_config';
import type { RunningHost } from '../../dev/host/server/host_server';
import { esRequest, uniqueName, waitUntil } from '../integration/helpers/es_http';
import { accessibilityViolations } from './helpers/accessibility';
import { launchChromium, SCREENSHOTS_DIR } from './helpers/browser';
import { startTestHost } from './helpers/host';

const nodes = testBedNodes();
let browser: Browser;
let host: RunningHost & { appUrl: string };
let info: TestBedInfo;
const prefix = uniqueName('ui');

/** Every step is saved as a screenshot (the README shows them) and passed through axe. */
const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
  expect({ step: name, violations: await accessibilityViolations(page) }).toEqual({ step: name, violations: [] });
};
const testSubj = (page: Page, subj: string) => page.locator(`[data-test-subj="${subj}"]`);

const waitForTrust = (trusted: boolean) =>
  waitUntil(async () => {
    const probe = await esRequest(nodes.reindex_destination.url, 'POST', '/_reindex', {
      source: { remote: { host: info.tls_front.url, username: info.tls_front.username, password: info.tls_front.password }, index: 'stores', size: 1 },
      dest: { index: `${prefix}-probe` },
      max_docs: 1,
    });
    return JSON.stringify(probe.body).includes('PKIX') !== trusted;
  }, 20_000);

beforeAll(async () => {
  info = await testBedInfo();
  setReindexDestinationTrust(false);
  await waitForTrust(false);
  host = await startTestHost({ pluginConfig: { pollIntervalMs: 500 } });
  browser = await launchChromium();
});

afterAll(async () => {
  setReindexDestinationTrust(false);
  await browser?.close();
  await host?.stop();
  await esRequest(nodes.reindex_destination.url, 'DELETE', `/${prefix}-*?ignore_unavailable=true`);
});

describe('guided reindex flow', () => {
  it('connects, fails then passes preflight on the CA, runs to 100 % with matching counts', async () => {
    const page = await browser.newPage({ reducedMotion: 'reduce', viewport: { width: 1400, height: 1000 } });
    await page.goto(host.appUrl);
    await testSubj(page, 'startMigrationButton').click();

    // 1. Connect the TLS source.
    await testSubj(page, 'sourceNameInput').fill('Self-managed 7.17');
    await testSubj(page, 'sourceHostInput').fill(info.tls_front.url);
    await testSubj(page, 'sourceUsernameInput').fill(info.tls_front.username);
    await testSubj(page, 'sourcePasswordInput').fill(info.tls_front.password);
    await testSubj(page, 'sourceCaInput').fill(fs.readFileSync(info.tls_front.ca_path, 'utf8'));
    await testSubj(page, 'testConnectionButton').click();
    await testSubj(page, 'connectionSuccess').waitFor();
    expect(await testSubj(page, 'connectionSuccess').textContent()).toContain(`Elasticsearch ${info.source.version}`);
    await shot(page, 'flow_1_connect');
    await testSubj(page, 'connectNextButton').click();

    // 2. Select data, with a rename rule.
    // The source holds more than a page of indices (the benchmark's bench-w-* among them): search, then select.
    await testSubj(page, 'indexSearch').fill('web-logs-2024');
    await testSubj(page, 'selectIndex-web-logs-2024').click();
    await testSubj(page, 'indexSearch').fill('stores');
    await testSubj(page, 'selectIndex-stores').click();
    await testSubj(page, 'renamePatternInput').fill('^(.*)$');
    await testSubj(page, 'renameReplacementInput').fill(`${prefix}-$1`);
    expect(await testSubj(page, 'destinationPreview').textContent()).toContain(`${prefix}-web-logs-2024`);
    await shot(page, 'flow_2_select');
    await testSubj(page, 'selectNextButton').click();

    // 3. Options.
    await testSubj(page, 'partitionInput').fill('60000');
    await shot(page, 'flow_3_options');
    await testSubj(page, 'optionsNextButton').click();

    // 4. Preflight: the destination does not trust the source's CA yet.
    const reachability = testSubj(page, 'preflightCheck-reachability');
    await reachability.waitFor();
    expect(await reachability.getAttribute('data-status')).toBe('fail');
    expect(await reachability.textContent()).toContain('reindex.ssl.certificate_authorities');
    expect(await reachability.textContent()).toContain('openssl s_client -showcerts');
    await shot(page, 'flow_4_preflight_fail');
    expect(await testSubj(page, 'preflightNextButton').isDisabled()).toBe(true);

    setReindexDestinationTrust(true);
    await waitForTrust(true);
    await testSubj(page, 'rerunPreflightButton').click();
    await page.waitForSelector('[data-test-subj="preflightResults"][data-status="pass"]', { timeout: 30_000 });
    await shot(page, 'flow_4_preflight_pass');
    await testSubj(page, 'preflightNextButton').click();

    // 5. Review: the exact requests, password masked.
    await testSubj(page, 'reviewRequest').first().waitFor();
    const requests = (await testSubj(page, 'reviewRequest').allTextContents()).join('\n');
    expect(requests).toContain('POST _reindex');
    expect(requests).toContain('<redacted>');
    expect(requests).not.toContain(info.tls_front.password);
    await shot(page, 'flow_5_review');
    await testSubj(page, 'startJobButton').click();

    // 6. The job page: progress to 100 %, the chart fed, counts equal.
    await testSubj(page, 'jobProgress').waitFor();
    await page.waitForSelector('[data-test-subj="jobStatusBadge"]:has-text("completed")', { timeout: 240_000 });
    expect(await testSubj(page, 'jobProgress').getAttribute('data-percent')).toBe('100');
    expect(Number(await testSubj(page, 'throughputChart').getAttribute('data-points'))).toBeGreaterThan(1);
    for (const index of ['web-logs-2024', 'stores']) {
      const source = await esRequest(nodes.source.url, 'GET', `/${index}/_count`);
      const dest = await esRequest(nodes.reindex_destination.url, 'GET', `/${prefix}-${index}/_count`);
      expect((dest.body as { count: number }).count).toBe((source.body as { count: number }).count);
    }
    expect(await testSubj(page, 'itemRow-stores').textContent()).toContain('500');
    await shot(page, 'flow_6_job_completed');
    expect(await page.content()).not.toContain(info.tls_front.password);
    await page.close();
  });

  it('cancels a second job and retries it to completion', async () => {
    const call = async (method: string, url: string, body?: unknown) => {
      const response = await fetch(`${host.url}${API_BASE_PATH}${url}`, {
        method,
        headers: { 'content-type': 'application/json', 'kbn-xsrf': 'true', 'elastic-api-version': API_VERSION },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await response.json()) as { id: string };
    };
    const source = await call('POST', '/sources', { name: 'plain', host: nodes.source.url, auth: { type: 'none' } });
    const job = await call('POST', '/jobs', {
      type: 'reindex',
      source_id: source.id,
      items: [{ source: 'orders-2023' }],
      rename: { pattern: '^(.*)$', replacement: `${prefix}-second-$1` },
      options: { requests_per_second: 500, batch_size: 100 },
    });
    const page = await browser.newPage({ reducedMotion: 'reduce', viewport: { width: 1400, height: 1000 } });
    await page.goto(`${host.appUrl}/jobs/${job.id}`);
    await page.waitForSelector('[data-test-subj="jobStatusBadge"]:has-text("running")', { timeout: 60_000 });
    await testSubj(page, 'cancelJobButton').click();
    await testSubj(page, 'confirmModalConfirmButton').click();
    await page.waitForSelector('[data-test-subj="jobStatusBadge"]:has-text("cancelled")', { timeout: 30_000 });
    await shot(page, 'job_cancelled');

    await testSubj(page, 'retryJobButton').click();
    await testSubj(page, 'confirmModalConfirmButton').click();
    await page.waitForSelector('[data-test-subj="jobStatusBadge"]:has-text("running")', { timeout: 30_000 });
    // Lift the throttle so the retry finishes quickly.
    await testSubj(page, 'throttleButton').click();
    await testSubj(page, 'throttleInput').fill('-1');
    await testSubj(page, 'applyThrottleButton').click();
    await page.waitForSelector('[data-test-subj="jobStatusBadge"]:has-text("completed")', { timeout: 120_000 });
    expect(await testSubj(page, 'itemDestCount').textContent()).toBe('10,000');
    await page.close();
  });
});
