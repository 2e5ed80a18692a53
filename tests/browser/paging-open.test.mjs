// Open deals paged in the engine's worker (issue #14 point 5; web/src/worker/report-store.js,
// paged-fields.js 'negotiations.open'): the page's report lacks negotiations.open, which the
// worker keeps whole; the Negotiations open deals table shows, page after page, exactly the
// engine's list in the table order (expected value first, then sorted by win chance and
// searched), its count and first row's figures; the quote detail fetches its deal's win chance
// and expected value; the sales team's closing-soon list is the deals expiring soon, soonest
// first, all reps and one rep; the slipping deals name their customers. On the samples and,
// when present, the CRM pipeline (../shared/datasets; skipped with a message when absent).
// Run: node --test --test-concurrency=1 tests/browser/paging-open.test.mjs (after make web; PULSE_DIST for another build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openSamplesPage, openBrowserAndServer, closeBrowserAndServer, fullReport, readAllPages, settled, waitState, datasets } from './helpers.mjs';
import { orderedRows } from '../web/table-order-oracle.mjs';

const OPEN = 'negotiations.open';
const CRM = ['sales_pipeline.csv', 'sales_teams.csv', 'accounts.csv'].map((f) => path.join(datasets, 'crm-sales-opportunities', f));

let browser, server;
before(async () => {
  ({ browser, server } = await openBrowserAndServer());
});
after(() => closeBrowserAndServer(browser, server));

const $ = (page, sel) => page.locator(`b2b-pulse ${sel}`);
const ids = (rows) => rows.map((d) => d.deal_id);
const spaces = (s) => s.replace(/\s/g, ' ');

/** The CRM pipeline loaded into a fresh page, in English. */
async function openCrmPage() {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`${server.origin}/#lang=en`);
  await waitState(page, 'empty');
  await $(page, 'input[type=file][data-role=files]').setInputFiles(CRM);
  await waitState(page, 'ready', 300000);
  return { page, errors };
}

