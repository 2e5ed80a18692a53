// The page in Debian's headless Chromium (playwright-core): figures against the golden
// reports, filters, bad files, the offline single file, embedding, exports, privacy, and a
// screenshot of every dashboard in English and Russian (build/screenshots/).
// Run: make test-browser (builds dist/ first), or node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { waitState, nextReport, kpi, engineKind, repo, dist, datasets, openBrowserAndServer, closeBrowserAndServer, fullReport } from './helpers.mjs';

const golden = (name) => JSON.parse(fs.readFileSync(path.join(repo, 'tests/golden', name), 'utf8'));
const SAMPLES = golden('samples.json');
const PREMIUM_Q3 = golden('samples_premium_q3.json');
const REP_R03 = golden('samples_rep_r03.json');
const RETAIL_PATH = path.join(datasets, 'online-retail/online_retail.csv');
const SHOTS = path.join(repo, 'build/screenshots');
const ENGINE = engineKind();
const en = (v, o) => new Intl.NumberFormat('en-US', o).format(v);

let browser, server;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  ({ browser, server } = await openBrowserAndServer());
});

after(() => closeBrowserAndServer(browser, server));

async function openPage(url = server.origin + '/') {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await waitState(page, 'empty');
  return { page, errors };
}

async function loadSamples(page) {
  await page.locator('b2b-pulse .welcome [data-action=load-samples]').click();
  await waitState(page, 'ready');
}

/** Numbers equal to 1e-9 relative, everything else exactly. */
function assertClose(actual, expected, where = '') {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tol = 1e-9 * Math.max(1, Math.abs(expected));
    assert.ok(Math.abs(actual - expected) <= tol, `${where}: ${actual} != ${expected}`);
  } else if (expected && typeof expected === 'object') {
    assert.equal(typeof actual, 'object', where);
    assert.ok(actual !== null, `${where}: null`);
    if (Array.isArray(expected)) assert.equal(actual.length, expected.length, `${where}.length`);
    for (const k of Object.keys(expected)) assertClose(actual[k], expected[k], `${where}.${k}`);
  } else {
    assert.equal(actual, expected, where);
  }
}

const report = (page) => page.evaluate(() => document.querySelector('b2b-pulse').report);

