/*
 * The snapshot path in chromium against the 8.14 destination: register the source's repository
 * read-only, see the snapshot restorable with its notes, restore a data index and the .kibana copy under
 * new names without aliases, and follow the job to completion.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { testBedInfo } from '../../dev/es/testbed';
import { testBedNodes } from '../../dev/es/testbed_config';
import { KIBANA_INDEX, savedObjects } from '../../dev/sample_data/kibana_saved_objects';
import type { RunningHost } from '../../dev/host/server/host_server';
import { esRequest, uniqueName } from '../integration/helpers/es_http';
import { launchChromium, SCREENSHOTS_DIR } from './helpers/browser';
import { startTestHost } from './helpers/host';

const nodes = testBedNodes();
const repository = uniqueName('ui-repo');
const prefix = `restored_${repository.replace(/-/g, '_')}`;
let location: string;
let browser: Browser;
let host: RunningHost & { appUrl: string };

const testSubj = (page: Page, subj: string) => page.locator(`[data-test-subj="${subj}"]`);

beforeAll(async () => {
  location = `${(await testBedInfo()).shared_repo_dir}/${repository}`;
  await esRequest(nodes.source.url, 'PUT', `/_snapshot/${repository}`, { type: 'fs', settings: { location } });
  await esRequest(nodes.source.url, 'PUT', `/_snapshot/${repository}/nightly?wait_for_completion=true`, { indices: `stores,${KIBANA_INDEX}`, include_global_state: false });
  host = await startTestHost({ destinationUrl: nodes.destination.url, pluginConfig: { pollIntervalMs: 500 } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await esRequest(nodes.destination.url, 'DELETE', `/${prefix}_*?ignore_unavailable=true`);
  await esRequest(nodes.destination.url, 'DELETE', `/_snapshot/${repository}`);
  await esRequest(nodes.source.url, 'DELETE', `/_snapshot/${repository}/nightly`);
  await esRequest(nodes.source.url, 'DELETE', `/_snapshot/${repository}`);
  fs.rmSync(location, { recursive: true, force: true });
});

describe('snapshot restore in the app', () => {
  it('registers the repository, restores renamed copies and follows the job', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(host.appUrl);
    await testSubj(page, 'snapshotsButton').click();
    await testSubj(page, 'repositoryNameInput').fill(repository);
    await testSubj(page, 'repositoryLocationInput').fill(location);
    await testSubj(page, 'registerRepositoryButton').click();
    const row = testSubj(page, 'snapshotRow-nightly');
    await row.waitFor();
    expect(await row.textContent()).toContain('7.17.9');
    expect(await testSubj(page, 'snapshotRestorable').textContent()).toBe('yes');
    expect(await row.textContent()).toContain('include_aliases: false');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'snapshots_1_list.png'), fullPage: true });

    await testSubj(page, 'chooseSnapshotButton').click();
    await page.locator(`label[for="stores"]`).click();
    await page.locator(`label[for="${KIBANA_INDEX}"]`).click();
    await testSubj(page, 'restoreRenameReplacement').fill(`${prefix}_$1`);
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'snapshots_2_restore.png'), fullPage: true });
    await testSubj(page, 'startRestoreButton').click();

    await page.waitForSelector('[data-test-subj="jobStatusBadge"]:has-text("completed")', { timeout: 60_000 });
    expect(await page.locator('h1').textContent()).toBe('Snapshot restore job');
    const counts = await testSubj(page, 'itemDestCount').allTextContents();
    // 500 stores and the 9 saved objects of the source's .kibana.
    expect(counts.sort()).toEqual([String(savedObjects().length), '500'].sort());
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'snapshots_3_job.png'), fullPage: true });
    const aliases = await esRequest(nodes.destination.url, 'GET', `/${prefix}_kibana_7.17.9_001/_alias`);
    expect(aliases.body).toEqual({ [`${prefix}_kibana_7.17.9_001`]: { aliases: {} } });
    await page.close();
  });
});
