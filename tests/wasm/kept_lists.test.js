// The page's engine keeps its big lists (pulse.js reportText(..., {keepLists}), keptLists()),
// which the worker's store reads as rows that fetch a column when first read
// (web/src/worker/kept-lists.js). The store must answer exactly as it does from the SPEC form's
// rows: the same summaries and the same rows for every sort, search, filter and page, on the
// samples (all four lists) and on Online Retail (customers and products, the biggest).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { DATASETS, SAMPLES, newPulse, loadWorkspace, fileChunks } = require('./support');

const RETAIL = path.join(DATASETS, 'online-retail/online_retail.csv');
const noRetail = !fs.existsSync(RETAIL) && `skipped: dataset not found: ${RETAIL}`;

async function web() {
  const { ReportStore } = await import('../../web/src/worker/report-store.js');
  const { PAGED_LISTS, rowsOfColumns } = await import('../../web/src/paged-fields.js');
  return { ReportStore, PAGED_LISTS, rowsOfColumns };
}

/** Requests a table, a chart or an export make: each field sorted both ways, searched, filtered, paged. */
function requests(PAGED_LISTS, list, rows) {
  const spec = PAGED_LISTS[list];
  const out = [{ list, offset: 0, limit: 25 }, { list, offset: 0, limit: null }];
  for (const key of Object.keys(spec.fields))
    for (const dir of ['asc', 'desc']) out.push({ list, sort: { key, dir }, offset: 10, limit: 25 });
  const someKey = rows.length ? String(rows[Math.floor(rows.length / 2)][spec.key] ?? '') : '';
  out.push({ list, query: someKey.slice(0, 3), offset: 0, limit: 25 });
  out.push({ list, query: 'zzz-none', offset: 0, limit: 25 });
  for (const field of Object.keys(spec.where || {})) out.push({ list, where: { [field]: true }, offset: 0, limit: 50 });
  if (rows.length) out.push({ list, where: { [spec.key]: rows[0][spec.key] }, offset: 0, limit: 1 });
  out.push({ list, columns: [spec.key, Object.keys(spec.fields)[1]], offset: 0, limit: null });
  // Every key the rows have, an object's keys as 'key.member' (a chart asks for a product's
  // elasticity's), and an object column itself.
  if (rows.length) {
    const paths = Object.entries(rows[0]).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).map((m) => `${k}.${m}`) : [k]));
    out.push({ list, columns: paths, where: {}, offset: 3, limit: 50 });
    const object = Object.keys(rows[0]).find((k) => rows[0][k] && typeof rows[0][k] === 'object' && !Array.isArray(rows[0][k]));
    if (object) out.push({ list, columns: [spec.key, object], offset: 0, limit: 20 });
  }
  return out;
}

async function sameAnswers(pulse, settings) {
  const { ReportStore, PAGED_LISTS, rowsOfColumns } = await web();
  const rowsForm = new ReportStore();
  const asRows = rowsForm.takeReport(pulse.report(settings), 1);
  const text = pulse.reportText(settings, undefined, { keepLists: true });
  const columnsForm = new ReportStore();
  const asColumns = columnsForm.take(text, 1, pulse.keptLists());
  assert.ok(asColumns, 'the report has kept lists for the store');
  // Without the lists the two reports are one document, summaries included.
  assert.deepEqual(asColumns, asRows);
  let asked = 0;
  for (const list of Object.keys(PAGED_LISTS)) {
    if (!rowsForm.lists.has(list)) continue;
    const all = rowsForm.lists.get(list);
    for (const request of requests(PAGED_LISTS, list, all)) {
      const req = { ...request, report_id: 1 };
      const expected = rowsForm.rows(req);
      const actual = columnsForm.rows(req);
      if (request.columns) {
        // Columns: the kept form's numbers as a Float64Array (NaN for none), the rows' as they
        // read; the page reads both alike (rowsOfColumns).
        assert.deepEqual({ ...actual, columns: null }, { ...expected, columns: null }, JSON.stringify(request));
        assert.deepEqual(rowsOfColumns(structuredClone(actual)), rowsOfColumns(expected), JSON.stringify(request));
        asked++;
        continue;
      }
      assert.deepEqual(actual, expected, JSON.stringify(request));
      // Plain objects, as postMessage clones them.
      for (const row of actual.rows) assert.equal(Object.getPrototypeOf(row), Object.prototype);
      assert.deepEqual(structuredClone(actual), expected);
      asked++;
    }
  }
  return { asked, columnBytes: text.length, rowBytes: JSON.stringify(pulse.report(settings)).length };
}

