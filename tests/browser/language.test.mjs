// The language buttons: clicking EN/RU re-words the whole page at once (frame, tabs, filters,
// welcome, every dashboard), before and after data is loaded, without a new report; every KPI
// tile and every column header carries a one-line definition (title and aria-describedby) in
// both languages. Screenshots: build/screenshots/lang-*.png.
// Run: node --test tests/browser/language.test.mjs (after make web)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { waitState, repo, dist, openBrowserAndServer, closeBrowserAndServer } from './helpers.mjs';

const SHOTS = path.join(repo, 'build/screenshots');
const DASHBOARDS = ['attention', 'customers', 'catalogs', 'negotiations', 'sales_team'];
// English UI words that must not show on the Russian page (data such as names may be English).
const ENGLISH = ['Customers', 'Revenue', 'Orders', 'Open quotes', 'Catalog', 'Win rate', 'This week',
  'Sales team', 'Negotiations', 'Customer', 'Status', 'Overdue', 'Lapsed', 'On track', 'Load samples',
  'Processing by', 'Submitted by', 'Won', 'Lost', 'Filters', 'Period'];
const englishIn = (text) => ENGLISH.filter((w) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'u').test(text));

let browser, server;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  ({ browser, server } = await openBrowserAndServer());
});

after(() => closeBrowserAndServer(browser, server));

async function open() {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/#lang=en`);
  await waitState(page, 'empty');
  return { page, errors };
}

// The hosted page fetches the Russian words the first time it is shown in Russian
// (web/src/language-loader.js): a switch is done when the frame says its new language.
async function clickLang(page, lang) {
  await page.locator(`b2b-pulse [data-lang=${lang}]`).click();
  await page.waitForFunction((l) => document.querySelector('b2b-pulse').shadowRoot.querySelector('.app').getAttribute('lang') === l, lang);
}

/** The URLs of the language files (assets/lang-*.json) the page fetches from now on. */
function languageFetches(page) {
  const urls = [];
  page.on('request', (r) => { if (/\/lang-\w+\.json$/.test(r.url())) urls.push(new URL(r.url()).pathname); });
  return urls;
}

/** Visible text of the frame and welcome (tabs, filter labels, welcome card). */
const frameText = (page) => page.evaluate(() => {
  const root = document.querySelector('b2b-pulse').shadowRoot;
  const parts = [...root.querySelectorAll('[data-tab], .filters label, [data-role=welcome]')].map((e) => e.innerText || e.textContent);
  return parts.join('\n');
});

/** The text of dashboard k as drawn (its panel shown first, so innerText is not empty). */
async function panelText(page, k) {
  await page.locator(`b2b-pulse [data-tab=${k}]`).click();
  return page.evaluate((key) => {
    const el = document.querySelector('b2b-pulse');
    el.scheduler.show(key);
    const p = el.shadowRoot.querySelector(`[data-dashboard=${key}]`);
    const titles = [...p.querySelectorAll('[title]')].map((e) => e.getAttribute('title'));
    return p.innerText + '\n' + titles.join('\n');
  }, k);
}

