// The customers and products the worker keeps (web/src/worker/report-store.js, paged-fields.js)
// on the samples' golden report: what report.paged sums up for the dashboards (RFM grid,
// shrinking count, first customer, the filter's names, ABC and class counts by catalog) equals
// the figures counted here from the full rows; every sort key both ways pages the whole list in
// the table order (tests/web/table-order-oracle.mjs, with the columns' values written out again
// here); the chips' filters, the searches by status words and rep names, one customer by id and
// the chart's dots (a few fields of the plotted products) are the rows picked here by hand.
// Run: node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ReportStore } from '../../web/src/worker/report-store.js';
import { PAGED_LISTS, rowsOfColumns } from '../../web/src/paged-fields.js';
import { summarize } from '../../web/src/paged-summaries.js';
import { wordsFor } from '../../web/src/paged-words.js';
import { orderedRows } from './table-order-oracle.mjs';

const text = fs.readFileSync(new URL('../golden/samples.json', import.meta.url), 'utf8');
const full = JSON.parse(text);
const customers = full.customers.rows;
const products = full.catalogs.products;
const CUST = 'customers.rows', PROD = 'catalogs.products';
const REP_NAMES = new Map(full.sales_team.reps.map((r) => [r.sales_rep, r.rep_name]));
const repName = (id) => REP_NAMES.get(id) || id;

// Each table column's sorted value, written again from docs/kpi.md's fields.
const fit = (p) => (p.elasticity ? (typeof p.elasticity.pooled_slope === 'number' ? p.elasticity.pooled_slope : p.elasticity.slope) : null);
const READ = {
  [CUST]: { customer: (r) => r.customer_name || r.customer_id },
  [PROD]: {
    elasticity: fit,
    elasticity_low: (p) => (p.elasticity ? (typeof p.elasticity.pooled_slope === 'number' ? p.elasticity.pooled_ci_low : p.elasticity.ci_low) ?? null : null),
    elasticity_high: (p) => (p.elasticity ? (typeof p.elasticity.pooled_slope === 'number' ? p.elasticity.pooled_ci_high : p.elasticity.ci_high) ?? null : null),
    std_error: (p) => (p.elasticity ? p.elasticity.std_error : null),
    r2: (p) => (p.elasticity ? p.elasticity.r2 : null),
    class: (p) => (p.elasticity ? p.elasticity.class : null),
  },
};
const read = (list, key) => READ[list][key] || ((r) => r[key]);

function open(reportId) {
  const store = new ReportStore();
  const slim = store.take(text, reportId);
  return { store, slim };
}

/** Every page of `list` as the page asks for them (its words in lang, reps by name). */
function allPages(store, slim, list, { lang = 'en', ...request }, size = 25) {
  const words = wordsFor(list, slim.paged.lists[list], lang, repName);
  const out = [];
  for (let offset = 0; ; offset += size) {
    const a = store.rows({ ...request, words, report_id: slim.paged.report_id, list, offset, limit: size });
    out.push(...a.rows);
    if (a.rows.length < size) return { rows: out, matched: a.matched, total: a.total };
  }
}

test('the page gets the customers\' and products\' counts, not their rows', () => {
  const { slim } = open(1);
  assert.equal(slim.customers.rows, undefined);
  assert.equal(slim.catalogs.products, undefined);
  assert.equal(slim.paged.lists[CUST].total, 150);
  assert.equal(slim.paged.lists[PROD].total, 480);
  // What is left of the customers and catalogs: their summaries and small lists, a few KB.
  assert.ok(JSON.stringify(slim.customers).length < 40000, `customers: ${JSON.stringify(slim.customers).length} bytes`);
  assert.ok(JSON.stringify(slim.paged.lists[CUST]).length < 12000, `customers' summary: ${JSON.stringify(slim.paged.lists[CUST]).length} bytes`);
  assert.ok(JSON.stringify(slim.paged.lists[PROD]).length < 2000, `products' summary: ${JSON.stringify(slim.paged.lists[PROD]).length} bytes`);
  assert.deepEqual(slim.paged.lists[CUST].codes, {
    status: [...new Set(customers.map((r) => r.status))].sort(),
    sales_rep: [...new Set(customers.map((r) => r.sales_rep).filter(Boolean))].sort(),
  });
});

