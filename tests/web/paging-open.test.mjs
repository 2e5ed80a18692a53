// The open deals the worker keeps (negotiations.open; web/src/worker/report-store.js,
// paged-fields.js) on the samples' golden report: the page gets the report without them and a
// small summary (the closing-soon count, which optional columns the rows carry, the slipping
// deals' customers) equal to the figures counted here from the full list; every sort key both
// ways pages the whole list in the table order (tests/web/table-order-oracle.mjs, values
// written out again here); searches by customer names, status words in either language, rep
// names and figures; the closing-soon list (expiring soon, one rep); one deal by id; every row
// for an export. Run: node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ReportStore } from '../../web/src/worker/report-store.js';
import { PAGED_LISTS } from '../../web/src/paged-fields.js';
import { summarize } from '../../web/src/paged-summaries.js';
import { wordsFor } from '../../web/src/paged-words.js';
import { dealStatusLabel } from '../../web/src/status-labels.js';
import { orderedRows } from './table-order-oracle.mjs';

const text = fs.readFileSync(new URL('../golden/samples.json', import.meta.url), 'utf8');
const full = JSON.parse(text);
const open = full.negotiations.open;
const OPEN = 'negotiations.open';
const CUSTOMER_NAMES = new Map(full.customers.rows.map((c) => [c.customer_id, c.customer_name]));
const REP_NAMES = new Map(full.sales_team.reps.map((r) => [r.sales_rep, r.rep_name]));
const repName = (id) => REP_NAMES.get(id) || id;
const ids = (rows) => rows.map((d) => d.deal_id);

// The sorted value of a column that is not the row's own field of that name.
const READ = { win_probability_tail: (d) => (d.win_probability_tail === undefined ? null : d.win_probability_tail ? 1 : 0) };
const read = (key) => READ[key] || ((d) => d[key]);

// What the open deals table searched on the page before the list moved to the worker: every
// column's text (customer with its name, rep with its name, status by its words).
function searchTexts(d, lang) {
  return [d.deal_id, `${d.customer_id || ''} ${CUSTOMER_NAMES.get(d.customer_id) || ''}`, `${d.sales_rep || ''} ${d.sales_rep ? repName(d.sales_rep) : '—'}`,
    dealStatusLabel(lang, d.status), d.amount, d.age_days, d.win_probability, d.expected_value, d.expected_close_date,
    d.p_won_within_30d, d.p_close_within_30d, read('win_probability_tail')(d), d.expires_at]
    .filter((v) => v !== null && v !== undefined).map((v) => String(v).toLowerCase());
}

function take(reportId, doc = text) {
  const store = new ReportStore();
  const slim = store.take(typeof doc === 'string' ? doc : JSON.stringify(doc), reportId);
  return { store, slim };
}

/** Every page of the open deals as the page asks for them (words in lang, reps by name). */
function allPages(store, slim, { lang = 'en', ...request }, size = 25) {
  const words = wordsFor(OPEN, slim.paged.lists[OPEN], lang, repName);
  const out = [];
  for (let offset = 0; ; offset += size) {
    const a = store.rows({ ...request, words, report_id: slim.paged.report_id, list: OPEN, offset, limit: size });
    out.push(...a.rows);
    if (a.rows.length < size) return { rows: out, matched: a.matched, total: a.total };
  }
}

test('the page gets the open deals\' count and a small summary, not their rows', () => {
  const { slim } = take(1);
  assert.equal(slim.negotiations.open, undefined);
  const list = slim.paged.lists[OPEN];
  assert.equal(list.total, 55);
  assert.equal(list.total, open.length);
  assert.deepEqual(list.codes, {
    status: [...new Set(open.map((d) => d.status))].sort(),
    sales_rep: [...new Set(open.map((d) => d.sales_rep).filter(Boolean))].sort(),
  });
  // The closing-soon list's "of": the deals expiring soon, the figure the sales team's tile says.
  assert.equal(list.summary.expiring_soon, open.filter((d) => d.expiring_soon).length);
  assert.equal(list.summary.expiring_soon, 22);
  assert.equal(list.summary.expiring_soon, full.sales_team.summary.closing_soon);
  assert.deepEqual(list.summary.fields, { expected_close_date: true, p_won_within_30d: true, p_close_within_30d: true, win_probability_tail: true });
  assert.deepEqual(list.summary.slipping_customers, [], 'the samples have no slipping deal');
  assert.ok(JSON.stringify(list).length < 600, `open deals' summary: ${JSON.stringify(list).length} bytes`);
  // What is left of negotiations: the summaries, monthly figures, stage flow, calibration.
  assert.ok(JSON.stringify(slim.negotiations).length < 20000, `negotiations: ${JSON.stringify(slim.negotiations).length} bytes`);
});

