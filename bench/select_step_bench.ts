/*
 * The guided flow's select step at scale: 5,000 source indices, 20 keystrokes in its search field, in
 * chromium (playwright-core) against the development host. The host serves the real app; only the index
 * listing is answered by a fixture (page.route), which filters and pages like the server's listing
 * (`*text*`, sorted by name, page and per_page) so the component may ask either way.
 *
 * A keystroke's time runs from the keydown event (its timeStamp) until the table shows the expected rows
 * and page count with nothing loading (seen by a MutationObserver in the page), plus the next frame
 * (requestAnimationFrame, then a task): what the user sees. The median of the 20 is the figure.
 */
import os from 'node:os';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import type { SourceIndex } from '../common/types/sources';
import { buildApp } from '../dev/host/build_app';
import { hostOptionsFromEnv } from '../dev/host/main';
import { APP_PATH, startHost } from '../dev/host/server/host_server';
import { createRandom } from '../dev/sample_data/indices';
import { EMPTY_FLOW } from '../public/application/sections/guided_flow/flow_state';
import { launchChromium } from '../test/functional/helpers/browser';
import { spread, Spread } from './measure';

const FIXTURE_SOURCE = 'bench-fixture-source';
const FIXTURE_SIZE = 5_000;
const ROWS_PER_PAGE = 20;
/** 20 keystrokes: 16 characters typed, then 4 taken back. */
const TYPED = 'logs-cart-2024.0';
const KEYS = [...TYPED.split(''), 'Backspace', 'Backspace', 'Backspace', 'Backspace'];

const KINDS = ['audit', 'logs', 'metrics', 'traces'] as const;
const APPS = ['api', 'auth', 'batch', 'cache', 'cart', 'db', 'mail', 'queue', 'search', 'web'] as const;

/** 4 kinds × 10 applications × 125 daily indices, with seeded sizes and some aliases. */
export const indexFixture = (): SourceIndex[] => {
  const random = createRandom(5_000);
  const indices: SourceIndex[] = [];
  for (const kind of KINDS) {
    for (const app of APPS) {
      for (let day = 0; day < FIXTURE_SIZE / (KINDS.length * APPS.length); day++) {
        const date = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '.');
        const docs = Math.floor(random() * 2_000_000);
        indices.push({
          name: `${kind}-${app}-${date}`,
          docs_count: docs,
          store_size_bytes: docs * 230,
          health: random() < 0.9 ? 'green' : 'yellow',
          status: 'open',
          aliases: day % 30 === 0 ? [`${kind}-${app}`] : [],
          is_system: false,
          is_hidden: false,
        });
      }
    }
  }
  return indices.sort((a, b) => a.name.localeCompare(b.name));
};

/** What the server's listing answers: `*text*` over the names, sorted, one page. */
const answer = (all: SourceIndex[], query: URLSearchParams) => {
  const pattern = query.get('pattern') ?? '*';
  const matcher = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  const matching = all.filter((index) => matcher.test(index.name));
  const perPage = Math.min(Number(query.get('per_page') ?? 50), 1000);
  const page = Number(query.get('page') ?? 1);
  return { total: matching.length, indices: matching.slice((page - 1) * perPage, page * perPage) };
};

interface Expected {
  filter: string;
  rows: string[];
  pages: number;
}

const expectedAfter = (all: SourceIndex[], text: string): Expected => {
  const matching = all.filter((index) => index.name.includes(text));
  return { filter: text, rows: matching.slice(0, ROWS_PER_PAGE).map((index) => index.name), pages: Math.max(1, Math.ceil(matching.length / ROWS_PER_PAGE)) };
};

/*
 * In the page: resolves with the ms from the last keydown until `want` is shown and drawn. Plain
 * JavaScript in a string, as the page runs it (tsx would add helpers the page does not have).
 */