test('the customers\' summary: RFM grid, shrinking, first customer, names, attention rows', () => {
  const { slim } = open(2);
  const sum = slim.paged.lists[CUST].summary;
  const grid = [0, 1, 2, 3, 4].map((R) => [0, 1, 2, 3, 4].map((F) => customers.filter((c) => c.rfm && c.rfm[0] === String(R + 1) && c.rfm[1] === String(F + 1)).length));
  assert.deepEqual(sum.rfm, grid);
  assert.equal(sum.rfm.flat().reduce((a, b) => a + b, 0), 150, 'every sample customer has R and F scores');
  assert.equal(sum.shrinking, customers.filter((c) => c.shrinking === true).length);
  assert.equal(sum.shrinking, 17);
  assert.equal(sum.first, customers.find((c) => ['overdue', 'lapsed'].includes(c.status)).customer_id);
  assert.equal(sum.first, 'C028');
  assert.equal(sum.has_chances, true);
  assert.deepEqual(sum.ids, customers.map((c) => c.customer_id));
  assert.deepEqual(sum.names, customers.filter((c) => c.customer_name).map((c) => [c.customer_id, c.customer_name]));
  assert.deepEqual(sum.catalogs.sort(), ['Distributors', 'Premium', 'Retail Partners', 'Wholesale']);
  const wanted = new Set(full.sales_team.reps.flatMap((r) => r.attention || []));
  assert.ok(wanted.size > 0, 'the samples\' reps have customers needing attention');
  assert.deepEqual(sum.attention.map((a) => a.customer_id).sort(), [...wanted].sort());
  for (const a of sum.attention) {
    const c = customers.find((x) => x.customer_id === a.customer_id);
    assert.deepEqual(a, { customer_id: c.customer_id, customer_name: c.customer_name, status: c.status,
      days_since_last_order: c.days_since_last_order, overdue_ratio: c.overdue_ratio, revenue: c.revenue });
  }
});

test('the products\' summary: SKUs, fits, ABC and classes by catalog', () => {
  const { slim } = open(3);
  const sum = slim.paged.lists[PROD].summary;
  assert.equal(sum.skus, new Set(products.map((p) => p.sku)).size);
  assert.equal(sum.fitted, products.filter((p) => p.elasticity).length);
  assert.equal(sum.elastic, products.filter((p) => p.elasticity && p.elasticity.class === 'elastic').length);
  assert.equal(sum.with_ci, true);
  assert.equal(sum.confidence, 0.9);
  const byCatalog = new Map(sum.by_catalog);
  assert.deepEqual([...byCatalog.keys()], [...new Set(products.map((p) => p.catalog))]);
  for (const [catalog, c] of byCatalog) {
    const mine = products.filter((p) => p.catalog === catalog);
    assert.equal(c.products, mine.length);
    for (const k of ['A', 'B', 'C']) {
      const ofK = mine.filter((p) => p.abc === k);
      assert.equal(c.abc_count[k], ofK.length, `${catalog} ${k}`);
      assert.ok(Math.abs(c.abc_revenue[k] - ofK.reduce((a, p) => a + Math.max(0, p.revenue || 0), 0)) < 1e-6, `${catalog} ${k} revenue`);
    }
    for (const k of ['elastic', 'inelastic', 'positive', 'uncertain']) {
      assert.equal(c.classes[k] || 0, mine.filter((p) => p.elasticity && p.elasticity.class === k).length, `${catalog} ${k}`);
    }
  }
});

test('every column of the customers and products tables, both ways: the whole list in the table order', () => {
  const { store, slim } = open(4);
  for (const [list, rows, key] of [[CUST, customers, 'customer_id'], [PROD, products, 'sku']]) {
    for (const k of Object.keys(PAGED_LISTS[list].fields)) {
      for (const dir of ['asc', 'desc']) {
        const got = allPages(store, slim, list, { sort: { key: k, dir } });
        assert.equal(got.matched, rows.length);
        const want = orderedRows(rows, k, dir, read(list, k));
        // Products: the same SKU in several catalogs; compare whole rows by position.
        assert.deepEqual(got.rows.map((r) => `${r.catalog}/${r[key]}`), want.map((r) => `${r.catalog}/${r[key]}`), `${list} ${k} ${dir}`);
      }
    }
  }
});

