// The order and the matches of a table's rows: one implementation for the page's tables
// (table.js) and for the rows the worker pages (worker/report-store.js), so a table sorted or
// searched in the worker shows exactly what the same table sorted on the page would.
// A column here is {key, value(row), searchText(row)?, search}: what table.js columns carry.

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const missing = (v) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

/** Numbers by value, anything else as text in the page's language order (numeric runs as
 *  numbers: 'Q-9' before 'Q-10'); missing values last, whatever the direction. */
export function compareValues(a, b) {
  const an = missing(a), bn = missing(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** Whether a row matches the search text q (already trimmed and lower-cased): some searchable
 *  column's text contains it. */
export function rowMatches(row, searchable, q) {
  return searchable.some((c) => {
    const v = c.searchText ? c.searchText(row) : c.value(row);
    return v !== null && v !== undefined && String(v).toLowerCase().includes(q);
  });
}

/**
 * The rows a table shows: filtered (filter(row)), searched (query), then sorted by
 * sort = {key, dir: 'asc'|'desc'}; ties and missing values keep the rows' own order.
 */
export function orderRows(rows, columns, { sort = null, query = '', filter = null } = {}) {
  const q = String(query || '').trim().toLowerCase();
  let out = rows;
  if (filter) out = out.filter(filter);
  if (q) {
    const searchable = columns.filter((c) => c.search !== false);
    out = out.filter((r) => rowMatches(r, searchable, q));
  }
  const col = sort && columns.find((c) => c.key === sort.key);
  if (col) {
    const dir = sort.dir === 'asc' ? 1 : -1;
    const keyed = out.map((r, i) => [col.value(r), i, r]);
    keyed.sort((a, b) => {
      const an = a[0] === null || a[0] === undefined, bn = b[0] === null || b[0] === undefined;
      if (an || bn) return an === bn ? a[1] - b[1] : an ? 1 : -1;
      return dir * compareValues(a[0], b[0]) || a[1] - b[1];
    });
    out = keyed.map((x) => x[2]);
  }
  return out;
}
