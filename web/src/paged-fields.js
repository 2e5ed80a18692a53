// The big lists of a report that stay in the engine's worker (worker/report-store.js) and
// reach the page a page at a time, and the fields their tables sort and search by. The page's
// table columns take value and searchText from here, and the worker sorts and searches with
// the same functions (table-order.js), so both give the same rows in the same order.

/**
 * By table id: where the list lives in the report, the field that names a row, and per column
 * key its value(row) and, when the search reads other words, searchText(row, names) with
 * names = {customerName(id) (the customer names of the same report), word(field, code) (a
 * code's words in the page's language: the page's paged-words.js, sent with each request so
 * that the worker carries no texts)}. `worded` lists the fields searched by their words: the
 * worker lists their codes in report.paged so the page can word them.
 */
export const PAGED_LISTS = {
  // Every deal of the period with its history (docs/kpi-deals.md, "deals"): most of the
  // report's bytes when quotes or opportunities are loaded (1,200 deals of the samples are
  // 60% of their report; 8,800 of the CRM pipeline, 76%).
  'negotiations.deals': {
    path: ['negotiations', 'deals'],
    key: 'deal_id',
    worded: ['status'],
    fields: {
      deal_id: { value: (d) => d.deal_id },
      customer_id: { value: (d) => d.customer_id, searchText: (d, names) => `${d.customer_id || ''} ${names.customerName(d.customer_id) || ''}` },
      status: { value: (d) => d.status, searchText: (d, names) => names.word('status', d.status) },
      outcome: { value: (d) => d.outcome },
      amount: { value: (d) => d.amount },
      discount: { value: (d) => d.discount },
      rounds: { value: (d) => d.rounds },
      created_at: { value: (d) => d.created_at },
      closed_at: { value: (d) => d.closed_at },
    },
  },
};

/** Table columns of list `id` for table-order.js: {key, value, searchText} with the names bound. */
export function pagedColumns(id, names) {
  const fields = PAGED_LISTS[id].fields;
  return Object.keys(fields).map((key) => {
    const f = fields[key];
    return { key, value: f.value, searchText: f.searchText ? (row) => f.searchText(row, names) : undefined };
  });
}

/** The list at `path` in a report, or null when the report does not have it (unavailable). */
export function listAt(report, path) {
  let v = report;
  for (const k of path) v = v && typeof v === 'object' ? v[k] : undefined;
  return Array.isArray(v) ? v : null;
}
