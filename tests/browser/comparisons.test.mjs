// "Compared with what?" (issue #13 point 5): the KPI tiles show the change against the previous
// period of the same length and the same dates a year earlier, with the definition on hover,
// or "no earlier data" when the data begins later; every monthly chart marks a partial month.
// Run: node --test tests/browser/comparisons.test.mjs (after make web, or PULSE_DIST=<a build>)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { nextReport, openSamplesPage, engineKind, openBrowserAndServer, closeBrowserAndServer } from './helpers.mjs';

const skip = engineKind() !== 'wasm' && 'needs the wasm engine';
let browser, server;

before(async () => {
  ({ browser, server } = await openBrowserAndServer());
});

after(() => closeBrowserAndServer(browser, server));

const WORDS = {
  en: { previous: 'vs previous', yearAgo: 'vs year ago', none: 'no earlier data', def: /previous period of the same length/, partial: /Partial month \(.*\): the period .*not comparable with full months/ },
  ru: { previous: 'к прошлому периоду', yearAgo: 'к году ранее', none: 'нет более ранних данных', def: /предыдущему периоду той же длины/, partial: /Неполный месяц \(.*\): период .*нельзя сравнивать с полными месяцами/ },
};

const tileCmp = (page, dash, kpi, kind) => page.locator(`b2b-pulse [data-dashboard=${dash}] [data-kpi=${kpi}] [data-cmp=${kind}]`);
const show = (page, k) => page.evaluate((key) => document.querySelector('b2b-pulse').showTab(key, true), k);

for (const lang of ['en', 'ru']) {
  const w = WORDS[lang];
  test(`KPI tiles: change against the previous period and a year ago, or no earlier data (${lang})`, { skip }, async () => {
    const { page, errors } = await openSamplesPage(browser.context, server.origin, lang);
    // The whole data: nothing earlier to compare with.
    assert.equal((await page.evaluate(() => document.querySelector('b2b-pulse').report.comparisons)).previous, null);
    await show(page, 'customers');
    assert.equal((await tileCmp(page, 'customers', 'revenue', 'none').innerText()).trim(), w.none);

    // The first half of 2026: its previous half-year and 2025's first half are in the data.
    await nextReport(page, () => page.evaluate(() => document.querySelector('b2b-pulse').setFilters({ from: '2026-01-01', to: '2026-06-30' })));
    const report = await page.evaluate(() => document.querySelector('b2b-pulse').report);
    const now = report.customers.summary.revenue;
    const prev = report.comparisons.previous.customers.revenue;
    const ago = report.comparisons.year_ago.customers.revenue;
    await show(page, 'customers');
    for (const [kind, words, before] of [['previous', w.previous, prev], ['year_ago', w.yearAgo, ago]]) {
      const el = tileCmp(page, 'customers', 'revenue', kind);
      const text = await el.innerText();
      const rel = now / before - 1;
      const figure = (Math.abs(rel) * 100).toFixed(1).replace(/\.0$/, '');
      assert.ok(text.startsWith(words), `"${text}" starts with "${words}"`);
      assert.ok(text.replace(',', '.').includes(figure), `"${text}" shows ${figure}%`);
      assert.ok(text.includes(rel > 0 ? '+' : '−'), `"${text}" is signed`);
    }
    assert.match(await tileCmp(page, 'customers', 'revenue', 'previous').getAttribute('title'), w.def);
    // A rate changes in percentage points.
    const rate = await tileCmp(page, 'customers', 'repeat_rate', 'previous').innerText();
    assert.match(rate, lang === 'en' ? /pp$/ : /п\.п\.$/);
    // Negotiations compare too; open deals (taken at the as-of date) do not.
    await show(page, 'negotiations');
    assert.equal(await tileCmp(page, 'negotiations', 'win_rate', 'previous').count(), 1);
    assert.equal(await page.locator('b2b-pulse [data-dashboard=negotiations] [data-kpi=open] .tile-cmp').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`every monthly chart marks a partial month (${lang})`, { skip }, async () => {
    const { page, errors } = await openSamplesPage(browser.context, server.origin, lang);
    await nextReport(page, () => page.locator('b2b-pulse input[data-filter=to]').fill('2026-06-15'));
    const report = await page.evaluate(() => document.querySelector('b2b-pulse').report);
    assert.equal(report.customers.monthly.at(-1).partial, true);
    assert.equal(report.negotiations.monthly.at(-1).partial, true, 'the engine marks partial months of negotiations.monthly');
    assert.equal(report.negotiations.monthly.at(-2).partial, false);
    for (const [dash, slots] of [['customers', ['cust-monthly']], ['negotiations', ['neg-monthly', 'neg-cycle']]]) {
      await show(page, dash);
      for (const slot of slots) {
        const note = page.locator(`b2b-pulse [data-dashboard=${dash}] [data-card=${slot}] .partial-note`);
        assert.equal(await note.getAttribute('data-partial-months'), '2026-06', `${slot} names June 2026`);
        assert.match(await note.innerText(), w.partial);
        assert.doesNotMatch(await note.innerText(), /\.\./, "no double full stop after a month written with its abbreviation (\"г.\")");
      }
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}
