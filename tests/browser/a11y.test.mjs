// Keyboard and screen readers (issue #13, point 11): axe-core over every dashboard in English
// and Russian with the samples loaded, no serious or critical violation; sortable headers are
// buttons; chart bars and RFM cells are reached with Tab and work with Enter; every chart has a
// text alternative; loading progress is announced. axe-core is a dev dependency injected from
// here, never bundled into the page; injecting a script needs bypassCSP on this test's context
// only (the page's own policy is checked by csp.test.mjs).
// Run: node --test --test-concurrency=1 tests/browser/a11y.test.mjs (after make web)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openSamplesPage, repo, openBrowserAndServer, closeBrowserAndServer, rowsDrawn } from './helpers.mjs';

const AXE = path.join(repo, 'web/node_modules/axe-core/axe.min.js');
const VIEWS = ['attention', 'customers', 'catalogs', 'negotiations', 'sales_team', 'data'];

let browser, server;

before(async () => {
  assert.ok(fs.existsSync(AXE), 'axe-core is missing: cd web && npm ci');
  ({ browser, server } = await openBrowserAndServer({ bypassCSP: true }));
});

after(() => closeBrowserAndServer(browser, server));

/** The serious and critical violations axe finds on the page as it is now, one line each. */
async function axeProblems(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => [n.target.join(' > '), n.failureSummary.split('\n').slice(1, 2).join('')]) }));
  });
  // One line per rule and kind of failure (the first element that shows it, and how many do).
  const lines = new Map();
  for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
    for (const [target, why] of v.nodes) {
      const key = `${v.id} (${v.impact}): ${why.replace(/\s+/g, ' ').trim()}`;
      const seen = lines.get(key);
      lines.set(key, seen ? { ...seen, n: seen.n + 1 } : { target, n: 1 });
    }
  }
  return [...lines].map(([key, { target, n }]) => `${key} — ${target}${n > 1 ? ` and ${n - 1} more` : ''}`);
}

for (const lang of ['en', 'ru']) {
  test(`axe-core: no serious or critical violation on any dashboard (${lang})`, async () => {
    const { page, errors } = await openSamplesPage(browser.context, server.origin, lang);
    const found = [];
    for (const view of VIEWS) {
      await page.locator(`b2b-pulse [data-tab=${view}]`).click();
      await page.waitForTimeout(150);
      for (const p of await axeProblems(page)) found.push(`${view}: ${p}`);
    }
    assert.deepEqual(found, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('keyboard: sortable headers are buttons; status bars and RFM cells are reached with Tab and work with Enter', async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  await page.locator('b2b-pulse [data-tab=customers]').click();
  const dash = 'b2b-pulse [data-dashboard=customers]';

  // Every sortable header holds a button; Enter on one sorts by it.
  const headers = await page.locator(`${dash} [data-table=customers] th[data-sort]`).count();
  assert.ok(headers > 8, `${headers} sortable headers`);
  assert.equal(await page.locator(`${dash} [data-table=customers] th[data-sort] > button.th-sort`).count(), headers);
  await page.locator(`${dash} [data-table=customers] th[data-sort=orders] > button`).focus();
  await page.keyboard.press('Enter');
  await rowsDrawn(page, 'cust-table');
  assert.equal(await page.locator(`${dash} [data-table=customers] th[data-sort=orders]`).getAttribute('aria-sort'), 'descending');
  assert.equal(await page.locator(`${dash} [data-table=customers] th[data-sort=revenue]`).getAttribute('aria-sort'), 'none');
  // Tab from the header before reaches the next header's button (no stop on the th itself).
  await page.locator(`${dash} [data-table=customers] th[data-sort=revenue] > button`).focus();
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.querySelector('b2b-pulse').shadowRoot.activeElement?.closest('th')?.dataset.sort), 'orders');

  // The status bars: buttons named by their label and figure (their texts); Enter on "Overdue" filters the table.
  const bars = page.locator(`${dash} [data-slot=cust-status] g[data-key][role=button][tabindex="0"]`);
  assert.equal(await bars.count(), 5);
  assert.match(await bars.nth(2).textContent(), /^Overdue\s*\d+ · \d+%$/);
  await bars.nth(2).focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(`${dash} .chip.active`).getAttribute('data-chip'), 'overdue');
  await rowsDrawn(page, 'cust-table'); // the customers' rows come from the engine's worker
  const overdue = await page.locator(`${dash} [data-table=customers] tbody tr`).count();
  const statuses = await page.locator(`${dash} [data-table=customers] tbody tr td:nth-child(4)`).allTextContents();
  assert.ok(overdue > 0 && statuses.every((s) => /Overdue/.test(s)), statuses.join('|'));

  // An RFM cell: Tab reaches it, Space selects it, the focus stays on it after the redraw.
  const cell = page.locator(`${dash} [data-slot=cust-rfm] g[data-key="5,1"]`);
  assert.equal(await cell.getAttribute('role'), 'button');
  const count = Number((await cell.locator('title').textContent()).split(': ')[1]);
  await cell.focus();
  await page.keyboard.press(' ');
  assert.equal(await page.locator(`${dash} .chip.active`).getAttribute('data-chip'), 'rfm:5,1');
  assert.equal(await page.evaluate(() => document.querySelector('b2b-pulse').shadowRoot.activeElement?.getAttribute('data-key')), '5,1');
  await rowsDrawn(page, 'cust-table');
  const shown = await page.locator(`${dash} [data-table=customers] tbody tr:not(.dt-empty)`).count();
  assert.equal(shown, Math.min(25, count));
  assert.deepEqual(errors, []);
  await page.close();
});

