// Lists kept in the engine (web/src/worker/kept-lists.js): rows that read their columns give
// what the rows of the SPEC form give, a column is fetched once and only when read, a key the
// engine listed absent reads undefined as on a row without it, a NaN among numbers reads null,
// and the rows sent to the page are asked of the engine in one call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKeptList, keptRows, plainRows } from '../../web/src/worker/kept-lists.js';

// Three rows as the engine keeps them: the second lacks "name", only the third has "late"
// (JsonWriter: a key first seen later is absent from the rows before).
const list = { length: 3, kept: 2, fields: ['id', 'name', 'revenue', 'nested', 'late'], absent: { name: [1], late: [0, 1] } };
const asRows = [
  { id: 'a', name: 'Ann', revenue: 1.5, nested: { days: [1] } },
  { id: 'b', revenue: null, nested: { days: [] } },
  { id: 'c', name: 'Cy', revenue: -2, nested: null, late: true },
];

/** What pulse.js keptLists() gives, over the rows above, counting its calls. */
function fakeKept() {
  const columns = [['a', 'b', 'c'], ['Ann', null, 'Cy'], Float64Array.of(1.5, NaN, -2), [{ days: [1] }, { days: [] }, null], [null, null, true]];
  const calls = { column: [], rows: [] };
  return {
    calls,
    column: (table, j) => {
      assert.equal(table, 2);
      calls.column.push(j);
      return columns[j];
    },
    rows: (table, at) => {
      assert.equal(table, 2);
      calls.rows.push([...at]);
      return at.map((i) => structuredClone(asRows[i]));
    },
  };
}

test('a kept list is told from a list of rows', () => {
  assert.equal(isKeptList(list), true);
  assert.equal(isKeptList({ length: 0, kept: 0, fields: [] }), true);
  assert.equal(isKeptList(asRows), false);
  assert.equal(isKeptList(null), false);
  assert.equal(isKeptList({ length: 2, fields: [] }), false);
  assert.equal(isKeptList({ length: 2, kept: 0, fields: {} }), false);
  assert.equal(isKeptList({ length: 2, kept: 0 }), false);
});

test('rows read their columns, each fetched once when first read; absent reads undefined, NaN null', () => {
  const kept = fakeKept();
  const rows = keptRows(list, kept);
  assert.equal(rows.length, 3);
  assert.deepEqual(kept.calls.column, []);  // nothing fetched before a value is read
  assert.equal(rows[2].id, 'c');
  assert.deepEqual(kept.calls.column, [0]);
  for (let i = 0; i < 3; i++)
    for (const key of list.fields) assert.deepEqual(rows[i][key], asRows[i][key], `${i}.${key}`);
  assert.deepEqual(kept.calls.column, [0, 1, 2, 3, 4]);
  assert.equal(rows[1].name, undefined);
  assert.equal(rows[0].late, undefined);
  assert.equal(rows[1].revenue, null);
  assert.equal(rows[2].revenue, -2);
});

test('rows leave as the engine gives them, in one call; plain rows stay themselves', () => {
  const kept = fakeKept();
  const rows = keptRows(list, kept);
  const page = plainRows([rows[2], rows[0]]);
  assert.deepEqual(page, [asRows[2], asRows[0]]);
  assert.deepEqual(kept.calls.rows, [[2, 0]]);
  assert.deepEqual(kept.calls.column, []);
  const plain = [{ id: 'x' }];
  assert.equal(plainRows(plain), plain);
  assert.deepEqual(plainRows([]), []);
});

test('an empty kept list has no rows', () => {
  assert.deepEqual(keptRows({ length: 0, kept: 0, fields: [] }, fakeKept()), []);
});
