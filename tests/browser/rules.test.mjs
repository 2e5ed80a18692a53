// Rules on screen (issue #13 point 8): the Data view edits the thresholds, the statuses counted
// as won, lost or excluded, and the SKUs that are not products, with the engine's suggestions
// explained; Apply validates, recomputes and the workspace the page saves keeps the rules.
// Run: node --test tests/browser/rules.test.mjs (after make web, or PULSE_DIST=<a build>)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitState, nextReport, engineKind, openBrowserAndServer, closeBrowserAndServer, fullReport } from './helpers.mjs';

const skip = engineKind() !== 'wasm' && 'needs the wasm engine';
let browser, server;

before(async () => {
  ({ browser, server } = await openBrowserAndServer());
});

after(() => closeBrowserAndServer(browser, server));

// Products with digits in their codes, and three charges (POST, BANK CHARGES, C2 "CARRIAGE").
const CSV = ['order_id,order_date,customer_id,sku,product_name,quantity,unit_price',
  '1,2024-01-05,A,85123A,WHITE HANGING HEART,10,2.50', '1,2024-01-05,A,POST,POSTAGE,1,18',
  '2,2024-01-09,B,22423,REGENCY CAKESTAND,2,10', '2,2024-01-09,B,C2,CARRIAGE,1,50',
  '3,2024-02-01,A,85123A,WHITE HANGING HEART,4,2.50', '3,2024-02-01,A,POST,POSTAGE,1,18',
  '3,2024-02-01,A,84879,ASSORTED BIRD ORNAMENT,1,5', '4,2024-02-03,B,BANK CHARGES,Bank Charges,1,15',
  '4,2024-02-03,B,21730,GLASS STAR LANTERN,1,1', '4,2024-02-03,B,22752,SET 7 BABUSHKA NESTING BOXES,1,1',
  '4,2024-02-03,B,71053,WHITE METAL LANTERN,1,1', '4,2024-02-03,B,84029G,KNITTED UNION FLAG HOT WATER BOTTLE,1,1'].join('\n') + '\n';

async function openWithLines(lang) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/#lang=${lang}&tab=data`);
  await waitState(page, 'empty');
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles({ name: 'lines.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await waitState(page, 'ready');
  await page.evaluate(() => document.querySelector('b2b-pulse').showTab('data', true));
  return { page, errors };
}

const rules = (page) => page.locator('b2b-pulse [data-role=rules]');
// The report with the lists the engine's worker keeps (the products are compared below).
const report = fullReport;
const workspace = (page) => page.evaluate(() => document.querySelector('b2b-pulse').workspace());
const skus = (r) => r.catalogs.products.map((p) => p.sku).sort();

test('non-product SKUs: suggested with their reason, added, applied, saved in the workspace', { skip }, async () => {
  const { page, errors } = await openWithLines('en');
  const before = await report(page);
  assert.ok(skus(before).includes('POST'), 'POST ranks as a product by default');
  const suggested = rules(page).locator('[data-suggested]');
  assert.deepEqual(await suggested.evaluateAll((li) => li.map((x) => x.dataset.suggested)), ['C2', 'POST', 'BANK CHARGES']);
  assert.match(await rules(page).locator('[data-suggested="POST"]').innerText(), /POSTAGE · 36.00 \(a code without digits, named like a charge: “post”\)/);
  assert.match(await rules(page).locator('[data-suggested="C2"]').innerText(), /named like a charge: “carriage”/);
  await rules(page).locator('[data-action=rule-add-all]').click();
  assert.equal(await rules(page).locator('[data-rule=non_product_skus]').inputValue(), 'C2\nPOST\nBANK CHARGES');
  await nextReport(page, () => rules(page).locator('button[type=submit]').click());
  const after = await report(page);
  assert.deepEqual(skus(after), ['21730', '22423', '22752', '71053', '84029G', '84879', '85123A']);
  assert.equal(after.catalogs.non_products.revenue, 101);
  assert.equal(after.customers.summary.revenue, before.customers.summary.revenue, 'customer revenue keeps the charges');
  assert.deepEqual((await workspace(page)).settings.non_product_skus, ['C2', 'POST', 'BANK CHARGES']);
  assert.match(await rules(page).locator('[data-role=rules-message]').innerText(), /Rules applied/);
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [lang, notNumber, order] of [
  ['en', /Overdue from: “abc” is not a number from 0 to 1000: not applied/, /The thresholds must increase, due < overdue < lapsed; got 1, 3, 2: not applied/],
  ['ru', /Просрочен — от: «abc» — не число от 0 до 1000: не применено/, /Пороги должны возрастать, пора < просрочен < ушёл; получено 1, 3, 2: не применено/],
]) {
  test(`thresholds and statuses: refused with a message when out of range, else applied (${lang})`, { skip }, async () => {
    const { page, errors } = await openWithLines(lang);
    const th = (i) => rules(page).locator(`[data-threshold="${i}"]`);
    assert.deepEqual([await th(0).inputValue(), await th(1).inputValue(), await th(2).inputValue()], ['1', '1.5', '3']);
    const message = rules(page).locator('[data-role=rules-message]');
    let reports = 0;
    await page.evaluate(() => document.querySelector('b2b-pulse').addEventListener('report', () => (window.__reports = (window.__reports || 0) + 1)));
    await th(1).fill('abc');
    await rules(page).locator('button[type=submit]').click();
    assert.match(await message.innerText(), notNumber);
    assert.equal(await th(1).getAttribute('aria-invalid'), 'true');
    await th(1).fill('3');
    await th(2).fill('2');
    await rules(page).locator('button[type=submit]').click();
    assert.match(await message.innerText(), order);
    await page.waitForTimeout(200);
    reports = await page.evaluate(() => window.__reports || 0);
    assert.equal(reports, 0, 'nothing recomputed for refused rules');
    await th(1).fill('2');
    await th(2).fill('4');
    await rules(page).locator('[data-rule=won_statuses]').fill('won\nordered\nclosed won\naccepted');
    await nextReport(page, () => rules(page).locator('button[type=submit]').click());
    const ws = (await workspace(page)).settings;
    assert.deepEqual(ws.status_thresholds, [1, 2, 4]);
    assert.deepEqual(ws.won_statuses, ['won', 'ordered', 'closed won', 'accepted']);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
