// When a file does not fit (docs/performance.md "When a file does not fit"): Chromium started
// with V8 refusing to grow WebAssembly memory past a few pages above the engine's start
// (--js-flags=--wasm-max-mem-pages), as a browser at its limit refuses a page. The samples'
// order lines repeated twenty times (961K lines, written to a temporary folder: the samples
// alone fit in the memory the engine starts with) then cannot load; the page must say so in a
// sentence with the counts, keep the other file's dashboards, and stay usable (removing the
// file clears the sentence).
// Run: make test-browser, or node --test tests/browser/memory.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serve, waitState, kpi, engineKind, repo, dist, CHROMIUM, FLAGS } from './helpers.mjs';
import { ORDER_LINES_ROWS, repeatedOrderLines } from '../wasm/repeated-order-lines.js';

const { chromium } = createRequire(path.join(repo, 'web/package.json'))('playwright-core');
const skip = engineKind() !== 'wasm' && 'needs the wasm engine';
const SAMPLE = (f) => path.join(repo, 'samples', f);
const REPEAT = 20;
const LINES = ORDER_LINES_ROWS * REPEAT;
let bigLines = null;  // the temporary order_lines.csv

/** The samples' order lines REPEAT times over, written to a temporary folder. */
function writeBigLines() {
  const file = path.join(fs.mkdtempSync('/tmp/pulse-memory-'), 'order_lines.csv');
  fs.writeFileSync(file, repeatedOrderLines(REPEAT));
  return file;
}

/** The initial pages of the engine's memory, from the memory section of dist's .wasm. */
function initialPages(file) {
  const b = fs.readFileSync(file);
  let at = 8;
  const leb = () => {
    let result = 0, shift = 0, byte;
    do {
      byte = b[at++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  while (at < b.length) {
    const id = b[at++];
    const size = leb();
    if (id === 5) {
      leb(); // one memory
      leb(); // its limits' flags
      return leb();
    }
    at += size;
  }
  throw new Error(`${file}: no memory section`);
}

let browser, server;

before(async () => {
  if (skip) return;
  // 8 pages (512 KiB) to grow: orders.csv fits, 961K order lines do not.
  bigLines = writeBigLines();
  const cap = initialPages(path.join(dist, 'assets/pulse-engine.wasm')) + 8;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...FLAGS, `--js-flags=--wasm-max-mem-pages=${cap}`] });
  server = await serve();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (bigLines) fs.rmSync(path.dirname(bigLines), { recursive: true, force: true });
});

test('a file too big for the memory the browser gives: a sentence with the counts, the rest stays usable', { skip }, async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/#lang=en`);
  await waitState(page, 'empty');
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles([SAMPLE('orders.csv'), bigLines]);
  await waitState(page, 'ready', 120000);

  const banner = page.locator('b2b-pulse [data-role=banner]');
  await banner.waitFor({ state: 'visible' });
  const text = await banner.textContent();
  // 0 kept when memory ran out before the first row (the file refused whole), else a partial load.
  const m = /^order_lines\.csv needs more memory than this browser gives a page: ([\d.]+K?) of about (9[56]\d(\.\d)?K|0\.9\dM) lines loaded\. (Nothing of it was kept; the other files stay loaded\.|The dashboards show the lines loaded)/.exec(text);
  assert.ok(m, `banner: ${text}`);
  const files = await page.evaluate(() => document.querySelector('b2b-pulse').files.map((f) => ({ name: f.name, rows: f.load && f.load.rows_loaded, error: f.error })));
  const lines = files.find((f) => f.name === 'order_lines.csv');
  assert.ok(lines.rows < LINES, `order_lines.csv kept ${lines.rows} rows`);
  assert.equal(files.find((f) => f.name === 'orders.csv').rows, 6487);
  // orders.csv's own dashboards: its 150 customers (the native CLI's figure for it alone).
  if (!lines.rows) assert.equal(await kpi(page, 'customers', 'customers'), '150');

  // Still usable: the file removed, the next report draws without the sentence.
  await page.locator('b2b-pulse [data-tab=data]').click();
  await page.locator('b2b-pulse [data-action=remove-file][data-name="order_lines.csv"]').click();
  await waitState(page, 'ready', 60000);
  await page.waitForFunction(() => document.querySelector('b2b-pulse').files.length === 1);
  await banner.waitFor({ state: 'hidden' });
  assert.equal(await kpi(page, 'customers', 'customers'), '150');
  assert.deepEqual(errors, []);
  await page.close();
});
