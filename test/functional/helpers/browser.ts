/*
 * Debian's chromium driven by playwright-core (no browser download), headless, as root-safe as CI needs.
 * playwright gives each launch a fresh profile of its own.
 */
import path from 'node:path';
import { chromium, Browser, Page } from 'playwright-core';

export const SCREENSHOTS_DIR = path.join(__dirname, '..', 'screenshots');

export const launchChromium = async (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * EUI icons that did not come from the icon cache Kibana fills before plugins run: EUI then loads them
 * on its own (`data-is-loading`, `data-is-loaded`), which fails in a bundle and leaves an empty square.
 */
export const iconsNotPreloaded = async (page: Page): Promise<{ total: number; notPreloaded: string[] }> =>
  page.evaluate(() => {
    const icons = [...document.querySelectorAll('svg.euiIcon, .euiIcon')];
    const notPreloaded = icons.filter((icon) => icon.hasAttribute('data-is-loading') || icon.hasAttribute('data-is-loaded'));
    return { total: icons.length, notPreloaded: notPreloaded.map((icon) => icon.getAttribute('data-icon-type') ?? icon.outerHTML.slice(0, 80)) };
  });
