// What the dashboards read of a paged list besides its table (paged-fields.js), computed in the
// worker when it keeps the list (worker/report-store.js) and sent in report.paged.lists[id].
// summary: small counts, not rows, so the page draws its tiles, chips and grids without the
// list; a row the page needs whole (the chosen customer, a chart's dots) is fetched instead.
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
  for (const r of rows) {
    if (r.rfm && r.rfm.length >= 2) {
      const R = +r.rfm[0], F = +r.rfm[1];
      if (R >= 1 && R <= 5 && F >= 1 && F <= 5) rfm[R - 1][F - 1]++;
    }
    if (r.shrinking) shrinking++;
    if (typeof r.p_order_next === 'number' && Number.isFinite(r.p_order_next)) hasChances = true;
    if (r.catalog) catalogs.add(r.catalog);
    if (r.customer_name) names.push([r.customer_id, r.customer_name]);
  }
  const first = rows.find((r) => r.status === 'overdue' || r.status === 'lapsed') || rows[0];
  const wanted = new Set();
  const reps = report && report.sales_team && Array.isArray(report.sales_team.reps) ? report.sales_team.reps : [];
  for (const rep of reps) for (const id of rep.attention || []) wanted.add(id);
  const attention = [];
  for (const r of rows) {
    if (!wanted.has(r.customer_id)) continue;
    attention.push({ customer_id: r.customer_id, customer_name: r.customer_name, status: r.status, days_since_last_order: r.days_since_last_order,
      overdue_ratio: r.overdue_ratio, revenue: r.revenue });
  }
  return { rfm, shrinking, first: first ? first.customer_id : null, has_chances: hasChances, catalogs: [...catalogs],
    ids: rows.map((r) => r.customer_id), names, attention };
}

/**
 * skus: distinct SKUs; fitted and elastic: products with a fit, and an elastic one; with_ci
 * and confidence: whether the fits have intervals, and at what confidence; by_catalog:
 * [catalog, {products, abc_count, abc_revenue, classes}] pairs (a name is no safe object key):
 * per catalog, its products, by ABC class (count, revenue) and by elasticity class.
 */
function productsSummary(rows) {
  const skus = new Set();
  let fitted = 0, elastic = 0, withCi = false, confidence = null;
  const byCatalog = new Map();
  for (const p of rows) {
    skus.add(p.sku);
    if (!byCatalog.has(p.catalog)) byCatalog.set(p.catalog, { products: 0, abc_count: { A: 0, B: 0, C: 0 }, abc_revenue: { A: 0, B: 0, C: 0 }, classes: {} });
    const c = byCatalog.get(p.catalog);
    c.products++;
    if (Object.hasOwn(c.abc_count, p.abc)) c.abc_count[p.abc]++, (c.abc_revenue[p.abc] += Math.max(0, p.revenue || 0));
    const e = p.elasticity;
    if (!e) continue;
    fitted++;
    if (e.class === 'elastic') elastic++;
    if (Number.isFinite(e.ci_low)) withCi = true;
    if (confidence === null && e.confidence) confidence = e.confidence;
    if (typeof e.class === 'string') c.classes[e.class] = (Object.hasOwn(c.classes, e.class) ? c.classes[e.class] : 0) + 1;
  }
  return { skus: skus.size, fitted, elastic, with_ci: withCi, confidence, by_catalog: [...byCatalog] };
}
