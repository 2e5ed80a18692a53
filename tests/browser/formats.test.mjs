// Files as business systems give them, dropped on the page with no mapping: the Magento B2B
// REST set (all four dashboards), the admin grids, and the Olist set. Figures are the
// hand-checked ones of tests/fixtures/magento/README.md and the Olist test (tests/report/).
// Run: make test-browser, or node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { waitState, kpi, engineKind, repo, datasets, openBrowserAndServer, closeBrowserAndServer, fullReport } from './helpers.mjs';

const SHOTS = path.join(repo, 'build/screenshots');
const MAGENTO = path.join(repo, 'tests/fixtures/magento');
const REST = ['orders.json', 'companies.json', 'shared_catalogs.json', 'negotiable_quotes.json',
  'negotiable_quote_history.json', 'admin_users.json'].map((f) => path.join(MAGENTO, 'rest', f));
const OLIST_DIR = path.join(datasets, 'olist-2017-subset');
const skip = engineKind() !== 'wasm' && 'needs the wasm engine';

let browser, server;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  ({ browser, server } = await openBrowserAndServer());
});

after(() => closeBrowserAndServer(browser, server));

async function dropFiles(files, lang = 'en') {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/#lang=${lang}`);
  await waitState(page, 'empty');
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(files);
  await waitState(page, 'ready');
  const report = await fullReport(page); // with the lists the engine's worker keeps
  return { page, errors, report };
}

const near = (a, b, where) => assert.ok(Math.abs(a - b) < 1e-6, `${where}: ${a} != ${b}`);

test('the Magento REST set feeds all four dashboards with no mapping', { skip }, async () => {
  const { page, errors, report: r } = await dropFiles(REST);
  const recognized = Object.fromEntries(r.load.map((l) => [l.file, [l.role, l.recognized_as]]));
  assert.deepEqual(recognized['orders.json'], ['order_lines', 'Magento REST orders (GET /V1/orders)']);
  assert.deepEqual(recognized['negotiable_quote_history.json'], ['deal_events', 'Magento negotiable quote history (log_data)']);
  assert.equal(r.load.every((l) => l.problems.length === 0), true);
  // Customers: companies in base currency.
  near(r.customers.summary.revenue, 4378.75, 'revenue');
  assert.equal(r.customers.summary.orders, 9);
  const acme = r.customers.rows.find((c) => c.customer_id === '1');
  assert.equal(acme.customer_name, 'Acme Fasteners Inc.');
  near(acme.revenue, 1763, 'Acme revenue');
  assert.equal(await kpi(page, 'customers', 'customers'), '6');
  // Catalogs: shared catalog names.
  assert.deepEqual(r.catalogs.catalogs.map((c) => c.catalog), ['Wholesale Tier A', 'Default (General)', 'Distributors EU', '0']);
  // Negotiations and the sales team.
  assert.equal(r.negotiations.summary.won, 3);
  assert.equal(r.negotiations.summary.lost, 3);
  near(r.negotiations.summary.won_amount, 2631, 'won amount');
  const dana = r.sales_team.reps.find((p) => p.sales_rep === '3');
  assert.equal(dana.rep_name, 'Dana Whitfield');
  near(dana.pipeline_amount, 5530, 'pipeline');
  for (const d of ['customers', 'catalogs', 'negotiations', 'sales_team']) {
    await page.locator(`b2b-pulse [data-tab=${d}]`).click();
    assert.equal(await page.locator(`b2b-pulse [data-dashboard=${d}] [data-unavailable]`).count(), 0, `${d} is drawn`);
  }
  await page.locator('b2b-pulse [data-tab=data]').click();
  const card = page.locator('b2b-pulse [data-file="orders.json"]');
  assert.equal(await card.locator('[data-recognized]').getAttribute('data-recognized'), 'Magento REST orders (GET /V1/orders)');
  await page.screenshot({ fullPage: true, path: path.join(SHOTS, 'en-data-magento.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Magento admin grids: customer profiles from order totals, the catalog dashboard says what it needs', { skip }, async () => {
  const { page, errors, report: r } = await dropFiles(['orders_grid.csv', 'negotiable_quotes_grid.csv'].map((f) => path.join(MAGENTO, 'grid', f)), 'ru');
  near(r.customers.summary.revenue, 4609.67, 'grid revenue');
  assert.ok(r.catalogs.unavailable, 'catalogs need line items');
  assert.equal(r.negotiations.summary.won, 2);
  await page.locator('b2b-pulse [data-tab=data]').click();
  await page.screenshot({ fullPage: true, path: path.join(SHOTS, 'ru-data-magento-grids.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Olist set: people, not one customer per order', { skip: skip || (!fs.existsSync(OLIST_DIR) && `skipped: dataset not found: ${OLIST_DIR}`) }, async () => {
  const { page, errors, report: r } = await dropFiles(['orders.csv', 'order_items.csv', 'customers.csv'].map((f) => path.join(OLIST_DIR, f)));
  assert.equal(r.customers.summary.customers, 9766);
  assert.equal(r.customers.summary.repeat_customers, 77);
  near(r.customers.summary.revenue, 1371628.88, 'Olist revenue');
  assert.deepEqual(errors, []);
  await page.close();
});
