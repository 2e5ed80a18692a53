// The engine's big lists kept in the engine (wasm/README.md "Lists kept in the engine"): the
// page's engine writes customers.rows, catalogs.products and the deals as {length, kept, fields:
// [key...], parents?: [column...], absent?: [[row, ...] per field]} and keeps their values until
// its next report. The worker's store keeps them as rows that read a column when a sort, a
// search or a summary first asks for one of its values (a Float64Array for a column of numbers),
// so the columns no one reads never leave the engine; a row's object value (a product's
// elasticity) reads each of its keys from a column of its own, the same way. The rows sent to
// the page come from the engine as the SPEC form's objects (plainRows), the keys each row had.

const AT = Symbol('row');  // the row's place in its list (no key of the engine's)
const MEMBERS = Symbol('members');  // on an object column's objects' prototype
const GAPS_SET = Symbol('gaps');  // on a text column whose absent rows read undefined
const KEPT = Symbol('kept');  // on a list's row prototype: {kept, table}

/** Whether `value` is a list kept in the engine (an array is a list of rows). */
export function isKeptList(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) &&
    Number.isInteger(value.length) && value.length >= 0 && Number.isInteger(value.kept) && Array.isArray(value.fields);
}

/**
 * The rows of a list kept in the engine, read through `kept` (pulse.js keptLists()): each reads
 * `row.key` from its column, fetched once when first read; a key the row lacked (absent) reads
 * undefined, as it would on the row itself. A key whose values are objects (its columns named
 * by `parents`) reads null for a null, else an object whose keys read their columns alike.
 */
export function keptRows(list, kept) {
  const n = list.fields.length;
  const parents = Array.isArray(list.parents) && list.parents.length === n ? list.parents : new Array(n).fill(-1);
  const absent = Array.isArray(list.absent) && list.absent.length === n ? list.absent : [];
  const columns = new Array(n).fill(null);
  const column = (j) => columns[j] || (columns[j] = kept.column(list.kept, j));
  // One class per object (the rows: parent -1), its keys as getters on the prototype.
  const classes = new Map();
  const classOf = (parent) => {
    if (!classes.has(parent)) {
      classes.set(parent, class {
        constructor(at) {
          this[AT] = at;
        }
      });
    }
    return classes.get(parent);
  };
  const Row = classOf(-1);
  const objects = new Set(parents.filter((p) => p >= 0));
  for (const j of objects) Object.defineProperty(classOf(j).prototype, MEMBERS, { value: true });
  const gapSets = list.fields.map((_, j) => (Array.isArray(absent[j]) && absent[j].length ? new Set(absent[j]) : null));
  list.fields.forEach((key, j) => {
    const gaps = gapSets[j];
    const Members = objects.has(j) ? classOf(j) : null;
    Object.defineProperty(classOf(parents[j]).prototype, key, {
      get() {
        const at = this[AT];
        if (gaps && gaps.has(at)) return undefined;
        const v = column(j)[at];
        if (v !== v) return null; // NaN: a null among numbers (or a null object)
        return Members ? new Members(at) : v;
      },
      enumerable: true,
    });
  });
  // A key's (or an object column's key's, 'key.member') whole column, for valuesOf.
  // A text column's rows that lacked the key read undefined there, as on the rows themselves
  // (the engine pads them with null); the getters test the gaps first, so they read it alike.
  const whole = (j) => {
    const c = column(j);
    if (Array.isArray(c) && !c[GAPS_SET]) {
      for (const k of Array.isArray(absent[j]) ? absent[j] : []) if (k >= 0 && k < c.length) c[k] = undefined;
      Object.defineProperty(c, GAPS_SET, { value: true });
    }
    return c;
  };
  // The column of `path` ('key', or 'key.member' for a key of the rows' objects), or -1.
  const columnAt = (path) => {
    const dot = path.indexOf('.');
    const j = list.fields.findIndex((f, i) => f === (dot < 0 ? path : path.slice(0, dot)) && parents[i] === -1);
    if (dot < 0 || j < 0) return j;
    return list.fields.findIndex((f, i) => f === path.slice(dot + 1) && parents[i] === j);
  };
  const values = (path) => {
    const m = columnAt(path);
    return m < 0 ? null : whole(m);
  };
  // The values of `paths` for `rows` (rows of this list), one array per path in the rows'
  // order, each gathered from its whole column: a Float64Array (NaN for a null or a lacking
  // value) for a column of numbers, else an array. Null when a path is not a column of values
  // (an object column itself, or a key the list does not have): the caller then reads the rows.
  const columnsOf = (rows, paths) => {
    const out = {};
    for (const path of paths) {
      const m = columnAt(path);
      if (m < 0 || objects.has(m)) return null;
      const c = whole(m);
      const v = c instanceof Float64Array ? new Float64Array(rows.length) : new Array(rows.length);
      for (let i = 0; i < rows.length; i++) v[i] = c[rows[i][AT]];
      out[path] = v;
    }
    return out;
  };
  Object.defineProperty(Row.prototype, KEPT, { value: { kept, table: list.kept, values, columnsOf } });
  const rows = new Array(list.length);
  for (let i = 0; i < list.length; i++) rows[i] = new Row(i);
  return rows;
}

