// How a load ends, as the page says it and as it works (issue "Hardening", points 3 and 4):
// - a file that keeps rows and then stops (an oversized cell) says "1,998 rows loaded, then
//   stopped at line 2,000: <reason>", in both languages with the right plural, and does not
//   read like a file refused as a whole ("File refused", nothing kept);
// - a gzip bomb the engine refuses (zeros: binary) is not decompressed further: the bytes that
//   came out of the decompression (load.bytes_inflated) stay near the 64 KiB the engine needed
//   to refuse it, not the 300 MB inside, and the compressed bytes read (load.bytes_read) are
//   the first pieces of the file, not all of it;
// - a clear while a big file loads stops its reading: the bytes read after the clear, from the
//   worker's own progress messages, are bounded by a chunk or two.
// Run: make test-browser, or node --test tests/browser/partial_load.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, serve, waitState, engineKind, dist } from './helpers.mjs';

const skip = engineKind() !== 'wasm' && 'needs the wasm engine';
let browser, server, tmp;

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/ is missing: run make web first');
  browser = await launch();
  server = await serve();
  tmp = fs.mkdtempSync('/tmp/pulse-partial-');
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Order lines: `good` rows, then on the next line a cell over the engine's 1 MiB field limit. */
function stoppingCsv(good) {
  const rows = ['order_id,order_date,customer_id,sku,quantity,unit_price'];
  for (let i = 1; i <= good; i++) rows.push(`O${i},2025-03-${String(1 + (i % 28)).padStart(2, '0')},C${i % 40},SKU${i % 30},2,9.50`);
  rows.push(`O${good + 1},2025-03-01,C1,${'x'.repeat(1100000)},1,1`);
  rows.push(`O${good + 2},2025-03-02,C2,SKU1,1,1`);
  return Buffer.from(rows.join('\n') + '\n');
}

async function openPage(lang, initScript) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (initScript) await page.addInitScript(initScript);
  await page.goto(`${server.origin}/#lang=${lang}`);
  await waitState(page, 'empty');
  return { page, errors };
}

const pick = (page, files) => page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(files);
const spaces = (s) => s.replace(/\s+/g, ' ').trim();

const WORDING = {
  en: {
    big: /^1,998 rows loaded, then stopped at line 2,000: \[pulse\.csv\.003\] line 2000: field longer than 1048576 bytes/,
    small: /^21 rows loaded, then stopped at line 23: /,
    refused: 'File refused:',
  },
  ru: {
    big: /^Загружено 1 998 строк, затем чтение остановлено на строке 2 000: \[pulse\.csv\.003\]/,
    small: /^Загружена 21 строка, затем чтение остановлено на строке 23: /,
    refused: 'Файл не принят:',
  },
};

for (const lang of ['en', 'ru']) {
  test(`a partial load says how many rows it kept and why it stopped (${lang})`, { skip, timeout: 120000 }, async () => {
    const { page, errors } = await openPage(lang);
    await pick(page, [
      { name: 'stops.csv', mimeType: 'text/csv', buffer: stoppingCsv(1998) },
      { name: 'short.csv', mimeType: 'text/csv', buffer: stoppingCsv(21) },
      { name: 'zeros.csv', mimeType: 'text/csv', buffer: Buffer.alloc(5000) },
    ]);
    await waitState(page, 'ready');
    await page.locator('b2b-pulse [data-tab=data]').click();
    const card = (name) => page.locator(`b2b-pulse [data-file="${name}"]`);
    const stopped = async (name) => spaces(await card(name).locator('[data-role=stopped]').textContent());
    assert.match(await stopped('stops.csv'), WORDING[lang].big);
    assert.match(await stopped('short.csv'), WORDING[lang].small);
    // A partial load is not a refusal, and a refusal is not a partial load.
    assert.equal(await card('stops.csv').locator('.file-error').count(), 0);
    assert.equal(await card('stops.csv').getAttribute('class'), 'file card state-warn');
    assert.equal(await card('zeros.csv').locator('[data-role=stopped]').count(), 0);
    assert.ok(spaces(await card('zeros.csv').locator('.file-error').textContent()).startsWith(WORDING[lang].refused));
    // The rows kept are in the figures: 1,998 + 21 order lines.
    const rows = await page.evaluate(() => document.querySelector('b2b-pulse').files.map((f) => [f.name, f.load && f.load.rows_loaded]));
    assert.deepEqual(rows, [['stops.csv', 1998], ['short.csv', 21], ['zeros.csv', 0]]);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('a gzip bomb refused by the engine is not decompressed further', { skip, timeout: 120000 }, async () => {
  // 300 MB of zeros, 291 KB compressed: refused as binary from its first 64 KiB.
  const bomb = zlib.gzipSync(Buffer.alloc(300 << 20), { level: 9 });
  const { page, errors } = await openPage('en');
  await pick(page, { name: 'bomb.csv.gz', mimeType: 'application/gzip', buffer: bomb });
  await waitState(page, 'error');
  const load = await page.evaluate(() => document.querySelector('b2b-pulse').files[0].load);
  assert.match(load.error, /^\[pulse\.ingest\.002\] bomb\.csv\.gz: binary data/);
  // Decompression stopped at the refusal: a few chunks of the decompressor's output, not 300 MB,
  // from the first pieces of the compressed file (given to the decompressor by 16 KiB).
  assert.ok(load.bytes_inflated >= 65536, `inflated ${load.bytes_inflated}`);
  assert.ok(load.bytes_inflated < 4 << 20, `inflated ${load.bytes_inflated} bytes of ${300 << 20}`);
  assert.ok(load.bytes_read <= 64 << 10, `read ${load.bytes_read} of ${bomb.length} compressed bytes`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a clear while a big file loads stops reading it', { skip, timeout: 180000 }, async () => {
  // 120 MB of order lines, read by 4 MiB slices; the worker's progress messages say how far.
  const file = path.join(tmp, 'big.csv');
  const line = 'O1,2025-03-01,C1,SKU1,2,9.50\n';
  fs.writeFileSync(file, 'order_id,order_date,customer_id,sku,quantity,unit_price\n' + line.repeat(Math.ceil((120 << 20) / line.length)));
  const size = fs.statSync(file).size;
  // Records the bytes each progress message of the engine's worker reports.
  const { page, errors } = await openPage('en', () => {
    const Native = window.Worker;
    window.__progress = [];
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (e) => e.data && e.data.progress && window.__progress.push(e.data.progress[0]));
      }
    };
  });
  await pick(page, file);
  await page.waitForFunction(() => window.__progress.some((b) => b >= 8 << 20), null, { timeout: 60000 });
  const atClear = await page.evaluate(() => {
    document.querySelector('b2b-pulse').clearFiles();
    return Math.max(...window.__progress);
  });
  await waitState(page, 'empty');
  const last = await page.evaluate(() => Math.max(...window.__progress));
  assert.ok(atClear < size / 2, `the clear came at ${atClear} of ${size} bytes`);
  assert.ok(last - atClear <= 8 << 20, `read ${last - atClear} bytes after the clear (file ${size})`);
  assert.deepEqual(errors, []);
  await page.close();
});
