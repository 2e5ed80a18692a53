// Shared by the browser tests: Debian's Chromium through playwright-core, a static server for
// dist/, and a recorder of every request the page makes.
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ISOLATION_HEADERS } from '../../web/isolation.mjs';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The optional shared datasets: ../shared beside the repository, or $PULSE_SHARED_DIR.
export const datasets = path.join(path.resolve(repo, process.env.PULSE_SHARED_DIR || '../shared'), 'datasets');
export const dist = process.env.PULSE_DIST ? path.resolve(process.env.PULSE_DIST) : path.join(repo, 'dist');  // a build elsewhere: PULSE_DIST
const require = createRequire(path.join(repo, 'web/package.json'));
const { chromium } = require('playwright-core');

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--font-render-hinting=none'];

/** options: more of the context's options (e.g. bypassCSP for a test that injects a script). */
export async function launch(options = {}) {
  const userDataDir = fs.mkdtempSync('/tmp/pulse-chromium-');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: FLAGS,
    viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1, acceptDownloads: true, ...options,
  });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  return {
    context, requests,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.csv': 'text/csv', '.wasm': 'application/wasm' };

/** Serves dir on 127.0.0.1 (random port); resolves to {origin, close, hits}. isolated: every
 *  response with COOP and COEP, as web/serve.mjs sends them (the page then runs its
 *  shared-memory engine); the tests' default is a plain host's page. */
export function serve(dir = dist, { isolated = false } = {}) {
  const isolation = isolated ? ISOLATION_HEADERS : {};
  const hits = [];
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    hits.push(rel);
    let file = path.join(dir, path.normalize(rel));
    if (file.endsWith('/')) file += 'index.html';
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', ...isolation });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    const origin = `http://127.0.0.1:${server.address().port}`;
    ok({ origin, hits, close: () => new Promise((done) => server.close(done)) });
  }));
}

/** Chromium and a server of dist/ for a test file's before(); stops at once when dist/ is not built. */
export async function openBrowserAndServer(launchOptions) {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/ is missing: run make web first');
  return { browser: await launch(launchOptions), server: await serve() };
}

/** The after() of openBrowserAndServer: either may be absent when before() failed. */
export async function closeBrowserAndServer(browser, server) {
  await browser?.close();
  await server?.close();
}

/** Waits until <b2b-pulse> has data-state=state (default ready). */
export async function waitState(page, state = 'ready', timeout = 60000) {
  await page.waitForFunction((s) => document.querySelector('b2b-pulse')?.dataset.state === s, state, { timeout });
}

/** Runs fn in the page and resolves after the element's next `report` event. */
export async function nextReport(page, action) {
  const wait = page.evaluate(() => new Promise((ok) => document.querySelector('b2b-pulse')
    .addEventListener('report', (e) => ok(e.detail.filters), { once: true })));
  await action();
  return wait;
}

/** Picks `files` through the element's file input; resolves to the report it then draws (its
 *  `report` event's detail, as JSON parses it). */
export async function reportOfPicked(page, files, timeout = 120000) {
  await page.evaluate(() => {
    window.pickedReport = null;
    document.querySelector('b2b-pulse').addEventListener('report', (e) => (window.pickedReport = e.detail), { once: true });
  });
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(files);
  await page.waitForFunction(() => window.pickedReport !== null, null, { timeout });
  return JSON.parse(await page.evaluate(() => JSON.stringify(window.pickedReport)));
}

/** Text of a KPI tile's value inside a dashboard. */
export function kpi(page, dashboard, id) {
  return page.locator(`b2b-pulse [data-dashboard=${dashboard}] [data-kpi=${id}] .tile-value`).textContent();
}

export function engineKind() {
  try {
    return JSON.parse(fs.readFileSync(path.join(dist, 'build-info.json'), 'utf8')).engine.startsWith('FAKE') ? 'fake' : 'wasm';
  } catch {
    return 'missing';
  }
}

/**
 * A new page of `context` on the served app in `lang`, with the bundled samples loaded; page
 * errors and console errors are collected in `errors` (tests assert it stays empty).
 */
export async function openSamplesPage(context, origin, lang, width = 1440) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.setViewportSize({ width, height: 1000 });
  await page.goto(`${origin}/#lang=${lang}`);
  await waitState(page, 'empty');
  await page.locator('b2b-pulse .welcome [data-action=load-samples]').click();
  await waitState(page, 'ready');
  return { page, errors };
}

/**
 * The engine's whole report as the page's element shows it: its report, with every list the
 * engine's worker kept (report.paged, web/src/worker/report-store.js) asked back whole and put
 * at its place (a list id is its path: 'customers.rows'), and without `paged`.
 */
export function fullReport(page) {
  return page.evaluate(async () => {
    const el = document.querySelector('b2b-pulse');
    const r = structuredClone(el.report);
    if (!r) return r;
    for (const id of Object.keys((r.paged && r.paged.lists) || {})) {
      const all = await el.listRows({ list: id, offset: 0, limit: null });
      const path = id.split('.');
      path.slice(0, -1).reduce((o, k) => o[k], r)[path[path.length - 1]] = all.rows;
    }
    delete r.paged;
    return r;
  });
}

/** Every row id of the paged table in `slot`, page by page (Prev to the first, then Next until
 *  it is disabled), and its count text, read in the page. */
export function readAllPages(page, slot) {
  return page.evaluate(async (slot) => {
    const root = document.querySelector('b2b-pulse').shadowRoot.querySelector(`[data-slot=${slot}]`);
    const settle = async (before) => {
      for (let i = 0; i < 1000; i++) {
        const ready = root.dataset.rowsReady;
        if (ready && ready !== before) return;
        await new Promise((ok) => setTimeout(ok, 5));
      }
      throw new Error('the worker never answered');
    };
    await settle(undefined);
    while (root.querySelector('[data-act=prev]') && !root.querySelector('[data-act=prev]').disabled) {
      const before = root.dataset.rowsReady;
      root.querySelector('[data-act=prev]').click();
      await settle(before);
    }
    const ids = [];
    for (;;) {
      ids.push(...[...root.querySelectorAll('tbody tr[data-key]')].map((tr) => tr.dataset.key));
      const next = root.querySelector('[data-act=next]');
      if (!next || next.disabled) break;
      const before = root.dataset.rowsReady;
      next.click();
      await settle(before);
    }
    return { ids, count: root.querySelector('.dt-count').textContent };
  }, slot);
}

/** Waits until the table in `slot` has drawn the rows it asked of the engine's worker after
 *  the last sort, search, chip or page (web/src/paged-table.js sets data-rows-ready). */
export function rowsDrawn(page, slot) {
  return page.waitForFunction((s) => document.querySelector('b2b-pulse').shadowRoot.querySelector(`[data-slot=${s}]`).dataset.rowsReady, slot);
}

/** Waits until every part of the page that asks the engine's worker for rows has drawn them:
 *  paged tables (data-rows-ready), the elasticity chart (data-points-ready), the customer's
 *  detail (data-detail-ready) are '' while their answer is on its way. */
export function settled(page) {
  return page.waitForFunction(() => !document.querySelector('b2b-pulse').shadowRoot.querySelector('[data-rows-ready=""], [data-points-ready=""], [data-detail-ready=""]'));
}
