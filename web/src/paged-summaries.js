// What the dashboards read of a paged list besides its table (paged-fields.js), computed in the
// worker when it keeps the list (worker/report-store.js) and sent in report.paged.lists[id].
// summary: small counts, not rows, so the page draws its tiles, chips and grids without the
// list; a row the page needs whole (the chosen customer, a chart's dots) is fetched instead.
import { valuesOf, isValue } from './worker/kept-lists.js';

const SUMMARIES = {
  'negotiations.open': openSummary,
  'customers.rows': customersSummary,
  'catalogs.products': productsSummary,
};

/** The summary of list `id` (its rows, from `report`), or null for a list without one. */
export function summarize(id, rows, report) {
  return SUMMARIES[id] ? SUMMARIES[id](rows, report) : null;
}

// The open deals' fields the table shows as columns only when the engine gives them (newer
// engines: the expected close date, the 30-day chances, the tail mark).
const OPTIONAL_OPEN_FIELDS = ['expected_close_date', 'p_won_within_30d', 'p_close_within_30d', 'win_probability_tail'];

/**
 * expiring_soon: how many deals expire soon (the closing-soon list's "of"); fields: which of
 * OPTIONAL_OPEN_FIELDS some deal carries; slipping_customers: [deal_id, customer_id] pairs of
 * the sales team's slipping deals (sales_team.slipping names no customer), as many as that
 * list, which the page holds anyway: nothing here grows with the open deals.
 */
function openSummary(rows, report) {
  let expiring = 0;
  const fields = Object.fromEntries(OPTIONAL_OPEN_FIELDS.map((k) => [k, false]));
  for (const d of rows) {
    if (d.expiring_soon) expiring++;
    for (const k of OPTIONAL_OPEN_FIELDS) if (!fields[k] && d[k] !== undefined) fields[k] = true;
  }
  const team = report && report.sales_team;
  const slipping = team && Array.isArray(team.slipping) ? team.slipping : [];
  const wanted = new Set(slipping.map((d) => d.deal_id));
  const slippingCustomers = [];
  for (const d of rows) if (wanted.has(d.deal_id)) slippingCustomers.push([d.deal_id, d.customer_id ?? null]);
  return { expiring_soon: expiring, fields, slipping_customers: slippingCustomers };
}

/**
 * rfm: 5×5 counts by R and F score; shrinking: how many shrink; first: the customer the
 * dashboard starts with (the biggest late one in the engine's order, else the first);
 * has_chances: whether the rows carry the chance of an order; catalogs: the catalogs named
 * by customers; ids and names: every customer id and the names of those that have one (the
 * filter's list); attention: the rows the sales team's attention list shows.
 */
function customersSummary(rows, report) {
  const rfm = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  let shrinking = 0;
  let hasChances = false;
  const catalogs = new Set();
  const names = []; // [id, name] pairs: an id is no safe object key ('__proto__')
  // Whole columns, not a getter per value (worker/kept-lists.js valuesOf).
  const id = valuesOf(rows, 'customer_id'), name = valuesOf(rows, 'customer_name'), score = valuesOf(rows, 'rfm'),
    shrinks = valuesOf(rows, 'shrinking'), chance = valuesOf(rows, 'p_order_next'), catalog = valuesOf(rows, 'catalog'),
    status = valuesOf(rows, 'status');
  let first = -1;
  for (let i = 0; i < rows.length; i++) {
    const s = score[i];
    if (s && s.length >= 2) {
      const R = +s[0], F = +s[1];
      if (R >= 1 && R <= 5 && F >= 1 && F <= 5) rfm[R - 1][F - 1]++;
    }
    if (shrinks[i]) shrinking++;
    if (!hasChances && typeof chance[i] === 'number' && Number.isFinite(chance[i])) hasChances = true;
    if (catalog[i]) catalogs.add(catalog[i]);
    if (name[i]) names.push([id[i], name[i]]);
    if (first < 0 && (status[i] === 'overdue' || status[i] === 'lapsed')) first = i;
  }
  if (first < 0 && rows.length) first = 0;
  const wanted = new Set();
  const reps = report && report.sales_team && Array.isArray(report.sales_team.reps) ? report.sales_team.reps : [];
  for (const rep of reps) for (const who of rep.attention || []) wanted.add(who);
  const attention = [];
  for (let i = 0; i < rows.length; i++) {
    if (!wanted.has(id[i])) continue;
    const r = rows[i];
    attention.push({ customer_id: r.customer_id, customer_name: r.customer_name, status: r.status, days_since_last_order: r.days_since_last_order,
      overdue_ratio: r.overdue_ratio, revenue: r.revenue });
  }
  return { rfm, shrinking, first: first >= 0 ? id[first] : null, has_chances: hasChances, catalogs: [...catalogs],
    ids: Array.from(id), names, attention };
}

/**
 * skus: distinct SKUs; fitted and elastic: products with a fit, and an elastic one; with_ci
 * and confidence: whether the fits have intervals, and at what confidence; by_catalog:
 * [catalog, {products, abc_count, abc_revenue, classes}] pairs (a name is no safe object key):
 * per catalog, its products, by ABC class (count, revenue) and by elasticity class.
 */
function productsSummary(rows) {
  let fitted = 0, elastic = 0, withCi = false, confidence = null;
  const byCatalog = new Map();
  // Whole columns, not a getter per value (worker/kept-lists.js valuesOf); a product's fit is
  // its elasticity object, read key by key.
  const sku = valuesOf(rows, 'sku'), catalog = valuesOf(rows, 'catalog'), abc = valuesOf(rows, 'abc'), revenue = valuesOf(rows, 'revenue'),
    fit = valuesOf(rows, 'elasticity'), klass = valuesOf(rows, 'elasticity.class'), ciLow = valuesOf(rows, 'elasticity.ci_low'),
    level = valuesOf(rows, 'elasticity.confidence');
  const skus = new Set(sku);
  for (let i = 0; i < rows.length; i++) {
    const k = catalog[i];
    let c = byCatalog.get(k);
    if (!c) byCatalog.set(k, (c = { products: 0, abc_count: { A: 0, B: 0, C: 0 }, abc_revenue: { A: 0, B: 0, C: 0 }, classes: {} }));
    c.products++;
    const a = abc[i];
    if (Object.hasOwn(c.abc_count, a)) c.abc_count[a]++, (c.abc_revenue[a] += Math.max(0, revenue[i] || 0));
    if (!isValue(fit[i])) continue;
    fitted++;
    const cls = klass[i];
    if (cls === 'elastic') elastic++;
    if (Number.isFinite(ciLow[i])) withCi = true;
    if (confidence === null && level[i]) confidence = level[i];
    if (typeof cls === 'string') c.classes[cls] = (Object.hasOwn(c.classes, cls) ? c.classes[cls] : 0) + 1;
  }
  return { skus: skus.size, fitted, elastic, with_ci: withCi, confidence, by_catalog: [...byCatalog] };
}
