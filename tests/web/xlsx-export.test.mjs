// The page's exports as people use them (web/src/export/): figures as the table means them
// (money to the cent, shares as percentages, status labels, rep names beside ids) in the CSV,
// and an Excel workbook with number formats, checked by unzipping it and by reading it back
// with the engine's own workbook reader (the CLI, when built). Run: node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildSheet } from '../../web/src/export/sheet.js';
import { xlsxBytes, columnName, serialDay, xmlText } from '../../web/src/export/xlsx.js';
import { csvText } from '../../web/src/table.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { unzipSync, strFromU8 } = createRequire(path.join(repo, 'web/package.json'))('fflate');

const COLUMNS = [
  { key: 'customer', label: 'Customer', value: (r) => r.name },
  { key: 'sales_rep', label: 'Rep', kind: 'rep', name: (id) => ({ R1: 'Anna Ivanova' })[id] || id, value: (r) => r.rep },
  { key: 'status', label: 'Status', kind: 'customerStatus', value: (r) => r.status },
  { key: 'deal_status', label: 'Quote', kind: 'dealStatus', value: (r) => r.deal },
  { key: 'revenue', label: 'Revenue', num: true, value: (r) => r.revenue },
  { key: 'win_rate', label: 'Win rate', num: true, value: (r) => r.rate },
  { key: 'projected_margin_change_low', label: 'Margin low', num: true, hidden: true, value: (r) => r.low },
  { key: 'last_order', label: 'Last order', value: (r) => r.last },
  { key: 'orders', label: 'Orders', num: true, value: (r) => r.orders },
  { key: 'secret', label: 'x', csv: false, value: () => 'never' },
];
const ROWS = [
  { name: '=HYPERLINK("http://x")', rep: 'R1', status: 'overdue', deal: 'processing_by_customer', revenue: 1234.5678, rate: 0.23456, low: -10.004, last: '2026-10-01', orders: 7 },
  { name: 'Beta & Söhne <GmbH>', rep: 'R9', status: null, deal: 'ordered', revenue: null, rate: null, low: null, last: null, orders: 0 },
];

test('the sheet: money to the cent, shares as percentages, labels for codes, rep names beside ids', () => {
  const sheet = buildSheet(COLUMNS, ROWS, { lang: 'en', currency: 'EUR' });
  assert.deepEqual(sheet.columns.map((c) => c.label), ['Customer', 'Rep', 'Rep (name)', 'Status', 'Quote', 'Revenue (EUR)', 'Win rate, %', 'Margin low (EUR)', 'Last order', 'Orders']);
  assert.deepEqual(sheet.columns.map((c) => c.type), ['text', 'text', 'text', 'text', 'text', 'money', 'percent', 'money', 'date', 'number']);
  assert.deepEqual(sheet.rows[0], ['=HYPERLINK("http://x")', 'R1', 'Anna Ivanova', 'Overdue', 'Processing by customer', 1234.57, 23.46, -10, '2026-10-01', 7]);
  assert.deepEqual(sheet.rows[1], ['Beta & Söhne <GmbH>', 'R9', 'R9', null, 'Ordered', null, null, null, null, 0]);
  const ru = buildSheet(COLUMNS, ROWS.slice(0, 1), { lang: 'ru', t: (k, v) => ({ 'export.percent': `${v.label}, %`, 'export.rep_name': `${v.label} (имя)` })[k] });
  assert.equal(ru.columns[2].label, 'Rep (имя)');
  assert.equal(ru.rows[0][3], 'Опаздывает');
});

test('the CSV writes the sheet, a spreadsheet formula still written as text', () => {
  const text = csvText(COLUMNS, ROWS, { lang: 'en', currency: null });
  const lines = text.replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines[0], 'Customer,Rep,Rep (name),Status,Quote,Revenue,"Win rate, %",Margin low,Last order,Orders');
  assert.equal(lines[1], `"'=HYPERLINK(""http://x"")",R1,Anna Ivanova,Overdue,Processing by customer,1234.57,23.46,-10,2026-10-01,7`);
  assert.equal(lines[2], 'Beta & Söhne <GmbH>,R9,R9,,Ordered,,,,,0');
});

