// The engine's big lists kept in the engine (wasm/README.md "Lists kept in the engine"): the
// page's engine writes customers.rows, catalogs.products and the deals as {length, kept, fields:
// [key...], absent?: {key: [row, ...]}} and keeps their values until its next report. The
// worker's store keeps them as rows that read a column when a sort, a search or a summary first
// asks for one of its values (a Float64Array for a column of numbers), so the columns no one
// reads never leave the engine; the rows sent to the page come from the engine as the SPEC
// form's objects (plainRows), the keys each row had.

const AT = Symbol('row');  // the row's place in its list (no key of the engine's)
const KEPT = Symbol('kept');  // on a list's row prototype: {kept, table}

/** Whether `value` is a list kept in the engine (an array is a list of rows). */
export function isKeptList(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) &&
    Number.isInteger(value.length) && value.length >= 0 && Number.isInteger(value.kept) && Array.isArray(value.fields);
}

/**
 * The rows of a list kept in the engine, read through `kept` (pulse.js keptLists()): each reads
 * `row.key` from its column, fetched once when first read; a key the row lacked (absent) reads
 * undefined, as it would on the row itself.
 */
export function keptRows(list, kept) {
  const absent = list.absent && typeof list.absent === 'object' ? list.absent : {};
  const columns = new Array(list.fields.length).fill(null);
  class Row {
    constructor(at) {
      this[AT] = at;
    }
  }
  list.fields.forEach((key, j) => {
    const gaps = Array.isArray(absent[key]) && absent[key].length ? new Set(absent[key]) : null;
    Object.defineProperty(Row.prototype, key, {
      get() {
        if (gaps && gaps.has(this[AT])) return undefined;
        const column = columns[j] || (columns[j] = kept.column(list.kept, j));
        const v = column[this[AT]];
        return v !== v ? null : v;  // NaN: a null among numbers
      },
      enumerable: true,
    });
  });
  Object.defineProperty(Row.prototype, KEPT, { value: { kept, table: list.kept } });
  const rows = new Array(list.length);
  for (let i = 0; i < list.length; i++) rows[i] = new Row(i);
  return rows;
}

/** Rows as plain objects, to post to the page: kept rows (all of one list) asked of the engine
 *  in one call, plain rows as they are. */
export function plainRows(rows) {
  const from = rows.length ? rows[0][KEPT] : null;
  if (!from) return rows;
  return from.kept.rows(from.table, rows.map((r) => r[AT]));
}
