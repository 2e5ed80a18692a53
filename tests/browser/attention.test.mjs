// "This week" on the page: the first view lists the engine's `attention` items ranked by the
// money at stake, each with a sentence (EN and RU), its owner and a link that opens its row;
// "My list" narrows it to one owner; an empty list says what to load; a 390-px phone shows
// it without overflow. A hand-made list covers every reason code's sentence.
// Screenshots: build/screenshots/attention-*.png.
// Run: node --test tests/browser/attention.test.mjs (after make web)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repo, openSamplesPage, openBrowserAndServer, closeBrowserAndServer } from './helpers.mjs';

const SHOTS = path.join(repo, 'build/screenshots');
const NUM = { en: 'en-US', ru: 'ru-RU' };
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
// Money as the page's tables write it (whole units from 100, cents below).
const money = (lang, v) => new Intl.NumberFormat(NUM[lang], Math.abs(v) >= 100 ? { maximumFractionDigits: 0 } : { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(v);
// English words of this view that must not show on the Russian page.
const ENGLISH = /\b(chance|expires|orders less|Owner|Open the|lapsed|overdue|due to order|This week|My list|Everyone)\b/;

let browser, server;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  ({ browser, server } = await openBrowserAndServer());
});

after(() => closeBrowserAndServer(browser, server));

const openSamples = (lang, width) => openSamplesPage(browser.context, server.origin, lang, width);

const report = (page) => page.evaluate(() => document.querySelector('b2b-pulse').report);

/** Draws a report given by hand, as if the engine had returned it. */
const show = (page, r) => page.evaluate((doc) => {
  const el = document.querySelector('b2b-pulse');
  el._report = doc;
  el.ui.attention = {};
  el.renderAll();
}, r);

const items = (page) => page.locator('b2b-pulse [data-dashboard=attention] li.attn-item');
const listed = (page) => page.evaluate(() => [...document.querySelector('b2b-pulse').shadowRoot
  .querySelectorAll('[data-dashboard=attention] li.attn-item')].map((li) => ({
  kind: li.dataset.kind, subject: li.dataset.subject, owner: li.dataset.owner,
  amount: li.dataset.amount === '' ? null : Number(li.dataset.amount),
  reason: li.querySelector('.attn-reason').innerText, shown: li.querySelector('[data-role=amount]').firstChild.textContent,
})));

