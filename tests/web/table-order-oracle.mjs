// The page's table ordering written again, independently of web/src/table-order.js, so that the
// paging tests (tests/web/report-store.test.mjs, tests/browser/paging.test.mjs) compare the
// worker's pages with rules they did not take from the code under test.

/** Rows in the table's order: missing values last in both directions, numbers by value, text by
 *  the numeric, case- and accent-blind collation, ties in list order. read(row): the sorted
 *  value, the row's own `key` unless told (a column showing a name, or a nested figure). */
export function orderedRows(rows, key, dir, read = (r) => r[key]) {
  const coll = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const sign = dir === 'asc' ? 1 : -1;
  return rows.map((r, i) => ({ r, i, v: read(r) })).sort((a, b) => {
    const am = a.v === null || a.v === undefined, bm = b.v === null || b.v === undefined;
    if (am || bm) return am === bm ? a.i - b.i : am ? 1 : -1;
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : coll.compare(String(a.v), String(b.v));
    return sign * c || a.i - b.i;
  }).map((x) => x.r);
}
