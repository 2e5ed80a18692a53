// Parquet files dropped on the page (docs/formats.md, "Parquet"): the fixtures DuckDB wrote
// (tests/sql/make-parquet-fixtures.mjs: dictionary-encoded strings, snappy, DATE, TIMESTAMP,
// DECIMAL, nullable columns, several row groups) give the report the same rows give as CSV;
// the reader is fetched only when a Parquet file comes; a damaged file is reported where it
// broke, never silently and never with a crash.
// Run: make test-browser, or node --test tests/browser/parquet.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitState, kpi, engineKind, repo, openBrowserAndServer, closeBrowserAndServer, fullReport } from './helpers.mjs';
import { firstDifference } from '../sql/report-difference.mjs';
import { writeSampleSubset } from '../fixtures/parquet/subset.mjs';

const PARQUET = path.join(repo, 'tests/fixtures/parquet');
const SAMPLES = path.join(repo, 'samples');
const pq = (f) => path.join(PARQUET, f + '.parquet');
const sample = (f) => path.join(SAMPLES, f + '.csv');
// The files that hold no orders ride beside the orders either way.
const OTHERS = ['customers', 'sales_reps', 'catalog_prices'].map(sample);
const skip = engineKind() !== 'wasm' && 'needs the wasm engine';

let browser, server, tmp, subset;

before(async () => {
  ({ browser, server } = await openBrowserAndServer());
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-parquet-'));
  subset = writeSampleSubset(SAMPLES, tmp);  // the fixtures' rows as CSV
});

after(async () => {
  await closeBrowserAndServer(browser, server);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Drops `files` on a fresh page; its report, the requests it made, and its errors. */
async function dropFiles(files, { page: at = '/', lang = 'en', state = 'ready' } = {}) {
  const page = await browser.context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.origin}${at}#lang=${lang}`);
  await waitState(page, 'empty');
  const before = requests.length;
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(files);
  await waitState(page, state);
  const report = await fullReport(page); // with the lists the engine's worker keeps, compared too
  return { page, errors, report, requestsAtOpen: requests.slice(0, before), requests };
}

/** The report without what names the files (load, warnings): the figures. */
function figuresOf(report) {
  const doc = JSON.parse(JSON.stringify(report));
  delete doc.load;
  delete doc.warnings;
  return doc;
}

const loadOf = (report, file) => report.load.find((l) => l.file === file);
const near = (a, b, where) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)), `${where}: ${a} != ${b}`);

test('raw orders, lines and deals in Parquet give the report of the same rows in CSV', { skip }, async () => {
  const fromCsv = await dropFiles([subset.orders, subset.order_lines, sample('quotes'), ...OTHERS]);
  const fromParquet = await dropFiles([pq('orders'), pq('order_lines'), pq('quotes'), ...OTHERS]);
  const [c, p] = [fromCsv.report, fromParquet.report];
  for (const [parquet, csv] of [['orders.parquet', 'orders.csv'], ['order_lines.parquet', 'order_lines.csv'], ['quotes.parquet', 'quotes.csv']]) {
    const a = loadOf(p, parquet);
    const b = loadOf(c, csv);
    assert.equal(a.format, 'parquet', parquet);
    assert.equal(a.error, null, `${parquet}: ${a.error}`);
    assert.equal(a.role, b.role, parquet);
    assert.deepEqual(a.mapping, b.mapping, parquet);
    assert.equal(a.rows_loaded, b.rows_loaded, parquet);
    assert.equal(a.rows_skipped, b.rows_skipped, parquet);
  }
  // Real figures of the subset (customers C001 to C040): 1,810 orders and 13,325 lines, in
  // four row groups of order_lines.parquet (4,096 rows each, the last 1,037); 1,200 deals.
  assert.equal(loadOf(p, 'orders.parquet').rows_loaded, 1810);
  assert.equal(loadOf(p, 'order_lines.parquet').rows_loaded, 13325);
  assert.equal(loadOf(p, 'quotes.parquet').rows_loaded, 1200);
  assert.equal(p.customers.summary.customers, c.customers.summary.customers);
  assert.ok(p.customers.summary.customers >= 30, `${p.customers.summary.customers} customers`);
  near(p.customers.summary.revenue, c.customers.summary.revenue, 'revenue');
  assert.ok(p.customers.summary.revenue > 100000, `revenue ${p.customers.summary.revenue}`);
  assert.equal(p.negotiations.summary.won, c.negotiations.summary.won);
  assert.equal(firstDifference(figuresOf(c), figuresOf(p)), null);
  assert.equal(await kpi(fromParquet.page, 'customers', 'customers'), await kpi(fromCsv.page, 'customers', 'customers'));

  // The reader came only with the Parquet files: not at the page's opening, then once.
  const reader = (urls) => urls.filter((u) => u.endsWith('/assets/parquet-reader.js')).length;
  assert.equal(reader(fromParquet.requestsAtOpen), 0, 'the Parquet reader is not part of the first load');
  assert.equal(reader(fromParquet.requests), 1, 'the Parquet reader is fetched once, when needed');
  assert.equal(reader(fromCsv.requests), 0, 'CSV files need no Parquet reader');

  // The Data view names the format.
  await fromParquet.page.locator('b2b-pulse [data-tab=data]').click();
  const card = fromParquet.page.locator('b2b-pulse [data-file="order_lines.parquet"]');
  assert.equal(await card.locator('[data-format]').textContent(), 'PARQUET');
  assert.deepEqual([...fromCsv.errors, ...fromParquet.errors], []);
  await fromCsv.page.close();
  await fromParquet.page.close();
});