test('the bundled samples show the golden figures on every dashboard', async () => {
  const { page, errors } = await openPage();
  await loadSamples(page);
  if (ENGINE === 'wasm') {
    // The deals, customers and products stay in the engine's worker (web/src/worker/report-store.js):
    // the page's report says so, and the lists the worker gives are compared with the golden ones.
    const slim = await report(page);
    assert.equal(slim.negotiations.deals, undefined, 'the page\'s report does not carry the deals');
    assert.equal(slim.customers.rows, undefined, 'nor the customers');
    const r = await fullReport(page);
    for (const k of ['as_of', 'period', 'customers', 'catalogs', 'negotiations', 'sales_team']) assertClose(r[k], SAMPLES[k], k);
  }
  const s = SAMPLES.customers.summary;
  assert.equal(await kpi(page, 'customers', 'customers'), en(s.customers));
  assert.equal(await kpi(page, 'customers', 'revenue'), en(s.revenue, { notation: 'compact', maximumFractionDigits: 1 }));
  assert.equal(await kpi(page, 'customers', 'aov'), en(s.aov, { maximumFractionDigits: 0 }));
  assert.equal(await kpi(page, 'customers', 'overdue'), en(s.status_counts.overdue + s.status_counts.lapsed));
  await page.locator('b2b-pulse [data-tab=customers]').click();  // "This week" is the first view: innerText needs it shown
  assert.equal(await page.locator('b2b-pulse [data-table=customers] tbody tr').count(), 25);
  const first = SAMPLES.customers.rows[0];
  assert.match(await page.locator('b2b-pulse [data-table=customers] tbody tr').first().innerText(), new RegExp(first.customer_name));

  await page.locator('b2b-pulse [data-tab=catalogs]').click();
  const cats = page.locator('b2b-pulse [data-table=catalogs] tbody tr');
  assert.equal(await cats.count(), SAMPLES.catalogs.catalogs.length);
  assert.match(await cats.first().innerText(), new RegExp(`${SAMPLES.catalogs.catalogs[0].catalog}\\s+${en(SAMPLES.catalogs.catalogs[0].revenue, { maximumFractionDigits: 0 })}`));
  assert.equal(await page.locator('b2b-pulse [data-table=discount_candidates] tbody tr').count(), SAMPLES.catalogs.discount_candidates.length);

  await page.locator('b2b-pulse [data-tab=negotiations]').click();
  const n = SAMPLES.negotiations.summary;
  assert.equal(await kpi(page, 'negotiations', 'win_rate'), en(n.win_rate, { style: 'percent', maximumFractionDigits: 1 }));
  assert.equal(await kpi(page, 'negotiations', 'open'), en(n.open));

  await page.locator('b2b-pulse [data-tab=sales_team]').click();
  assert.equal(await kpi(page, 'sales_team', 'reps'), en(SAMPLES.sales_team.reps.length));
  assert.equal(await page.locator('b2b-pulse [data-table=reps] tbody tr').count(), SAMPLES.sales_team.reps.length);
  const overdue = SAMPLES.sales_team.reps.reduce((a, x) => a + x.customers_overdue, 0);
  assert.equal(await kpi(page, 'sales_team', 'attention'), en(overdue));

  // The customer view: timeline, usual interval, expected next order, days late.
  await page.locator('b2b-pulse [data-tab=customers]').click();
  await page.locator('b2b-pulse [data-table=customers] tbody tr').first().click();
  const detail = page.locator('b2b-pulse [data-slot=cust-detail]');
  await detail.locator(`[data-customer="${first.customer_id}"]`).waitFor();
  assert.equal(await detail.locator('[data-slot=cust-timeline] svg').count(), 1);
  assert.match(await detail.innerText(), /Usual interval/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('filters re-run the report, change the figures and live in the URL hash', async () => {
  const { page, errors } = await openPage();
  await loadSamples(page);
  const before = await kpi(page, 'customers', 'customers');
  await nextReport(page, () => page.locator('b2b-pulse select[data-filter=catalog]').selectOption('Premium'));
  await nextReport(page, () => page.locator('b2b-pulse input[data-filter=from]').fill('2026-07-01'));
  const f = await nextReport(page, () => page.locator('b2b-pulse input[data-filter=to]').fill('2026-09-30'));
  assert.deepEqual(f, PREMIUM_Q3.filters);
  const r = await fullReport(page);
  assert.deepEqual(r.period, PREMIUM_Q3.period);
  if (ENGINE === 'wasm') assertClose(r.customers, PREMIUM_Q3.customers, 'customers');
  const after = await kpi(page, 'customers', 'customers');
  assert.equal(after, en(PREMIUM_Q3.customers.summary.customers));
  assert.notEqual(after, before);

  await page.waitForFunction(() => location.hash.includes('catalog=Premium'));
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /from=2026-07-01/);
  assert.match(hash, /to=2026-09-30/);

  // The link opens the same view.
  const other = await openPage(server.origin + '/' + hash);
  await loadSamples(other.page);
  assert.deepEqual((await report(other.page)).filters, PREMIUM_Q3.filters);
  assert.equal(await kpi(other.page, 'customers', 'customers'), after);
  await other.page.close();

  // Rep filter.
  await nextReport(page, () => page.locator('b2b-pulse [data-action=reset-filters]').click());
  await nextReport(page, () => page.locator('b2b-pulse select[data-filter=sales_rep]').selectOption('R03'));
  const rr = await report(page);
  assert.deepEqual(rr.filters, REP_R03.filters);
  if (ENGINE === 'wasm') assertClose(rr.customers.summary, REP_R03.customers.summary, 'rep R03');
  assert.equal(await kpi(page, 'customers', 'customers'), en(REP_R03.customers.summary.customers));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a malformed file loads its good rows and lists its problems with line numbers', { skip: ENGINE !== 'wasm' && 'needs the wasm engine' }, async () => {
  const { page } = await openPage();
  const bad = 'order_id,order_date,customer_id,sku,quantity,unit_price\n' +
    'A1,2024-01-05,C1,S1,2,10.5\nA2,31/02/2024,C2,S1,1,4\nA3,2024-01-07,C1,S2\nA4,2024-01-09,C3,S2,3,7\n';
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await waitState(page, 'ready');
  const r = await report(page);
  assert.equal(r.load[0].rows_loaded, 2);
  assert.equal(r.load[0].rows_skipped, 2);
  await page.locator('b2b-pulse [data-tab=data]').click();
  const problems = page.locator('b2b-pulse [data-file="bad.csv"] [data-role=problems]');
  await problems.waitFor();
  const lines = await problems.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.line).sort());
  assert.deepEqual(lines, ['3', '4']);
  assert.match(await problems.innerText(), /bad date '31\/02\/2024'/);
  await page.screenshot({ fullPage: true, path: path.join(SHOTS, 'en-data-problems.png') });
  assert.equal(await kpi(page, 'customers', 'customers'), '2');
  // The deals dashboards say which file would feed them.
  await page.locator('b2b-pulse [data-tab=negotiations]').click();
  assert.match(await page.locator('b2b-pulse [data-dashboard=negotiations] [data-unavailable]').innerText(), /quotes\.csv/);

  // A file no role fits is refused with the reason; nothing loads: error state.
  const other = await openPage();
  await other.page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('colour,size\nred,1\nblue,2\n') });
  await waitState(other.page, 'error');
  assert.match(await other.page.locator('b2b-pulse [data-file="notes.csv"] .file-error').innerText(), /pulse\.ingest/);
  await other.page.close();
  await page.close();
});

