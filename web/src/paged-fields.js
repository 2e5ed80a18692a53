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
  // Every deal still open at the as-of date with its win chance (docs/kpi-deals.md, "open"):
  // 0.8 of the CRM pipeline's 0.84 MB once the deals stay here. The open deals table and the
  // sales team's closing-soon list ask for their pages (`expiring_soon` is the latter's
  // filter), the quote detail for its deal; what else reads it comes with report.paged
  // (paged-summaries.js: which optional columns the rows carry, the slipping deals' customers).
  'negotiations.open': {
    path: ['negotiations', 'open'],
    key: 'deal_id',
    worded: ['status', 'sales_rep'],
    fields: {
      deal_id: { value: (d) => d.deal_id },
      customer_id: { value: (d) => d.customer_id, searchText: (d, names) => `${d.customer_id || ''} ${names.customerName(d.customer_id) || ''}` },
      sales_rep: { value: (d) => d.sales_rep, searchText: (d, names) => `${d.sales_rep || ''} ${d.sales_rep ? names.word('sales_rep', d.sales_rep) : '—'}` },
      status: { value: (d) => d.status, searchText: (d, names) => names.word('status', d.status) },
      amount: { value: (d) => d.amount },
      age_days: { value: (d) => d.age_days },
      win_probability: { value: (d) => d.win_probability },
      expected_value: { value: (d) => d.expected_value },
      expected_close_date: { value: (d) => d.expected_close_date },
      p_won_within_30d: { value: (d) => d.p_won_within_30d },
      p_close_within_30d: { value: (d) => d.p_close_within_30d },
      // A hidden column of the table, 1 when the chance is read past the data's reach.
      win_probability_tail: { value: (d) => (d.win_probability_tail === undefined ? null : d.win_probability_tail ? 1 : 0) },
      expires_at: { value: (d) => d.expires_at },
    },
    where: {
      expiring_soon: (d) => !!d.expiring_soon,
    },
  },
  // Every customer of the period with its rhythm, chances and RFM scores (docs/kpi.md): 3.9 MB
  // of Online Retail's 6.5 MB report. The dashboard's counts, RFM grid and the filter's names
  // come with report.paged (paged-summaries.js); the chosen customer's row is fetched.
  'customers.rows': {
    path: ['customers', 'rows'],
    key: 'customer_id',
    worded: ['status', 'sales_rep'],
    fields: {
      customer: { value: (r) => r.customer_name || r.customer_id, searchText: (r) => `${r.customer_name || ''} ${r.customer_id}` },
      customer_id: { value: (r) => r.customer_id },
      catalog: { value: (r) => r.catalog },
      sales_rep: { value: (r) => r.sales_rep, searchText: (r, names) => `${r.sales_rep || ''} ${r.sales_rep ? names.word('sales_rep', r.sales_rep) : '—'}` },
      status: { value: (r) => r.status, searchText: (r, names) => names.word('status', r.status) },
      p_order_next: { value: (r) => r.p_order_next },
      revenue_at_risk: { value: (r) => r.revenue_at_risk },
      orders: { value: (r) => r.orders },
      revenue: { value: (r) => r.revenue },
      aov: { value: (r) => r.aov },
      margin_pct: { value: (r) => r.margin_pct },
      last_order: { value: (r) => r.last_order },
      days_since_last_order: { value: (r) => r.days_since_last_order },
      median_interval_days: { value: (r) => r.median_interval_days },
      expected_next_order: { value: (r) => r.expected_next_order },
      overdue_ratio: { value: (r) => r.overdue_ratio },
      rfm: { value: (r) => r.rfm },
    },
    // What the table's chips and the RFM grid filter by, besides the fields.
    where: {
      rfm_rf: (r) => (r.rfm && r.rfm.length >= 2 ? `${r.rfm[0]},${r.rfm[1]}` : null),
      shrinking: (r) => !!r.shrinking,
    },
  },
  // Every product of every catalog with its ABC class and price elasticity: 2.5 MB of Online
  // Retail's report. The tiles' and chips' counts come with report.paged; the elasticity chart
  // fetches the fitted products of the chosen catalog (where plotted), the table its pages.
  'catalogs.products': {
    path: ['catalogs', 'products'],
    key: 'sku',
    worded: [],
    fields: {
      catalog: { value: (p) => p.catalog },
      sku: { value: (p) => p.sku },
      product_name: { value: (p) => p.product_name },
      abc: { value: (p) => p.abc },
      units: { value: (p) => p.units },
      revenue: { value: (p) => p.revenue },
      revenue_share: { value: (p) => p.revenue_share },
      orders: { value: (p) => p.orders },
      customers: { value: (p) => p.customers },
      avg_price: { value: (p) => p.avg_price },
      margin_pct: { value: (p) => p.margin_pct },
      elasticity: { value: (p) => (p.elasticity ? usedFit(p.elasticity).slope : null) },
      elasticity_low: { value: (p) => (p.elasticity ? usedFit(p.elasticity).ci_low ?? null : null) },
      elasticity_high: { value: (p) => (p.elasticity ? usedFit(p.elasticity).ci_high ?? null : null) },
      std_error: { value: (p) => (p.elasticity ? p.elasticity.std_error : null) },
      r2: { value: (p) => (p.elasticity ? p.elasticity.r2 : null) },
      class: { value: (p) => (p.elasticity ? p.elasticity.class : null) },
    },
    where: {
      // A dot of the elasticity chart: a finite fit and some revenue (a log scale).
      plotted: (p) => !!p.elasticity && Number.isFinite(usedFit(p.elasticity).slope) && p.revenue > 0,
    },
  },
};

