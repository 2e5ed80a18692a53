// Drill-down (issue #13 point 4): rows lead somewhere and Back returns. A quote opens its own
// page (amount, discount, rounds, each status change), a rep theirs (figures, open deals by
// stage, their deals, each opening its quote); "Show only this rep" narrows the whole page and
// shows as a removable chip; the browser's Back button returns to each previous view; rows are
// operated with Enter; EN and RU. Figures are checked against the report the page holds. An
// engine without negotiations.deals (older) gets the list made by hand from the samples'
// quote files, so the page is checked either way.
// Run: node --test tests/browser/drill.test.mjs (after make web; PULSE_DIST for another build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repo, openSamplesPage, openBrowserAndServer, closeBrowserAndServer, fullReport } from './helpers.mjs';

let browser, server;

before(async () => {
  ({ browser, server } = await openBrowserAndServer());
});

after(() => closeBrowserAndServer(browser, server));

const $ = (page, sel) => page.locator(`b2b-pulse ${sel}`);
const selectedTab = (page) => page.evaluate(() => document.querySelector('b2b-pulse').shadowRoot.querySelector('[role=tab][aria-selected=true]').dataset.tab);

/** The samples' deals as the engine's negotiations.deals gives them, from the quote files
 *  (used only when the engine in dist/ predates that list). */