/**
 * Every row's value of `path` ('key', or 'key.member' for a key of the rows' objects), indexed
 * like the rows, for a summary that reads a few keys of every row: a kept list's column as the
 * engine gives it, at once, where reading it row by row goes through a getter per value. As the
 * rows read it, except that a null or a lacking key among numbers reads NaN and an object column
 * reads 1 (NaN for a null) where its row has an object: test with isValue.
 */
export function valuesOf(rows, path) {
  const from = rows.length ? rows[0][KEPT] : null;
  const kept = from ? from.values(path) : null;
  if (kept) return kept;
  const dot = path.indexOf('.');
  if (dot < 0) return rows.map((r) => r[path]);
  const key = path.slice(0, dot), member = path.slice(dot + 1);
  return rows.map((r) => (r[key] ? r[key][member] : undefined));
}

/** Whether a value of valuesOf is there: not null, undefined or NaN. */
export function isValue(v) {
  return v !== null && v !== undefined && v === v;
}

/** A value read from a kept row, as it can be posted: an object column's object (its keys
 *  are getters, which a structured clone would not copy) as a plain object of the keys it has. */
export function plainValue(value) {
  if (value === null || typeof value !== 'object' || !value[MEMBERS]) return value;
  const o = {};
  for (const k in value) {
    const v = value[k];
    if (v !== undefined) o[k] = v;
  }
  return o;
}

/**
 * The values of `paths` ('key', or 'key.member' for a key of the rows' objects) for `rows`, as
 * columns to post to the page ({path: values in the rows' order}), for a chart that needs a few
 * values of thousands of rows: typed arrays and flat arrays cross to the page for a fraction of
 * what as many objects cost to copy (a catalog's elasticity chart: 2,400 products, 1.3 MB as
 * objects). Kept rows (all of one list) gather each column from the engine's whole column (a
 * Float64Array, NaN for a null, when it holds numbers); other rows are read value by value
 * (null and undefined as they read). The page reads NaN, null and undefined alike: no value.
 */
export function pickedColumns(rows, paths) {
  const from = rows.length ? rows[0][KEPT] : null;
  const gathered = from ? from.columnsOf(rows, paths) : null;
  if (gathered) return gathered;
  const out = {};
  for (const path of paths) {
    const dot = path.indexOf('.');
    const key = dot < 0 ? path : path.slice(0, dot), member = path.slice(dot + 1);
    out[path] = rows.map((r) => (dot < 0 ? plainValue(r[key]) : r[key] ? plainValue(r[key][member]) : undefined));
  }
  return out;
}

/** Rows as plain objects, to post to the page: kept rows (all of one list) asked of the engine
 *  in one call, plain rows as they are. */
export function plainRows(rows) {
  const from = rows.length ? rows[0][KEPT] : null;
  if (!from) return rows;
  return from.kept.rows(from.table, rows.map((r) => r[AT]));
}