/** The fit a product's class uses: the catalog's pooled one when given, else its own. */
export function usedFit(e) {
  if (!e) return null;
  const num = (v) => typeof v === 'number' && Number.isFinite(v);
  return num(e.pooled_slope) ? { slope: e.pooled_slope, ci_low: e.pooled_ci_low, ci_high: e.pooled_ci_high } : e;
}

/** A test of whether a row of list `id` passes where = {field: value} (all equal), each read as
 *  the list's fields and `where` extractors read it, else as the row's own property; made once
 *  for a request, then run on every row of the list. */
export function whereTest(id, where) {
  const spec = PAGED_LISTS[id];
  const tests = Object.entries(where || {}).map(([k, v]) => {
    const read = (spec.where && spec.where[k]) || (spec.fields[k] && spec.fields[k].value);
    return [read || ((row) => row[k]), v];
  });
  return (row) => tests.every(([read, v]) => read(row) === v);
}

/** Table columns of list `id` for table-order.js: {key, value, searchText} with the names bound. */
export function pagedColumns(id, names) {
  return Object.keys(PAGED_LISTS[id].fields).map(fieldColumn(id, names));
}

/** key -> the {key, value, searchText?} of list `id`'s field, names bound: what a page's table
 *  column spreads, so that it sorts and searches as the worker does. */
export function fieldColumn(id, names) {
  const fields = PAGED_LISTS[id].fields;
  return (key) => {
    const f = fields[key];
    return { key, value: f.value, ...(f.searchText && { searchText: (row) => f.searchText(row, names) }) };
  };
}

/** The list at `path` in a report, or null when the report does not have it (unavailable). */
export function listAt(report, path) {
  let v = report;
  for (const k of path) v = v && typeof v === 'object' ? v[k] : undefined;
  return Array.isArray(v) ? v : null;
}

/**
 * The rows of an answer to a request for columns (ReportStore.rows with `columns`): one plain
 * object per row, a 'key.member' path's value under row[key][member]; a value that is not there
 * (NaN in a column of numbers, null, undefined) reads null.
 */
export function rowsOfColumns(answer) {
  // Each path split once: [values, key, member (null for a row's own key)].
  const paths = Object.entries(answer.columns).map(([path, values]) => {
    const dot = path.indexOf('.');
    return dot < 0 ? [values, path, null] : [values, path.slice(0, dot), path.slice(dot + 1)];
  });
  const rows = [];
  for (let i = 0; i < answer.count; i++) {
    const row = {};
    for (const [values, key, member] of paths) {
      let v = values[i];
      if (v === undefined || v !== v) v = null;
      if (member === null) row[key] = v;
      else (row[key] ||= {})[member] = v;
    }
    rows.push(row);
  }
  return rows;
}
