// The engine's big lists as columns (wasm/README.md "Lists as columns"): the page's engine
// writes customers.rows, catalogs.products and the deals as {length, fields: {key: [value per
// row]}, absent?: {key: [row, ...]}}, each key once instead of once a row (Online Retail's
// customers: 3.9 MB of JSON as rows, 1.8 MB as columns). The worker's store keeps them as rows
// that read their columns when asked: sorting, searching and summarizing read a few fields of
// every row, so no object of 31 keys is built per customer on every report. A row leaves the
// worker as a plain object (plainRow), with the keys it had as a row of the SPEC form.

const PLAIN = Symbol('plain row');
const AT = Symbol('row');  // the row's place in its columns (no key of the engine's)

/** Whether `value` is a list written as columns (an array is a list of rows). */
export function isColumnList(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) &&
    Number.isInteger(value.length) && value.length >= 0 && value.fields !== null && typeof value.fields === 'object';
}

/**
 * The rows of a list written as columns: each reads `row.key` from its column; a key the row
 * lacked (absent) reads undefined, as it would on the row itself.
 */
export function columnRows(list) {
  const keys = Object.keys(list.fields);
  const absent = list.absent && typeof list.absent === 'object' ? list.absent : {};
  class Row {
    constructor(at) {
      this[AT] = at;
    }
  }
  const gapsOf = [];  // per key: null, or the rows that lack it
  for (const key of keys) {
    const column = list.fields[key];
    const gaps = Array.isArray(absent[key]) && absent[key].length ? new Set(absent[key]) : null;
    gapsOf.push(gaps);
    Object.defineProperty(Row.prototype, key, {
      get: gaps ? function get() { return gaps.has(this[AT]) ? undefined : column[this[AT]]; } : function get() { return column[this[AT]]; },
      enumerable: true,
    });
  }
  Object.defineProperty(Row.prototype, PLAIN, {
    value: function plain() {
      const out = {};
      for (let k = 0; k < keys.length; k++) if (!gapsOf[k] || !gapsOf[k].has(this[AT])) out[keys[k]] = list.fields[keys[k]][this[AT]];
      return out;
    },
  });
  const rows = new Array(list.length);
  for (let i = 0; i < list.length; i++) rows[i] = new Row(i);
  return rows;
}

/** A row as a plain object, to post to the page: a column row's values, a plain row itself. */
export function plainRow(row) {
  return row && typeof row[PLAIN] === 'function' ? row[PLAIN]() : row;
}
