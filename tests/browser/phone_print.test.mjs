// Print and phone (issue #13, point 10). Printed on A4 a dashboard keeps the follow-up columns
// (last order, days since, expected next, late ×) on the page and prints the filters that are
// set; on a 390-px phone the filters fold into one line, every tab is in view, tap targets are
// at least 40 px, nothing overflows sideways, monthly axis labels do not overlap, and a row or
// card scrolled into view stops below the sticky header. Screenshots: build/screenshots/phone-*.png
// and print-*.png.
// Run: node --test --test-concurrency=1 tests/browser/phone_print.test.mjs (after make web)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openSamplesPage, nextReport, repo, openBrowserAndServer, closeBrowserAndServer, settled } from './helpers.mjs';

const SHOTS = path.join(repo, 'build/screenshots');
const A4_WIDTH = 718; // A4 portrait at 96 px per inch, less Chromium's default margins
const PHONE = { width: 390, height: 844 };
const FOLLOW_UP = ['last_order', 'days_since_last_order', 'expected_next_order', 'overdue_ratio'];
const TABS = ['attention', 'customers', 'catalogs', 'negotiations', 'sales_team', 'data'];

let browser, server;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  ({ browser, server } = await openBrowserAndServer());
});

after(() => closeBrowserAndServer(browser, server));

/** Runs fn(shadowRoot, ...args) in the page. */
const inRoot = (page, fn, ...args) => page.evaluate(([src, a]) => new Function('return ' + src)()(document.querySelector('b2b-pulse').shadowRoot, ...a), [fn.toString(), args]);

