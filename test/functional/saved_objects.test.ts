/*
 * Saved objects into this Kibana in chromium (issue 17): from the home page, read the source's 7.17
 * `.kibana`, select every dashboard (with everything they reference), check (the one broken reference named
 * with its remedy), import (per-object results: the broken dashboard refused), verify (read back), then the
 * import's job page (counts by outcome, every object's result) and that job's verification report, with
 * screenshots and an accessibility pass at each step. The host writes into this test's own index.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { testBedNodes } from '../../dev/es/testbed_config';
import { SAMPLE_IDS } from '../../dev/sample_data/kibana_saved_objects';
import { hostApi } from '../integration/helpers/host_api';
import { esRequest, uniqueName } from '../integration/helpers/es_http';
import { accessibilityViolations } from './helpers/accessibility';
import { launchChromium, SCREENSHOTS_DIR } from './helpers/browser';
import { startTestHost } from './helpers/host';

const nodes = testBedNodes();
const dest = nodes.reindex_destination.url;
const soIndex = uniqueName('ma-so-ui');
let browser: Browser;
let host: Awaited<ReturnType<typeof startTestHost>>;
let sourceId: string;
const createdJobs: string[] = [];
const createdVerifications: string[] = [];

const testSubj = (page: Page, subj: string) => page.locator(`[data-test-subj="${subj}"]`);

beforeAll(async () => {
  // The host's core.savedObjects reads MA_SAVED_OBJECTS_INDEX when it starts.
  process.env.MA_SAVED_OBJECTS_INDEX = soIndex;
  try {
    host = await startTestHost({ pluginConfig: { pollIntervalMs: 500 } });
  } finally {
    delete process.env.MA_SAVED_OBJECTS_INDEX;
  }
  const created = await hostApi(() => host.url)('POST', '/sources', { name: uniqueName('ui-so-source'), host: nodes.source.url, auth: { type: 'none' } });
  expect(created.status).toBe(201);
  sourceId = String(created.body.id);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const id of createdVerifications) await hostApi(() => host.url)('DELETE', `/verifications/${id}`);
  for (const id of createdJobs) await hostApi(() => host.url)('DELETE', `/jobs/${id}`);
  if (sourceId) await hostApi(() => host.url)('DELETE', `/sources/${sourceId}`);
  await host?.stop();
  await esRequest(dest, 'DELETE', `/${soIndex}?ignore_unavailable=true`);
});

describe('saved objects import in the app', () => {
  it('walks select → check → import → verify', async () => {
    const page = await browser.newPage({ reducedMotion: 'reduce', viewport: { width: 1400, height: 1000 } });
    await page.goto(host.appUrl);
    await testSubj(page, 'savedObjectsButton').click();

    // Select: the source, its objects, every dashboard.
    await testSubj(page, 'soSourceSelect').selectOption(sourceId);
    await testSubj(page, 'soLoadButton').click();
    await testSubj(page, 'soListSummary').waitFor();
    expect(await testSubj(page, 'soListSummary').textContent()).toContain('Kibana 7.17.9, 7.x layout');
    await testSubj(page, 'soTypeFilter').selectOption('dashboard');
    expect(await testSubj(page, 'soObjectTitle').allTextContents()).toEqual(['Campaigns', 'Orders (6.8)', 'Sales', 'Web traffic overview']);
    await testSubj(page, 'soSearch').fill('6.8');
    expect(await testSubj(page, 'soObjectTitle').allTextContents()).toEqual(['Orders (6.8)']);
    expect(await testSubj(page, `soRow-dashboard-${SAMPLE_IDS.orders68}-default`).textContent()).toContain('(read from its attributes, Kibana 6.x)');
    await testSubj(page, 'soSearch').fill('');
    await testSubj(page, 'soSelectAllShown').click();
    expect(await testSubj(page, 'soCheckButton').textContent()).toBe('Check 4 selected');
    expect(await testSubj(page, 'soIncludeReferences').getAttribute('aria-checked')).toBe('true');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'saved_objects_1_select.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    // Check: the one broken reference (the deleted visualization on "Campaigns"), with its remedy.
    await testSubj(page, 'soCheckButton').click();
    await testSubj(page, 'soCheckReport').waitFor();
    const summary = await testSubj(page, 'soCheckSummary').textContent();
    expect(summary).toContain('9 of 10 objects can be imported into space default of Kibana 9.1.0; 1 refused, 1 broken references');
    const broken = testSubj(page, 'soProblemRow-missing_reference');
    expect(await broken.count()).toBe(1);
    expect(await broken.textContent()).toContain(`panel_1 points at visualization ${SAMPLE_IDS.deletedVisualization}`);
    expect(await broken.textContent()).toContain('"Campaigns" would show an error in place of its panel panel_1');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'saved_objects_2_check.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    // Import: nine created, the broken dashboard refused and why.
    await testSubj(page, 'soImportButton').click();
    await testSubj(page, 'soImportReport').waitFor();
    expect(await testSubj(page, 'soImportSummary').textContent()).toContain('9 objects imported into space default in 1 batches; 1 refused.');
    expect(await testSubj(page, 'soResultRow-created').count()).toBe(9);
    const refused = testSubj(page, 'soResultRow-refused');
    expect(await refused.count()).toBe(1);
    expect(await refused.textContent()).toContain('Campaigns');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'saved_objects_3_import.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    // The destination's saved-objects index holds exactly the nine.
    await esRequest(dest, 'POST', `/${soIndex}/_refresh`);
    const count = await esRequest(dest, 'POST', `/${soIndex}/_count`, { query: { terms: { type: ['dashboard', 'visualization', 'index-pattern'] } } });
    expect(count.body).toMatchObject({ count: 9 });

    // Verify: each read back from this Kibana with its title.
    await testSubj(page, 'soVerifyButton').click();
    await testSubj(page, 'soVerifyReport').waitFor();
    expect(await testSubj(page, 'soVerifySummary').textContent()).toContain('9 of 9 imported objects read back from space default; 0 missing.');
    expect(await testSubj(page, 'soVerifiedStatus').allTextContents()).toEqual(Array(9).fill('found'));
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'saved_objects_4_verify.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    // The import's job page: counts by outcome and every object's result, the refusal with its reason and remedy.
    await testSubj(page, 'soOpenJobButton').click();
    await testSubj(page, 'soJobResults').waitFor();
    const jobId = (await testSubj(page, 'jobId').textContent()) ?? '';
    createdJobs.push(jobId);
    expect(page.url()).toContain(`/jobs/${jobId}`);
    expect(await testSubj(page, 'jobStatusBadge').textContent()).toBe('completed');
    expect(await Promise.all(['created', 'overwritten', 'new_copy', 'refused'].map((outcome) => testSubj(page, `soJobCount-${outcome}`).textContent()))).toEqual(['9', '0', '0', '1']);
    expect(await testSubj(page, 'soJobRow-created').count()).toBe(9);
    expect(await testSubj(page, 'soJobRow-refused').textContent()).toContain('Campaigns');
    expect(await testSubj(page, 'soJobRow-refused').locator('[data-test-subj="soJobRemedy"]').count()).toBe(1);
    // EUI's search box searches on key up (a user's typing; Enter here).
    await testSubj(page, 'soJobSearch').fill('Campaigns');
    await testSubj(page, 'soJobSearch').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-test-subj^="soJobRow-"]').length === 1);
    await testSubj(page, 'soJobSearch').fill('');
    await testSubj(page, 'soJobSearch').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-test-subj^="soJobRow-"]').length === 10);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'saved_objects_5_job.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);

    // Its verification: the nine imported objects read back from this Kibana's saved-objects index.
    await testSubj(page, 'verifyJobButton').click();
    await testSubj(page, 'importedObjects').waitFor({ timeout: 60_000 });
    createdVerifications.push(page.url().split('/').pop() ?? '');
    expect(await testSubj(page, 'importedObjectsSummary').textContent()).toBe('Imported objects in space default: 9 present, 0 missing, 0 with a changed title.');
    expect(await testSubj(page, 'importedObject-present').count()).toBe(9);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'saved_objects_6_job_verification.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
