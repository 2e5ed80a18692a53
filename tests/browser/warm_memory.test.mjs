// The page's engine touches its memory while the user picks a file (src/engine-client.js
// WARM_BYTES, wasm/pulse.js warmMemory): after a pause, the samples' lines give exactly the
// report an engine that never warmed gives, in a heap that holds the warmed megabytes (which
// the cold engine never reaches for this file).
// Run: make test-browser, or node --test tests/browser/warm_memory.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openBrowserAndServer, closeBrowserAndServer, engineKind, repo, reportOfPicked, waitState } from './helpers.mjs';

const skip = engineKind() !== 'wasm' && 'needs the wasm engine';
const MiB = 1 << 20;

let browser, server;
before(async () => {
  if (!skip) ({ browser, server } = await openBrowserAndServer());
});
after(() => closeBrowserAndServer(browser, server));

async function loadAfterPause(warm) {
  const page = await browser.context.newPage();
  await page.addInitScript((w) => { if (w === false) globalThis.B2B_PULSE_WARM = false; }, warm);
  await page.goto(server.origin + '/');
  await waitState(page, 'empty');
  await page.waitForTimeout(1500);  // the user picking a file
  const report = await reportOfPicked(page, path.join(repo, 'samples/order_lines.csv'));
  const heap = await page.evaluate(() => document.querySelector('b2b-pulse').timings.wasmHeap);
  await page.close();
  return { report, heap };
}

test('memory touched before the first file: the same report, in the warmed heap', { skip, timeout: 120000 }, async () => {
  const warm = await loadAfterPause(undefined);
  const cold = await loadAfterPause(false);
  assert.equal(warm.report.load[0].rows_loaded, 48042);
  assert.deepEqual(warm.report, cold.report);
  assert.ok(warm.heap >= 48 * MiB, `the warmed heap holds 48 MiB (${warm.heap})`);
  assert.ok(cold.heap < warm.heap, `the cold engine needs less for this file (${cold.heap} < ${warm.heap})`);
});