test('the chips\' filters, searches by status words and rep names, one customer, the chart\'s dots', () => {
  const { store, slim } = open(5);
  const byRevenue = { sort: { key: 'revenue', dir: 'desc' } };
  const ids = (rows) => rows.map((r) => r.customer_id);
  const want = (f) => ids(orderedRows(customers.filter(f), 'revenue', 'desc'));
  // Status chip, RFM cell, shrinking chip: `total` counts the rows the chip leaves.
  const overdue = allPages(store, slim, CUST, { ...byRevenue, where: { status: 'overdue' } });
  assert.deepEqual(ids(overdue.rows), want((c) => c.status === 'overdue'));
  assert.equal(overdue.total, customers.filter((c) => c.status === 'overdue').length);
  assert.deepEqual(ids(allPages(store, slim, CUST, { ...byRevenue, where: { rfm_rf: '5,5' } }).rows), want((c) => c.rfm && c.rfm.startsWith('55')));
  assert.deepEqual(ids(allPages(store, slim, CUST, { ...byRevenue, where: { shrinking: true } }).rows), want((c) => c.shrinking));
  // Searched by the status's words in the page's language, and by a rep's name.
  const lapsedEn = allPages(store, slim, CUST, { ...byRevenue, query: 'LAPSED' });
  assert.deepEqual(ids(lapsedEn.rows), want((c) => c.status === 'lapsed' || JSON.stringify(c).toLowerCase().includes('lapsed')));
  assert.ok(lapsedEn.rows.length > 0);
  assert.deepEqual(ids(allPages(store, slim, CUST, { ...byRevenue, query: 'ушёл', lang: 'ru' }).rows), want((c) => c.status === 'lapsed'));
  const rep = customers.find((c) => c.sales_rep && REP_NAMES.get(c.sales_rep)).sales_rep;
  const name = REP_NAMES.get(rep);
  assert.deepEqual(ids(allPages(store, slim, CUST, { ...byRevenue, query: name }).rows), want((c) => c.sales_rep === rep || (c.customer_name || '').includes(name)));
  assert.deepEqual(allPages(store, slim, CUST, { query: 'no such customer at all' }).rows, []);
  // One customer by id (the detail), and none for an id this report does not have.
  const one = store.rows({ report_id: 5, list: CUST, where: { customer_id: 'C028' }, offset: 0, limit: 1 });
  assert.deepEqual(one.rows, [customers.find((c) => c.customer_id === 'C028')]);
  assert.deepEqual(store.rows({ report_id: 5, list: CUST, where: { customer_id: 'C999' }, offset: 0, limit: 1 }).rows, []);
  // The chart's dots: a few fields of the catalog's products with a finite fit and revenue.
  const columns = ['sku', 'product_name', 'revenue', 'elasticity.slope', 'elasticity.class'];
  const dots = store.rows({ report_id: 5, list: PROD, where: { catalog: 'Premium', plotted: true }, offset: 0, limit: null, columns });
  const plotted = products.filter((p) => p.catalog === 'Premium' && p.elasticity && Number.isFinite(fit(p)) && p.revenue > 0);
  assert.ok(plotted.length > 100);
  assert.equal(dots.rows, undefined);
  assert.equal(dots.count, plotted.length);
  assert.deepEqual(rowsOfColumns(dots), plotted.map((p) => ({ sku: p.sku, product_name: p.product_name, revenue: p.revenue, elasticity: { slope: p.elasticity.slope, class: p.elasticity.class } })));
  // The products chips: ABC class and elasticity class within the chosen catalog.
  const ab = allPages(store, slim, PROD, { where: { catalog: 'Premium', abc: 'B', class: 'uncertain' } });
  assert.deepEqual(ab.rows, products.filter((p) => p.catalog === 'Premium' && p.abc === 'B' && p.elasticity && p.elasticity.class === 'uncertain'));
});

test('hostile ids and names ("__proto__", a missing catalog) are kept as data', () => {
  const rows = [
    { customer_id: '__proto__', customer_name: 'constructor', catalog: '__proto__', status: 'due', rfm: '111', sales_rep: null },
    { customer_id: 'toString', customer_name: null, status: 'lapsed', rfm: null, shrinking: true },
  ];
  const sum = summarize(CUST, rows, { sales_team: { reps: [{ attention: ['__proto__'] }] } });
  assert.deepEqual(sum.ids, ['__proto__', 'toString']);
  assert.deepEqual(sum.names, [['__proto__', 'constructor']]);
  assert.deepEqual(new Map(sum.names).get('__proto__'), 'constructor');
  assert.equal(sum.first, 'toString');
  assert.equal(sum.attention.length, 1);
  const prods = summarize(PROD, [{ sku: 'x', catalog: '__proto__', abc: '__proto__', revenue: 5, elasticity: { slope: -2, class: '__proto__' } }, { sku: 'y', abc: 'A', revenue: 3 }], null);
  const byCatalog = new Map(prods.by_catalog);
  assert.equal(byCatalog.get('__proto__').products, 1);
  assert.equal(byCatalog.get(undefined).abc_count.A, 1);
  assert.equal(prods.skus, 2);
});
