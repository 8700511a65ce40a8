/* The management app in chromium, against the development host and the real test bed. */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { testBedInfo } from '../../dev/es/testbed';
import { testBedNodes } from '../../dev/es/testbed_config';
import { accessibilityViolations } from './helpers/accessibility';
import { iconsNotPreloaded, launchChromium, SCREENSHOTS_DIR } from './helpers/browser';
import { startTestHost } from './helpers/host';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('overview page', () => {
  it.each([
    ['reindex destination (7.17)', testBedNodes().reindex_destination.url, 'reindex_destination' as const, 'overview.png'],
    ['8.14 destination', testBedNodes().destination.url, 'destination' as const, 'overview_destination_8.png'],
  ])('shows the %s cluster and its version under Stack Management', async (_label, destinationUrl, node, screenshot) => {
    const info = await testBedInfo();
    const host = await startTestHost({ destinationUrl });
    const page = await browser.newPage({ reducedMotion: 'reduce', viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(host.appUrl);
      const version = page.locator('[data-test-subj="destinationVersion"]');
      await version.waitFor({ timeout: 30_000 });
      expect(await version.textContent()).toBe(info[node].version);
      expect(await page.locator('[data-test-subj="destinationClusterName"]').textContent()).toBe(`ma-${node.replace('_', '-')}`);
      expect(await page.locator('[data-test-subj="breadcrumbs"]').textContent()).toContain('Migration Assistant');
      expect(await page.title()).toContain('Migration Assistant');
      // Icons come from EUI's cache, filled by the shared-deps bundle as Kibana does: none left empty.
      const icons = await iconsNotPreloaded(page);
      expect(icons.total).toBeGreaterThan(3);
      expect(icons.notPreloaded).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, screenshot), fullPage: true });
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await page.close();
      await host.stop();
    }
  });

  it("follows Kibana's dark mode", async () => {
    const host = await startTestHost({ destinationUrl: testBedNodes().reindex_destination.url });
    const page = await browser.newPage({ reducedMotion: 'reduce', viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(`${host.appUrl}?theme=dark`);
      await page.locator('[data-test-subj="destinationVersion"]').waitFor({ timeout: 30_000 });
      // EUI's dark theme paints the page and the app's panels dark, with light text.
      const luminance = (color: string) => {
        const [r = 0, g = 0, b = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      };
      const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const heading = await page.evaluate(() => getComputedStyle(document.querySelector('h1') as Element).color);
      expect(luminance(body)).toBeLessThan(0.25);
      expect(luminance(heading)).toBeGreaterThan(0.75);
      await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'overview_dark.png'), fullPage: true });
      // Contrast included: dark mode must stay readable.
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await page.close();
      await host.stop();
    }
  });
});