test('the summary: optional columns only when some row carries them, the slipping deals\' customers', () => {
  const bare = open.map(({ expected_close_date, p_won_within_30d, p_close_within_30d, win_probability_tail, ...rest }) => rest); // eslint-disable-line no-unused-vars
  assert.deepEqual(summarize(OPEN, bare, null).fields, { expected_close_date: false, p_won_within_30d: false, p_close_within_30d: false, win_probability_tail: false });
  const one = bare.map((d, i) => (i === 7 ? { ...d, p_won_within_30d: null } : d));
  assert.equal(summarize(OPEN, one, null).fields.p_won_within_30d, true, 'a null is carried: the column shows a dash');
  // Slipping deals as the engine lists them (no customer): paired with the open list's customers,
  // in the open list's order; a slipping deal not open (another report) pairs with nothing.
  const slipping = [open[9], open[2], open[30]].map((d) => ({ deal_id: d.deal_id, sales_rep: d.sales_rep, days_past: 3 }));
  slipping.push({ deal_id: 'Q-NOT-OPEN', sales_rep: 'R01', days_past: 1 });
  const sum = summarize(OPEN, open, { sales_team: { slipping } });
  assert.deepEqual(sum.slipping_customers, [open[2], open[9], open[30]].map((d) => [d.deal_id, d.customer_id]));
  assert.equal(sum.expiring_soon, 22);
  // The worker sums it from the report it keeps.
  const doc = JSON.parse(text);
  doc.sales_team.slipping = slipping;
  assert.deepEqual(take(2, doc).slim.paged.lists[OPEN].summary.slipping_customers, sum.slipping_customers);
});

test('every column of the open deals table, both ways, paged by 25 and by 10: the whole list in the table order', () => {
  const { store, slim } = take(3);
  const keys = Object.keys(PAGED_LISTS[OPEN].fields);
  assert.deepEqual(keys.sort(), ['age_days', 'amount', 'customer_id', 'deal_id', 'expected_close_date', 'expected_value', 'expires_at',
    'p_close_within_30d', 'p_won_within_30d', 'sales_rep', 'status', 'win_probability', 'win_probability_tail'].sort());
  for (const key of keys) {
    for (const dir of ['asc', 'desc']) {
      for (const size of [25, 10]) {
        const got = allPages(store, slim, { sort: { key, dir } }, size);
        assert.equal(got.matched, 55);
        assert.equal(got.total, 55);
        assert.deepEqual(ids(got.rows), ids(orderedRows(open, key, dir, read(key))), `${key} ${dir} by ${size}`);
      }
    }
  }
  // The table's first sort (expected value, highest first): its first page, whole rows.
  const first = store.rows({ report_id: 3, list: OPEN, sort: { key: 'expected_value', dir: 'desc' }, offset: 0, limit: 25 });
  assert.deepEqual(first.rows, orderedRows(open, 'expected_value', 'desc').slice(0, 25));
  // Without a sort: the engine's order.
  assert.deepEqual(allPages(store, slim, {}).rows, open);
});