test('an Excel workbook and a gzipped CSV picked through the file input: figures, the sheet read, another sheet picked', { skip: ENGINE !== 'wasm' && 'needs the wasm engine' }, async () => {
  const { page, errors } = await openPage();
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(path.join(repo, 'tests/fixtures/xlsx/orders.xlsx'));
  await waitState(page, 'ready');
  let r = await fullReport(page);
  const load = r.load.find((l) => l.file === 'orders.xlsx');
  assert.equal(load.format, 'xlsx');
  assert.equal(load.sheet, 'Orders');
  assert.equal(load.rows_loaded, 5);
  // Hand-checked (tests/fixtures/xlsx/README.md): 25.9 + 209.98 + 100.
  assert.equal(r.customers.summary.revenue, 335.88);
  assert.equal(r.customers.rows.find((c) => c.customer_id === 'C001').revenue, 25.9);
  assert.equal(await kpi(page, 'customers', 'customers'), '3');
  await page.locator('b2b-pulse [data-tab=data]').click();
  const card = page.locator('b2b-pulse [data-file="orders.xlsx"]');
  assert.equal(await card.locator('[data-sheet]').getAttribute('data-sheet'), 'Orders');
  assert.deepEqual(await card.locator('select[data-opt=sheet] option').allInnerTexts(), ['Orders', 'Customers']);
  await page.screenshot({ fullPage: true, path: path.join(SHOTS, 'en-data-xlsx.png') });
  // The other sheet: the file is read again from it.
  await nextReport(page, () => card.locator('select[data-opt=sheet]').selectOption('Customers'));
  await page.waitForFunction(() => {
    const rep = document.querySelector('b2b-pulse').report;
    return rep && rep.load.some((l) => l.file === 'orders.xlsx' && l.sheet === 'Customers');
  });
  r = await report(page);
  assert.equal(r.load.find((l) => l.file === 'orders.xlsx').role, 'customers');
  assert.equal((await page.evaluate(() => document.querySelector('b2b-pulse').workspace())).files[0].sheet, 'Customers');

  const gz = await openPage();
  await gz.page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(path.join(repo, 'tests/fixtures/gzip/orders.csv.gz'));
  await waitState(gz.page, 'ready');
  const g = await report(gz.page);
  assert.equal(g.load[0].container, 'gzip');
  assert.equal(g.customers.summary.revenue, 335.88);
  assert.deepEqual(gz.errors, []);
  await gz.page.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test('a column mapping edited in the data panel reloads the files with it', async () => {
  const { page, errors } = await openPage();
  await loadSamples(page);
  await page.locator('b2b-pulse [data-tab=data]').click();
  const card = page.locator('b2b-pulse [data-file="quotes.csv"]');
  await card.locator('details.mapping summary').click();
  await card.locator('select[data-col=amount]').selectOption('original_total');
  const filters = nextReport(page, () => card.locator('[data-action=apply-file]').click());
  await filters;
  const r = await report(page);
  assert.equal(r.load.find((l) => l.file === 'quotes.csv').mapping.amount, 'original_total');
  if (ENGINE === 'wasm') assert.ok(r.negotiations.summary.won_amount > SAMPLES.negotiations.summary.won_amount, 'list prices exceed negotiated ones');
  const ws = await page.evaluate(() => document.querySelector('b2b-pulse').workspace());
  assert.equal(ws.files.find((f) => f.path === 'quotes.csv').columns.amount, 'original_total');
  await page.screenshot({ fullPage: true, path: path.join(SHOTS, 'en-data-mapping.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('files dropped on the element, fetched from a URL, and the workspace saved and loaded', async () => {
  const { page, errors } = await openPage();
  // Drop two files at once.
  const texts = Object.fromEntries(['customers.csv', 'sales_reps.csv'].map((f) => [f, fs.readFileSync(path.join(repo, 'samples', f), 'utf8')]));
  await page.evaluate((texts) => {
    const dt = new DataTransfer();
    for (const [name, text] of Object.entries(texts)) dt.items.add(new File([text], name, { type: 'text/csv' }));
    const el = document.querySelector('b2b-pulse');
    el.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, texts);
  await page.waitForFunction(() => document.querySelector('b2b-pulse').files.length === 2 && document.querySelector('b2b-pulse').dataset.state !== 'loading');
  // Fetch order lines and orders by URL through the data panel.
  await page.locator('b2b-pulse [data-tab=data]').click();
  for (const f of ['orders.csv', 'order_lines.csv']) {
    const input = page.locator('b2b-pulse [data-role=url-form] input');
    await input.fill(`${server.origin}/samples/${f}`);
    await nextReport(page, () => input.press('Enter'));
  }
  const r = await report(page);
  assert.deepEqual(r.load.map((l) => [l.file, l.role]).sort(), [['customers.csv', 'customers'], ['order_lines.csv', 'order_lines'], ['orders.csv', 'orders'], ['sales_reps.csv', 'sales_reps']]);
  assert.equal(r.customers.summary.customers, SAMPLES.customers.summary.customers);
  // Save the workspace with a filter, then load it into a fresh page with the same files.
  await nextReport(page, () => page.locator('b2b-pulse select[data-filter=catalog]').selectOption('Premium'));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('b2b-pulse [data-action=save-workspace]').click()]);
  const ws = JSON.parse(fs.readFileSync(await dl.path(), 'utf8'));
  assert.equal(ws.settings.catalog, 'Premium');
  assert.deepEqual(ws.files.map((f) => f.path).sort(), ['customers.csv', 'order_lines.csv', 'orders.csv', 'sales_reps.csv']);
  ws.files.find((f) => f.path === 'orders.csv').role = 'orders';
  const other = await openPage();
  await other.page.locator('b2b-pulse input[data-role=workspace]').setInputFiles({ name: 'workspace.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(ws)) });
  await other.page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(['orders.csv', 'order_lines.csv', 'customers.csv', 'sales_reps.csv'].map((f) => path.join(repo, 'samples', f)));
  await waitState(other.page, 'ready');
  const r2 = await report(other.page);
  assert.equal(r2.filters.catalog, 'Premium');
  assert.deepEqual(r2.customers.summary, (await report(page)).customers.summary);
  await other.page.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test('print layout: the active dashboard, no controls', async () => {
  const { page } = await openPage();
  await loadSamples(page);
  await page.locator('b2b-pulse [data-tab=customers]').click();  // "This week" is the first view
  await page.emulateMedia({ media: 'print' });
  await page.waitForTimeout(200);
  const shown = await page.evaluate(() => {
    const r = document.querySelector('b2b-pulse').shadowRoot;
    const vis = (sel) => [...r.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length);
    return { tabs: vis('.tabs'), buttons: vis('.btn'), customers: vis('[data-dashboard=customers]'), catalogs: vis('[data-dashboard=catalogs]') };
  });
  assert.deepEqual(shown, { tabs: false, buttons: false, customers: true, catalogs: false });
  await page.screenshot({ fullPage: true, path: path.join(SHOTS, 'en-print-customers.png') });
  await page.close();
});

test('online_retail.csv picked through the file input shows 4,339 customers', { skip: (ENGINE !== 'wasm' && 'needs the wasm engine') || (!fs.existsSync(RETAIL_PATH) && `skipped: dataset not found: ${RETAIL_PATH}`) }, async () => {
  const { page, errors } = await openPage();
  const t0 = Date.now();
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(RETAIL_PATH);
  await waitState(page, 'ready', 120000);
  const ms = Date.now() - t0;
  assert.equal(await kpi(page, 'customers', 'customers'), '4,339');
  const r = await report(page);
  assert.equal(r.customers.summary.customers, 4339);
  assert.equal(r.load[0].role, 'order_lines');
  const t = await page.evaluate(() => document.querySelector('b2b-pulse').timings);
  console.log(`# online_retail.csv: ready ${ms} ms after picking (load ${Math.round(t.load)} ms, report ${Math.round(t.report)} ms, render ${Math.round(t.render)} ms)`);
  for (const d of ['customers', 'catalogs', 'data']) {
    await page.locator(`b2b-pulse [data-tab=${d}]`).click();
    await page.screenshot({ fullPage: true, path: path.join(SHOTS, `en-online-retail-${d}.png`) });
  }
  await page.locator('b2b-pulse [data-tab=customers]').click();
  // Re-filtering stays quick.
  const t1 = Date.now();
  await nextReport(page, () => page.locator('b2b-pulse input[data-filter=from]').fill('2011-06-01'));
  console.log(`# online_retail.csv: re-filter ${Date.now() - t1} ms`);
  assert.notEqual(await kpi(page, 'customers', 'customers'), '4,339');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the single file works from file:// with no network', async () => {
  const page = await browser.context.newPage();
  const seen = [];
  page.on('request', (r) => seen.push(r.url()));
  await page.goto('file://' + path.join(dist, 'b2b-pulse.html'));
  await waitState(page, 'empty');
  // No samples button offline: the note says why and how.
  assert.equal(await page.locator('b2b-pulse [data-action=load-samples]').count(), 0);
  assert.match(await page.locator('b2b-pulse .welcome').innerText(), /single file|make demo-web/);
  const files = ['workspace.json', ...SAMPLES.load.map((l) => l.file)].map((f) => path.join(repo, 'samples', f));
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(files);
  await waitState(page, 'ready');
  const r = await report(page);
  assert.equal(r.load.length, SAMPLES.load.length);
  if (ENGINE === 'wasm') assertClose(r.customers.summary, SAMPLES.customers.summary, 'offline');
  assert.equal(await kpi(page, 'customers', 'customers'), en(SAMPLES.customers.summary.customers));
  const outside = seen.filter((u) => !/^(file|blob|data):/.test(u));
  assert.deepEqual(outside, [], 'requests from the single file');
  await page.close();
});

test('no request leaves the page: only the page itself and the files asked for', async () => {
  const page = await browser.context.newPage();
  const seen = [];
  page.on('request', (r) => seen.push(r.url()));
  await page.goto(server.origin + '/');
  await waitState(page, 'empty');
  await page.waitForTimeout(300);
  const http = () => seen.filter((u) => !/^(blob|data):/.test(u)).map((u) => (u.startsWith(server.origin) ? u.slice(server.origin.length) : u));
  // The hosted page fetches its engine's wasm at once, to compile it while the user picks a file.
  const page0 = ['/', '/assets/b2b-pulse.js', ...(fs.existsSync(path.join(dist, 'assets/pulse-engine.wasm')) ? ['/assets/pulse-engine.wasm'] : [])];
  assert.deepEqual(http(), page0, 'before anything is asked');
  await loadSamples(page);
  for (const tab of ['catalogs', 'negotiations', 'sales_team', 'data', 'customers']) await page.locator(`b2b-pulse [data-tab=${tab}]`).click();
  await nextReport(page, () => page.locator('b2b-pulse select[data-filter=catalog]').selectOption('Wholesale'));
  const dl = page.waitForEvent('download');
  await page.locator('b2b-pulse [data-dashboard=customers] [data-table=customers]').locator('xpath=ancestor::div[contains(@class,"dt")]').locator('[data-act=csv]').click();
  await dl;
  const expected = [...page0, '/samples/workspace.json', ...SAMPLES.load.map((l) => '/samples/' + l.file)];
  assert.deepEqual(http(), expected);
  await page.close();
});

test('tables export CSV and charts export PNG', async () => {
  const { page } = await openPage();
  await loadSamples(page);
  await page.locator('b2b-pulse [data-tab=customers]').click();  // "This week" is the first view
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('b2b-pulse [data-card=cust-table] [data-act=csv]').click(),
  ]);
  const text = fs.readFileSync(await csv.path(), 'utf8');
  const lines = text.trim().split(/\r\n/);
  assert.equal(lines.length, SAMPLES.customers.rows.length + 1);
  assert.match(lines[0], /Customer/);
  assert.match(text, new RegExp(SAMPLES.customers.rows[0].customer_id));
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('b2b-pulse [data-png=cust-monthly]').click(),
  ]);
  const head = fs.readFileSync(await png.path()).subarray(0, 8);
  assert.deepEqual([...head], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const [svgPng] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('b2b-pulse [data-png=cust-status]').click(),
  ]);
  assert.ok(fs.statSync(await svgPng.path()).size > 1000);
  await page.close();
});

test('the element embeds in a portal page: its data loads from src, styles stay apart', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/embed.html');
  await waitState(page, 'ready');
  const r = await report(page);
  assert.equal(r.load.length, SAMPLES.load.length);
  // The portal styles h2 in red and the element's headings stay dark; its own CSS stays inside.
  const colors = await page.evaluate(() => {
    const el = document.querySelector('b2b-pulse');
    return {
      inside: getComputedStyle(el.shadowRoot.querySelector('[data-dashboard=customers] h2')).color,
      portal: getComputedStyle(document.querySelector('h2')).color,
      portalTable: getComputedStyle(document.querySelector('table') || document.body).fontSize,
    };
  });
  assert.notEqual(colors.inside, colors.portal);
  await page.screenshot({ path: path.join(SHOTS, 'en-embed.png') });
  await page.close();
});

test('screenshots of every dashboard in English and Russian', async () => {
  for (const lang of ['en', 'ru']) {
    const { page, errors } = await openPage(`${server.origin}/#lang=${lang}`);
    if (lang === 'en') await page.screenshot({ path: path.join(SHOTS, 'en-empty.png') });
    await loadSamples(page);
    for (const d of ['customers', 'catalogs', 'negotiations', 'sales_team', 'data']) {
      await page.locator(`b2b-pulse [data-tab=${d}]`).click();
      await page.waitForTimeout(250);
      await page.screenshot({ fullPage: true, path: path.join(SHOTS, `${lang}-${d}.png`) });
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
  // Narrow screen, and a dashboard without its data.
  const { page } = await openPage();
  await page.setViewportSize({ width: 420, height: 900 });
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(path.join(repo, 'samples/orders.csv'));
  await waitState(page, 'ready');
  await page.screenshot({ fullPage: true, path: path.join(SHOTS, 'en-mobile-customers.png') });
  await page.locator('b2b-pulse [data-tab=catalogs]').click();
  await page.screenshot({ fullPage: true, path: path.join(SHOTS, 'en-mobile-catalogs-unavailable.png') });
  await page.close();
});