/** Every check of this file on the page's loaded data (lang en). */
async function checkOpenDeals(page) {
  const nf = new Intl.NumberFormat('en-US');
  const pct0 = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });
  const slim = await page.evaluate(() => document.querySelector('b2b-pulse').report);
  const r = await fullReport(page);
  const open = r.negotiations.open;
  assert.ok(Array.isArray(open) && open.length > 0, 'the data has open deals');
  assert.equal(slim.negotiations.open, undefined, 'the page\'s report does not carry the open deals');
  const list = slim.paged.lists[OPEN];
  assert.equal(list.total, open.length);
  assert.equal(list.summary.expiring_soon, open.filter((d) => d.expiring_soon).length);
  assert.equal(list.summary.expiring_soon, r.sales_team.summary.closing_soon, 'the closing-soon list counts what the team tile says');

  // The open deals table: the whole list page by page in its first order, its count.
  await $(page, '[data-tab=negotiations]').click();
  let got = await readAllPages(page, 'neg-open');
  assert.deepEqual(got.ids, ids(orderedRows(open, 'expected_value', 'desc')));
  assert.equal(spaces(got.count), spaces(nf.format(open.length)));
  // Sorted by win chance (the header from the keyboard: highest first, numbers start so).
  await $(page, '[data-slot=neg-open] th[data-sort=win_probability] button').focus();
  await page.keyboard.press('Enter');
  got = await readAllPages(page, 'neg-open');
  assert.deepEqual(got.ids, ids(orderedRows(open, 'win_probability', 'desc')));
  // Searched by the first deal's id: found, and only rows that hold the id somewhere.
  const top = orderedRows(open, 'win_probability', 'desc')[0];
  await $(page, '[data-card=neg-open] .dt-search').fill(top.deal_id);
  await settled(page);
  const found = await $(page, '[data-table=open_deals] tbody tr[data-key]').evaluateAll((trs) => trs.map((tr) => tr.dataset.key));
  assert.ok(found.includes(top.deal_id), `${top.deal_id} found by its id`);
  const byId = new Map(open.map((d) => [d.deal_id, d]));
  assert.ok(found.every((id) => JSON.stringify(byId.get(id)).includes(top.deal_id)), found.join(' '));

  // Its quote's detail: the win chance and expected value fetched from the worker.
  const row = $(page, `[data-table=open_deals] tr[data-key="${top.deal_id}"]`);
  await row.focus();
  await page.keyboard.press('Enter');
  const detail = $(page, `[data-detail=quote][data-id="${top.deal_id}"]`);
  await detail.waitFor();
  assert.equal(spaces(await detail.locator('[data-stat=win_probability] b').innerText()), spaces(pct0.format(top.win_probability)));
  if (top.expected_value >= 100) assert.ok((await detail.locator('[data-stat=expected_value] b').innerText()).includes(nf.format(Math.round(top.expected_value))));
  const age = await detail.locator('[data-stat=age_days] b').innerText();
  if (typeof top.age_days === 'number') assert.match(age, new RegExp(`^${nf.format(top.age_days)}\\b`));
  else assert.equal(age, '—', 'no age: a dash');
  await detail.locator('[data-drill-act=close]').click();
  await $(page, '[data-card=neg-open] .dt-search').fill('');

  // The sales team's closing-soon list: soonest first, every rep, then the rep with most.
  await $(page, '[data-tab=sales_team]').click();
  const closing = open.filter((d) => d.expiring_soon);
  got = await readAllPages(page, 'team-closing');
  assert.deepEqual(got.ids, ids(orderedRows(closing, 'expires_at', 'asc')));
  assert.equal(spaces(got.count), spaces(nf.format(closing.length)));
  if (closing.length) {
    const counts = new Map();
    for (const d of closing) counts.set(d.sales_rep, (counts.get(d.sales_rep) || 0) + 1);
    const [rep, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
    await $(page, `[data-table=reps] tr[data-key="${rep}"]`).click(); // chooses the rep (and opens their page)
    await $(page, `[data-detail=rep][data-id="${rep}"]`).waitFor();
    got = await readAllPages(page, 'team-closing');
    assert.deepEqual(got.ids, ids(orderedRows(closing.filter((d) => d.sales_rep === rep), 'expires_at', 'asc')));
    assert.equal(spaces(got.count), n === closing.length ? spaces(nf.format(n)) : `${nf.format(n)} / ${nf.format(closing.length)}`);
  }
  // The slipping deals' customers, from the open list's summary.
  if (Array.isArray(r.sales_team.slipping) && r.sales_team.slipping.length) {
    const customerOf = new Map(open.map((d) => [d.deal_id, d.customer_id]));
    assert.deepEqual(new Map(list.summary.slipping_customers), new Map(r.sales_team.slipping.filter((d) => customerOf.has(d.deal_id)).map((d) => [d.deal_id, customerOf.get(d.deal_id)])));
  }
  return { open: open.length, closing: closing.length, bytes: JSON.stringify(slim).length };
}

test('samples: the open deals table, the quote\'s win chance and the closing-soon list show the engine\'s list', async (t) => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  const seen = await checkOpenDeals(page);
  t.diagnostic(`samples: ${seen.open} open deals, ${seen.closing} closing soon; the page's report ${seen.bytes} bytes`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('CRM pipeline: the same, on 8,800 deals', async (t) => {
  if (!CRM.every((f) => fs.existsSync(f))) return t.skip('skipped: dataset not found (crm-sales-opportunities)');
  const { page, errors } = await openCrmPage();
  const seen = await checkOpenDeals(page);
  t.diagnostic(`CRM pipeline: ${seen.open} open deals, ${seen.closing} closing soon; the page's report ${seen.bytes} bytes`);
  assert.ok(seen.bytes < 200 * 1024, `the page's report is ${seen.bytes} bytes`);
  assert.deepEqual(errors, []);
  await page.close();
});