function dealsFromSamples(r) {
  const read = (f) => fs.readFileSync(path.join(repo, 'samples', f), 'utf8').trim().split('\n').map((l) => l.split(','));
  const [qh, ...quotes] = read('quotes.csv');
  const [, ...events] = read('quote_history.csv');
  const col = (name) => qh.indexOf(name);
  const open = new Map(r.negotiations.open.map((d) => [d.deal_id, d]));
  return quotes.filter((q) => open.has(q[col('quote_id')])).map((q) => {
    const id = q[col('quote_id')];
    const history = events.filter((e) => e[0] === id).map((e) => ({ date: e[1].slice(0, 10), status: e[2] }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const amount = +q[col('negotiated_total')], original = +q[col('original_total')];
    return { deal_id: id, customer_id: q[col('customer_id')], sales_rep: q[col('sales_rep')], status: q[col('status')], outcome: 'open',
      created_at: q[col('created_at')].slice(0, 10), closed_at: null, expires_at: open.get(id).expires_at, amount, original_amount: original,
      discount: 1 - amount / original, cycle_days: null, rounds: history.filter((e) => e.status === 'submitted_by_admin').length,
      negotiation_days: null, last_activity: null, history };
  });
}

/** The report with negotiations.deals: asked of the engine's worker, which keeps that list
 *  (web/src/worker/report-store.js) while the page draws from the report without it. */
async function withDeals(page) {
  // The lists the worker keeps (deals, open deals, customers) asked back whole.
  const r = await fullReport(page);
  if (Array.isArray(r.negotiations.deals)) return r;
  const doc = structuredClone(r);
  doc.negotiations.deals = dealsFromSamples(r);
  await page.evaluate((d) => {
    const el = document.querySelector('b2b-pulse');
    el._report = d;
    el.renderAll();
  }, doc);
  return doc;
}

for (const lang of ['en', 'ru']) {
  test(`${lang}: an open quote's row opens its page; its rep's page lists their deals; Back returns each time`, async () => {
    const { page, errors } = await openSamplesPage(browser.context, server.origin, lang);
    const r = await withDeals(page);
    await $(page, '[data-tab=negotiations]').click();
    const historyLength = await page.evaluate(() => history.length);

    // The open quote with the longest history, found through the table's search, opened with Enter.
    const deals = r.negotiations.deals;
    const open = new Set(r.negotiations.open.map((d) => d.deal_id));
    const q = deals.filter((d) => open.has(d.deal_id)).sort((a, b) => b.history.length - a.history.length)[0];
    assert.ok(q && q.history.length >= 2, 'the samples have an open quote with a history');
    await $(page, '[data-card=neg-open] .dt-search').fill(q.deal_id);
    const row = $(page, `[data-table=open_deals] tr[data-key="${q.deal_id}"]`);
    await row.focus();
    await page.keyboard.press('Enter');
    const detail = $(page, `[data-detail=quote][data-id="${q.deal_id}"]`);
    await detail.waitFor();
    assert.match(await detail.locator('h3').innerText(), new RegExp(q.deal_id));
    const nf = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 0 });
    assert.match(await detail.locator('[data-stat=amount] b').innerText(), new RegExp(nf.format(q.amount).replace(/\s/g, '\\s')));
    assert.equal(await detail.locator('[data-stat=rounds] b').innerText(), String(q.rounds));
    const pct = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', { style: 'percent', maximumFractionDigits: 1 }).format(q.discount);
    assert.equal((await detail.locator('[data-stat=discount] b').innerText()).replace(/\s/g, ' '), pct.replace(/\s/g, ' '));
    assert.equal(await detail.locator('[data-role=quote-history] tbody tr').count(), q.history.length);
    assert.deepEqual(await detail.locator('[data-role=quote-history] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.status)), q.history.map((e) => e.status));
    if (lang === 'ru') assert.doesNotMatch(await detail.innerText(), /Back|Quote|History|submitted_by/);
    assert.ok(await page.evaluate(() => history.length) > historyLength, 'opening the quote is a step in the history');

    // Its rep's page: figures from the report, their deals, each opening its quote.
    await detail.locator('[data-drill-act=rep]').click();
    const rep = r.sales_team.reps.find((x) => x.sales_rep === q.sales_rep);
    const repPage = $(page, `[data-detail=rep][data-id="${q.sales_rep}"]`);
    await repPage.waitFor();
    assert.equal(await selectedTab(page), 'sales_team');
    assert.equal(await repPage.locator('[data-stat=won] b').innerText(), nf.format(rep.won));
    assert.equal(await repPage.locator('[data-stat=lost] b').innerText(), nf.format(rep.lost));
    const stages = rep.open_by_stage.filter((s) => s.count > 0);
    assert.equal(await repPage.locator('[data-role=rep-funnel] li').count(), stages.length);
    const mine = deals.filter((d) => d.sales_rep === q.sales_rep);
    assert.match(await repPage.locator('.dt-count').innerText(), new RegExp(`^${nf.format(mine.length)}$`));

    // Back: the quote again, then the negotiations dashboard without a detail.
    await page.goBack();
    await $(page, `[data-detail=quote][data-id="${q.deal_id}"]`).waitFor();
    assert.equal(await selectedTab(page), 'negotiations');
    assert.equal(await $(page, '[data-role=drill]').isVisible(), true);
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('b2b-pulse').shadowRoot.querySelector('[data-role=drill]').hidden);
    assert.equal(await selectedTab(page), 'negotiations');
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('a rep narrows the page: a chip says so, its × or Back removes it; This week links open details', async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  const r = await withDeals(page);
  await $(page, '[data-tab=sales_team]').click();
  const rep = r.sales_team.reps[0];
  await $(page, `[data-table=reps] tr[data-key="${rep.sales_rep}"]`).focus();
  await page.keyboard.press('Space'); // rows answer Space as well as Enter
  const repPage = $(page, `[data-detail=rep][data-id="${rep.sales_rep}"]`);
  await repPage.waitFor();
  assert.equal(await $(page, '[data-role=chips]').isHidden(), true, 'no filter, no chips');

  // "Show only this rep": the report is re-run for the rep, the chip names them.
  const filtered = page.evaluate(() => new Promise((ok) => document.querySelector('b2b-pulse').addEventListener('report', (e) => ok(e.detail.filters), { once: true })));
  await repPage.locator('[data-drill-act=filter]').click();
  assert.equal((await filtered).sales_rep, rep.sales_rep);
  const chip = $(page, '[data-filter-chip=sales_rep]');
  await chip.waitFor();
  assert.match(await chip.innerText(), new RegExp(`Rep: ${rep.rep_name || rep.sales_rep}`));
  assert.equal(await $(page, '[data-filter=sales_rep]').inputValue(), rep.sales_rep);
  // The chips' own rules are in the shadow root once, whatever the redraws (own-style.js), and
  // apply: the row is a flex row.
  assert.deepEqual(await page.evaluate(() => {
    const root = document.querySelector('b2b-pulse').shadowRoot;
    return [root.querySelectorAll('style[data-own-style=chips]').length, root.querySelectorAll('[data-role=chips] style').length,
      getComputedStyle(root.querySelector('[data-role=chips]')).display];
  }), [1, 0, 'flex']);

  // Back undoes the filter (and the report follows).
  const unfiltered = page.evaluate(() => new Promise((ok) => document.querySelector('b2b-pulse').addEventListener('report', (e) => ok(e.detail.filters), { once: true })));
  await page.goBack();
  assert.equal((await unfiltered).sales_rep ?? null, null);
  await page.waitForFunction(() => document.querySelector('b2b-pulse').shadowRoot.querySelector('[data-role=chips]').hidden);

  // The chip's × does the same, with the keyboard. Forward's own report is awaited first: the
  // chip shows as soon as the filter is back, before that report, which the listener below
  // would otherwise take for the × one's.
  const refiltered = page.evaluate(() => new Promise((ok) => document.querySelector('b2b-pulse').addEventListener('report', (e) => ok(e.detail.filters), { once: true })));
  await page.goForward();
  assert.equal((await refiltered).sales_rep, rep.sales_rep);
  await chip.waitFor();
  const cleared = page.evaluate(() => new Promise((ok) => document.querySelector('b2b-pulse').addEventListener('report', (e) => ok(e.detail.filters), { once: true })));
  await chip.focus();
  await page.keyboard.press('Enter');
  assert.equal((await cleared).sales_rep ?? null, null);

  // This week: a quote item opens the quote's page; Back returns to the list.
  await $(page, '[data-tab=attention]').click();
  const items = r.attention || [];
  const i = items.findIndex((a) => a.link && a.link.dashboard === 'negotiations');
  if (i >= 0) {
    await $(page, `[data-attn-open="${i}"]`).click();
    await $(page, `[data-detail=quote][data-id="${items[i].link.deal_id}"]`).waitFor();
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('b2b-pulse').shadowRoot.querySelector('[role=tab][aria-selected=true]').dataset.tab === 'attention');
  }
  // A customer from the team's attention list: Back returns to the sales team.
  await $(page, '[data-tab=sales_team]').click();
  const attention = $(page, '[data-table=attention] tbody tr.clickable').first();
  if (await attention.count()) {
    await attention.click();
    assert.equal(await selectedTab(page), 'customers');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('b2b-pulse').shadowRoot.querySelector('[role=tab][aria-selected=true]').dataset.tab === 'sales_team');
  }
  assert.deepEqual(errors, []);
  await page.close();
});
