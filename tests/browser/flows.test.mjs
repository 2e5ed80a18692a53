// The flows of issue #13 point 6 that were broken: "Fetch a file from a URL" opens a Data tab
// with a working URL field; Reset shows the dates the new report uses; From after To is refused
// at the field; part of a customer's name offers the matches (or says none match); a shared
// link says on the welcome card which filters it carries.
// Run: node --test tests/browser/flows.test.mjs (after make web, or PULSE_DIST=<a build>)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitState, nextReport, openSamplesPage, engineKind, openBrowserAndServer, closeBrowserAndServer } from './helpers.mjs';

const skip = engineKind() !== 'wasm' && 'needs the wasm engine';
let browser, server;

before(async () => {
  ({ browser, server } = await openBrowserAndServer());
});

after(() => closeBrowserAndServer(browser, server));

const el = (page) => page.locator('b2b-pulse');
const filterInput = (page, k) => el(page).locator(`[data-filter=${k}]`);
const message = (page) => el(page).locator('[data-role=filter-message]');
const state = (page) => page.evaluate(() => {
  const e = document.querySelector('b2b-pulse');
  return { filters: { ...e.filters }, period: e.report && e.report.period };
});

test('the welcome card\'s URL button opens the Data tab on a URL field that fetches', { skip }, async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/#lang=en`);
  await waitState(page, 'empty');
  await el(page).locator('.welcome button', { hasText: 'Fetch a file from a URL' }).click();
  const url = el(page).locator('[data-panel=data] #url-in');
  assert.ok(await url.isVisible(), 'the URL field is on the Data tab');
  assert.equal(await page.evaluate(() => document.querySelector('b2b-pulse').shadowRoot.activeElement?.id), 'url-in', 'and has the focus');
  await url.fill(`${server.origin}/samples/orders.csv`);
  await url.press('Enter');
  await waitState(page, 'ready');
  const load = await page.evaluate(() => document.querySelector('b2b-pulse').report.load);
  assert.equal(load[0].file, 'orders.csv');
  assert.ok(load[0].rows_loaded > 1000, `rows loaded: ${load[0].rows_loaded}`);
  await page.close();
});

test('Reset: the date fields show the dates the new report uses, not the old filter', { skip }, async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  const full = (await state(page)).period;
  await nextReport(page, () => filterInput(page, 'from').fill('2026-01-01'));
  assert.equal((await state(page)).filters.from, '2026-01-01');
  await nextReport(page, () => el(page).locator('[data-action=reset-filters]').click());
  const after = await state(page);
  assert.equal(after.filters.from, null);
  assert.equal(after.period.from, full.from);
  assert.equal(await filterInput(page, 'from').inputValue(), full.from, 'From shows the applied period start');
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [lang, words] of [['en', /From \(.*\) is after To \(.*\): not applied/], ['ru', /Дата «С» \(.*\) позже даты «По» \(.*\): не применено/]]) {
  test(`From after To is refused at the field, with a message (${lang})`, { skip }, async () => {
    const { page, errors } = await openSamplesPage(browser.context, server.origin, lang);
    const before = await state(page);
    let reports = 0;
    await page.evaluate(() => document.querySelector('b2b-pulse').addEventListener('report', () => (window.__reports = (window.__reports || 0) + 1)));
    await filterInput(page, 'from').fill('2026-12-01'); // the samples end on 2026-10-30
    assert.ok(await message(page).isVisible(), 'a message at the filter bar');
    assert.match(await message(page).innerText(), words);
    assert.equal(await filterInput(page, 'from').getAttribute('aria-invalid'), '');
    await page.waitForTimeout(300);
    reports = await page.evaluate(() => window.__reports || 0);
    assert.equal(reports, 0, 'no report for the refused dates');
    assert.deepEqual((await state(page)).filters, before.filters, 'the filters are unchanged');
    // A To after it makes the pair valid: both dates apply together.
    await nextReport(page, () => filterInput(page, 'to').fill('2026-12-31'));
    const now = await state(page);
    assert.equal(now.filters.from, '2026-12-01');
    assert.equal(now.filters.to, '2026-12-31');
    assert.ok(await message(page).isHidden());
    assert.deepEqual(errors, []);
    await page.close();
  });
}

for (const [lang, several, none] of [['en', /5 customers match “Lange”: pick one/, /No customer matches “zzqx”/], ['ru', /Под «Lange» подходят клиенты \(5\)/, /Ни один клиент не подходит под «zzqx»/]]) {
  test(`part of a customer's name offers the matches, or says none match (${lang})`, { skip }, async () => {
    const { page, errors } = await openSamplesPage(browser.context, server.origin, lang);
    const customer = filterInput(page, 'customer');
    // Several match: a list to pick from, nothing applied.
    await customer.fill('Lange');
    await customer.dispatchEvent('change');
    assert.match(await message(page).innerText(), several);
    const picks = message(page).locator('[data-action=filter-customer]');
    assert.deepEqual((await picks.evaluateAll((bs) => bs.map((b) => b.dataset.id))).sort(), ['C022', 'C044', 'C062', 'C097', 'C108']);
    assert.equal((await state(page)).filters.customer, null);
    await nextReport(page, () => picks.first().click());
    assert.equal((await state(page)).filters.customer, 'C062');
    assert.ok(await message(page).isHidden());
    // None match: said, not a silent "0 customers".
    await customer.fill('zzqx');
    await customer.dispatchEvent('change');
    assert.match(await message(page).innerText(), none);
    // One matches: applied as that customer.
    await nextReport(page, async () => {
      await customer.fill('isar geb');
      await customer.dispatchEvent('change');
    });
    assert.equal((await state(page)).filters.customer, 'C005');
    assert.deepEqual(errors, []);
    await page.close();
  });
}

for (const [lang, words] of [['en', /This link carries filters: From: 2026-01-01 · Catalog: Premium\. Load the same files to see them/], ['ru', /Эта ссылка несёт фильтры: С: 2026-01-01 · Каталог: Premium\. Загрузите те же файлы/]]) {
  test(`a shared link says on the welcome card which filters it carries (${lang})`, async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/#tab=catalogs&catalog=Premium&from=2026-01-01&lang=${lang}`);
    await waitState(page, 'empty');
    const banner = el(page).locator('.welcome [data-role=link-filters]');
    assert.ok(await banner.isVisible());
    assert.match(await banner.innerText(), words);
    // A plain link says nothing of the kind.
    const plain = await browser.context.newPage();
    await plain.goto(`${server.origin}/#lang=${lang}`);
    await waitState(plain, 'empty');
    assert.equal(await el(plain).locator('[data-role=link-filters]').count(), 0);
    await plain.close();
    await page.close();
  });
}
