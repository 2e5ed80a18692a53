// Rows asked ahead (web/src/rows-ahead.js): after a re-filter the customers' table and the
// chosen customer's detail come with the report, without a round trip to the worker each: here
// the table is sorted by orders first, so what is asked ahead is the table's own state, and
// after the period changes the worker is asked for no rows at all, while the table shows
// exactly the first page of the new report's customers in that order, as the worker's rows()
// gives it when asked directly, and the detail shows the chosen customer.
// Run: make test-browser, or node --test tests/browser/rows_ahead.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSamplesPage, openBrowserAndServer, closeBrowserAndServer, engineKind, nextReport, settled } from './helpers.mjs';

const skip = engineKind() !== 'wasm' && 'needs the wasm engine';

let browser, server;

/** The report's period's end, and its middle: a re-filter moves the end there. */
async function halfPeriod(page) {
  const { from, to } = await page.evaluate(() => document.querySelector('b2b-pulse').report.period);
  return { middle: new Date((Date.parse(from) + Date.parse(to)) / 2).toISOString().slice(0, 10), to };
}
/** The samples' page in English with `tab` shown and settled: {page, errors, $}. */
async function samplesOnTab(tab) {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  const $ = (sel) => page.locator(`b2b-pulse ${sel}`);
  await $(`[role=tab][data-tab=${tab}]`).click();
  await settled(page);
  return { page, errors, $ };
}

/** At the next `view` event, marks the node at `selector` (data-mark="view": a redraw of the
 *  view drops it) and resolves to what the view's report held: the dashboards' keys in it, its
 *  paged report id and This week's list's length. */
function markAtView(page, selector) {
  return page.evaluate((sel) => new Promise((ok) => {
    const el = document.querySelector('b2b-pulse');
    el.addEventListener('view', (e) => {
      el.shadowRoot.querySelector(sel).dataset.mark = 'view';
      ok({
        keys: ['customers', 'catalogs', 'negotiations', 'sales_team', 'attention', 'comparisons'].filter((k) => k in e.detail),
        reportId: el.report.paged ? el.report.paged.report_id : null,
        attention: Array.isArray(e.detail.attention) ? e.detail.attention.length : null,
      });
    }, { once: true });
  }), selector);
}

before(async () => {
  if (!skip) ({ browser, server } = await openBrowserAndServer());
});
after(() => closeBrowserAndServer(browser, server));

test('a re-filter of the customers\' view asks the worker for no rows, and shows the right ones', { skip, timeout: 120000 }, async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  const $ = (sel) => page.locator(`b2b-pulse ${sel}`);
  await $('[role=tab][data-tab=customers]').click();
  await $('[data-slot=cust-table] th[data-sort=orders] button').click();
  await settled(page);
  const chosen = await $('[data-slot=cust-table] tbody tr[data-key]').nth(2).getAttribute('data-key');
  await $(`[data-slot=cust-table] tbody tr[data-key="${chosen}"]`).click();
  await settled(page);
  const sort = await page.evaluate(() => document.querySelector('b2b-pulse').ui.customers.table.sort);
  assert.equal(sort.key, 'orders');

  // Every rows request that reaches the worker from here on is counted.
  await page.evaluate(() => {
    const engine = document.querySelector('b2b-pulse').session.engine;
    const rows = engine.rows.bind(engine);
    window.rowsAsked = 0;
    engine.rows = (request) => {
      window.rowsAsked++;
      return rows(request);
    };
  });
  // The period's end moved to its middle.
  const { middle } = await halfPeriod(page);
  await nextReport(page, () => $('input[data-filter=to]').fill(middle));
  await settled(page);
  assert.equal(await page.evaluate(() => window.rowsAsked), 0, 'the table\'s page and the detail came with the report');

  const shown = await $('[data-slot=cust-table] tbody tr[data-key]').evaluateAll((trs) => trs.map((tr) => tr.dataset.key));
  const direct = await page.evaluate(async (sort) => {
    const el = document.querySelector('b2b-pulse');
    const answer = await el.session.engine.rows({ list: 'customers.rows', where: null, sort, query: '', offset: 0, limit: 25, report_id: el.report.paged.report_id });
    return answer.rows.map((r) => r.customer_id);
  }, sort);
  assert.ok(shown.length > 1);
  assert.deepEqual(shown, direct, 'the first page, in the table\'s order, of the new report');
  assert.equal(await page.evaluate(() => window.rowsAsked), 1, 'only the direct question reached the worker');
  const detail = await $('[data-slot=cust-detail]').textContent();
  assert.ok(detail.includes(chosen), `the detail shows ${chosen}`);
  assert.deepEqual(errors, []);
  await page.close();
});