/** One item of every kind, with the figures each sentence needs. */
const HAND = [
  { kind: 'customer_at_risk', owner: 'R1', subject: 'C1', reason_code: 'lapsed', amount_at_stake: 5000, link: { dashboard: 'customers', customer_id: 'C1' },
    params: { customer_name: 'Alpha GmbH', status: 'lapsed', days_since: 121, usual_interval_days: 30, last_order: '2026-03-01', p_order_next: 0.04, horizon_days: 90, revenue_at_risk: 5000, seasonal_pause: true } },
  { kind: 'quote_expiring', owner: 'R2', subject: 'Q-1', reason_code: 'expires_soon', amount_at_stake: 4000, link: { dashboard: 'negotiations', deal_id: 'Q-1' },
    params: { days_left: 1, expires_at: '2026-07-01', customer_id: 'C2', status: 'submitted', amount: 10000, win_probability: 0.4, expected_value: 4000 } },
  { kind: 'customer_at_risk', owner: 'R2', subject: 'C2', reason_code: 'low_order_chance', amount_at_stake: 3000, link: { dashboard: 'customers', customer_id: 'C2' },
    params: { customer_name: 'Beta', status: 'on_track', days_since: 22, usual_interval_days: null, p_order_next: 0.3, horizon_days: 90, revenue_at_risk: 3000, seasonal_pause: null } },
  { kind: 'discount_candidate', owner: null, subject: 'SKU-A', reason_code: 'cut_pays', amount_at_stake: 2500, link: { dashboard: 'catalogs', catalog: 'Wholesale', sku: 'SKU-A' },
    params: { catalog: 'Wholesale', product_name: 'Lever file', cut: 0.1, units_change_pct: 0.2, margin_change: 3000, margin_change_low: 2500, margin_change_high: 3500 } },
  { kind: 'customer_shrinking', owner: 'R2', subject: 'C6', reason_code: 'order_value_drop', amount_at_stake: 1500, link: { dashboard: 'customers', customer_id: 'C6' },
    params: { customer_name: 'Zeta', status: 'on_track', usual_order_value: 500, recent_order_value: 250, order_value_drop: 0.5, recent_orders: 3, expected_orders: 6, horizon_days: 90 } },
  { kind: 'deal_slipping', owner: 'R3', subject: 'Q-3', reason_code: 'expiry_passed', amount_at_stake: 1500, link: { dashboard: 'negotiations', deal_id: 'Q-3' },
    params: { days_past: 21, expires_at: '2026-06-09', customer_id: 'C1', status: 'open', amount: 6000, win_probability: 0.25 } },
  { kind: 'rep_stale_pipeline', owner: 'R3', subject: 'R3', reason_code: 'pipeline_stale', amount_at_stake: 1500, link: { dashboard: 'sales_team', sales_rep: 'R3' },
    params: { rep_name: 'Rita Sommer', stale_deals: 1, open_deals: 1, stale_days: 30, days_since_activity: 60, stale_amount: 6000, stale_expected_value: 1500 } },
  { kind: 'rep_stale_pipeline', owner: 'R1', subject: 'R1', reason_code: 'deals_stale', amount_at_stake: 700, link: { dashboard: 'sales_team', sales_rep: 'R1' },
    params: { rep_name: null, stale_deals: 1, open_deals: 3, stale_days: 30, days_since_activity: 45, stale_amount: 1400, stale_expected_value: 700 } },
  { kind: 'quote_expiring', owner: 'R1', subject: 'Q-4', reason_code: 'expires_soon', amount_at_stake: null, link: { dashboard: 'negotiations', deal_id: 'Q-4' },
    params: { days_left: 0, expires_at: '2026-06-30', customer_id: null, status: 'open', amount: null, win_probability: 0.6, expected_value: null } },
];

// The list shows this many items, then as many more at each "Show more".
const STEP = 50;

async function checkRanking(page, lang, r) {
  assert.equal(await page.locator('b2b-pulse [data-tab=attention]').getAttribute('aria-selected'), 'true', 'the first view');
  const shown = await listed(page);
  assert.equal(shown.length, Math.min(r.attention.length, STEP), 'the first items');
  assert.deepEqual(shown.map((x) => x.subject + '/' + x.kind), r.attention.slice(0, STEP).map((a) => a.subject + '/' + a.kind), 'the engine\'s order');
  const amounts = shown.map((x) => x.amount);
  const known = amounts.filter((v) => v !== null);
  for (let i = 1; i < known.length; i++) assert.ok(known[i - 1] >= known[i], `ranked by amount: ${known[i - 1]} < ${known[i]}`);
  assert.ok(amounts.indexOf(null) < 0 || amounts.slice(amounts.indexOf(null)).every((v) => v === null), 'unknown amounts last');
  for (const [i, x] of shown.entries()) {
    assert.doesNotMatch(x.reason, /\{|\}|undefined|NaN/, `sentence ${i}: ${x.reason}`);
    if (isNum(r.attention[i].amount_at_stake)) assert.equal(x.shown, money(lang, r.attention[i].amount_at_stake));
  }
  return shown;
}

