// The engine's first run ahead of the file (src/worker/warm-up.js): on the hosted page a worker
// of its own loads made-up lines into an engine over the page's compiled module, reports, and
// is closed, so that the engine's worker finds the optimised code ready. It must end (no worker
// left behind), say what it did in timings.warmUp, give way to a file picked at once, and never
// change a report; the single file does it too.
// Run: make test-browser, or node --test tests/browser/warm_up.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dist, engineKind, fullReport, launch, repo, reportOfPicked, serve, waitState } from './helpers.mjs';

const built = engineKind() === 'wasm' && fs.existsSync(path.join(dist, 'assets/pulse-engine.wasm'));
const skip = !built && 'needs the hosted wasm build (make web)';
const WARM_UP_LINES = 24408;  // web/src/worker/warm-up.js warmUpLines(), tests/wasm/warm_up.test.js

const sharedBuilt = fs.existsSync(path.join(dist, 'assets/pulse-engine-shared.wasm'));

let browser, server, isolated;
before(async () => {
  if (skip) return;
  browser = await launch();
  server = await serve(dist);
  if (sharedBuilt) isolated = await serve(dist, { isolated: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await isolated?.close();
});

async function openPage(warmUp, host = server) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  if (!warmUp) await page.addInitScript(() => { globalThis.B2B_PULSE_WARM_UP = false; });
  await page.goto(host.origin + '/');
  await waitState(page, 'empty');
  return { page, errors };
}

/** Picks two sample files in `page`, checks the dashboards have them and nothing failed, closes it. */
async function loadsSamples(page, errors) {
  const files = ['order_lines.csv', 'orders.csv'].map((f) => path.join(repo, 'samples', f));
  await reportOfPicked(page, files);
  await waitState(page, 'ready');
  assert.ok((await fullReport(page)).customers.summary.customers > 0);
  assert.deepEqual(errors, []);
  await page.close();
}

const warmUpOf = (page) => page.evaluate(() => document.querySelector('b2b-pulse').timings.warmUp);

test('the warm-up runs once on its own worker, ends, and the report is the one without it', { skip, timeout: 180000 }, async () => {
  const files = ['order_lines.csv', 'orders.csv', 'customers.csv'].map((f) => path.join(repo, 'samples', f));
  const cold = await openPage(false);
  const warm = await openPage(true);
  await warm.page.waitForFunction(() => document.querySelector('b2b-pulse').timings.warmUp !== undefined, null, { timeout: 60000 });
  const done = await warmUpOf(warm.page);
  assert.equal(done.lines, WARM_UP_LINES, 'every made-up line loaded');
  assert.ok(done.ms > 0);
  // Its worker is closed: the page has as many workers as one that never warmed up (Playwright
  // hears of a closed worker a moment later).
  for (let i = 0; i < 50 && warm.page.workers().length !== cold.page.workers().length; i++) await warm.page.waitForTimeout(100);
  assert.equal(warm.page.workers().length, cold.page.workers().length, 'the warm-up worker is gone');
  assert.equal(await warmUpOf(cold.page), null, 'switched off: not run');

  const a = await reportOfPicked(cold.page, files);
  const b = await reportOfPicked(warm.page, files);
  await waitState(cold.page, 'ready');
  await waitState(warm.page, 'ready');
  assert.deepEqual(b, a);
  assert.deepEqual(await fullReport(warm.page), await fullReport(cold.page));
  assert.deepEqual(warm.errors, []);
  assert.deepEqual(cold.errors, []);
  await cold.page.close();
  await warm.page.close();
});

test('a file picked at once stops the warm-up and loads as usual', { skip, timeout: 180000 }, async () => {
  const { page, errors } = await openPage(true);
  const files = ['order_lines.csv', 'orders.csv'].map((f) => path.join(repo, 'samples', f));
  await reportOfPicked(page, files);
  await waitState(page, 'ready');
  const report = await fullReport(page);
  assert.ok(report.customers.summary.customers > 0, 'the dashboards have the file');
  // Stopped by the load (null), or already done if the machine was quick: never left running.
  const w = await warmUpOf(page);
  assert.ok(w === null || w.lines === WARM_UP_LINES, JSON.stringify(w));
  const workers = page.workers().length;
  const cold = await openPage(false);
  await reportOfPicked(cold.page, files);
  await waitState(cold.page, 'ready');
  assert.ok(workers <= cold.page.workers().length, `${workers} workers against ${cold.page.workers().length} without the warm-up`);
  assert.deepEqual(errors, []);
  await page.close();
  await cold.page.close();
});

test('on a cross-origin isolated page the warm-up runs the shared-memory engine', { skip: skip || (!sharedBuilt && 'needs the shared-memory build (make wasm)'), timeout: 180000 }, async () => {
  const { page, errors } = await openPage(true, isolated);
  assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), true);
  await page.waitForFunction(() => document.querySelector('b2b-pulse').timings.warmUp !== undefined, null, { timeout: 60000 });
  assert.equal((await warmUpOf(page)).lines, WARM_UP_LINES);
  // Its engine is the page's: the plain wasm was never fetched.
  assert.ok(!isolated.hits.includes('/assets/pulse-engine.wasm'), 'the plain engine was not fetched');
  await loadsSamples(page, errors);
});

// The single file (file://) has the wasm as base64 in its page script: its engine's worker
// compiles it and hands the module back, so the warm-up runs there too, over that module.
test('the single file warms up over the module its engine\'s worker compiled', { skip, timeout: 180000 }, async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('file://' + path.join(dist, 'b2b-pulse.html'));
  await waitState(page, 'empty');
  await page.waitForFunction(() => document.querySelector('b2b-pulse').timings.warmUp !== undefined, null, { timeout: 60000 });
  assert.equal((await warmUpOf(page)).lines, WARM_UP_LINES);
  assert.equal(await page.evaluate(async () => (await document.querySelector('b2b-pulse').session.engine.started.compiled) instanceof WebAssembly.Module), true);
  await loadsSamples(page, errors);
});