test('every chart has a text alternative, and loading is announced', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/#lang=en`);
  await page.waitForFunction(() => document.querySelector('b2b-pulse')?.dataset.state === 'empty');
  // What the live region says while the samples load, in order.
  await page.evaluate(() => {
    const live = document.querySelector('b2b-pulse').shadowRoot.querySelector('[data-role=announce]');
    window.__said = [];
    new MutationObserver(() => window.__said.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
  });
  const live = await page.locator('b2b-pulse [data-role=announce]');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  await page.locator('b2b-pulse .welcome [data-action=load-samples]').click();
  await page.waitForFunction(() => document.querySelector('b2b-pulse')?.dataset.state === 'ready');
  const said = await page.evaluate(() => window.__said);
  assert.ok(said.some((s) => /^Loading .+…$/.test(s)), said.join(' | '));
  assert.match(said.at(-1), /^\d+ files · [\d,]+ rows · computed in [\d,]+ ms$/);

  for (const view of VIEWS.filter((v) => v !== 'data')) {
    await page.locator(`b2b-pulse [data-tab=${view}]`).click();
    await page.waitForTimeout(150);
    const charts = await page.evaluate((v) => {
      const root = document.querySelector('b2b-pulse').shadowRoot;
      return [...root.querySelectorAll(`[data-dashboard=${v}] .chart`)].map((el) => {
        const pic = el.querySelector(':scope > svg, :scope > .uplot');
        const alt = pic && root.getElementById(pic.getAttribute('aria-describedby') || '');
        return { slot: el.dataset.slot || el.className, alt: alt ? alt.textContent.trim() : '' };
      });
    }, view);
    for (const c of charts) assert.ok(c.alt.length > 10 && /\d/.test(c.alt), `${view} ${c.slot}: no text alternative (${c.alt})`);
    if (view === 'customers') {
      assert.ok(charts.length >= 4, `${charts.length} charts`);
      // The monthly chart's table: one row per month, revenue and orders as the axes write them.
      const rows = await page.locator('b2b-pulse [data-slot=cust-monthly] .chart-alt tbody tr').count();
      assert.ok(rows >= 6, `${rows} months`);
    }
  }
  await page.close();
});
