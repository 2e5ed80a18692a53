// A file whose day/month order the engine had to guess (docs/formats.md, "Day or month
// first"): the page says so above the dashboards and swaps the order in one click.
// Run: make test-browser, or node --test tests/browser/date_order.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitState, nextReport, engineKind, openBrowserAndServer, closeBrowserAndServer } from './helpers.mjs';

const skip = engineKind() !== 'wasm' && 'needs the wasm engine';
let browser, server;

before(async () => {
  ({ browser, server } = await openBrowserAndServer());
});

after(() => closeBrowserAndServer(browser, server));

// 200 orders whose dates have both parts in 1..12, in no order (a fixed linear congruential
// sequence): nothing tells the order, so the engine guesses month first.
function shuffledOrders() {
  let x = 12345;
  const next = () => (x = (x * 48271) % 2147483647) % 12 + 1;  // MINSTD: exact in doubles
  const pad = (v) => String(v).padStart(2, '0');
  const rows = ['order_id,order_date,customer_id,sku,quantity,unit_price'];
  const dates = [];
  for (let i = 0; i < 200; i++) {
    const date = `${pad(next())}/${pad(next())}/2010`;
    dates.push(date);
    rows.push(`${i + 1},${date},C${i % 9},A,1,12.50`);
  }
  return { csv: rows.join('\n') + '\n', first: dates[0] };
}

for (const [lang, words] of [['en', /Dates like .* were read as month\/day/], ['ru', /Даты вида .* прочитаны как месяц\/день/]]) {
  test(`a guessed date order shows a banner and swaps in one click (${lang})`, { skip }, async () => {
    const { csv, first } = shuffledOrders();
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.origin}/#lang=${lang}`);
    await waitState(page, 'empty');
    await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles({ name: 'shuffled.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await waitState(page, 'ready');
    let report = await page.evaluate(() => document.querySelector('b2b-pulse').report);
    assert.equal(report.load[0].conventions.date_order, 'MM/DD/YYYY');
    assert.equal(report.load[0].conventions.date_order_basis, 'default_guess');

    const banner = page.locator('b2b-pulse [data-date-guess="shuffled.csv"]');
    assert.equal(await banner.count(), 1);
    const text = await banner.innerText();
    assert.match(text, words);
    assert.ok(text.includes(first), `the file's own example ${first} in "${text}"`);

    await nextReport(page, () => banner.locator('[data-action=swap-date-order]').click());
    await waitState(page, 'ready');
    report = await page.evaluate(() => document.querySelector('b2b-pulse').report);
    assert.equal(report.load[0].conventions.date_order, 'DD/MM/YYYY');
    assert.equal(report.load[0].conventions.date_order_basis, 'workspace');
    assert.equal(await page.locator('b2b-pulse [data-date-guess]').count(), 0);
    // The swap is the file's date format, as if picked on its card (and saved with the workspace).
    assert.equal(await page.locator('b2b-pulse [data-file="shuffled.csv"] select[data-opt=date_format]').inputValue(), 'DD/MM/YYYY');
    assert.deepEqual(errors, []);
    await page.close();
  });
}
