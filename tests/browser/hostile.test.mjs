// Markup in every field of the data is shown as text, never run: the bundled samples rewritten
// so that customer ids and names, companies, SKUs, products, catalogs, reps, statuses, deal ids,
// stages and a file name carry <img onerror> and "><script> payloads. Every view is opened
// (This week, the four dashboards, a customer's detail, the filters, chart tooltips, the Data
// view) and the page must never have run a payload, nor hold an element or an on* attribute
// that came from one, while the payloads read literally on screen.
// Run: make test-browser, or node --test tests/browser/hostile.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { waitState, nextReport, engineKind, repo, openBrowserAndServer, closeBrowserAndServer, fullReport } from './helpers.mjs';

const skip = engineKind() !== 'wasm' && 'needs the wasm engine';
const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '"><script>window.__pwned=1</script>';
let browser, server;

before(async () => {
  ({ browser, server } = await openBrowserAndServer());
});

after(() => closeBrowserAndServer(browser, server));

/** RFC 4180 rows (the samples quote names with commas). */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

const quote = (v) => (/[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v);
const toCsv = (rows) => rows.map((r) => r.map(quote).join(',')).join('\n') + '\n';

// Column -> how its values turn hostile; ids the same way in every file so the joins hold.
const HOSTILE = {
  customer_id: (v) => `${IMG}${v}`,
  customer_name: (v) => `${SCRIPT} ${v}`,
  company_id: (v) => `${SCRIPT}${v}`,
  sku: (v) => `${SCRIPT}${v}`,
  product_name: (v) => `${IMG} ${v}`,
  catalog: (v) => `${IMG}${v}`,
  sales_rep: (v) => `${SCRIPT}${v}`,
  rep_name: (v) => `${IMG} ${v}`,
  deal_id: (v) => `${IMG}${v}`,
  product: (v) => `${SCRIPT} ${v}`,
};
// The samples' deal columns under the field names, so that no workspace mapping is needed.
const RENAME = { quote_id: 'deal_id', quote_name: 'product', negotiated_total: 'amount', original_total: 'original_amount' };

function hostileFile(name, { addCompany = false, extraRows = [] } = {}) {
  const rows = parseCsv(fs.readFileSync(path.join(repo, 'samples', name), 'utf8'));
  const head = rows[0].map((h) => RENAME[h] || h);
  const out = [head, ...rows.slice(1).filter((r) => r.length === head.length).map((r) => r.map((v, i) => (v && HOSTILE[head[i]] ? HOSTILE[head[i]](v) : v)))];
  if (addCompany) {
    out[0].push('company_id');
    out.slice(1).forEach((r, i) => r.push(HOSTILE.company_id(`CO${i % 7}`)));
  }
  for (const r of extraRows) out.push(head.map((h) => r[h] ?? ''));
  return toCsv(out);
}

function files() {
  const status = (n) => `${n === 0 ? IMG : SCRIPT}status`;
  return [
    // The file name carries a payload too (the Data view, the date banner and messages show it).
    { name: `${IMG}orders.csv`, mimeType: 'text/csv', buffer: Buffer.from(hostileFile('orders.csv', {
      extraRows: [{ order_id: 'SO-X1', order_date: '2025-06-02', customer_id: HOSTILE.customer_id('C001'), status: status(0), sales_rep: HOSTILE.sales_rep('R01'), currency: 'EUR' }] })) },
    { name: 'order_lines.csv', mimeType: 'text/csv', buffer: Buffer.from(hostileFile('order_lines.csv')) },
    { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(hostileFile('customers.csv', { addCompany: true })) },
    { name: 'sales_reps.csv', mimeType: 'text/csv', buffer: Buffer.from(hostileFile('sales_reps.csv')) },
    { name: 'catalog_prices.csv', mimeType: 'text/csv', buffer: Buffer.from(hostileFile('catalog_prices.csv')) },
    { name: 'quotes.csv', mimeType: 'text/csv', buffer: Buffer.from(hostileFile('quotes.csv')) },
    // A stage named with a payload: it is drawn in the stage flow and the reps' funnel.
    { name: 'quote_history.csv', mimeType: 'text/csv', buffer: Buffer.from(hostileFile('quote_history.csv', {
      extraRows: [{ deal_id: HOSTILE.deal_id('Q-10001'), created_at: '2024-11-02 10:00:00', status: status(1) }] })) },
    { name: 'workspace.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({
      files: [{ path: `${IMG}orders.csv`, role: 'orders' }, { path: 'order_lines.csv', role: 'order_lines' }, { path: 'customers.csv', role: 'customers' },
        { path: 'sales_reps.csv', role: 'sales_reps' }, { path: 'catalog_prices.csv', role: 'catalog_prices' }, { path: 'quotes.csv', role: 'deals' },
        { path: 'quote_history.csv', role: 'deal_events', columns: { timestamp: 'created_at' } }],
      settings: JSON.parse(fs.readFileSync(path.join(repo, 'samples/workspace.json'), 'utf8')).settings,
    })) },
  ];
}