// A re-filter answered within a glance draws no progress bar, which would push the dashboards
// down and back up (element.js showProgressSoon): the bar waits its delay and any hideProgress
// before then cancels it; once the view is redrawn the bar is hidden whatever the whole report
// still takes.
test('the progress bar waits its delay, and a re-filter\'s view hides it', { skip, timeout: 120000 }, async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  const $ = (sel) => page.locator(`b2b-pulse ${sel}`);
  const shownAfter = (hideFirst) => page.evaluate(async (hideFirst) => {
    const el = document.querySelector('b2b-pulse');
    const bar = el.shadowRoot.querySelector('[data-role=progress]');
    el.showProgressSoon('busy');
    const atOnce = !bar.hidden;
    if (hideFirst) el.hideProgress();
    await new Promise((ok) => setTimeout(ok, 400));
    const later = !bar.hidden;
    el.hideProgress();
    return { atOnce, later, label: bar.textContent.trim() };
  }, hideFirst);
  assert.deepEqual(await shownAfter(false), { atOnce: false, later: true, label: 'busy' });
  assert.deepEqual(await shownAfter(true), { atOnce: false, later: false, label: 'busy' });

  await $('[role=tab][data-tab=customers]').click();
  await settled(page);
  const hiddenAtView = page.evaluate(() => new Promise((ok) => {
    const el = document.querySelector('b2b-pulse');
    el.addEventListener('view', () => ok(el.shadowRoot.querySelector('[data-role=progress]').hidden), { once: true });
  }));
  const { middle } = await halfPeriod(page);
  await nextReport(page, () => $('input[data-filter=to]').fill(middle));
  assert.equal(await hiddenAtView, true, 'no bar over the view just redrawn');
  assert.deepEqual(errors, []);
});

// The charts of a redraw are drawn at the next frame, all in one batch (charts/chart-set.js):
// reading their widths right after each task's DOM writes forced a layout of the whole page for
// each batch (the view, then its table's rows, then the chosen customer's detail).
test('a re-filter\'s charts are drawn at the next frame, not after the task that made them', { skip, timeout: 120000 }, async () => {
  const { page, errors, $ } = await samplesOnTab('customers');
  const seen = page.evaluate(() => new Promise((ok) => {
    const el = document.querySelector('b2b-pulse');
    const panel = () => el.shadowRoot.querySelector('[data-dashboard=customers]');
    const undrawn = () => [...panel().querySelectorAll('.chart')].filter((c) => !c.firstElementChild).length;
    el.addEventListener('view', () => {
      const charts = panel().querySelectorAll('.chart').length;
      const atView = undrawn();
      queueMicrotask(() => {
        const afterTask = undrawn();
        requestAnimationFrame(() => ok({ charts, atView, afterTask, atFrame: undrawn() }));
      });
    }, { once: true });
  }));
  const { middle } = await halfPeriod(page);
  await nextReport(page, () => $('input[data-filter=to]').fill(middle));
  const s = await seen;
  assert.ok(s.charts >= 2, `the view has charts (${s.charts})`);
  assert.equal(s.atView, s.charts, 'none drawn as the view is built');
  assert.equal(s.afterTask, s.charts, 'none drawn right after its task');
  assert.equal(s.atFrame, 0, 'all drawn at the frame');
  assert.deepEqual(errors, []);
});