test('the first view ranks the samples\' actions by money; My list narrows it; a link opens the customer', async () => {
  const { page, errors } = await openSamples('en');
  let r = await report(page);
  if (!Array.isArray(r.attention)) {
    r = { ...r, attention: HAND, attention_total: HAND.length }; // an engine without the list (fake)
    await show(page, r);
  }
  assert.ok(r.attention.length > 0);
  let shown = await checkRanking(page, 'en', r);
  // A list longer than one step: "Show more" shows the next items, in the engine's order, and
  // the keyboard goes on at the first of them; the button says how many are left, then goes.
  const long = { ...r, attention: Array.from({ length: 3 * STEP + 7 }, (_, i) => ({ ...r.attention[i % r.attention.length], subject: `S${i}`,
    amount_at_stake: 10000 - i })) };
  long.attention_total = long.attention.length;
  await show(page, long);
  const more = page.locator('b2b-pulse [data-role=attn-more]');
  assert.equal(await items(page).count(), STEP);
  assert.equal(await more.innerText(), `Show ${STEP} more (${2 * STEP + 7} not shown)`);
  await more.click();
  assert.equal(await items(page).count(), 2 * STEP);
  assert.equal(await page.evaluate(() => document.querySelector('b2b-pulse').shadowRoot.activeElement?.dataset.attnOpen), String(STEP));
  await more.focus();
  await page.keyboard.press('Enter');
  assert.equal(await more.innerText(), 'Show 7 more (7 not shown)');
  await more.click();
  assert.equal(await more.count(), 0, 'no button when all are shown');
  assert.deepEqual((await listed(page)).map((x) => x.subject), long.attention.map((a) => a.subject));
  assert.equal(await page.locator('b2b-pulse [data-kpi=attention_at_stake] .tile-value').innerText(),
    new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(long.attention.reduce((a, x) => a + x.amount_at_stake, 0)),
    'money at stake sums the whole list');
  await show(page, r);
  shown = await checkRanking(page, 'en', r);
  // The view's own rules are in the shadow root once, not in each redraw (own-style.js), and
  // apply: an item is a grid.
  assert.deepEqual(await page.evaluate(() => {
    const root = document.querySelector('b2b-pulse').shadowRoot;
    return [root.querySelectorAll('style[data-own-style=attention]').length, root.querySelectorAll('[data-dashboard=attention] style').length,
      getComputedStyle(root.querySelector('[data-dashboard=attention] li.attn-item')).display];
  }), [1, 0, 'grid']);
  assert.match(shown[0].reason, /\./);
  await page.screenshot({ path: path.join(SHOTS, 'attention-en.png') });
  await page.screenshot({ fullPage: true, path: path.join(SHOTS, 'attention-en-full.png') });

  // My list: the first item's owner.
  const owner = r.attention[0].owner;
  await page.locator('b2b-pulse [data-role=attn-owner]').selectOption(owner);
  const mine = r.attention.filter((a) => a.owner === owner);
  assert.equal(await items(page).count(), mine.length);
  assert.ok(mine.length < r.attention.length, 'the filter narrows');
  assert.deepEqual((await listed(page)).map((x) => x.owner), mine.map(() => owner));
  const sum = mine.reduce((a, x) => a + (x.amount_at_stake || 0), 0);
  assert.equal(await page.locator('b2b-pulse [data-kpi=attention_at_stake] .tile-value').innerText(),
    new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: sum >= 1000 ? 1 : 0 }).format(sum));

  // A customer item opens the customers dashboard on that customer.
  const cust = mine.find((a) => a.link.dashboard === 'customers');
  const i = mine.indexOf(cust);
  await items(page).nth(i).locator('[data-attn-open]').click();
  assert.equal(await page.locator('b2b-pulse [data-tab=customers]').getAttribute('aria-selected'), 'true');
  await page.locator(`b2b-pulse [data-slot=cust-detail] [data-customer="${cust.link.customer_id}"]`).waitFor();

  // A quote opens the negotiations dashboard with its row chosen.
  await page.locator('b2b-pulse [data-tab=attention]').click();
  await page.locator('b2b-pulse [data-role=attn-owner]').selectOption('');
  const quote = r.attention.findIndex((a) => a.link.dashboard === 'negotiations');
  if (quote >= 0) {
    await items(page).nth(quote).locator('[data-attn-open]').click();
    assert.equal(await page.locator('b2b-pulse [data-tab=negotiations]').getAttribute('aria-selected'), 'true');
    const row = page.locator(`b2b-pulse [data-table=open_deals] tr[data-key="${r.attention[quote].link.deal_id}"]`);
    assert.match(await row.getAttribute('class'), /selected/);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('every reason code reads as a sentence in English and Russian, owners named, links to each dashboard', async () => {
  for (const lang of ['en', 'ru']) {
    const { page, errors } = await openSamples(lang);
    const r = { ...(await report(page)), attention: HAND, attention_total: 250 };
    await show(page, r);
    const shown = await checkRanking(page, lang, r);
    const text = shown.map((x) => x.reason).join('\n');
    if (lang === 'en') {
      assert.match(shown[0].reason, /^Alpha GmbH has likely lapsed: last order 121 days ago, usually every 30 days; 4% chance of an order in the next 90 days\. A year ago/);
      assert.match(shown[1].reason, /Quote Q-1 for .* \(10,000\) expires in 1 day; win chance 40%/);
      assert.match(shown[3].reason, /A 10% price cut on Lever file \(SKU-A, Wholesale\) pays off: at least 2,500 more margin/);
      assert.match(shown[5].reason, /still open 21 days after its expiry/);
      assert.match(shown[6].reason, /^Rita Sommer: no open deal moved for 30 days or more/);
      assert.match(shown[8].reason, /^Quote Q-4 expires today; win chance 60%\.$/);
    } else {
      assert.match(shown[0].reason, /^Alpha GmbH: похоже, клиент ушёл — последний заказ 121 день назад, обычно раз в 30 дней; вероятность заказа в ближайшие 90 дней — 4\s?%/);
      assert.match(shown[1].reason, /истекает через 1 день/);
      assert.match(shown[5].reason, /21 день назад/);
      assert.match(shown[3].reason, /окупается: маржа вырастет минимум на 2\s500/);
      assert.doesNotMatch(await page.locator('b2b-pulse [data-dashboard=attention]').innerText(), ENGLISH);
      assert.equal(await page.locator('b2b-pulse [data-tab=attention]').innerText(), 'На этой неделе');
    }
    assert.doesNotMatch(text, /\{|undefined|NaN/);
    // Owners: the catalog manager for the catalog item; the cap is said.
    assert.match(await items(page).nth(3).locator('[data-role=owner]').innerText(), lang === 'en' ? /Catalog manager/ : /Менеджер каталога/);
    assert.match(await page.locator('b2b-pulse [data-dashboard=attention] .attn-bar').innerText(), lang === 'en' ? /9 largest of 250/ : /9 крупнейших из 250/);
    if (lang === 'ru') await page.screenshot({ fullPage: true, path: path.join(SHOTS, 'attention-ru.png') });
    // The rep link chooses the rep in the sales team's table.
    await items(page).nth(6).locator('[data-attn-open]').click();
    assert.equal(await page.locator('b2b-pulse [data-tab=sales_team]').getAttribute('aria-selected'), 'true');
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('an empty list says what to load; a phone shows the list without overflow', async () => {
  const { page, errors } = await openSamples('en', 390);
  await page.screenshot({ path: path.join(SHOTS, 'attention-phone.png') });
  const wide = await page.evaluate(() => {
    const root = document.querySelector('b2b-pulse').shadowRoot;
    const out = [];
    for (const el of root.querySelectorAll('[data-dashboard=attention] *')) {
      const b = el.getBoundingClientRect();
      if (b.width > 0 && b.right > window.innerWidth + 1) out.push(el.className || el.tagName);
    }
    return out;
  });
  assert.deepEqual(wide, [], 'nothing wider than the phone');
  const r = await report(page);
  await show(page, { ...r, attention: [], attention_total: 0, negotiations: { unavailable: 'load deals' } });
  const empty = await page.locator('b2b-pulse [data-role=attention-empty]').innerText();
  assert.match(empty, /Nothing needs action this week\. Load deals, quotes or opportunities/);
  assert.deepEqual(errors, []);
  await page.close();
});
