// A cross-origin isolated page (served with COOP and COEP, as web/serve.mjs serves dist/) runs
// the engine built over a shared memory (assets/pulse-engine-shared.wasm, its own worker), and a
// worker of its own touches the engine's fresh pages while it works (src/worker/page-toucher.js).
// The same file must give the same report as on a plain host's page, with the pages touched.
// Run: make test-browser, or node --test tests/browser/isolated.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dist, engineKind, fullReport, launch, repo, reportOfPicked, serve, waitState } from './helpers.mjs';

const built = engineKind() === 'wasm' && fs.existsSync(path.join(dist, 'assets/pulse-engine-shared.wasm'));
const skip = !built && 'needs the wasm engine and its shared-memory build (make wasm builds both)';

let browser, plain, isolated;
before(async () => {
  if (skip) return;
  browser = await launch();
  plain = await serve(dist);
  isolated = await serve(dist, { isolated: true });
});
after(async () => {
  await browser?.close();
  await plain?.close();
  await isolated?.close();
});

async function picked(server, files, { refuseShared = false } = {}) {
  const page = await browser.context.newPage();
  // The shared engine's wasm refused (404), as a host that did not copy it would answer.
  if (refuseShared) await page.route('**/pulse-engine-shared.wasm', (route) => route.fulfill({ status: 404, body: '' }));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !(refuseShared && /404/.test(m.text())) && errors.push(m.text()));
  await page.goto(server.origin + '/');
  await waitState(page, 'empty');
  const isolatedPage = await page.evaluate(() => globalThis.crossOriginIsolated === true);
  const report = await reportOfPicked(page, files);
  await waitState(page, 'ready');
  const whole = await fullReport(page);
  const timings = await page.evaluate(() => ({ ...document.querySelector('b2b-pulse').timings }));
  await page.close();
  return { isolatedPage, report, whole, timings, errors };
}

test('an isolated page runs the shared-memory engine, its pages touched, and reports as a plain page does', { skip, timeout: 180000 }, async () => {
  const files = ['order_lines.csv', 'customers.csv', 'quotes.csv'].map((f) => path.join(repo, 'samples', f));
  const a = await picked(plain, files);
  const b = await picked(isolated, files);
  assert.equal(a.isolatedPage, false);
  assert.equal(b.isolatedPage, true);
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  // Which engine each page ran: the shared one's wasm was fetched by the isolated page only.
  assert.ok(isolated.hits.includes('/assets/pulse-engine-shared.wasm'), 'the isolated page fetched the shared-memory engine');
  assert.ok(isolated.hits.includes('/assets/pulse-worker-shared.js'), 'and its worker');
  assert.ok(!isolated.hits.includes('/assets/pulse-engine.wasm'), 'and not the plain one');
  assert.ok(!plain.hits.some((h) => /-shared\./.test(h)), 'a plain page never fetches the shared engine');
  // The toucher ran through the engine's memory: every page of the heap the report left, at most.
  assert.equal(a.timings.pagesTouched, null);
  const pages = b.timings.pagesTouched;
  assert.ok(pages > 0 && pages * 4096 <= b.timings.wasmHeap, `pages touched ${pages}, heap ${b.timings.wasmHeap}`);
  assert.equal(b.report.load[0].rows_loaded, 48042);
  assert.deepEqual(b.report.load, a.report.load);
  assert.deepEqual(b.whole, a.whole);
});

test('an isolated page whose shared engine cannot start runs the plain one, with the same report', { skip, timeout: 180000 }, async () => {
  const files = [path.join(repo, 'samples/order_lines.csv')];
  const a = await picked(plain, files);
  const b = await picked(isolated, files, { refuseShared: true });
  assert.equal(b.isolatedPage, true);
  assert.deepEqual(b.errors, []);
  assert.equal(b.timings.pagesTouched, null, 'no toucher: the plain engine ran');
  assert.equal(b.report.load[0].rows_loaded, 48042);
  assert.deepEqual(b.whole, a.whole);
});
