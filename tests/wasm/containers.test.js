// gzip and Excel workbooks in the wasm engine (DecompressionStream and fflate in JS, the
// engine's own workbook reader) give the native CLI's report (zlib and the same reader).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, newPulse, nativeReport, fileChunks, loadWorkspace, assertClose, PulseError } = require('./support');

const XLSX = path.join(ROOT, 'tests/fixtures/xlsx');
const GZIP = path.join(ROOT, 'tests/fixtures/gzip');
const SETTINGS = { as_of: '2024-06-30' };

test('xlsx: a workbook, first sheet and a chosen sheet, equals the native CLI', async () => {
  const pulse = await newPulse();
  const { ws, loads } = await loadWorkspace(pulse, path.join(XLSX, 'workspace.json'), { chunkSize: 1000 });
  assert.equal(loads[0].format, 'xlsx');
  assert.equal(loads[0].container, 'zip');
  assert.equal(loads[0].sheet, 'Orders');
  assert.deepEqual(loads[0].sheets, ['Orders', 'Customers']);
  assert.equal(loads[0].rows_loaded, 5);
  assert.deepEqual(loads[0].problems, [{ file: 'orders.xlsx', line: 7, field: 'unit_price', reason_code: 'pulse.row.001',
    params: { value: 'abc' }, text: "orders.xlsx:7: unit_price: bad number 'abc'" }]);
  assert.equal(loads[1].sheet, 'Customers');
  assert.equal(loads[1].role, 'customers');
  const report = pulse.report(ws.settings);
  // Hand-checked (tests/fixtures/xlsx/README.md): Acme 10 x 2.5 + 3 x 0.3 = 25.9.
  const acme = report.customers.rows.find((r) => r.customer_id === 'C001');
  assert.equal(acme.revenue, 25.9);
  assert.equal(acme.customer_name, 'Acme GmbH');
  assert.equal(report.customers.summary.revenue, 335.88);
  assertClose(report, nativeReport(['--config', 'tests/fixtures/xlsx/workspace.json']));
});

for (const file of ['orders.csv.gz', 'orders.json.gz', 'two_members.csv.gz']) {
  test(`gzip: ${file} is decompressed as it streams and equals the native CLI`, async () => {
    const pulse = await newPulse();
    // Tiny chunks: the gzip header arrives split.
    const load = await pulse.loadFile(file, fileChunks(path.join(GZIP, file), 7), { options: {} });
    assert.equal(load.container, 'gzip');
    assert.equal(load.rows_loaded, 5);
    const report = pulse.report(SETTINGS);
    assert.equal(report.customers.summary.revenue, 335.88);
    assertClose(report, nativeReport(['--as-of', '2024-06-30', path.join('tests/fixtures/gzip', file)]));
  });
}

test('containers: corrupt gzip, a zip that is not a workbook, a missing sheet', async () => {
  const pulse = await newPulse();
  const gz = fs.readFileSync(path.join(GZIP, 'orders.csv.gz'));
  await assert.rejects(pulse.loadFile('cut.csv.gz', gz.subarray(0, gz.length - 12)),
                       (err) => err instanceof PulseError && err.code === 'pulse.gzip.001' && err.load.file === 'cut.csv.gz');
  await assert.rejects(pulse.loadFile('notes.zip', fs.readFileSync(path.join(XLSX, 'not_a_workbook.zip'))),
                       (err) => err.code === 'pulse.xlsx.004' && /not an Excel workbook/.test(err.message) && Boolean(err.load));
  await assert.rejects(pulse.loadFile('orders.xlsx', fs.readFileSync(path.join(XLSX, 'orders.xlsx')), { options: { sheet: 'Returns' } }),
                       (err) => err.code === 'pulse.xlsx.002' && err.load.sheets.join() === 'Orders,Customers');
  const report = pulse.report(SETTINGS);
  assert.equal(report.load.length, 3);  // each refused file is listed, as by the CLI
});
