/*
 * Seed 004 in chromium on the 7.17 destination: the source's .kibana comes back by its own name through
 * close, restore and reopen (safety snapshot and typed confirmation first), and the verification report
 * then lists the source's visualizations by title.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { API_BASE_PATH, API_VERSION } from '../../common/constants';
import { testBedInfo } from '../../dev/es/testbed';
import { testBedNodes } from '../../dev/es/testbed_config';
import { KIBANA_INDEX, savedObjects } from '../../dev/sample_data/kibana_saved_objects';
import type { RunningHost } from '../../dev/host/server/host_server';
import { esRequest, uniqueName } from '../integration/helpers/es_http';
import { accessibilityViolations } from './helpers/accessibility';
import { launchChromium, SCREENSHOTS_DIR } from './helpers/browser';
import { startTestHost } from './helpers/host';

const nodes = testBedNodes();
const dest = nodes.reindex_destination.url;
const repository = uniqueName('ui-internal');
const safetyRepository = `${repository}-safety`;
let location: string;
let browser: Browser;
let host: RunningHost & { appUrl: string };

const testSubj = (page: Page, subj: string) => page.locator(`[data-test-subj="${subj}"]`);

beforeAll(async () => {
  location = `${(await testBedInfo()).shared_repo_dir}/${repository}`;
  await esRequest(nodes.source.url, 'PUT', `/_snapshot/${repository}`, { type: 'fs', settings: { location } });
  await esRequest(nodes.source.url, 'PUT', `/_snapshot/${repository}/kibana?wait_for_completion=true`, { indices: KIBANA_INDEX, include_global_state: false });
  // The destination's own Kibana index, with nothing of the source's.
  await esRequest(dest, 'DELETE', `/${KIBANA_INDEX}?ignore_unavailable=true`);
  await esRequest(dest, 'PUT', `/${KIBANA_INDEX}`, { settings: { index: { hidden: true, number_of_shards: 1, number_of_replicas: 0 } }, aliases: { '.kibana': {} } });
  host = await startTestHost({ destinationUrl: dest, pluginConfig: { pollIntervalMs: 500 } });
  // The source connection the verification compares with.
  await fetch(`${host.url}${API_BASE_PATH}/sources`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'kbn-xsrf': 'true', 'elastic-api-version': API_VERSION },
    body: JSON.stringify({ name: `${repository}-source`, host: nodes.source.url, auth: { type: 'none' } }),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await esRequest(dest, 'DELETE', `/${KIBANA_INDEX}?ignore_unavailable=true`);
  const safety = await esRequest(dest, 'GET', `/_snapshot/${safetyRepository}/_all`);
  for (const snapshot of (safety.body as { snapshots?: Array<{ snapshot: string }> }).snapshots ?? []) await esRequest(dest, 'DELETE', `/_snapshot/${safetyRepository}/${snapshot.snapshot}`);
  await esRequest(dest, 'DELETE', `/_snapshot/${safetyRepository}`);
  await esRequest(dest, 'DELETE', `/_snapshot/${repository}`);
  await esRequest(nodes.source.url, 'DELETE', `/_snapshot/${repository}/kibana`);
  await esRequest(nodes.source.url, 'DELETE', `/_snapshot/${repository}`);
  fs.rmSync(location, { recursive: true, force: true });
  fs.rmSync(`${location}-safety`, { recursive: true, force: true });
});

describe('internal indices on a 7.x destination', () => {
  it('closes, restores and reopens .kibana, then verifies the visualizations arrived', async () => {
    const page = await browser.newPage({ reducedMotion: 'reduce', viewport: { width: 1400, height: 1000 } });
    await page.goto(`${host.appUrl}/snapshots`);
    // The destination's own repository for the safety snapshot, writable...
    await testSubj(page, 'repositoryNameInput').fill(safetyRepository);
    await testSubj(page, 'repositoryLocationInput').fill(`${location}-safety`);
    await testSubj(page, 'repositoryWritableSwitch').click();
    await testSubj(page, 'registerRepositoryButton').click();
    await page.waitForSelector(`[data-test-subj="repositorySelect"] option[value="${safetyRepository}"]`, { state: 'attached' });
    // ...and the source's, read-only.
    await testSubj(page, 'repositoryWritableSwitch').click();
    await testSubj(page, 'repositoryNameInput').fill(repository);
    await testSubj(page, 'repositoryLocationInput').fill(location);
    await testSubj(page, 'registerRepositoryButton').click();
    await testSubj(page, 'snapshotRow-kibana').waitFor();
    await testSubj(page, 'chooseSnapshotButton').click();
    await page.locator(`label[for="${KIBANA_INDEX}"]`).click();
    await testSubj(page, 'restoreRenamePattern').fill('');
    await testSubj(page, 'restoreOverwriteSwitch').click();
    expect(await testSubj(page, 'restoreSafetyRepositorySelect').inputValue()).toBe(safetyRepository);
    await testSubj(page, 'reviewRestoreButton').click();
    await testSubj(page, 'restoreRequest').first().waitFor();
    // Every request in order: safety snapshot (started, then followed at each poll), close, restore, reopen.
    const requests = await testSubj(page, 'restoreRequest').allTextContents();
    expect(requests.map((r) => r.split(/\s/)[0] + ' ' + r.split(/\s/)[1])).toEqual([
      `PUT _snapshot/${safetyRepository}/migration-assistant-safety-<job>?wait_for_completion=false`,
      `GET _snapshot/${safetyRepository}/migration-assistant-safety-<job>`,
      `POST ${KIBANA_INDEX}/_close?expand_wildcards=all`,
      `POST _snapshot/${repository}/kibana/_restore`,
      `POST ${KIBANA_INDEX}/_open?expand_wildcards=all`,
    ]);
    expect(await testSubj(page, 'preflightCheck-internal_indices').textContent()).toContain('closed, restored over, reopened');
    await testSubj(page, 'startRestoreButton').click();

    const confirm = page.locator('[data-test-subj="confirmModalConfirmButton"]');
    await confirm.waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    await testSubj(page, 'overwriteConfirmInput').fill(`overwrite ${KIBANA_INDEX}`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'internal_1_overwrite_confirm.png') });
    expect(await accessibilityViolations(page)).toEqual([]);
    await confirm.click();

    await page.waitForSelector('[data-test-subj="jobStatusBadge"]:has-text("completed")', { timeout: 60_000 });
    expect(await testSubj(page, 'safetySnapshotCallout').textContent()).toContain(`${safetyRepository}/migration-assistant-safety-`);
    const cat = await esRequest(dest, 'GET', `/_cat/indices/${KIBANA_INDEX}?format=json&expand_wildcards=all&h=status`);
    expect((cat.body as Array<{ status: string }>)[0]?.status).toBe('open');

    await testSubj(page, 'verifyJobButton').click();
    await testSubj(page, 'verifySourceSelect').waitFor();
    await page.locator('[data-test-subj="confirmModalConfirmButton"]').click();
    await testSubj(page, 'verificationSummary').waitFor({ timeout: 60_000 });
    const titles = await testSubj(page, 'savedObjectType-visualization').locator('[data-test-subj="savedObjectTitle"]').allTextContents();
    expect(titles).toEqual(['Campaign clicks', 'HTTP status codes', 'Requests over time', 'Revenue by order status', 'Traffic by referrer', 'Visitors by city']);
    expect(await testSubj(page, `dataRow-${KIBANA_INDEX}`).locator('[data-test-subj="countsBadge"]').textContent()).toBe('Match');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'internal_2_verified.png'), fullPage: true });
    await page.close();
  });

  it('reindexes a restored copy into the live .kibana from the job page, then offers to delete the copy', async () => {
    const copy = `restored_${KIBANA_INDEX.slice(1)}`;
    const post = (route: string, body: unknown) =>
      fetch(`${host.url}${API_BASE_PATH}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'kbn-xsrf': 'true', 'elastic-api-version': API_VERSION },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as { id: string } }));
    const created = await post('/jobs', { type: 'snapshot_restore', repository, snapshot: 'kibana', indices: [KIBANA_INDEX], rename_pattern: '^\\.(.+)$', rename_replacement: 'restored_$1', include_aliases: false });
    expect(created.status).toBe(201);
    const page = await browser.newPage({ reducedMotion: 'reduce', viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(`${host.appUrl}/jobs/${created.body.id}`);
      await page.waitForSelector('[data-test-subj="jobStatusBadge"]:has-text("completed")', { timeout: 60_000 });
      await testSubj(page, 'intoPlaceButton').click();
      expect(await testSubj(page, 'intoPlaceSafetySelect').inputValue()).toBe(safetyRepository);
      await page.locator('[data-test-subj="confirmModalConfirmButton"]').click();
      await testSubj(page, 'intoPlaceConfirmInput').fill('reindex into .kibana');
      await page.locator('[data-test-subj="confirmModalConfirmButton"]').click();
      await page.getByText(`Reindexed ${copy} → .kibana (${savedObjects().length} documents)`).waitFor({ timeout: 30_000 });
      expect(((await esRequest(dest, 'GET', '/.kibana/_count')).body as { count: number }).count).toBe(savedObjects().length);
      // The copy stays until a verification of this job has completed.
      await testSubj(page, 'cleanupButton').click();
      expect(await testSubj(page, 'cleanupList').textContent()).toContain(copy);
      await page.locator('[data-test-subj="confirmModalConfirmButton"]').click();
      await page.getByText('has no completed verification yet').waitFor();
      expect((await esRequest(dest, 'GET', `/${copy}/_count`)).status).toBe(200);
    } finally {
      await page.close();
      await esRequest(dest, 'DELETE', `/${copy}?ignore_unavailable=true`);
    }
  });
});
