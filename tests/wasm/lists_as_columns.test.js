// The page's engine writes its big lists as columns (pulse.js reportText(..., {listsAsColumns})),
// which the worker's store keeps as rows that read their columns (web/src/worker/column-lists.js).
// The store must answer exactly as it does from the SPEC form's rows: the same summaries and the
// same rows for every sort, search, filter and page, on the samples (all four lists) and on
// Online Retail (customers and products, the biggest).
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
  const { PAGED_LISTS } = await import('../../web/src/paged-fields.js');
  return { ReportStore, PAGED_LISTS };
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
  out.push({ list, pick: [spec.key, Object.keys(spec.fields)[1]], offset: 0, limit: null });
  return out;
}

async function sameAnswers(pulse, settings) {
  const { ReportStore, PAGED_LISTS } = await web();
  const rowsForm = new ReportStore();
  const asRows = rowsForm.takeReport(pulse.report(settings), 1);
  const text = pulse.reportText(settings, undefined, { listsAsColumns: true });
  const columnsForm = new ReportStore();
  const asColumns = columnsForm.take(text, 1);
  assert.ok(asColumns, 'the column report has lists for the store');
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
      assert.deepEqual(actual, expected, JSON.stringify(request));
      // Plain objects, as postMessage clones them.
      for (const row of actual.rows) assert.equal(Object.getPrototypeOf(row), Object.prototype);
      assert.deepEqual(structuredClone(actual), expected);
      asked++;
    }
  }
  return { asked, columnBytes: text.length, rowBytes: JSON.stringify(pulse.report(settings)).length };
}

test('the samples: the store answers alike from columns and from rows (all four lists)', async () => {
  const pulse = await newPulse();
  const { ws } = await loadWorkspace(pulse, path.join(SAMPLES, 'workspace.json'));
  for (const settings of [ws.settings || {}, { ...(ws.settings || {}), catalog: 'Premium' }]) {
    const { asked, columnBytes, rowBytes } = await sameAnswers(pulse, settings);
    assert.ok(asked > 60, `asked ${asked}`);
    assert.ok(columnBytes < rowBytes, `${columnBytes} < ${rowBytes}`);
  }
  const text = pulse.reportText(ws.settings || {}, undefined, { listsAsColumns: true });
  const doc = JSON.parse(text);
  for (const [a, b] of [['customers', 'rows'], ['catalogs', 'products'], ['negotiations', 'open'], ['negotiations', 'deals']])
    assert.ok(Number.isInteger(doc[a][b].length) && doc[a][b].fields, `${a}.${b} as columns`);
  // Without the option the report is the SPEC form.
  assert.ok(Array.isArray(JSON.parse(pulse.reportText(ws.settings || {})).customers.rows));
  pulse.dispose();
});

test('Online Retail: the store answers alike from columns and from rows', { skip: noRetail }, async () => {
  const pulse = await newPulse();
  await pulse.loadFile('online_retail.csv', fileChunks(RETAIL));
  for (const settings of [{}, { to: '2011-06-30' }]) {
    const { columnBytes, rowBytes } = await sameAnswers(pulse, settings);
    assert.ok(columnBytes < rowBytes * 0.7, `${columnBytes} against ${rowBytes}`);
  }
  pulse.dispose();
});
