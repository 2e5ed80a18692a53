// Lists written as columns (web/src/worker/column-lists.js): rows that read their columns give
// what the rows of the SPEC form give, a key the engine listed absent reads undefined as on a
// row without it, and a row leaves the worker as a plain object with that row's own keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnRows, isColumnList, plainRow } from '../../web/src/worker/column-lists.js';

// Three rows as the engine writes them as columns: the second lacks "name", only the third has
// "late" (JsonWriter: a key first seen later is absent from the rows before).
const list = {
  length: 3,
  fields: {
    id: ['a', 'b', 'c'],
    name: ['Ann', null, 'Cy'],
    revenue: [1.5, 0, -2],
    nested: [{ days: [1] }, { days: [] }, null],
    late: [null, null, true],
  },
  absent: { name: [1], late: [0, 1] },
};
const asRows = [
  { id: 'a', name: 'Ann', revenue: 1.5, nested: { days: [1] } },
  { id: 'b', revenue: 0, nested: { days: [] } },
  { id: 'c', name: 'Cy', revenue: -2, nested: null, late: true },
];

test('a list as columns is told from a list of rows', () => {
  assert.equal(isColumnList(list), true);
  assert.equal(isColumnList({ length: 0, fields: {} }), true);
  assert.equal(isColumnList(asRows), false);
  assert.equal(isColumnList(null), false);
  assert.equal(isColumnList({ fields: {} }), false);
  assert.equal(isColumnList({ length: 2 }), false);
});

test('rows read their columns; an absent key reads undefined', () => {
  const rows = columnRows(list);
  assert.equal(rows.length, 3);
  for (let i = 0; i < 3; i++)
    for (const key of ['id', 'name', 'revenue', 'nested', 'late']) assert.deepEqual(rows[i][key], asRows[i][key], `${i}.${key}`);
  assert.equal(rows[1].name, undefined);
  assert.equal(rows[0].late, undefined);
  assert.equal(rows[2].name, 'Cy');
});

test('a row leaves as a plain object with its own keys; a plain row stays itself', () => {
  const rows = columnRows(list);
  const plain = rows.map(plainRow);
  assert.deepEqual(plain, asRows);
  assert.deepEqual(plain.map((r) => Object.keys(r)), asRows.map((r) => Object.keys(r).filter((k) => k !== 'late').concat(r.late ? ['late'] : [])));
  for (const r of plain) assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.deepEqual(structuredClone(plain), asRows);
  const row = { id: 'x' };
  assert.equal(plainRow(row), row);
});

test('an empty list as columns has no rows', () => {
  assert.deepEqual(columnRows({ length: 0, fields: {} }), []);
});