test('print on A4: the follow-up columns stay on the page, the set filters and the table\'s chip are printed', async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  await page.locator('b2b-pulse [data-tab=customers]').click();
  await nextReport(page, () => page.locator('b2b-pulse select[data-filter=catalog]').selectOption('Distributors'));
  await page.locator('b2b-pulse [data-dashboard=customers] .chip[data-chip=overdue]').click();
  await page.setViewportSize({ width: A4_WIDTH, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  await page.waitForTimeout(400);
  const seen = await inRoot(page, (root, followUp) => {
    const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const table = root.querySelector('[data-dashboard=customers] [data-table=customers]');
    const th = (k) => table.querySelector(`th[data-sort=${k}]`);
    return {
      page: document.documentElement.clientWidth,
      tableRight: Math.round(table.getBoundingClientRect().right),
      followUp: followUp.map((k) => [k, shown(th(k)) ? Math.round(th(k).getBoundingClientRect().right) : null]),
      filters: [...root.querySelectorAll('.filters label')].filter(shown).map((l) => [l.querySelector('span').textContent, l.querySelector('select, input').value]),
      chips: [...root.querySelectorAll('[data-dashboard=customers] .chip')].filter(shown).map((c) => c.dataset.chip),
      toggle: shown(root.querySelector('.filters-toggle')),
    };
  }, FOLLOW_UP);
  assert.ok(seen.tableRight <= seen.page, `table ends at ${seen.tableRight} px, the page at ${seen.page}`);
  for (const [k, right] of seen.followUp) assert.ok(right !== null && right <= seen.page, `${k}: ${right}`);
  assert.deepEqual(seen.filters, [['Catalog', 'Distributors']]);
  assert.deepEqual(seen.chips, ['overdue']);
  assert.equal(seen.toggle, false);
  await page.screenshot({ fullPage: true, path: path.join(SHOTS, 'print-a4-customers.png') });
  const pdf = await page.pdf({ format: 'A4' });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.deepEqual(errors, []);
  await page.close();
});

for (const lang of ['en', 'ru']) {
  test(`a 390-px phone (${lang}): filters in one line, every tab in view, tap targets of 40 px, no sideways scroll`, async () => {
    const { page, errors } = await openSamplesPage(browser.context, server.origin, lang, PHONE.width);
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(200);

    // The filters: one line that opens.
    const bar = await inRoot(page, (root) => ({
      height: Math.round(root.querySelector('.filters').getBoundingClientRect().height),
      fields: [...root.querySelectorAll('.filters label')].filter((l) => l.getClientRects().length).length,
      expanded: root.querySelector('.filters-toggle').getAttribute('aria-expanded'),
    }));
    assert.ok(bar.height <= 60, `the filter bar is ${bar.height} px tall`);
    assert.equal(bar.fields, 0);
    assert.equal(bar.expanded, 'false');
    await page.locator('b2b-pulse .filters-toggle').click();
    assert.equal(await page.locator('b2b-pulse .filters-toggle').getAttribute('aria-expanded'), 'true');
    await nextReport(page, () => page.locator('b2b-pulse select[data-filter=catalog]').selectOption('Premium'));
    assert.match(await page.locator('b2b-pulse [data-role=filters-summary]').textContent(), /Premium/);
    await page.locator('b2b-pulse .filters-toggle').click();
    if (lang === 'en') await page.screenshot({ path: path.join(SHOTS, 'phone-en-filters.png') });
    await nextReport(page, () => page.evaluate(() => document.querySelector('b2b-pulse').setFilters({ catalog: null })));

    const problems = [];
    for (const tab of TABS) {
      // Every tab is in view (none cut off at the edge) and opens its dashboard.
      const box = await page.locator(`b2b-pulse [data-tab=${tab}]`).boundingBox();
      if (!box || box.x < 0 || box.x + box.width > PHONE.width + 0.5) problems.push(`${tab}: tab out of view ${JSON.stringify(box)}`);
      await page.locator(`b2b-pulse [data-tab=${tab}]`).click();
      await page.waitForTimeout(200);
      const found = await inRoot(page, (root, k) => {
        const out = [];
        const panel = root.querySelector(`[data-dashboard=${k}], [data-panel=${k}]`);
        if (!panel.classList.contains('active')) out.push('not shown');
        const scope = [root.querySelector('.top'), root.querySelector('.filters'), panel];
        const targets = scope.flatMap((s) => [...s.querySelectorAll('button, select, input:not([type=hidden]):not([type=file]), summary, a[href], [role=tab], [role=button], tr.clickable')]);
        for (const target of targets) {
          // A checkbox is tapped through its label.
          const el = target.matches('input[type=checkbox], input[type=radio]') && target.closest('label') || target;
          const r = el.getBoundingClientRect();
          if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
          const wide = el.matches('tr') ? true : r.width >= 39.5;
          if (r.height < 39.5 || !wide) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(r.width)}×${Math.round(r.height)}`);
        }
        if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth} px wide`);
        return out;
      }, tab);
      const counts = new Map();
      for (const p of found) counts.set(p, (counts.get(p) || 0) + 1);
      for (const [p, n] of counts) problems.push(`${tab}: ${p}${n > 1 ? ` (${n})` : ''}`);
      await page.screenshot({ fullPage: true, path: path.join(SHOTS, `phone-${lang}-${tab}.png`) });
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

// Ctrl+P: the browser lays the page out for print right after its beforeprint event, without a
// frame in between, so the charts redrawn for print are drawn within the event (print-share.js),
// not at the next frame as on screen (charts/chart-set.js).
test('printing draws its charts within the beforeprint event', async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  await page.locator('b2b-pulse [data-tab=customers]').click();
  await settled(page);
  const seen = await page.evaluate(() => {
    const el = document.querySelector('b2b-pulse');
    const panel = el.shadowRoot.querySelector('[data-dashboard=customers]');
    window.dispatchEvent(new Event('beforeprint'));
    const charts = panel.querySelectorAll('.chart');
    const undrawn = [...charts].filter((c) => !c.firstElementChild).length;
    window.dispatchEvent(new Event('afterprint'));
    return { charts: charts.length, undrawn };
  });
  assert.ok(seen.charts >= 2, `charts: ${seen.charts}`);
  assert.equal(seen.undrawn, 0);
  assert.deepEqual(errors, []);
});

test('a phone: monthly axis labels do not overlap, and a row or card brought into view stops below the sticky header', async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'ru', PHONE.width);
  await page.setViewportSize(PHONE);
  await page.locator('b2b-pulse [data-tab=customers]').click();
  await page.waitForTimeout(300);
  // Each x label of every uPlot chart (as drawn, font included) clears its neighbour.
  const overlaps = await inRoot(page, (root) => {
    const out = [];
    for (const chart of root.querySelectorAll('[data-dashboard=customers] .chart')) {
      const u = chart._chart && chart._chart.u;
      if (!u) continue;
      const axis = u.axes[0];
      const ctx = u.ctx;
      ctx.save();
      ctx.font = axis.font[0];
      const labels = (axis._values || []).map((v, i) => ({ x: u.valToPos(axis._splits[i], 'x'), w: Math.max(...String(v).split('\n').map((s) => ctx.measureText(s).width)) }));
      ctx.restore();
      if (labels.length < 2) out.push(`${chart.dataset.slot}: ${labels.length} label`);
      for (let i = 1; i < labels.length; i++) {
        const gap = labels[i].x - labels[i - 1].x - (labels[i].w + labels[i - 1].w) / 2;
        if (gap < 4) out.push(`${chart.dataset.slot}: labels ${i - 1} and ${i} ${gap.toFixed(1)} px apart`);
      }
    }
    return out;
  });
  assert.deepEqual(overlaps, []);

  const headerBottom = () => inRoot(page, (root) => root.querySelector('.top').getBoundingClientRect().bottom);
  const topOf = (sel) => inRoot(page, (root, s) => root.querySelector(s).getBoundingClientRect().top, sel);
  // A tapped row opens the customer above the table: the card stops below the header.
  const row = page.locator('b2b-pulse [data-table=customers] tbody tr').nth(12);
  await row.scrollIntoViewIfNeeded();
  await row.click();
  await page.waitForTimeout(900); // smooth scrolling
  const card = '[data-dashboard=customers] [data-card="cust-detail"]';
  assert.ok(await topOf(card) >= (await headerBottom()) - 1, `card at ${await topOf(card)}, header ends at ${await headerBottom()}`);
  // "Open the customer" on This week scrolls straight to the card.
  await page.locator('b2b-pulse [data-tab=attention]').click();
  await page.locator('b2b-pulse [data-dashboard=attention] [data-link=customers]').first().click();
  await page.waitForTimeout(300);
  assert.ok(await topOf(card) >= (await headerBottom()) - 1, `card at ${await topOf(card)}, header ends at ${await headerBottom()}`);
  // A row reached with the keyboard is not left under the header either.
  const focused = page.locator('b2b-pulse [data-table=customers] tbody tr').nth(3);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await focused.focus();
  await page.waitForTimeout(200);
  const rowTop = await inRoot(page, (root) => root.activeElement.getBoundingClientRect().top);
  assert.ok(rowTop >= (await headerBottom()) - 1, `row at ${rowTop}, header ends at ${await headerBottom()}`);
  assert.deepEqual(errors, []);
  await page.close();
});
