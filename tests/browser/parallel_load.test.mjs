// A big CSV file in the page is read in byte ranges by helper workers (src/ingest-pool.js,
// src/worker/split-load.js). Here the threshold and the ranges are forced small
// (globalThis.B2B_PULSE_PARALLEL before the page script runs): the samples' order lines
// (3 MB) in 4 KiB ranges on two helpers must give the page exactly what one stream gives, the
// load section and the whole report; and the helper workers are gone after the load. Such a page
// runs the engine built with the parallel load's entry (assets/pulse-*-ranges.*), which a page
// without it never fetches (its engine is built without that entry: wasm/CMakeLists.txt).
// Run: make test-browser, or node --test tests/browser/parallel_load.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openBrowserAndServer, closeBrowserAndServer, engineKind, repo, dist, reportOfPicked, waitState } from './helpers.mjs';

const skip = engineKind() !== 'wasm' && 'needs the wasm engine';
const FILE = path.join(repo, 'samples/order_lines.csv');

let browser, server;
before(async () => {
  if (!skip) ({ browser, server } = await openBrowserAndServer());
});
after(() => closeBrowserAndServer(browser, server));

// The page's report after loading FILE under `parallel`; the workers the page ran, and the
// engine files it fetched.
async function loadWith(parallel) {
  const page = await browser.context.newPage();
  const hitsBefore = server.hits.length;
  const workers = [];
  let closed = 0;
  page.on('worker', (w) => {
    workers.push(w);
    w.on('close', () => closed++);
  });
  // The engine's warm-up worker (src/worker/warm-up.js) off: only the engine's and the helpers count.
  await page.addInitScript((p) => {
    globalThis.B2B_PULSE_PARALLEL = p;
    globalThis.B2B_PULSE_WARM_UP = false;
  }, parallel);
  await page.goto(server.origin + '/');
  await waitState(page, 'empty');
  const report = await reportOfPicked(page, FILE);
  await page.waitForTimeout(500);  // a terminated worker's 'close' event comes after the load
  const engineFiles = server.hits.slice(hitsBefore).filter((h) => /pulse-(engine|worker)/.test(h));
  const result = { report, workers: workers.length, closed, engineFiles };
  await page.close();
  return result;
}

test('in 4 KiB ranges on two helpers the page gets what one stream gives', { skip, timeout: 300000 }, async () => {
  const ranges = await loadWith({ minBytes: 1, rangeBytes: 4096, helpers: 2 });
  const stream = await loadWith(false);
  assert.equal(ranges.report.load[0].rows_loaded, 48042);
  assert.deepEqual(ranges.report.load, stream.report.load);
  assert.deepEqual(ranges.report, stream.report);
  assert.equal(stream.workers, 1, 'one stream: the engine worker only');
  assert.equal(ranges.workers, 3, 'the engine worker and two helpers');
  assert.equal(ranges.closed, 2, 'the helpers are terminated once the load is done');
  if (fs.existsSync(path.join(dist, 'assets/pulse-engine-ranges.wasm'))) {
    // The worker script once per worker (the engine's and each helper's), the wasm once.
    assert.deepEqual([...new Set(ranges.engineFiles)].sort(), ['/assets/pulse-engine-ranges.wasm', '/assets/pulse-worker-ranges.js']);
    assert.deepEqual(stream.engineFiles, ['/assets/pulse-engine.wasm']);
  }
});
