// Lists paged in the engine's worker (issue #14 point 5; web/src/worker/report-store.js): the
// page's report lacks negotiations.deals, which the worker keeps whole (equal to the golden
// report's); a rep's deal table, sorted from the keyboard by every column both ways and
// searched, shows page after page exactly the rows of the full list in the table order
// (written out again here); its CSV export holds every row; a closed quote opened from that
// table shows its history, fetched when it opens.
// Run: node --test tests/browser/paging.test.mjs (after make web; PULSE_DIST for another build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repo, openSamplesPage, openBrowserAndServer, closeBrowserAndServer } from './helpers.mjs';
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

/** Every row id of the table in `slot`, page by page (Next until it is disabled), in the page. */
function readAllPages(page, slot) {
  return page.evaluate(async (slot) => {
    const root = document.querySelector('b2b-pulse').shadowRoot.querySelector(`[data-slot=${slot}]`);
    const settle = async (before) => {
      for (let i = 0; i < 1000; i++) {
        const ready = root.dataset.rowsReady;
        if (ready && ready !== before) return;
        await new Promise((ok) => setTimeout(ok, 5));
      }
      throw new Error('the worker never answered');
    };
    await settle(undefined);
    while (root.querySelector('[data-act=prev]') && !root.querySelector('[data-act=prev]').disabled) {
      const before = root.dataset.rowsReady;
      root.querySelector('[data-act=prev]').click();
      await settle(before);
    }
    const ids = [];
    for (;;) {
      ids.push(...[...root.querySelectorAll('tbody tr[data-key]')].map((tr) => tr.dataset.key));
      const next = root.querySelector('[data-act=next]');
      if (!next || next.disabled) break;
      const before = root.dataset.rowsReady;
      next.click();
      await settle(before);
    }
    return { ids, count: root.querySelector('.dt-count').textContent };
  }, slot);
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
