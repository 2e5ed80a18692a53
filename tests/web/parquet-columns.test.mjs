// The page's columnar Parquet reader (web/src/worker/parquet-columns.js) gives the engine the
// same text, cell for cell, as hyparquet's row reader with parquet-cells.js (the path it replaced,
// still used for nested files): on every DuckDB fixture (tests/fixtures/parquet: the samples'
// subset, the summary tables, and types*.parquet from make-types.mjs with nulls, dates,
// timestamps in ms/us/ns, decimals of 9, 18 and 38 digits, 64-bit integers past 2^53, unsigned,
// floats, NaN, -0, infinities, booleans, non-ASCII and invalid UTF-8 bytes; v1 and v2 pages,
// PLAIN, dictionary, DELTA and BYTE_STREAM_SPLIT encodings; several row groups).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetMetadata } from '../../web/node_modules/hyparquet/src/index.js';
import * as library from '../../web/src/worker/parquet-library-entry.js';
import { PARSERS, cellText } from '../../web/src/worker/parquet-cells.js';
import { ColumnarGroups, groupSpan, isFlatSchema } from '../../web/src/worker/parquet-columns.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(root, 'tests/fixtures/parquet');
const { parquetRead, parquetSchema } = library;

function open(name) {
  const bytes = fs.readFileSync(path.join(fixtures, name));
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  const metadata = parquetMetadata(file);
  return { file, metadata, schema: parquetSchema(metadata) };
}

/** Row group g as the row reader gives it: rows of text or null. */
async function rowCells({ file, metadata }, g) {
  const rowStart = metadata.row_groups.slice(0, g).reduce((n, rg) => n + Number(rg.num_rows), 0);
  let rows;
  await parquetRead({ file, metadata, rowStart, rowEnd: rowStart + Number(metadata.row_groups[g].num_rows), parsers: PARSERS, onComplete: (r) => { rows = r; } });
  return rows.map((row) => row.map(cellText));
}

/** Row group g through the columnar reader, its column-major batch unpacked into rows. */
function columnarCells({ file, metadata, schema }, g) {
  const span = groupSpan(metadata.row_groups[g]);
  const { packed, rows } = new ColumnarGroups(library, metadata, schema).read(g, span, file.slice(span.start, span.end));
  const columns = schema.children.length;
  const ends = new Uint32Array(packed.buffer.slice(0, rows * columns * 4));
  const text = new TextDecoder();
  const out = Array.from({ length: rows }, () => new Array(columns));
  let begin = 0;
  for (let i = 0; i < rows * columns; i++) {
    const cell = text.decode(packed.subarray(rows * columns * 4 + begin, rows * columns * 4 + ends[i]));
    out[i % rows][Math.floor(i / rows)] = cell === '' ? null : cell;  // empty: missing, as packRows
    begin = ends[i];
  }
  return out;
}

const names = fs.readdirSync(fixtures).filter((f) => f.endsWith('.parquet') && f !== 'nested.parquet').sort();

test('every flat fixture gives the same cells column by column as row by row', async () => {
  assert.ok(names.length >= 9, names.join());
  for (const name of names) {
    const pq = open(name);
    assert.ok(isFlatSchema(pq.schema), name);
    for (let g = 0; g < pq.metadata.row_groups.length; g++) {
      const expected = (await rowCells(pq, g)).map((row) => row.map((c) => (c === '' ? null : c)));
      assert.deepEqual(columnarCells(pq, g), expected, `${name}, row group ${g + 1}`);
    }
  }
});

test('the kinds of value read as the engine expects them', () => {
  const pq = open('types.parquet');
  const columns = pq.schema.children.map((c) => c.element.name);
  const rows = columnarCells(pq, 0);
  const cell = (r, name) => rows[r][columns.indexOf(name)];
  // Row 0 (i = 0) and row 3 (i % 7 = 3: every nullable column null).
  assert.equal(cell(0, 'order_id'), 'ORD-0');
  assert.equal(cell(0, 'label'), 'Ёлка');
  assert.equal(cell(1, 'label'), 'café');
  assert.equal(cell(8, 'label'), null);  // '' is a missing value, as in a CSV
  assert.equal(cell(4, 'label'), 'a somewhat longer text than thirty-two bytes');
  assert.equal(cell(0, 'big'), '9007199254740993');  // past 2^53: exact, as a BigInt's text
  assert.equal(cell(1, 'big'), '-9223372036854775807');
  assert.equal(cell(0, 'ubig'), '18446744073709551615');
  assert.equal(cell(1, 'dec9'), '-4987.66');
  assert.equal(cell(0, 'day'), '1969-12-25');
  assert.equal(cell(0, 'ts'), '2026-01-31 09:05:07');  // microseconds dropped
  assert.equal(cell(0, 'ts_ms'), '1960-06-01 00:00:00');
  assert.equal(cell(1, 'ts_ns'), '2026-03-01 12:00:00');
  assert.equal(cell(0, 'dbl'), 'NaN');
  assert.equal(cell(1, 'dbl'), 'Infinity');
  assert.equal(cell(2, 'dbl'), '0');  // -0
  assert.equal(cell(4, 'dbl'), '0.30000000000000004');
  assert.equal(cell(5, 'dbl'), '5e+300');
  assert.equal(cell(6, 'dbl'), '-891.78');
  assert.equal(cell(1, 'f32'), '0.10000000149011612');
  assert.equal(cell(0, 'flag'), 'true');
  assert.equal(cell(0, 'raw'), '\ufffd\ufffdab');  // bytes that are not UTF-8: U+FFFD each
  assert.equal(cell(5, 'name_ru'), 'Ёлка №5');  // a PLAIN string that is not ASCII
  assert.equal(cell(5, 'raw_distinct'), '\ufffdx5');
  assert.equal(cell(0, 'id_not_null'), '0');
  assert.deepEqual(rows[3].filter((c) => c !== null), ['3']);  // only the NOT NULL column
  // ROW_GROUP_SIZE 1000, which DuckDB rounds to 2,048: two row groups.
  assert.deepEqual(pq.metadata.row_groups.map((g) => Number(g.num_rows)), [2048, 952]);
  assert.equal(rows.length, 2048);
});

test('a nested file is left to the row reader', () => {
  assert.equal(isFlatSchema(open('nested.parquet').schema), false);
  assert.equal(isFlatSchema(open('types.parquet').schema), true);
});
