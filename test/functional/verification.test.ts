/*
 * The verification report in chromium: after a reindex job (a data index and the source's .kibana), the
 * job page offers "Verify migration", the report shows matching counts and every visualization by title,
 * and downloads as JSON and Markdown with the same content.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { VerificationReport } from '../../common/types/verifications';
import { testBedNodes } from '../../dev/es/testbed_config';
import { KIBANA_INDEX } from '../../dev/sample_data/kibana_saved_objects';
import type { RunningHost } from '../../dev/host/server/host_server';
import { esRequest, uniqueName, waitUntil } from '../integration/helpers/es_http';
import { accessibilityViolations } from './helpers/accessibility';
import { launchChromium, SCREENSHOTS_DIR } from './helpers/browser';
import { startTestHost } from './helpers/host';
import { hostApi } from '../integration/helpers/host_api';

const nodes = testBedNodes();
const dest = nodes.reindex_destination.url;
const prefix = uniqueName('ui-verify');
let browser: Browser;
let host: RunningHost & { appUrl: string };
let jobId: string;

const testSubj = (page: Page, subj: string) => page.locator(`[data-test-subj="${subj}"]`);

const call = hostApi(() => host.url);

beforeAll(async () => {
  await esRequest(dest, 'DELETE', `/${KIBANA_INDEX}?ignore_unavailable=true`);
  host = await startTestHost({ destinationUrl: dest, pluginConfig: { pollIntervalMs: 500 } });
  const source = await call('POST', '/sources', { name: prefix, host: nodes.source.url, auth: { type: 'none' } });
  expect(source.status).toBe(201);
  const job = await call('POST', '/jobs', {
    type: 'reindex',
    source_id: source.body.id,
    items: [{ source: 'stores', dest: `${prefix}-stores` }, { source: KIBANA_INDEX }],
    include_hidden: true,
    include_system: true,
    // A copy under its own internal name is confirmed like every write into .kibana*.
    confirmation: `write into ${KIBANA_INDEX}`,
  });
  expect(job.status).toBe(201);
  jobId = job.body.id as string;
  await waitUntil(async () => (await call('GET', `/jobs/${jobId}`)).body.status === 'completed', 60_000);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await esRequest(dest, 'DELETE', `/${prefix}-*,${KIBANA_INDEX}?ignore_unavailable=true&expand_wildcards=all`);
});

describe('verification report in the app', () => {
  it('verifies the finished job, lists the visualizations by title and downloads JSON and Markdown', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1400, height: 1100 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${host.appUrl}/jobs/${jobId}`);
    await testSubj(page, 'jobCompletedCallout').waitFor();
    await testSubj(page, 'verifyJobButton').click();

    const summary = testSubj(page, 'verificationSummary');
    await summary.waitFor({ timeout: 60_000 });
    expect(page.url()).toMatch(/\/verifications\/[0-9a-f-]{36}$/);
    // Counts and sampled documents match for both indices.
    for (const source of ['stores', KIBANA_INDEX]) {
      const row = testSubj(page, `dataRow-${source}`);
      expect(await row.locator('[data-test-subj="countsBadge"]').textContent()).toBe('Match');
      expect(await row.locator('[data-test-subj="sampleResult"]').textContent()).toMatch(/^Match /);
    }
    const titles = await testSubj(page, 'savedObjectType-visualization').locator('[data-test-subj="savedObjectTitle"]').allTextContents();
    expect(titles).toEqual(['Campaign clicks', 'HTTP status codes', 'Requests over time', 'Revenue by order status', 'Traffic by referrer', 'Visitors by city']);
    expect(await testSubj(page, 'savedObjectMissing').count()).toBe(0);
    // Reindex moved the documents of .kibana, not its alias: the one difference, with the fix.
    expect(await summary.textContent()).toContain(`POST _aliases { "actions": [{ "add": { "index": "${KIBANA_INDEX}", "alias": ".kibana" } }] }`);
    expect(await testSubj(page, 'securityUnavailable').textContent()).toContain('Security is not enabled on the destination');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'verification_report.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), testSubj(page, 'downloadJsonButton').click()]);
    expect(jsonDownload.suggestedFilename()).toMatch(/^migration-verification-.+\.json$/);
    const report = JSON.parse(fs.readFileSync(await jsonDownload.path(), 'utf8')) as VerificationReport;
    expect(report.status).toBe('completed');
    expect(report.job_id).toBe(jobId);
    expect(report.indices.map((index) => [index.source, index.counts_match])).toEqual([
      ['stores', true],
      [KIBANA_INDEX, true],
    ]);
    expect(report.saved_objects?.by_type.visualization).toMatchObject({ source: 6, dest: 6, missing: [] });

    const [markdownDownload] = await Promise.all([page.waitForEvent('download'), testSubj(page, 'downloadMarkdownButton').click()]);
    expect(markdownDownload.suggestedFilename()).toBe(`migration-verification-${report.id}.md`);
    const markdown = fs.readFileSync(await markdownDownload.path(), 'utf8');
    expect(markdown).toContain(`# Migration verification ${report.id}`);
    expect(markdown).toContain(`| stores | ${prefix}-stores | 500 | 500 | yes |`);
    expect(markdown).toContain('- Visitors by city');
    expect(markdown).toContain('1 difference(s) found.');
    await context.close();
  });
});
