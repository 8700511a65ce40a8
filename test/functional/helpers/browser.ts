/*
 * Debian's chromium driven by playwright-core (no browser download), headless, as root-safe as CI needs.
 * playwright gives each launch a fresh profile of its own.
 */
import path from 'node:path';
import { chromium, Browser } from 'playwright-core';

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
