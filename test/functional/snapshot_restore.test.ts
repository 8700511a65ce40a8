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
import { esRequest, uniqueName, waitUntil } from '../integration/helpers/es_http';
import { accessibilityViolations } from './helpers/accessibility';
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
    const page = await browser.newPage({ reducedMotion: 'reduce', viewport: { width: 1400, height: 1000 } });
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
    expect(await accessibilityViolations(page)).toEqual([]);

    await testSubj(page, 'chooseSnapshotButton').click();
    await page.locator(`label[for="stores"]`).click();
    await page.locator(`label[for="${KIBANA_INDEX}"]`).click();
    await testSubj(page, 'restoreRenameReplacement').fill(`${prefix}_$1`);
    // Check and review: the preflight checks and the exact restore request, before anything runs.
    await testSubj(page, 'reviewRestoreButton').click();
    await testSubj(page, 'restoreRequest').first().waitFor();
    expect(await testSubj(page, 'preflightResults').getAttribute('data-status')).not.toBe('fail');
    expect(await testSubj(page, 'restoreRequest').first().textContent()).toContain('"include_aliases": false');
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'snapshots_2_restore.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await testSubj(page, 'startRestoreButton').click();

    await page.waitForSelector('[data-test-subj="jobStatusBadge"]:has-text("completed")', { timeout: 60_000 });
    expect(await page.locator('h1').textContent()).toBe('Snapshot restore job');
    const counts = await testSubj(page, 'itemDestCount').allTextContents();
    // 500 stores and the 9 saved objects of the source's .kibana.
    expect(counts.sort()).toEqual([String(savedObjects().length), '500'].sort());
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'snapshots_3_job.png'), fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    const aliases = await esRequest(nodes.destination.url, 'GET', `/${prefix}_kibana_7.17.9_001/_alias`);
    expect(aliases.body).toEqual({ [`${prefix}_kibana_7.17.9_001`]: { aliases: {} } });
    await page.close();
  });

  it('restores a feature state only after the typed confirmation, with the safety snapshot first', async () => {
    const ownRepository = `${repository}-own`;
    const ownLocation = `${location}-own`;
    const probe = `${repository}-probe`;
    await esRequest(nodes.destination.url, 'PUT', `/${probe}`, { settings: { number_of_replicas: 0 } });
    // One stored task result, so the destination's `tasks` feature state has an index to snapshot.
    const task = (await esRequest(nodes.destination.url, 'POST', `/${probe}/_forcemerge?wait_for_completion=false`)).body as { task: string };
    await waitUntil(async () => ((await esRequest(nodes.destination.url, 'GET', `/_tasks/${task.task}`)).body as { completed?: boolean }).completed === true, 30_000);
    const page = await browser.newPage({ reducedMotion: 'reduce', viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(host.appUrl);
      await testSubj(page, 'snapshotsButton').click();
      await testSubj(page, 'repositoryNameInput').fill(ownRepository);
      await testSubj(page, 'repositoryLocationInput').fill(ownLocation);
      await testSubj(page, 'repositoryWritableSwitch').click();
      await testSubj(page, 'registerRepositoryButton').click();
      await page.waitForSelector(`[data-test-subj="repositorySelect"] option[value="${ownRepository}"]`, { state: 'attached' });
      await esRequest(nodes.destination.url, 'PUT', `/_snapshot/${ownRepository}/own-features?wait_for_completion=true`, {
        indices: '-*',
        include_global_state: false,
        feature_states: ['tasks'],
      });
      // The snapshot was taken after the page listed the (then empty) repository: read it again.
      await page.reload();
      await page.waitForSelector(`[data-test-subj="repositorySelect"] option[value="${ownRepository}"]`, { state: 'attached' });
      await testSubj(page, 'repositorySelect').selectOption(ownRepository);
      await testSubj(page, 'snapshotRow-own-features').waitFor();
      await testSubj(page, 'chooseSnapshotButton').click();
      await page.locator('label[for="tasks"]').click();
      expect(await testSubj(page, 'safetyRepositorySelect').inputValue()).toBe(ownRepository);
      await testSubj(page, 'restoreFeatureStatesButton').click();
      const confirm = page.locator('[data-test-subj="confirmModalConfirmButton"]');
      expect(await confirm.isDisabled()).toBe(true);
      await testSubj(page, 'featureConfirmInput').fill('replace task');
      expect(await confirm.isDisabled()).toBe(true);
      await testSubj(page, 'featureConfirmInput').fill('replace tasks');
      // .tasks belongs to the feature state: it is not offered as an index to restore by name.
      expect(await testSubj(page, 'restorePanel').count()).toBe(0);
      await page.waitForTimeout(300); // the modal's opening animation
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'snapshots_4_feature_confirm.png') });
      expect(await accessibilityViolations(page)).toEqual([]);
      await confirm.click();
      await page.waitForSelector('[data-test-subj="jobStatusBadge"]:has-text("completed")', { timeout: 60_000 });
      const snapshots = (await esRequest(nodes.destination.url, 'GET', `/_snapshot/${ownRepository}/_all`)).body as { snapshots: Array<{ snapshot: string }> };
      expect(snapshots.snapshots.map((s) => s.snapshot).some((name) => name.startsWith('migration-assistant-safety-'))).toBe(true);
    } finally {
      await page.close();
      const all = (await esRequest(nodes.destination.url, 'GET', `/_snapshot/${ownRepository}/_all`)).body as { snapshots?: Array<{ snapshot: string }> };
      for (const snapshot of all.snapshots ?? []) await esRequest(nodes.destination.url, 'DELETE', `/_snapshot/${ownRepository}/${snapshot.snapshot}`);
      await esRequest(nodes.destination.url, 'DELETE', `/_snapshot/${ownRepository}`);
      await esRequest(nodes.destination.url, 'DELETE', `/${probe}`);
      fs.rmSync(ownLocation, { recursive: true, force: true });
    }
  });
});
