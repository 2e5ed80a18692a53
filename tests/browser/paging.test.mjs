// Lists paged in the engine's worker (issue #14 point 5; web/src/worker/report-store.js): the
// page's report lacks negotiations.deals, which the worker keeps whole (equal to the golden
// report's); a rep's deal table, sorted from the keyboard by every column both ways and
// searched, shows page after page exactly the rows of the full list in the table order
// (written out again here); its CSV export holds every row; a closed quote opened from that
// table shows its history, fetched when it opens. Customers and products too: their tables page
// by page in the table order, the RFM grid's and the chips' counts and filters, a status searched
// by its Russian word, the customer's detail fetched, the products' CSV export and the
// elasticity chart, the customer filter resolving a name from the names the worker summed up.
// Run: node --test tests/browser/paging.test.mjs (after make web; PULSE_DIST for another build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repo, openSamplesPage, openBrowserAndServer, closeBrowserAndServer, kpi, readAllPages } from './helpers.mjs';
import { orderedRows } from '../web/table-order-oracle.mjs';

const GOLDEN = JSON.parse(fs.readFileSync(path.join(repo, 'tests/golden/samples.json'), 'utf8'));
const KEYS = ['deal_id', 'customer_id', 'status', 'outcome', 'amount', 'discount', 'rounds', 'created_at', 'closed_at'];
const NUMERIC = new Set(['amount', 'discount', 'rounds']);
const DEAL_WORDS = { en: { submitted_by_admin: 'Sent to customer', expired: 'Expired' }, ru: { submitted_by_admin: 'Отправлено клиенту', expired: 'Истекло' } };

let browser, server;
before(async () => {
  ({ browser, server } = await openBrowserAndServer());
});
after(() => closeBrowserAndServer(browser, server));

const $ = (page, sel) => page.locator(`b2b-pulse ${sel}`);

/** Deal ids in the table's order (the rules written independently of table-order.js). */
function ordered(rows, key, dir) {
  return orderedRows(rows, key, dir).map((d) => d.deal_id);
}

async function openRepWithMostDeals(page, deals) {
  const counts = new Map();
  for (const d of deals) counts.set(d.sales_rep, (counts.get(d.sales_rep) || 0) + 1);
  const rep = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  await $(page, '[data-tab=sales_team]').click();
  await $(page, `[data-table=reps] tr[data-key="${rep}"]`).focus();
  await page.keyboard.press('Enter');
  await $(page, `[data-detail=rep][data-id="${rep}"] [data-slot=rep-deals] tbody tr[data-key]`).first().waitFor();
  return { rep, mine: deals.filter((d) => d.sales_rep === rep) };
}

test('the worker keeps negotiations.deals whole; the page\'s report is the rest', async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  const report = await page.evaluate(() => document.querySelector('b2b-pulse').report);
  assert.equal(report.negotiations.deals, undefined, 'the page\'s report does not carry the deals');
  assert.equal(report.paged.lists['negotiations.deals'].total, GOLDEN.negotiations.deals.length);
  const all = await page.evaluate(() => document.querySelector('b2b-pulse').listRows({ list: 'negotiations.deals', offset: 0, limit: null }));
  assert.deepEqual(all.rows, GOLDEN.negotiations.deals);
  const slice = await page.evaluate(() => document.querySelector('b2b-pulse').listRows({ list: 'negotiations.deals', sort: { key: 'amount', dir: 'desc' }, offset: 25, limit: 25 }));
  assert.deepEqual(slice.rows.map((d) => d.deal_id), ordered(GOLDEN.negotiations.deals, 'amount', 'desc').slice(25, 50));
  assert.deepEqual(errors, []);
  await page.close();
});

