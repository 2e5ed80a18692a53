// Lists kept in the engine (web/src/worker/kept-lists.js): rows that read their columns give
// what the rows of the SPEC form give, a column is fetched once and only when read, a key the
// engine listed absent reads undefined as on a row without it, a NaN among numbers reads null,
// an object's keys read their own columns, and the rows sent to the page are asked of the engine in one call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKeptList, isValue, keptRows, pickedColumns, plainRows, plainValue, valuesOf } from '../../web/src/worker/kept-lists.js';

// Three rows as the engine keeps them: the second lacks "name", only the third has "late"
// (JsonWriter: a key first seen later is absent from the rows before); "nested" is an object
// column (parents), its keys "days" and "score" columns of their own: the second row's object
// lacks "score", the third row's object is null.
const list = {
  length: 3, kept: 2, fields: ['id', 'name', 'revenue', 'nested', 'days', 'score', 'late'],
  parents: [-1, -1, -1, -1, 3, 3, -1], absent: [[], [1], [], [], [], [1], [0, 1]],
};
const asRows = [
  { id: 'a', name: 'Ann', revenue: 1.5, nested: { days: [1], score: 2 } },
  { id: 'b', revenue: null, nested: { days: [] } },
  { id: 'c', name: 'Cy', revenue: -2, nested: null, late: true },
];

/** What pulse.js keptLists() gives, over the rows above, counting its calls. */
function fakeKept() {
  const columns = [['a', 'b', 'c'], ['Ann', null, 'Cy'], Float64Array.of(1.5, NaN, -2), Float64Array.of(1, 1, NaN),
    [[1], [], null], Float64Array.of(2, NaN, NaN), [null, null, true]];
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

/** A kept row's object (its keys are getters on its prototype) as a plain object. */
function plain(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const o = {};
  for (const k in value) if (value[k] !== undefined) o[k] = plain(value[k]);
  return o;
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
  for (let i = 0; i < 3; i++) assert.deepEqual(plain(rows[i]), asRows[i], `row ${i}`);
  assert.deepEqual(kept.calls.column, [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(rows[1].name, undefined);
  assert.equal(rows[0].late, undefined);
  assert.equal(rows[1].revenue, null);
  assert.equal(rows[2].revenue, -2);
});

test("an object column's keys are read one column each, only when read", () => {
  const kept = fakeKept();
  const rows = keptRows(list, kept);
  assert.equal(rows[0].nested.score, 2);
  assert.deepEqual(kept.calls.column, [3, 5]);  // the objects' presence, then "score" alone
  assert.equal(rows[1].nested.score, undefined);  // the object lacks it
  assert.equal(rows[2].nested, null);
  assert.deepEqual(rows[1].nested.days, []);
  assert.deepEqual(kept.calls.column, [3, 5, 4]);
  // The rows' own keys are not the objects' keys.
  assert.equal(rows[0].score, undefined);
  assert.equal('days' in rows[0], false);
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

test("an object column's object posts as a plain object of the keys it has", () => {
  const rows = keptRows(list, fakeKept());
  assert.deepEqual(structuredClone(plainValue(rows[0].nested)), { days: [1], score: 2 });
  assert.deepEqual(structuredClone(plainValue(rows[1].nested)), { days: [] });
  assert.equal(plainValue(rows[2].nested), null);
  assert.equal(plainValue(rows[0].revenue), 1.5);
  const days = rows[0].nested.days;
  assert.equal(plainValue(days), days);  // other objects stay themselves
});

test('valuesOf reads a whole column at once, as the rows read it, kept or plain', () => {
  const kept = fakeKept();
  const rows = keptRows(list, kept);
  const name = valuesOf(rows, 'name');
  assert.deepEqual([...name], ['Ann', undefined, 'Cy']);  // the lacking row reads undefined
  assert.deepEqual(kept.calls.column, [1]);  // one fetch for the column, no row getter
  assert.deepEqual([...name], [...valuesOf(asRows, 'name')]);
  assert.deepEqual(rows.map((r) => r.name), [...name]);  // the getters read it alike after
  const revenue = valuesOf(rows, 'revenue');
  assert.ok(revenue instanceof Float64Array);
  assert.deepEqual([...revenue].map((v) => (isValue(v) ? v : null)), valuesOf(asRows, 'revenue'));
  // An object column: 1 where a row has an object; its keys by 'key.member'.
  assert.deepEqual([...valuesOf(rows, 'nested')].map(isValue), valuesOf(asRows, 'nested').map(isValue));
  assert.deepEqual([...valuesOf(rows, 'nested.score')].map((v) => (isValue(v) ? v : undefined)), valuesOf(asRows, 'nested.score'));
  assert.deepEqual(valuesOf(rows, 'nested.days').slice(0, 2), [[1], []]);
  // A key the list does not have reads undefined for every row.
  assert.deepEqual(valuesOf(rows, 'nowhere'), [undefined, undefined, undefined]);
  assert.deepEqual(valuesOf(rows, 'nested.nowhere'), [undefined, undefined, undefined]);
});

test("pickedColumns gives each path's values in the rows' order, gathered from the whole column", () => {
  const kept = fakeKept();
  const rows = keptRows(list, kept);
  // The rows in another order, as a sorted page of them.
  const page = [rows[2], rows[0], rows[1]];
  const cols = pickedColumns(page, ['id', 'name', 'revenue', 'nested.score', 'late']);
  assert.deepEqual(Object.keys(cols), ['id', 'name', 'revenue', 'nested.score', 'late']);
  assert.deepEqual(cols.id, ['c', 'a', 'b']);
  // A text column's lacking value reads undefined, as the row does.
  assert.deepEqual(cols.name, ['Cy', 'Ann', undefined]);
  assert.deepEqual(cols.late, [true, undefined, undefined]);
  // Numbers come as a Float64Array, NaN for a null or a lacking value.
  assert.ok(cols.revenue instanceof Float64Array);
  assert.deepEqual([...cols.revenue], [-2, 1.5, NaN]);
  assert.deepEqual([...cols['nested.score']], [NaN, 2, NaN]);
  // One column read per path, once.
  assert.deepEqual(kept.calls.column.sort(), [0, 1, 2, 5, 6]);
  // Every value as the rows read it (pickedColumns' NaN for their null).
  for (const path of ['id', 'name', 'revenue', 'late']) {
    assert.deepEqual([...cols[path]].map((v) => (v !== v ? null : v)), page.map((r) => r[path]));
  }
  // Plain rows (a report given whole) are read value by value.
  assert.deepEqual(pickedColumns(asRows.slice(0, 2), ['id', 'nested.score', 'name']), { id: ['a', 'b'], 'nested.score': [2, undefined], name: ['Ann', undefined] });
  assert.deepEqual(pickedColumns([], ['id']), { id: [] });
});

test('pickedColumns reads an object column itself, or a key the list lacks, from the rows', () => {
  const kept = fakeKept();
  const rows = keptRows(list, kept);
  assert.deepEqual(pickedColumns(rows, ['id', 'nested']), { id: ['a', 'b', 'c'], nested: [{ days: [1], score: 2 }, { days: [] }, null] });
  assert.deepEqual(pickedColumns(rows, ['nowhere', 'nested.nowhere']), { nowhere: [undefined, undefined, undefined], 'nested.nowhere': [undefined, undefined, undefined] });
});