/** Elements or inline handlers a payload would have made, anywhere in the page. */
const injected = (page) => page.evaluate(() => {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      // The page's own script has a src; a payload's would be inline.
      if (el.matches('img, iframe, object, embed') || (el.matches('script') && !el.src)) found.push(el.outerHTML.slice(0, 80));
      for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}`);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return found;
});
const pwned = (page) => page.evaluate(() => window.__pwned);
const shown = (page, sel) => page.locator(`b2b-pulse ${sel}`).first().innerText();

test('markup in every field shows as text and never runs', { skip, timeout: 180000 }, async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.origin + '/');
  await waitState(page, 'empty');
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(files());
  await waitState(page, 'ready', 120000);
  const check = async (where) => {
    assert.equal(await pwned(page), undefined, `a payload ran (${where})`);
    assert.deepEqual(await injected(page), [], `markup from the data became elements (${where})`);
  };
  const r = await fullReport(page); // with the lists the engine's worker keeps
  assert.ok(r.customers.rows.length > 10 && r.customers.rows.every((c) => c.customer_id.startsWith(IMG)), 'the hostile customers were read');

  // This week: sentences name customers, reps and deals.
  await page.locator('b2b-pulse [data-tab=attention]').click();
  await check('this week');
  const week = await shown(page, '[data-dashboard=attention]');
  assert.ok(week.includes(IMG) || week.includes(SCRIPT), 'this week shows the names literally');

  // Customers: the table, then a customer's detail; the monthly chart's tooltip.
  await page.locator('b2b-pulse [data-tab=customers]').click();
  const table = await shown(page, '[data-table=customers] tbody');
  assert.ok(table.includes(SCRIPT) && table.includes(IMG), 'customer names and ids read literally');
  await page.locator('b2b-pulse [data-table=customers] tbody tr').first().click();
  const detail = page.locator('b2b-pulse [data-slot=cust-detail] .detail-head');
  await detail.waitFor();
  assert.ok((await detail.innerText()).includes(SCRIPT), 'the detail names the customer literally');
  await hoverChart(page, '[data-slot=cust-monthly]');
  await check('customers');

  // Catalogs: catalog and product names, the scatter's tooltip (product and SKU).
  await page.locator('b2b-pulse [data-tab=catalogs]').click();
  const cats = await shown(page, '[data-dashboard=catalogs]');
  assert.ok(cats.includes(IMG) && cats.includes(SCRIPT), 'catalogs, products and SKUs read literally');
  const tip = await hoverChart(page, '[data-slot=cat-scatter]');
  assert.ok(tip.includes(IMG) && tip.includes(SCRIPT), `the scatter's tooltip shows product and SKU literally: ${tip}`);
  await check('catalogs');

  // Negotiations (deal ids, the stage flow with a hostile stage) and the sales team (reps).
  await page.locator('b2b-pulse [data-tab=negotiations]').click();
  assert.ok((await shown(page, '[data-dashboard=negotiations]')).includes(IMG), 'deal ids read literally');
  await hoverChart(page, '[data-slot=neg-monthly]');
  await check('negotiations');
  await page.locator('b2b-pulse [data-tab=sales_team]').click();
  assert.ok((await shown(page, '[data-dashboard=sales_team]')).includes(IMG), 'rep names read literally');
  await check('sales team');

  // The filters: hostile catalog, rep and customer in the lists and in every header's scope.
  const catalog = r.catalogs.catalogs[0].catalog;
  const options = await page.locator('b2b-pulse select[data-filter=catalog] option').allTextContents();
  assert.ok(options.includes(catalog), 'the catalog list shows the names literally');
  await nextReport(page, () => page.locator('b2b-pulse select[data-filter=catalog]').selectOption(catalog));
  const rep = r.sales_team.reps[0].sales_rep;
  await nextReport(page, () => page.locator('b2b-pulse select[data-filter=sales_rep]').selectOption(rep));
  assert.ok((await shown(page, '[data-dashboard=sales_team] .scope')).includes(catalog), 'the scope names the catalog literally');
  await nextReport(page, () => page.evaluate((id) => document.querySelector('b2b-pulse').setFilters({ catalog: null, sales_rep: null, customer: id }), r.customers.rows[0].customer_id));
  for (const k of ['attention', 'customers', 'catalogs', 'negotiations', 'sales_team']) {
    await page.locator(`b2b-pulse [data-tab=${k}]`).click();
    await check(`${k}, filtered by a hostile customer`);
  }

  // The Data view: file names, mappings, problems.
  await page.locator('b2b-pulse [data-tab=data]').click();
  const data = await shown(page, '[data-panel=data]');
  assert.ok(data.includes(`${IMG}orders.csv`), 'the file name reads literally');
  await check('data view');
  assert.deepEqual(errors, []);
  await page.close();
});

/** Sweeps the pointer over a uPlot chart until its tooltip shows; returns the tooltip's text. */
async function hoverChart(page, slot) {
  const over = page.locator(`b2b-pulse ${slot} .u-over`);
  await over.waitFor();
  const box = await over.boundingBox();
  for (let y = 4; y < box.height; y += 14) {
    for (let x = 4; x < box.width; x += 14) {
      await page.mouse.move(box.x + x, box.y + y);
      const text = await page.locator(`b2b-pulse ${slot} .u-tip`).evaluate((el) => (el.style.display === 'block' ? el.innerText : ''));
      if (text) return text;
    }
  }
  return '';
}