test('searches: customer names, status words in either language, rep names, figures, dates', () => {
  const { store, slim } = take(4);
  const someName = CUSTOMER_NAMES.get(open.find((d) => CUSTOMER_NAMES.get(d.customer_id)).customer_id);
  const rep = open[0].sales_rep;
  const cases = [
    ['en', someName.slice(0, 5)], ['en', dealStatusLabel('en', open[0].status).slice(0, 6)], ['ru', dealStatusLabel('ru', open[0].status).toUpperCase()],
    ['en', REP_NAMES.get(rep)], ['ru', rep], ['en', String(open[4].amount).slice(0, 3)], ['en', open[11].deal_id], ['en', '2026-11'],
    ['en', '0.4'], ['en', 'no such deal at all'],
  ];
  for (const [lang, query] of cases) {
    const q = query.trim().toLowerCase();
    const want = orderedRows(open.filter((d) => searchTexts(d, lang).some((s) => s.includes(q))), 'expected_value', 'desc');
    const got = allPages(store, slim, { sort: { key: 'expected_value', dir: 'desc' }, query, lang }, 10);
    assert.equal(got.total, 55);
    assert.equal(got.matched, want.length, `${lang} '${query}'`);
    assert.deepEqual(ids(got.rows), ids(want), `${lang} '${query}'`);
  }
  assert.ok(allPages(store, slim, { query: REP_NAMES.get(rep) }).matched >= open.filter((d) => d.sales_rep === rep).length, 'a rep is found by name');
  assert.equal(allPages(store, slim, { query: 'no such deal at all' }).matched, 0);
});

test('the closing-soon list: deals expiring soon, all reps and one rep, soonest first; one deal by id; every row for an export', () => {
  const { store, slim } = take(5);
  const soonest = (rows) => ids(orderedRows(rows, 'expires_at', 'asc'));
  const closing = allPages(store, slim, { where: { expiring_soon: true }, sort: { key: 'expires_at', dir: 'asc' } }, 10);
  assert.deepEqual(ids(closing.rows), soonest(open.filter((d) => d.expiring_soon)));
  assert.equal(closing.total, 22);
  const rep = open.find((d) => d.expiring_soon).sales_rep;
  const mine = allPages(store, slim, { where: { expiring_soon: true, sales_rep: rep }, sort: { key: 'expires_at', dir: 'asc' } }, 10);
  const want = open.filter((d) => d.expiring_soon && d.sales_rep === rep);
  assert.ok(want.length > 0 && want.length < 22);
  assert.deepEqual(ids(mine.rows), soonest(want));
  assert.equal(mine.total, want.length);
  // The quote detail's win chance: its open deal by id; a closed deal has none.
  const one = store.rows({ report_id: 5, list: OPEN, where: { deal_id: open[17].deal_id }, offset: 0, limit: 1 });
  assert.deepEqual(one.rows, [open[17]]);
  const closed = full.negotiations.deals.find((d) => d.outcome !== 'open');
  assert.deepEqual(store.rows({ report_id: 5, list: OPEN, where: { deal_id: closed.deal_id }, offset: 0, limit: 1 }).rows, []);
  // An export: every matching row in the table's order, whole.
  const all = store.rows({ report_id: 5, list: OPEN, sort: { key: 'win_probability', dir: 'desc' }, offset: 0, limit: null });
  assert.deepEqual(all.rows, orderedRows(open, 'win_probability', 'desc'));
  // A newer report makes the older one's rows stale.
  store.take(text, 6);
  assert.deepEqual(store.rows({ report_id: 5, list: OPEN, offset: 0, limit: 5 }), { stale: true });
});

test('a report filtered to one rep (the samples\' R03 golden): the same rows as its own list', () => {
  const rtext = fs.readFileSync(new URL('../golden/samples_rep_r03.json', import.meta.url), 'utf8');
  const r = JSON.parse(rtext);
  if (!Array.isArray(r.negotiations.open)) return assert.fail('the R03 golden has open deals');
  const { store, slim } = take(7, rtext);
  assert.equal(slim.paged.lists[OPEN].total, r.negotiations.open.length);
  assert.equal(slim.paged.lists[OPEN].summary.expiring_soon, r.negotiations.open.filter((d) => d.expiring_soon).length);
  for (const dir of ['asc', 'desc']) {
    assert.deepEqual(ids(allPages(store, slim, { sort: { key: 'amount', dir } }, 7).rows), ids(orderedRows(r.negotiations.open, 'amount', dir)));
  }
});