const WAIT_SHOWN = `(want) => new Promise((resolve, reject) => {
  const shown = () => {
    const rows = [...document.querySelectorAll('[data-test-subj^="sourceIndexRow-"]')].map((row) => row.getAttribute('data-test-subj').slice('sourceIndexRow-'.length));
    const pageLabel = document.querySelector('[aria-label^="Page "][aria-label*=" of "]')?.getAttribute('aria-label');
    const pages = pageLabel ? Number(/ of (\\d+)/.exec(pageLabel)?.[1]) : 1;
    const loading = document.querySelector('.euiBasicTable-loading');
    // The filter the table says its rows are for: a keystroke that leaves the rows as they were is done only then.
    const filter = document.querySelector('[data-test-subj="sourceIndexTable"]')?.getAttribute('data-shown-filter');
    return !loading && filter === want.filter && pages === want.pages && rows.length === want.rows.length && rows.every((name, i) => name === want.rows[i]);
  };
  const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - window.__benchKeyDown)));
  if (shown()) return done();
  const timeout = setTimeout(() => {
    observer.disconnect();
    reject(new Error('not shown within 10 s: ' + JSON.stringify(want).slice(0, 300)));
  }, 10000);
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    observer.disconnect();
    clearTimeout(timeout);
    done();
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
})`;

const waitShown = (page: Page, expected: Expected): Promise<number> => page.evaluate(`(${WAIT_SHOWN})(${JSON.stringify(expected)})`);

export interface SelectStepFigure {
  indices: number;
  keystrokes: number;
  /** Milliseconds per keystroke, median and spread. */
  ms: Spread;
  /** Listing requests before the first keystroke, and while typing. */
  listingRequests: number;
  requestsDuringKeystrokes: number;
  /** From the first listing request to the last answer before typing (fixture answers at once). */
  listingMs: number;
}

export const benchSelectStep = async (log: (line: string) => void = () => undefined): Promise<SelectStepFigure> => {
  const all = indexFixture();
  const states = KEYS.reduce<string[]>((texts, key) => [...texts, key === 'Backspace' ? (texts.at(-1) ?? '').slice(0, -1) : `${texts.at(-1) ?? ''}${key}`], []);
  const expected = states.map((text) => expectedAfter(all, text));

  const bundleDir = await buildApp(path.join(os.tmpdir(), `ma-bench-ui-bundle-${process.pid}`));
  const host = await startHost({ ...hostOptionsFromEnv(), port: 0, uuidFile: path.join(os.tmpdir(), `ma-bench-ui-uuid-${process.pid}`), bundleDir, log: () => undefined });
  const browser = await launchChromium();
  let listingRequests = 0;
  let listingStarted = 0;
  let listingAnswered = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.route(`**/api/migration_assistant/sources/${FIXTURE_SOURCE}/indices**`, (route: Route) => {
      listingRequests++;
      listingStarted ||= performance.now();
      listingAnswered = performance.now();
      const query = new URL(route.request().url()).searchParams;
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer(all, query)) });
    });
    const flow = JSON.stringify({ ...EMPTY_FLOW, sourceId: FIXTURE_SOURCE, sourceName: 'fixture' });
    await page.addInitScript(`
      window.sessionStorage.setItem('migrationAssistant.guidedFlow', ${JSON.stringify(flow)});
      window.addEventListener('keydown', (event) => { window.__benchKeyDown = event.timeStamp; }, true);
    `);
    await page.goto(`${host.url}${APP_PATH}/migrate/select`);
    await waitShown(page, expectedAfter(all, ''));
    // The listing is read once (its first page, then all of it): keystrokes are timed once it is in.
    const quiet = async () => {
      for (let seen = -1; seen !== listingRequests; ) {
        seen = listingRequests;
        await page.waitForTimeout(500);
      }
    };
    await quiet();
    const listingMs = Math.round(listingAnswered - listingStarted);
    const requestsBefore = listingRequests;
    const search = page.locator('[data-test-subj="indexSearch"]');
    await search.click();
    // One untimed round first (the JIT and the first layout), then the 20 timed keystrokes.
    for (const key of [...KEYS, ...Array<string>(TYPED.length - 4).fill('Backspace')]) await page.keyboard.press(key);
    await waitShown(page, expectedAfter(all, ''));
    const times: number[] = [];
    for (const [i, key] of KEYS.entries()) {
      await page.keyboard.press(key);
      times.push(await waitShown(page, expected[i] as Expected));
    }
    log(`  select step: ${times.map((ms) => Math.round(ms)).join(' ')} ms`);
    return { indices: all.length, keystrokes: times.length, ms: msSpread(times), listingRequests: requestsBefore, requestsDuringKeystrokes: listingRequests - requestsBefore, listingMs };
  } finally {
    await browser.close();
    await host.stop();
  }
};

/** The spread in whole milliseconds. */
const msSpread = (times: number[]): Spread => {
  const s = spread(times);
  return { median: Math.round(s.median), min: Math.round(s.min), max: Math.round(s.max), runs: times.map((ms) => Math.round(ms)) };
};