test('the summary tables in Parquet give the report of the raw rows, named as summaries', { skip }, async () => {
  const summaries = ['pulse_orders', 'pulse_order_items', 'pulse_customers', 'pulse_products'].map(pq);
  const raw = await dropFiles([subset.orders, subset.order_lines, ...OTHERS]);
  const fromSummaries = await dropFiles([...summaries, ...OTHERS], { lang: 'ru' });
  const s = fromSummaries.report;
  const roles = Object.fromEntries(s.load.filter((l) => l.format === 'parquet').map((l) => [l.file, l.role]));
  assert.deepEqual(roles, {
    'pulse_orders.parquet': 'summary_orders', 'pulse_order_items.parquet': 'summary_items',
    'pulse_customers.parquet': 'summary_customers', 'pulse_products.parquet': 'summary_products',
  });
  assert.equal(s.customers.summary.customers, raw.report.customers.summary.customers);
  near(s.customers.summary.revenue, raw.report.customers.summary.revenue, 'revenue');
  assert.equal(firstDifference(figuresOf(raw.report), figuresOf(s)), null);
  // The Data view, in Russian, names a summary file as a summary.
  await fromSummaries.page.locator('b2b-pulse [data-tab=data]').click();
  const card = fromSummaries.page.locator('b2b-pulse [data-file="pulse_order_items.parquet"]');
  assert.equal((await card.locator('[data-role-detected]').textContent()).trim(), 'Сводка: позиции заказов');
  assert.deepEqual([...raw.errors, ...fromSummaries.errors], []);
  await raw.page.close();
  await fromSummaries.page.close();
});

test('a damaged Parquet file is reported where it broke, the good rows kept', { skip }, async () => {
  const bytes = fs.readFileSync(pq('order_lines'));
  // Cut in half: no footer. And whole, with the second row group's first page overwritten.
  const cut = path.join(tmp, 'cut.parquet');
  fs.writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
  const { parquetMetadata } = await import('../../web/node_modules/hyparquet/src/index.js');
  const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  assert.equal(meta.row_groups.length, 4);
  const damaged = Buffer.from(bytes);
  const at = Number(meta.row_groups[1].columns[0].meta_data.data_page_offset);
  damaged.fill(0xff, at, at + 64);
  const broken = path.join(tmp, 'broken.parquet');
  fs.writeFileSync(broken, damaged);

  const { page, errors, report } = await dropFiles([cut, broken, pq('orders'), ...OTHERS]);
  const c = loadOf(report, 'cut.parquet');
  assert.match(c.error, /^\[pulse\.parquet\.001\] cut\.parquet: cannot read the Parquet file's footer/);
  assert.equal(c.format, 'parquet');
  assert.equal(c.rows_loaded, 0);
  const b = loadOf(report, 'broken.parquet');
  // Row group 1 (rows 1 to 4,096) was read; the second stopped the file, named with its rows.
  assert.equal(b.error, null);
  assert.match(b.stopped.reason, /^\[pulse\.parquet\.001\] broken\.parquet: cannot read row group 2 of 4 \(rows 4097 to 8192\)/);
  assert.equal(b.rows_loaded, 4096);
  // The page goes on with the good files, and the Data view says what happened to each.
  assert.equal(loadOf(report, 'orders.parquet').rows_loaded, 1810);
  await page.locator('b2b-pulse [data-tab=data]').click();
  assert.match(await page.locator('b2b-pulse [data-file="cut.parquet"]').textContent(), /File refused: \[pulse\.parquet\.001\] cut\.parquet: cannot read the Parquet file's footer/);
  assert.match(await page.locator('b2b-pulse [data-file="broken.parquet"]').textContent(), /4,096/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the single file (opened from disk) carries the Parquet reader in its worker', { skip }, async () => {
  const { page, errors, report, requests } = await dropFiles([pq('orders'), ...OTHERS], { page: '/b2b-pulse.html' });
  assert.equal(loadOf(report, 'orders.parquet').format, 'parquet');
  assert.equal(loadOf(report, 'orders.parquet').rows_loaded, 1810);
  assert.equal(requests.filter((u) => u.includes('parquet-reader')).length, 0);
  assert.deepEqual(errors, []);
  await page.close();
});