// The catalogs' view asks for the catalogs' section alone (report-runner.js VIEW_SECTIONS): its
// one figure from elsewhere, the margin of all lines, now comes in that section
// (catalogs.margin_pct), the customers' summary's figure to the bit.
test('a re-filter of the catalogs\' view is drawn from the catalogs\' section alone', { skip, timeout: 120000 }, async () => {
  const { page, errors, $ } = await samplesOnTab('catalogs');
  const atView = page.evaluate(() => new Promise((ok) => {
    const el = document.querySelector('b2b-pulse');
    el.addEventListener('view', (e) => ok({
      keys: ['customers', 'catalogs', 'negotiations', 'sales_team', 'attention'].filter((k) => k in e.detail),
      margin: el.shadowRoot.querySelector('[data-dashboard=catalogs] [data-kpi=margin_pct] .tile-value').textContent.trim(),
    }), { once: true });
  }));
  const { middle } = await halfPeriod(page);
  await nextReport(page, () => $('input[data-filter=to]').fill(middle));
  const view = await atView;
  assert.deepEqual(view.keys, ['catalogs'], 'the view\'s report holds the catalogs only');
  await settled(page);
  const whole = await page.evaluate(() => {
    const r = document.querySelector('b2b-pulse').report;
    return { catalogs: r.catalogs.margin_pct, customers: r.customers.summary.margin_pct };
  });
  assert.equal(typeof whole.catalogs, 'number');
  assert.equal(whole.catalogs, whole.customers, 'the same lines, the same figure');
  const margin = await $('[data-dashboard=catalogs] [data-kpi=margin_pct] .tile-value').textContent();
  assert.match(view.margin, /%$/);
  assert.equal(margin.trim(), view.margin, 'the tile the view drew is the whole report\'s');
  assert.deepEqual(errors, []);
  await page.close();
});

// The view on screen, drawn from its sections, is not drawn again when the whole report of the
// same settings comes (render-scheduler.js all(kept)): its markup stays the very nodes the view
// wrote, its table's next page and sort are answered by the worker from the whole report's
// lists (report-store.js sameAs), and the dashboards behind the other tabs are drawn as before.
test('a re-filter\'s view is drawn once; its table pages on from the whole report', { skip, timeout: 120000 }, async () => {
  const { page, errors, $ } = await samplesOnTab('catalogs');
  const customersBefore = await $('[data-dashboard=customers] .dash-head .scope').textContent();
  const marked = markAtView(page, '[data-dashboard=catalogs] [data-kpi=skus]');
  const rendered = page.evaluate(() => new Promise((ok) => document.querySelector('b2b-pulse').addEventListener('rendered', () => ok(true), { once: true })));
  const { middle, to } = await halfPeriod(page);
  await nextReport(page, () => $('input[data-filter=to]').fill(middle));
  const { reportId: viewId } = await marked;
  assert.notEqual(viewId, null);
  assert.equal(await rendered, true);
  await settled(page);
  const wholeId = await page.evaluate(() => document.querySelector('b2b-pulse').report.paged.report_id);
  assert.notEqual(wholeId, viewId, 'the whole report came after the view');
  assert.equal(await $('[data-dashboard=catalogs] [data-kpi=skus]').getAttribute('data-mark'), 'view', 'the view was not drawn again');
  // The other dashboards were drawn from the new report.
  const customersAfter = await $('[data-dashboard=customers] .dash-head .scope').textContent();
  assert.notEqual(customersAfter, customersBefore);
  assert.ok(customersAfter.includes(await page.evaluate(() => document.querySelector('b2b-pulse').fmt.date(document.querySelector('b2b-pulse').report.period.to))));

  // The view's table, drawn from the view's report, pages on: the worker answers its report id
  // from the whole report's lists, the same rows as the whole report's own.
  const table = '[data-dashboard=catalogs] [data-slot=cat-products]';
  const firstPage = await $(`${table} tbody tr[data-key]`).evaluateAll((trs) => trs.map((tr) => tr.dataset.key));
  await $(`${table} [data-act=next]`).click();
  await settled(page);
  const shown = await $(`${table} tbody tr[data-key]`).evaluateAll((trs) => trs.map((tr) => tr.dataset.key));
  const direct = await page.evaluate(async ({ viewId, wholeId }) => {
    const el = document.querySelector('b2b-pulse');
    const state = el.ui.catalogs.products;
    const ask = (id) => el.session.engine.rows({ list: 'catalogs.products', where: { catalog: el.ui.catalogs.catalog }, sort: state.sort, query: state.query || '', offset: 25, limit: 25, report_id: id });
    const [v, w] = await Promise.all([ask(viewId), ask(wholeId)]);
    return { view: v.stale ? 'stale' : v.rows.map((r) => r.sku), whole: w.rows.map((r) => r.sku) };
  }, { viewId, wholeId });
  assert.ok(direct.whole.length > 0);
  assert.deepEqual(direct.view, direct.whole, 'the view\'s report id reads the whole report\'s lists');
  assert.notDeepEqual(shown, firstPage);
  assert.deepEqual(shown, direct.whole, 'the second page, as the whole report gives it');
  // A report after that one leaves both ids stale.
  await nextReport(page, () => $('input[data-filter=to]').fill(to));
  await settled(page);
  const stale = await page.evaluate(async (id) => (await document.querySelector('b2b-pulse').session.engine.rows({ list: 'catalogs.products', offset: 0, limit: 1, report_id: id })).stale, viewId);
  assert.equal(stale, true);
  assert.deepEqual(errors, []);
  await page.close();
});

