// A big file's bytes are read on a reader worker of their own (src/worker/file-reader.js) and
// handed to the engine worker chunk by chunk. Here the threshold is forced to 1 byte
// (globalThis.B2B_PULSE_READER before the page script runs) so that small files take that path:
// each must give the page exactly what the engine's own reading gives (the reader off), for a
// plain CSV (whose buffers go back to the reader and are read into again), gzip and a workbook
// (whose chunks their readers keep, so the reader reads into fresh ones); and the reader worker
// is gone once the load is done.
// Run: make test-browser, or node --test tests/browser/reader_worker.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openBrowserAndServer, closeBrowserAndServer, engineKind, repo, reportOfPicked, waitState } from './helpers.mjs';

const skip = engineKind() !== 'wasm' && 'needs the wasm engine';

let browser, server;
before(async () => {
  if (!skip) ({ browser, server } = await openBrowserAndServer());
});
after(() => closeBrowserAndServer(browser, server));

// The page's report after picking `files` with the reader setting `reader`; the workers it ran.
async function loadWith(files, reader) {
  const page = await browser.context.newPage();
  const workers = [];
  let closed = 0;
  page.on('worker', (w) => {
    workers.push(w.url());
    w.on('close', () => closed++);
  });
  // The engine's warm-up worker (src/worker/warm-up.js) off: only the engine's and the readers count.
  await page.addInitScript((r) => {
    globalThis.B2B_PULSE_READER = r;
    globalThis.B2B_PULSE_WARM_UP = false;
  }, reader);
  await page.goto(server.origin + '/');
  await waitState(page, 'empty');
  const report = await reportOfPicked(page, files);
  // A terminated worker's 'close' event comes after the load: wait for every reader's, 5 s at most.
  for (let waited = 0; waited < 50 && closed < workers.length - 1; waited++) await page.waitForTimeout(100);
  const result = { report, workers: workers.length, closed };
  await page.close();
  return result;
}

test('a plain CSV read on the reader worker gives what the engine worker reading it gives', { skip, timeout: 300000 }, async () => {
  const file = path.join(repo, 'samples/order_lines.csv');
  const onReader = await loadWith(file, { minBytes: 1 });
  const onEngine = await loadWith(file, false);
  assert.equal(onReader.report.load[0].rows_loaded, 48042);
  assert.deepEqual(onReader.report, onEngine.report);
  assert.equal(onEngine.workers, 1, 'the reader off: the engine worker only');
  assert.equal(onReader.workers, 2, 'the engine worker and one reader');
  assert.equal(onReader.closed, 1, 'the reader is terminated once the load is done');
});

test('gzip and a workbook read on the reader worker give what the engine worker reading them gives', { skip, timeout: 300000 }, async () => {
  const files = ['tests/fixtures/gzip/orders.csv.gz', 'tests/fixtures/gzip/two_members.csv.gz', 'tests/fixtures/xlsx/orders.xlsx']
    .map((f) => path.join(repo, f));
  const onReader = await loadWith(files, { minBytes: 1 });
  const onEngine = await loadWith(files, false);
  assert.equal(onReader.report.load.length, 3);
  // Chromium's DecompressionStream takes one gzip member: the second file is refused either way.
  assert.deepEqual(onReader.report.load.map((l) => [l.file, l.rows_loaded, Boolean(l.error)]),
    [['orders.csv.gz', 5, false], ['two_members.csv.gz', 0, true], ['orders.xlsx', 5, false]]);
  assert.deepEqual(onReader.report, onEngine.report);
  assert.equal(onReader.workers, 4, 'one reader per file');
  assert.equal(onReader.closed, 3);
});

test('below the threshold the engine worker reads the file itself', { skip, timeout: 300000 }, async () => {
  const r = await loadWith(path.join(repo, 'samples/order_lines.csv'), { minBytes: 64 << 20 });
  assert.equal(r.report.load[0].rows_loaded, 48042);
  assert.equal(r.workers, 1);
});