test('the samples: the store answers alike from kept lists and from rows (all four lists)', async () => {
  const pulse = await newPulse();
  const { ws } = await loadWorkspace(pulse, path.join(SAMPLES, 'workspace.json'));
  for (const settings of [ws.settings || {}, { ...(ws.settings || {}), catalog: 'Premium' }]) {
    const { asked, columnBytes, rowBytes } = await sameAnswers(pulse, settings);
    assert.ok(asked > 60, `asked ${asked}`);
    assert.ok(columnBytes < rowBytes, `${columnBytes} < ${rowBytes}`);
  }
  const rows = pulse.report(ws.settings || {}).customers.rows;
  const text = pulse.reportText(ws.settings || {}, undefined, { keepLists: true });
  const doc = JSON.parse(text);
  for (const [a, b] of [['customers', 'rows'], ['catalogs', 'products'], ['negotiations', 'open'], ['negotiations', 'deals']])
    assert.ok(Number.isInteger(doc[a][b].length) && Number.isInteger(doc[a][b].kept) && Array.isArray(doc[a][b].fields), `${a}.${b} kept`);
  // A column of numbers comes as numbers, NaN for null; any other as its values.
  const kept = pulse.keptLists();
  const customers = doc.customers.rows;
  const revenue = kept.column(customers.kept, customers.fields.indexOf('revenue'));
  assert.ok(revenue instanceof Float64Array);
  assert.deepEqual([...revenue], rows.map((r) => r.revenue));
  const marginPct = kept.column(customers.kept, customers.fields.indexOf('margin_pct'));
  assert.deepEqual([...marginPct].map((v) => (Number.isNaN(v) ? null : v)), rows.map((r) => r.margin_pct ?? null));
  assert.deepEqual(kept.column(customers.kept, customers.fields.indexOf('customer_id')), rows.map((r) => r.customer_id));
  assert.deepEqual(kept.rows(customers.kept, [3, 0, 3]), [rows[3], rows[0], rows[3]]);
  // No such list or column, or rows past the list: an error, not a crash.
  assert.throws(() => kept.column(99, 0), /pulse\.wasm\.006/);
  assert.throws(() => kept.column(customers.kept, 999), /pulse\.wasm\.006/);
  assert.throws(() => kept.rows(customers.kept, [customers.length]), /pulse\.wasm\.006/);
  // A newer report, or a clear, replaces the lists: reading the old ones is refused.
  pulse.reportText(ws.settings || {});
  assert.throws(() => kept.column(customers.kept, 0), /pulse\.wasm\.011/);
  assert.throws(() => kept.rows(customers.kept, [0]), /pulse\.wasm\.011/);
  // Without the option the report is the SPEC form.
  assert.ok(Array.isArray(JSON.parse(pulse.reportText(ws.settings || {})).customers.rows));
  pulse.dispose();
});

test('Online Retail: the store answers alike from kept lists and from rows', { skip: noRetail }, async () => {
  const pulse = await newPulse();
  await pulse.loadFile('online_retail.csv', fileChunks(RETAIL));
  for (const settings of [{}, { to: '2011-06-30' }]) {
    const { columnBytes, rowBytes } = await sameAnswers(pulse, settings);
    assert.ok(columnBytes < rowBytes * 0.2, `${columnBytes} against ${rowBytes}`);
  }
  pulse.dispose();
});
