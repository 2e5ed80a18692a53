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

// A workbook whose sheet inflates in several pieces (over 1 MiB compressed), written here:
// 60,000 lines of made-up orders, random enough not to compress away.
function bigWorkbook(level) {
  const { zipSync, strToU8 } = require(path.join(ROOT, 'web/node_modules/fflate'));
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const word = () => Array.from({ length: 12 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
  const rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>order_id</t></is></c><c r="B1" t="inlineStr"><is><t>sku</t></is></c>' +
    '<c r="C1" t="inlineStr"><is><t>product_name</t></is></c><c r="D1" t="inlineStr"><is><t>quantity</t></is></c>' +
    '<c r="E1" t="inlineStr"><is><t>unit_price</t></is></c><c r="F1" t="inlineStr"><is><t>order_date</t></is></c>' +
    '<c r="G1" t="inlineStr"><is><t>customer_id</t></is></c></row>'];
  for (let r = 2; r <= 60001; r++) {
    const order = Math.floor(r / 3);
    rows.push(`<row r="${r}"><c r="A${r}"><v>${order}</v></c><c r="B${r}" t="inlineStr"><is><t>S${Math.floor(random() * 900)}</t></is></c>` +
      `<c r="C${r}" t="inlineStr"><is><t>${word()} ${word()}</t></is></c><c r="D${r}"><v>${1 + Math.floor(random() * 40)}</v></c>` +
      `<c r="E${r}"><v>${(random() * 90 + 0.5).toPrecision(17)}</v></c><c r="F${r}" s="1"><v>${44197 + Math.floor(order / 40)}.${Math.floor(random() * 1e9)}</v></c>` +
      `<c r="G${r}" t="inlineStr"><is><t>C${order % 700}</t></is></c></row>`);
  }
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const files = {
    '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="Orders" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `<styleSheet xmlns="${NS}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>`,
    'xl/worksheets/sheet1.xml': `<worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])), { level });
}

test('xlsx: a sheet inflated a piece at a time (fflate, DecompressionStream) reads as inflated whole, deflated or stored', async (t) => {
  const { unzipSync, Inflate } = require('./support').fflate();
  if (!Inflate) return t.skip('web/node_modules/fflate is missing: run npm ci in web/');
  for (const level of [6, 0]) {
    const zip = bigWorkbook(level);
    if (level === 6) assert.ok(zip.length > (1 << 20), `the sheet takes several pieces (${zip.length} bytes)`);
    const results = [];
    // Whole (unzipSync), in pieces by fflate, in pieces by the platform's DecompressionStream.
    for (const unzip of [{ unzipSync, nativeInflate: false }, { unzipSync, Inflate, nativeInflate: false },
      { unzipSync, nativeInflate: true }]) {
      const pulse = await newPulse(unzip);
      const load = await pulse.loadFile('big.xlsx', zip, { chunkSize: 1 << 16 });
      results.push({ load: JSON.stringify(load), report: pulse.reportText({ as_of: '2021-06-30' }) });
      pulse.dispose();
    }
    assert.equal(JSON.parse(results[1].load).rows_loaded, 60000, `level ${level}`);
    for (const r of results.slice(1)) {
      assert.equal(r.load, results[0].load, `level ${level}`);
      assert.equal(r.report, results[0].report, `level ${level}`);
    }
  }
  // A damaged deflate stream (its first block of a type that does not exist) is the archive's
  // fault, said as such; the engine is left usable.
  const zip = bigWorkbook(6);
  const view = new DataView(zip.buffer);
  let at = zip.length - 22;
  while (view.getUint32(at, true) !== 0x06054b50) at--;
  at = view.getUint32(at + 16, true);
  while (new TextDecoder().decode(zip.subarray(at + 46, at + 46 + view.getUint16(at + 28, true))) !== 'xl/worksheets/sheet1.xml')
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  const local = view.getUint32(at + 42, true);
  zip[local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)] = 0xff;
  for (const nativeInflate of [false, true]) {
    const pulse = await newPulse({ unzipSync, Inflate, nativeInflate });
    await assert.rejects(pulse.loadFile('damaged.xlsx', zip), (err) => err instanceof PulseError && err.code === 'pulse.zip.001');
    const again = await pulse.loadFile('orders.xlsx', fs.readFileSync(path.join(XLSX, 'orders.xlsx')));
    assert.equal(again.rows_loaded, 5);
    pulse.dispose();
  }
});

test('xlsx: a load cancelled while its sheet inflates stops there, the engine usable after', async (t) => {
  const { unzipSync, Inflate } = require('./support').fflate();
  if (!Inflate) return t.skip('web/node_modules/fflate is missing: run npm ci in web/');
  const zip = bigWorkbook(6);
  for (const nativeInflate of [false, true]) {
    const pulse = await newPulse({ unzipSync, Inflate, nativeInflate });
    const cancel = new AbortController();
    // The cancel comes from inside the sheet's feeding (the third piece), after the whole file
    // was read: only the part's own checks can see it.
    const feed = pulse._feed.bind(pulse);
    let pieces = 0;
    pulse._feed = (chunk, size, method, extra) => {
      feed(chunk, size, method, extra);
      if (method === 'partData' && ++pieces === 3) cancel.abort();
    };
    await assert.rejects(pulse.loadFile('big.xlsx', zip, { signal: cancel.signal }),
                         (err) => err instanceof PulseError && err.code === 'pulse.wasm.010', `nativeInflate ${nativeInflate}`);
    assert.ok(pieces <= 4, `stopped after the cancel, not at the sheet's end (${pieces} pieces fed)`);
    pulse._feed = feed;
    const again = await pulse.loadFile('orders.xlsx', fs.readFileSync(path.join(XLSX, 'orders.xlsx')));
    assert.equal(again.rows_loaded, 5);
    pulse.dispose();
  }
});

test('xlsx: a workbook reports its reading, then its sheet inflating, each up to the file size', async (t) => {
  const { unzipSync, Inflate } = require('./support').fflate();
  if (!Inflate) return t.skip('web/node_modules/fflate is missing: run npm ci in web/');
  const zip = bigWorkbook(6);
  for (const nativeInflate of [false, true]) {
    const pulse = await newPulse({ unzipSync, Inflate, nativeInflate });
    const events = [];
    await pulse.loadFile('big.xlsx', new Blob([zip]), { chunkSize: 1 << 20, onProgress: (p) => events.push(p) });
    pulse.dispose();
    const read = events.filter((e) => !e.stage), unpack = events.filter((e) => e.stage === 'unpack');
    assert.equal(read.at(-1).bytes, zip.length, `nativeInflate ${nativeInflate}: the file read`);
    assert.ok(unpack.length > 10, `nativeInflate ${nativeInflate}: the sheet's progress in steps (${unpack.length})`);
    assert.ok(events.indexOf(unpack[0]) > events.indexOf(read.at(-1)), 'unpacking comes after the reading');
    for (let i = 1; i < unpack.length; i++) assert.ok(unpack[i].bytes > unpack[i - 1].bytes);
    assert.ok(unpack.at(-1).bytes > 0.95 * zip.length && unpack.at(-1).bytes <= zip.length, `${unpack.at(-1).bytes} of ${zip.length}`);
    assert.ok(unpack.every((e) => e.total === zip.length && e.file === 'big.xlsx'));
  }
});