test('before data: clicking RU re-words the welcome text, tabs and filters at once', async () => {
  const { page, errors } = await open();
  const fetched = languageFetches(page);
  const en = await frameText(page);
  assert.match(en, /Customers/);
  await clickLang(page, 'ru');
  const ru = await frameText(page);
  assert.deepEqual(englishIn(ru), [], 'English words on the Russian frame');
  assert.match(ru, /Клиенты/);
  assert.equal(await page.evaluate(() => document.querySelector('b2b-pulse').getAttribute('lang')), 'ru');
  await clickLang(page, 'en');
  assert.match(await frameText(page), /Customers/);
  // The hosted page fetched the Russian words once, when first shown in Russian (the single file carries them).
  await clickLang(page, 'ru');
  assert.match(await frameText(page), /Клиенты/);
  assert.deepEqual(fetched, ['/assets/lang-ru.json']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('opened in Russian (#lang=ru): worded in Russian from the first frame; opened in English: no Russian fetched', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const fetched = languageFetches(page);
  // Whatever the element shows first must be Russian: its state is set only once it is built.
  await page.goto(`${server.origin}/#lang=ru`);
  await waitState(page, 'empty');
  const ru = await frameText(page);
  assert.deepEqual(englishIn(ru), [], 'English words on the Russian frame');
  assert.match(ru, /Клиенты/);
  assert.equal(await page.evaluate(() => document.querySelector('b2b-pulse').shadowRoot.querySelector('.app').getAttribute('lang')), 'ru');
  assert.deepEqual(fetched, ['/assets/lang-ru.json']);
  await page.locator('b2b-pulse .welcome [data-action=load-samples]').click();
  await waitState(page, 'ready');
  const text = await panelText(page, 'customers');
  assert.deepEqual(englishIn(text), [], 'English words on the Russian customers dashboard');
  assert.match(text, /Выручка/);
  await page.close();

  const english = await browser.context.newPage();
  const none = languageFetches(english);
  await english.goto(`${server.origin}/#lang=en`);
  await waitState(english, 'empty');
  assert.match(await frameText(english), /Customers/);
  assert.deepEqual(none, [], 'a page opened in English fetches no other language');
  await english.close();

  // The single file carries both languages: opened from disk in Russian, nothing to fetch.
  const single = await browser.context.newPage();
  const inline = languageFetches(single);
  await single.goto(`file://${path.join(dist, 'b2b-pulse.html')}#lang=ru`);
  await waitState(single, 'empty');
  assert.deepEqual(englishIn(await frameText(single)), [], 'English words on the single file in Russian');
  assert.deepEqual(inline, []);
  await single.close();
  assert.deepEqual(errors, []);
});

test('the Russian words cannot be fetched: the page opens in English and says so', async () => {
  const page = await browser.context.newPage();
  await page.route('**/lang-ru.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/#lang=ru`);
  await waitState(page, 'empty');
  await page.waitForFunction(() => document.querySelector('b2b-pulse').getAttribute('lang') === 'en');
  assert.match(await frameText(page), /Customers/);
  const banner = page.locator('b2b-pulse [data-role=banner]');
  assert.match(await banner.textContent(), /words in RU could not be fetched \(.*HTTP 404\); it is shown in English/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('after the samples: clicking RU re-words every dashboard without a new report, and back to EN', async () => {
  const { page, errors } = await open();
  await page.locator('b2b-pulse .welcome [data-action=load-samples]').click();
  await waitState(page, 'ready');
  await page.evaluate(() => {
    window.__reports = 0;
    document.querySelector('b2b-pulse').addEventListener('report', () => window.__reports++);
  });
  await clickLang(page, 'ru');
  assert.deepEqual(englishIn(await frameText(page)), []);
  for (const k of DASHBOARDS) {
    const text = await panelText(page, k);
    assert.deepEqual(englishIn(text), [], `English words on the Russian ${k} dashboard`);
    assert.doesNotMatch(text, /\b(created|ordered|declined|expired|(draft|processing|submitted)[ _]by[ _](admin|customer))\b/i, `a status code on the Russian ${k} dashboard`);
    await page.screenshot({ path: path.join(SHOTS, `lang-ru-${k}.png`), fullPage: true });
  }
  // Deal statuses read as Russian words, with their meaning on hover.
  const tags = await page.evaluate(() => [...document.querySelector('b2b-pulse').shadowRoot
    .querySelectorAll('.tag[data-status], .badge')].map((e) => ({ code: e.dataset.status, text: e.textContent.trim(), title: e.title })));
  const deals = tags.filter((x) => x.code);
  assert.ok(deals.length > 0, 'deal statuses shown');
  for (const x of tags) assert.ok(!/_/.test(x.text), `a status as a code: ${x.text}`);
  for (const x of deals) assert.match(x.text + ' ' + x.title, /^[^a-z]*[а-яё]/i, `status ${x.code} in Russian: ${x.text}`);
  await clickLang(page, 'en');
  const back = await panelText(page, 'customers');
  assert.match(back, /Customers/);
  assert.match(back, /Revenue/);
  assert.equal(await page.evaluate(() => window.__reports), 0, 'a language switch must not recompute the report');
  assert.deepEqual(errors, []);
  await page.close();
});

/** For every tile and th of dashboard k: its label and definition (title, aria-describedby). */
const definitions = (page, k) => page.evaluate((key) => {
  const el = document.querySelector('b2b-pulse');
  el.scheduler.show(key);
  const root = el.shadowRoot;
  const p = root.querySelector(`[data-dashboard=${key}]`);
  // A chart's hidden text alternative (a table of its series) has headers of its own, not columns to define.
  return [...p.querySelectorAll('.tile, th')].filter((e) => !e.closest('.chart-alt')).map((e) => {
    const ids = (e.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    const described = ids.map((id) => root.getElementById(id)?.textContent || '').join(' ').trim();
    const own = [...(e.querySelector('.tile-label') || e).childNodes].filter((n) => !n.classList?.contains('def-hint'));
    // A grid (the cohorts) has one tab stop and arrow keys of its own: its headers are described, not tab stops.
    // A sortable header's focus is its button, described by the same text.
    const button = e.querySelector(':scope > button.th-sort');
    return { label: own.map((n) => n.textContent).join('').trim(), title: e.getAttribute('title') || '',
      described, focusable: e.tabIndex >= 0 || !!e.closest('[role=grid]') || (!!button && button.getAttribute('aria-describedby') === e.getAttribute('aria-describedby')) };
  });
}, k);

test('every KPI tile and column header has a definition on hover and focus, EN and RU', async () => {
  const { page, errors } = await open();
  await page.locator('b2b-pulse .welcome [data-action=load-samples]').click();
  await waitState(page, 'ready');
  const problems = [];
  for (const lang of ['en', 'ru']) {
    await clickLang(page, lang);
    for (const k of DASHBOARDS) {
      await page.locator(`b2b-pulse [data-tab=${k}]`).click();
      const defs = await definitions(page, k);
      if (k !== 'attention') assert.ok(defs.length > 3, `${k}: tiles and headers found`);
      for (const d of defs) {
        const where = `${lang} ${k} "${d.label}"`;
        if (!d.title || d.title === d.label) problems.push(`${where}: no definition (${d.title})`);
        if (d.described !== d.title) problems.push(`${where}: aria-describedby does not say the definition`);
        if (!d.focusable) problems.push(`${where}: takes no keyboard focus`);
        if (lang === 'ru' && !/[а-яё]/i.test(d.title)) problems.push(`${where}: definition not in Russian (${d.title})`);
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(errors, []);
  await page.close();
});