test('helpers: column letters, Excel serial days, XML text', () => {
  assert.deepEqual([0, 25, 26, 27, 701, 702].map(columnName), ['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  assert.equal(serialDay('1970-01-01'), 25569);
  assert.equal(serialDay('2026-10-01'), 46296);
  assert.equal(serialDay('not a date'), null);
  assert.equal(xmlText('a<b>&"c"\u0001'), 'a&lt;b&gt;&amp;&quot;c&quot;');
});

function unzipWorkbook(bytes) {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

test('the workbook: six parts, cells typed and formatted, text never a formula', () => {
  const sheet = buildSheet(COLUMNS, ROWS, { lang: 'en', currency: 'EUR' });
  const parts = unzipWorkbook(xlsxBytes(sheet, 'customers: all/late'));
  assert.deepEqual(Object.keys(parts).sort(), ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
  assert.match(parts['xl/workbook.xml'], /<sheet name="customers {2}all late" sheetId="1"/);
  // Styles: 2 money (#,##0.00), 3 percent (built-in 10, 0.00%), 4 date (yyyy-mm-dd).
  assert.match(parts['xl/styles.xml'], /<numFmt numFmtId="164" formatCode="#,##0.00"\/>/);
  assert.match(parts['xl/styles.xml'], /<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd"\/>/);
  const xfs = [...parts['xl/styles.xml'].match(/<cellXfs[^>]*>(.*)<\/cellXfs>/s)[1].matchAll(/numFmtId="(\d+)"/g)].map((m) => m[1]);
  assert.deepEqual(xfs, ['0', '0', '164', '10', '165']);
  const xml = parts['xl/worksheets/sheet1.xml'];
  const cell = (ref) => (xml.match(new RegExp(`<c r="${ref}"[^>]*?(?:/>|>.*?</c>)`)) || [null])[0];
  assert.equal(cell('A1'), '<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Customer</t></is></c>');
  assert.equal(cell('A2'), '<c r="A2" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(&quot;http://x&quot;)</t></is></c>');
  assert.equal(cell('C2'), '<c r="C2" t="inlineStr"><is><t xml:space="preserve">Anna Ivanova</t></is></c>');
  assert.equal(cell('F2'), '<c r="F2" s="2"><v>1234.57</v></c>');
  assert.equal(cell('G2'), '<c r="G2" s="3"><v>0.2346</v></c>');
  assert.equal(cell('H2'), '<c r="H2" s="2"><v>-10</v></c>');
  assert.equal(cell('I2'), '<c r="I2" s="4"><v>46296</v></c>');
  assert.equal(cell('J2'), '<c r="J2" s="0"><v>7</v></c>');
  assert.equal(cell('A3'), '<c r="A3" t="inlineStr"><is><t xml:space="preserve">Beta &amp; Söhne &lt;GmbH&gt;</t></is></c>');
  assert.equal(cell('F3'), null, 'an unknown figure is an empty cell, not 0');
  assert.ok(!/<f>/.test(xml), 'no formulas');
});

test('the engine reads the workbook back: dates, amounts and ids as written', (t) => {
  const cli = path.join(repo, 'build/bin/b2b-pulse');
  if (!fs.existsSync(cli)) return t.skip('skipped: build/bin/b2b-pulse not built');
  // An order lines export the engine recognizes: its figures must come back unchanged.
  const columns = [
    { key: 'order_id', label: 'order_id', value: (r) => r.order },
    { key: 'customer_id', label: 'customer_id', value: (r) => r.customer },
    { key: 'order_date', label: 'order_date', kind: 'date', value: (r) => r.date },
    { key: 'sku', label: 'sku', value: (r) => r.sku },
    { key: 'qty', label: 'qty', num: true, value: (r) => r.qty },
    { key: 'unit_price', label: 'unit_price', kind: 'money', value: (r) => r.price },
  ];
  const rows = [
    { order: 'SO-1', customer: 'C1', date: '2026-01-05', sku: 'A', qty: 2, price: 10.125 },
    { order: 'SO-2', customer: 'C1', date: '2026-02-05', sku: 'B', qty: 1, price: 99.99 },
    { order: 'SO-3', customer: 'C2', date: '2026-03-10', sku: 'A', qty: 4, price: 10.5 },
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-xlsx-'));
  const file = path.join(dir, 'order_lines.xlsx');
  fs.writeFileSync(file, xlsxBytes(buildSheet(columns, rows), 'order_lines'));
  try {
    const inspect = execFileSync(cli, ['inspect', file], { encoding: 'utf8' });
    assert.match(inspect, /Excel workbook \(xlsx\)/);
    assert.match(inspect, /rows\s+3 read, 3 loaded, 0 skipped/);
    const report = JSON.parse(execFileSync(cli, ['report', file], { encoding: 'utf8' }));
    const s = report.customers.summary;
    assert.equal(s.customers, 2);
    assert.equal(s.orders, 3);
    assert.ok(Math.abs(s.revenue - (2 * 10.13 + 99.99 + 4 * 10.5)) < 1e-9, `revenue ${s.revenue}`);
    assert.equal(report.period.from, '2026-01-05');
    assert.equal(report.period.to, '2026-03-10');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
