// The text the page gives the engine for each Parquet value (web/src/worker/parquet-cells.js),
// read by hyparquet from the fixtures DuckDB wrote (tests/fixtures/parquet): DATE, TIMESTAMP,
// DECIMAL, INTEGER, dictionary-encoded strings and nulls as the CSV of the same rows has them.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetMetadata, parquetRead, parquetSchema } from '../../web/node_modules/hyparquet/src/index.js';
import { PARSERS, cellText } from '../../web/src/worker/parquet-cells.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The first `n` rows of a fixture as the engine gets them, and its column names. */
async function firstRows(name, n) {
  const bytes = fs.readFileSync(path.join(root, 'tests/fixtures/parquet', name));
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  const metadata = parquetMetadata(file);
  let rows;
  await parquetRead({ file, metadata, rowStart: 0, rowEnd: n, parsers: PARSERS, onComplete: (r) => { rows = r; } });
  return { columns: parquetSchema(metadata).children.map((c) => c.element.name), rows: rows.map((r) => r.map(cellText)) };
}

test('DATE, DECIMAL and INTEGER cells read as the samples\' CSV writes them', async () => {
  const orders = await firstRows('orders.parquet', 1);
  assert.deepEqual(orders.columns, ['order_id', 'order_date', 'customer_id', 'status', 'sales_rep', 'currency']);
  assert.deepEqual(orders.rows[0], ['SO-100001', '2024-11-01', 'C004', 'complete', 'R02', 'EUR']);
  const lines = await firstRows('order_lines.parquet', 2);
  // samples/order_lines.csv: SO-100001,SKU-0030,Pen Gift Set,Writing,3,43.02,0.00,21.95 (the
  // DECIMAL's trailing zeros go: the same number).
  assert.deepEqual(lines.rows[0], ['SO-100001', 'SKU-0030', 'Pen Gift Set', 'Writing', '3', '43.02', '0', '21.95']);
  assert.deepEqual(lines.rows[1], ['SO-100001', 'SKU-0045', 'Label Tape 12mm x5', 'Filing', '3', '42.17', '0', '22.5']);
});

test('TIMESTAMP cells are date and time to the second; a null is a missing cell', async () => {
  const quotes = await firstRows('quotes.parquet', 2);
  // samples/quotes.csv: Q-10001,...,closed,2024-11-01 09:18:26,2024-11-14 08:00:00,2024-12-01 00:00:00,579.41,548.13,
  assert.deepEqual(quotes.rows[0], ['Q-10001', 'Tools annual supply', 'C105', 'R05', 'closed', '2024-11-01 09:18:26',
    '2024-11-14 08:00:00', '2024-12-01 00:00:00', '579.41', '548.13', null]);
  assert.equal(quotes.rows[1][10], 'SO-100103');
});

test('every kind of value has a text', () => {
  assert.equal(cellText(null), null);
  assert.equal(cellText(undefined), null);
  assert.equal(cellText(12345678901234567890n), '12345678901234567890');
  assert.equal(cellText(0.1 + 0.2), '0.30000000000000004');  // a DOUBLE as stored, not rounded here
  assert.equal(cellText(true), 'true');
  assert.equal(cellText(new Date(Date.UTC(2026, 0, 31, 9, 5, 7, 900))), '2026-01-31 09:05:07');
  assert.equal(cellText(new TextEncoder().encode('Ёлка')), 'Ёлка');
  assert.equal(cellText({ sku: 'A', qty: 2n, tags: ['x'] }), '{"sku":"A","qty":"2","tags":["x"]}');
  assert.equal(PARSERS.dateFromDays(0), '1970-01-01');
  assert.equal(PARSERS.timestampFromMicroseconds(1_700_000_000_123_456n), '2023-11-14 22:13:20');
  assert.equal(PARSERS.timestampFromNanoseconds(-1_000_000_000n), '1969-12-31 23:59:59');
  assert.equal(PARSERS.timestampFromMilliseconds(8.64e15 + 1), 'invalid timestamp');
});