// This week's view has no lists in the worker: it is kept as drawn all the same, unless its list
// is empty (its empty state then says which files are missing, from the whole report).
test('a re-filter of This week draws its list once', { skip, timeout: 120000 }, async () => {
  const { page, errors, $ } = await samplesOnTab('attention');
  const marked = markAtView(page, '[data-dashboard=attention] [data-kpi=attention_items]');
  const rendered = page.evaluate(() => new Promise((ok) => document.querySelector('b2b-pulse').addEventListener('rendered', () => ok(true), { once: true })));
  const { middle } = await halfPeriod(page);
  await nextReport(page, () => $('input[data-filter=to]').fill(middle));
  const { attention: items } = await marked;
  assert.ok(items > 0, 'the samples have items this week');
  assert.equal(await rendered, true);
  assert.equal(await $('[data-dashboard=attention] [data-kpi=attention_items]').getAttribute('data-mark'), 'view', 'the view was not drawn again');
  assert.equal(await page.evaluate(() => document.querySelector('b2b-pulse').report.attention.length), items, 'the whole report\'s list is the view\'s');
  assert.deepEqual(errors, []);
  await page.close();
});

// The sales team's view asks for its own section and the two lists it shows (the customers
// and the open deals), not the catalogs: drawn once from them, it reads as the whole report
// would draw it.
test('a re-filter of the sales team is drawn from its sections, as the whole report draws it', { skip, timeout: 120000 }, async () => {
  const { page, errors, $ } = await samplesOnTab('sales_team');
  const panel = '[data-dashboard=sales_team]';
  const atView = markAtView(page, `${panel} [data-kpi=pipeline]`);
  const text = (s) => s.replace(/\s+/g, ' ').trim();
  const before = text(await $(panel).textContent());
  const { middle } = await halfPeriod(page);
  await nextReport(page, () => $('input[data-filter=to]').fill(middle));
  assert.deepEqual((await atView).keys, ['customers', 'negotiations', 'sales_team'], 'the view\'s report: its section and its two lists');
  await settled(page);
  assert.equal(await $(`${panel} [data-kpi=pipeline]`).getAttribute('data-mark'), 'view', 'the view was not drawn again');
  const fromView = text(await $(panel).textContent());
  assert.notEqual(fromView, before, 'half the period moves the team\'s figures');
  // Drawn again from the whole report, it reads the same.
  await page.evaluate(() => document.querySelector('b2b-pulse').scheduler.one('sales_team'));
  await settled(page);
  assert.equal(await $(`${panel} [data-kpi=pipeline]`).getAttribute('data-mark'), null, 'drawn again');
  assert.ok(fromView.length > 200);
  assert.equal(text(await $(panel).textContent()), fromView);
  assert.deepEqual(errors, []);
  await page.close();
});
