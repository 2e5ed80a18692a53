// The worker's paged lists (web/src/worker/report-store.js) on the samples' golden report: the
// report the page gets lacks the paged lists (deals, open deals, customers, products) and nothing else; every page of the list, for
// every sort key both ways and for searches, is the full list ordered and matched as the page's
// tables do (written out again here, not taken from table-order.js). Run: node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ReportStore } from '../../web/src/worker/report-store.js';
import { PAGED_LISTS } from '../../web/src/paged-fields.js';
import { dealStatusLabel } from '../../web/src/status-labels.js';
import { wordsFor } from '../../web/src/paged-words.js';
import { orderedRows } from './table-order-oracle.mjs';

const text = fs.readFileSync(new URL('../golden/samples.json', import.meta.url), 'utf8');
const full = JSON.parse(text);
const deals = full.negotiations.deals;
const names = new Map(full.customers.rows.map((c) => [c.customer_id, c.customer_name]));
const LIST = 'negotiations.deals';
const KEYS = Object.keys(PAGED_LISTS[LIST].fields);

function expected(rows, { key, dir }) {
  return orderedRows(rows, key, dir);
}

function searchText(d, lang) {
  return [d.deal_id, `${d.customer_id || ''} ${names.get(d.customer_id) || ''}`, dealStatusLabel(lang, d.status), d.outcome,
    d.amount, d.discount, d.rounds, d.created_at, d.closed_at].filter((v) => v !== null && v !== undefined).map((v) => String(v).toLowerCase());
}

/** Every page of the list, asked as the page asks (its words for the statuses in lang). */
function allPages(store, reportId, { lang = 'en', ...request }, size = 25) {
  const words = wordsFor(LIST, store.paged.lists[LIST], lang);
  const out = [];
  for (let offset = 0; ; offset += size) {
    const a = store.rows({ ...request, words, report_id: reportId, list: LIST, offset, limit: size });
    assert.equal(a.offset, offset);
    out.push(...a.rows);
    if (a.rows.length < size) return { rows: out, matched: a.matched, total: a.total };
  }
}

test('the page gets the report without negotiations.deals (nor open deals, customers and products), and its count', () => {
  const store = new ReportStore();
  const slim = store.take(text, 7);
  assert.equal(slim.negotiations.deals, undefined);
  assert.equal(slim.paged.report_id, 7);
  assert.deepEqual(slim.paged.lists[LIST], { total: 1200, codes: { status: [...new Set(deals.map((d) => d.status))].sort() }, summary: null });
  assert.ok(slim.paged.lists[LIST].codes.status.length >= 5, 'the samples have several deal statuses');
  assert.deepEqual(Object.keys(slim.paged.lists).sort(), ['catalogs.products', 'customers.rows', LIST, 'negotiations.open']);
  const rest = JSON.parse(text);
  delete rest.negotiations.deals;
  delete rest.negotiations.open;
  delete rest.customers.rows;
  delete rest.catalogs.products;
  const { paged, ...others } = slim;
  assert.ok(paged);
  assert.deepEqual(others, rest);
  assert.ok(JSON.stringify(slim).length < 0.1 * text.length, `the samples' report shrinks from ${text.length} to ${JSON.stringify(slim).length} bytes`);
});

test('every sort key, both ways, paged by 25: the whole list in the table order', () => {
  const store = new ReportStore();
  store.paged = store.take(text, 1).paged;
  for (const key of KEYS) {
    for (const dir of ['asc', 'desc']) {
      const got = allPages(store, 1, { sort: { key, dir } });
      assert.equal(got.total, 1200);
      assert.equal(got.matched, 1200);
      assert.deepEqual(got.rows.map((d) => d.deal_id), expected(deals, { key, dir }).map((d) => d.deal_id), `${key} ${dir}`);
    }
  }
  // Without a sort: the engine's order.
  assert.deepEqual(allPages(store, 1, {}).rows, deals);
});

test('a rep\'s deals (where) searched by customer name, status words in either language, figures', () => {
  const store = new ReportStore();
  store.paged = store.take(text, 2).paged;
  const rep = deals[0].sales_rep;
  const mine = deals.filter((d) => d.sales_rep === rep);
  const someName = names.get(mine.find((d) => names.get(d.customer_id)).customer_id);
  const cases = [
    ['en', someName.slice(0, 6)], ['en', 'sent to'], ['ru', 'отправлено'], ['ru', 'ИСТЕКЛО'], ['en', 'won'],
    ['en', String(mine[0].amount).slice(0, 3)], ['en', mine[3].deal_id], ['en', '2026-0'], ['en', 'no such thing'],
  ];
  for (const [lang, query] of cases) {
    const q = query.trim().toLowerCase();
    const want = expected(mine.filter((d) => searchText(d, lang).some((s) => s.includes(q))), { key: 'created_at', dir: 'desc' });
    const got = allPages(store, 2, { where: { sales_rep: rep }, sort: { key: 'created_at', dir: 'desc' }, query, lang }, 10);
    assert.equal(got.total, mine.length);
    assert.equal(got.matched, want.length, `${lang} '${query}'`);
    assert.deepEqual(got.rows.map((d) => d.deal_id), want.map((d) => d.deal_id), `${lang} '${query}'`);
  }
  assert.ok(allPages(store, 2, { query: 'отправлено', lang: 'ru' }).matched > 0, 'Russian status words match');
});

test('one deal with its history by id; every row at once for an export; an older report is stale', () => {
  const store = new ReportStore();
  store.take(text, 3);
  const withHistory = deals.find((d) => d.history && d.history.length > 2);
  const one = store.rows({ report_id: 3, list: LIST, where: { deal_id: withHistory.deal_id }, offset: 0, limit: 1 });
  assert.deepEqual(one.rows, [withHistory]);
  assert.equal(store.rows({ report_id: 3, list: LIST, offset: 0, limit: null }).rows.length, 1200);
  assert.deepEqual(store.rows({ report_id: 2, list: LIST, offset: 0, limit: 5 }), { stale: true });
  store.take(text, 4);
  assert.deepEqual(store.rows({ report_id: 3, list: LIST, offset: 0, limit: 5 }), { stale: true });
  store.clear();
  assert.deepEqual(store.rows({ report_id: 4, list: LIST, offset: 0, limit: 5 }), { stale: true });
});

test('a report without deals, customers or products (unavailable) is not parsed, keeps nothing and pages nothing', () => {
  const store = new ReportStore();
  const doc = JSON.parse(text);
  doc.negotiations = { unavailable: 'no deals', code: 'pulse.unavailable.001', params: {} };
  doc.customers = { unavailable: 'no orders', code: 'pulse.unavailable.005', params: {} };
  doc.catalogs = { unavailable: 'no order lines', code: 'pulse.unavailable.007', params: {} };
  assert.equal(store.take(JSON.stringify(doc), 5), null, 'the page takes the text as it is');
  assert.deepEqual(store.rows({ report_id: 5, list: LIST, offset: 0, limit: 5 }), { stale: true });
  // A "deals" list elsewhere only costs the parse: nothing at negotiations.deals, nothing kept.
  doc.attention = { deals: [] };
  const slim = store.take(JSON.stringify(doc), 6);
  assert.deepEqual(slim.paged, { report_id: 6, lists: {} });
  // The engine's own text (no spaces) and a pretty-printed one both have their deals taken.
  assert.equal(store.take(JSON.stringify(full), 7).paged.lists[LIST].total, 1200);
  assert.equal(store.take(text, 8).paged.lists[LIST].total, 1200);
});