for (const lang of ['en', 'ru']) {
  test(`${lang}: a rep's deals sorted by every column from the keyboard and searched, page by page, equal the full list`, async () => {
    const { page, errors } = await openSamplesPage(browser.context, server.origin, lang);
    const deals = GOLDEN.negotiations.deals;
    const { mine } = await openRepWithMostDeals(page, deals);
    assert.ok(mine.length > 30, 'the rep has several pages of deals');
    const nf = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US');

    // The first view: newest first.
    let got = await readAllPages(page, 'rep-deals');
    assert.deepEqual(got.ids, ordered(mine, 'created_at', 'desc'));
    assert.equal(got.count.replace(/\s/g, ' '), nf.format(mine.length).replace(/\s/g, ' '));

    for (const key of KEYS) {
      const header = $(page, `[data-slot=rep-deals] th[data-sort=${key}] button`);
      const current = await $(page, `[data-slot=rep-deals] th[data-sort=${key}]`).getAttribute('aria-sort');
      const first = current === 'none' ? (NUMERIC.has(key) ? 'desc' : 'asc') : current === 'ascending' ? 'desc' : 'asc';
      for (const dir of [first, first === 'asc' ? 'desc' : 'asc']) {
        await header.focus();
        await page.keyboard.press('Enter');
        got = await readAllPages(page, 'rep-deals');
        assert.deepEqual(got.ids, ordered(mine, key, dir), `${key} ${dir}`);
        assert.equal(await $(page, `[data-slot=rep-deals] th[data-sort=${key}]`).getAttribute('aria-sort'), dir === 'asc' ? 'ascending' : 'descending');
      }
    }

    // Searches: a customer's name, a status in the page's language, a date; then nothing.
    const names = new Map(GOLDEN.customers.rows.map((c) => [c.customer_id, c.customer_name]));
    const named = mine.find((d) => names.get(d.customer_id));
    const words = (d) => [d.deal_id, `${d.customer_id || ''} ${names.get(d.customer_id) || ''}`, DEAL_WORDS[lang][d.status] || d.status, d.outcome,
      d.amount, d.discount, d.rounds, d.created_at, d.closed_at].filter((v) => v !== null && v !== undefined).map((v) => String(v).toLowerCase());
    for (const query of [names.get(named.customer_id).slice(0, 7), DEAL_WORDS[lang].expired, mine[0].created_at.slice(0, 7), 'zzz-none']) {
      const q = query.toLowerCase();
      const want = mine.filter((d) => words(d).some((w) => w.includes(q)));
      await $(page, '[data-slot=rep-deals] .dt-search').fill(query);
      got = await readAllPages(page, 'rep-deals');
      // The last sort above stays: closed_at, its second direction.
      const sortNow = await $(page, '[data-slot=rep-deals] th[data-sort=closed_at]').getAttribute('aria-sort');
      assert.deepEqual(got.ids, ordered(want, 'closed_at', sortNow === 'ascending' ? 'asc' : 'desc'), `search '${query}'`);
      if (query !== 'zzz-none') assert.ok(want.length > 0, `'${query}' matches some deals`);
      if (want.length !== mine.length) assert.equal(got.count.replace(/\s/g, ' '), `${nf.format(want.length)} / ${nf.format(mine.length)}`.replace(/\s/g, ' '));
    }
    assert.equal(await $(page, '[data-slot=rep-deals] .dt-empty').count(), 1, 'no match: the table says so');
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the rep\'s CSV export holds every deal; a closed quote opens from the table with its history', async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  const deals = GOLDEN.negotiations.deals;
  const { mine } = await openRepWithMostDeals(page, deals);
  const [file] = await Promise.all([page.waitForEvent('download'), $(page, '[data-slot=rep-deals] [data-act=csv]').click()]);
  const lines = fs.readFileSync(await file.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines.length, mine.length + 1, 'a header and every deal of the rep, not one page');
  const ids = lines.slice(1).map((l) => l.split(',')[0]);
  assert.deepEqual(ids, ordered(mine, 'created_at', 'desc'));

  // A closed quote with the longest history, found by the search, opened with Enter.
  const q = mine.filter((d) => d.outcome !== 'open').sort((a, b) => b.history.length - a.history.length)[0];
  assert.ok(q.history.length >= 2);
  await $(page, '[data-slot=rep-deals] .dt-search').fill(q.deal_id);
  const row = $(page, `[data-slot=rep-deals] tr[data-key="${q.deal_id}"]`);
  await row.focus();
  await page.keyboard.press('Enter');
  const detail = $(page, `[data-detail=quote][data-id="${q.deal_id}"]`);
  await detail.waitFor();
  assert.deepEqual(await detail.locator('[data-role=quote-history] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.status)), q.history.map((e) => e.status));
  assert.equal(await detail.locator('[data-stat=rounds] b').innerText(), String(q.rounds));
  assert.equal(await page.evaluate(() => document.querySelector('b2b-pulse').shadowRoot.activeElement?.tagName), 'H3', 'the quote\'s heading has the focus once its figures arrived');
  assert.deepEqual(errors, []);
  await page.close();
});

// Customers and products stay in the worker too: their tables, chips, grids and details.
const CUSTOMERS = GOLDEN.customers.rows;
const PRODUCTS = GOLDEN.catalogs.products;
const byRevenue = (rows, key) => orderedRows(rows, 'revenue', 'desc').map((r) => r[key]);

test('customers: the table page by page, the RFM grid and status chips filter it, the detail follows the row chosen', async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'ru');
  const report = await page.evaluate(() => document.querySelector('b2b-pulse').report);
  assert.equal(report.customers.rows, undefined, 'the page\'s report does not carry the customers');
  assert.equal(report.paged.lists['customers.rows'].total, CUSTOMERS.length);
  await $(page, '[data-tab=customers]').click();
  let got = await readAllPages(page, 'cust-table');
  assert.deepEqual(got.ids, byRevenue(CUSTOMERS, 'customer_id'));
  // The detail starts with the biggest late customer (the engine's order is by revenue).
  const late = CUSTOMERS.find((c) => c.status === 'overdue' || c.status === 'lapsed');
  await $(page, `[data-slot=cust-detail] [data-customer="${late.customer_id}"]`).waitFor();
  // Sorted by name (the name, else the id), ascending.
  await $(page, '[data-slot=cust-table] th[data-sort=customer] button').click();
  got = await readAllPages(page, 'cust-table');
  assert.deepEqual(got.ids, orderedRows(CUSTOMERS, 'customer', 'asc', (c) => c.customer_name || c.customer_id).map((c) => c.customer_id));
  // A cell of the RFM grid: its count drawn, and the table shows those customers only.
  const five = CUSTOMERS.filter((c) => c.rfm && c.rfm.startsWith('55'));
  assert.ok(five.length > 3);
  const cell = $(page, '[data-slot=cust-rfm] g[data-key="5,5"]');
  assert.equal(await cell.locator('text').textContent(), String(five.length));
  await cell.click();
  await page.waitForFunction(() => document.querySelector('b2b-pulse').shadowRoot.querySelector('[data-slot=cust-table] [data-chip="rfm:5,5"]'));
  got = await readAllPages(page, 'cust-table');
  assert.deepEqual(got.ids, orderedRows(five, 'customer', 'asc', (c) => c.customer_name || c.customer_id).map((c) => c.customer_id));
  assert.equal(got.count.replace(/\s/g, ' '), `${five.length} / ${CUSTOMERS.length}`);
  // The shrinking chip: its count and its customers; then a status searched by its Russian word.
  const byName = (rows) => orderedRows(rows, 'customer', 'asc', (c) => c.customer_name || c.customer_id).map((c) => c.customer_id);
  const shrinking = CUSTOMERS.filter((c) => c.shrinking);
  const chip = $(page, '[data-slot=cust-table] [data-chip=shrinking]');
  assert.equal(await chip.locator('b').textContent(), String(shrinking.length));
  await $(page, '[data-slot=cust-table] [data-chip=""]').click();
  await chip.click();
  got = await readAllPages(page, 'cust-table');
  assert.deepEqual(got.ids, byName(shrinking));
  await chip.click();
  await $(page, '[data-slot=cust-table] .dt-search').fill('ПОРА');
  got = await readAllPages(page, 'cust-table');
  const want = CUSTOMERS.filter((c) => c.status === 'due');
  assert.ok(want.length > 0 && want.length < CUSTOMERS.length);
  assert.deepEqual(got.ids, byName(want));
  // A row chosen: its detail is fetched and drawn.
  const pick = want[want.length - 1];
  await $(page, `[data-slot=cust-table] tr[data-key="${pick.customer_id}"]`).click();
  const detail = $(page, `[data-slot=cust-detail] [data-customer="${pick.customer_id}"]`);
  await detail.waitFor();
  assert.match(await detail.locator('h4').innerText(), new RegExp(pick.customer_name));
  assert.deepEqual(errors, []);
  await page.close();
});

test('catalogs: the tiles\' counts, the products table and its export, the chips and the elasticity chart', async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  await $(page, '[data-tab=catalogs]').click();
  const skus = new Set(PRODUCTS.map((p) => p.sku)).size;
  assert.equal(await kpi(page, 'catalogs', 'skus'), String(skus));
  const fitted = PRODUCTS.filter((p) => p.elasticity);
  assert.equal(await kpi(page, 'catalogs', 'elastic'), String(fitted.filter((p) => p.elasticity.class === 'elastic').length));
  const catalog = GOLDEN.catalogs.catalogs[0].catalog;
  const mine = PRODUCTS.filter((p) => p.catalog === catalog);
  let got = await readAllPages(page, 'cat-products');
  assert.deepEqual(got.ids, byRevenue(mine, 'sku'));
  // The ABC chips' counts, and one of them filtering the table.
  for (const k of ['A', 'B', 'C']) {
    const n = mine.filter((p) => p.abc === k).length;
    if (n) assert.equal(await $(page, `[data-slot=cat-products] [data-chip="abc:${k}"] b`).textContent(), String(n));
  }
  await $(page, '[data-slot=cat-products] [data-chip="abc:B"]').click();
  got = await readAllPages(page, 'cat-products');
  assert.deepEqual(got.ids, byRevenue(mine.filter((p) => p.abc === 'B'), 'sku'));
  await $(page, '[data-slot=cat-products] [data-chip="abc:B"]').click();
  // The export: every product of the catalog, not one page.
  const [file] = await Promise.all([page.waitForEvent('download'), $(page, '[data-slot=cat-products] [data-act=csv]').click()]);
  const lines = fs.readFileSync(await file.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines.length, mine.length + 1);
  // The elasticity chart: drawn once its dots arrive from the worker.
  await page.waitForFunction(() => document.querySelector('b2b-pulse').shadowRoot.querySelector('[data-slot=cat-scatter]').dataset.pointsReady === 'yes');
  assert.equal(await $(page, '[data-slot=cat-scatter] canvas').count() > 0, true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the customer filter finds a customer by part of its name: the names came summed up from the worker', async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  const c = CUSTOMERS.find((x) => x.customer_name && CUSTOMERS.filter((y) => (y.customer_name || '').toLowerCase().includes(x.customer_name.toLowerCase())).length === 1);
  const options = await page.evaluate(() => document.querySelector('b2b-pulse').shadowRoot.querySelectorAll('#pulse-customers option').length);
  assert.equal(options, CUSTOMERS.length);
  const filtered = page.evaluate(() => new Promise((ok) => document.querySelector('b2b-pulse').addEventListener('report', (e) => ok(e.detail.filters), { once: true })));
  await $(page, 'input[data-filter=customer]').fill(c.customer_name.toUpperCase());
  await $(page, 'input[data-filter=customer]').dispatchEvent('change');
  assert.equal((await filtered).customer, c.customer_id);
  assert.deepEqual(errors, []);
  await page.close();
});
