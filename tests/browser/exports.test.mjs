// Exports people can use (issue #13 point 9): the tables' CSV and XLSX downloads from the page
// in Chromium, checked against the report the page holds: money to the cent, shares as
// percentages, status labels instead of codes, rep names beside ids; the workbook unzipped and
// its cells' number formats checked. Run: node --test tests/browser/exports.test.mjs (after make web)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repo, openSamplesPage, openBrowserAndServer, closeBrowserAndServer, fullReport } from './helpers.mjs';

const { unzipSync, strFromU8 } = createRequire(path.join(repo, 'web/package.json'))('fflate');
let browser, server;

before(async () => {
  ({ browser, server } = await openBrowserAndServer());
});

after(() => closeBrowserAndServer(browser, server));

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`b2b-pulse ${button}`).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

/** CSV text -> rows of cells (quotes and doubled quotes undone). */
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
    else if (c === '\n') row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  return rows;
}

const cents = (v) => Math.round(v * 100) / 100;

test('the open quotes CSV: amounts to the cent, win chance as a percentage, status labels, rep names', async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  const r = await fullReport(page); // the open deals are asked of the engine's worker, which keeps them
  await page.locator('b2b-pulse [data-tab=negotiations]').click();
  const { name, bytes } = await download(page, '[data-card=neg-open] [data-act=csv]');
  assert.equal(name, 'open-quotes.csv');
  const rows = parseCsv(bytes.toString('utf8').replace(/^\ufeff/, ''));
  const head = rows[0];
  const col = (label) => {
    const i = head.indexOf(label);
    assert.ok(i >= 0, `column ${label} in ${head.join(' | ')}`);
    return i;
  };
  assert.equal(rows.length - 1, r.negotiations.open.length);
  const byId = new Map(r.negotiations.open.map((d) => [d.deal_id, d]));
  const reps = new Map(r.sales_team.reps.map((x) => [x.sales_rep, x.rep_name || x.sales_rep]));
  const [deal, amount, status, rep, repName] = ['Deal', 'Amount', 'Status', 'Rep', 'Rep (name)'].map(col);
  const chance = head.findIndex((h) => /, %$/.test(h) && /win/i.test(h));
  assert.ok(chance >= 0, `a win chance column in % in ${head.join(' | ')}`);
  for (const line of rows.slice(1)) {
    const d = byId.get(line[deal]);
    assert.ok(d, line[deal]);
    assert.equal(line[amount], d.amount === null ? '' : String(cents(d.amount)));
    assert.equal(line[chance], d.win_probability === null ? '' : String(Math.round(d.win_probability * 10000) / 100));
    assert.doesNotMatch(line[status], /_/, 'a label, not a code');
    assert.equal(line[rep], d.sales_rep);
    assert.equal(line[repName], reps.get(d.sales_rep) || d.sales_rep);
  }
  assert.ok(rows.slice(1).some((l) => /Processing by customer|Sent to customer|Processing by seller/.test(l[status])));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the customers workbook (RU): money, percent and date cells formatted, status labels in Russian', async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'ru');
  const r = await fullReport(page); // the customers are asked of the engine's worker, which keeps them
  await page.locator('b2b-pulse [data-tab=customers]').click();
  const { name, bytes } = await download(page, '[data-card=cust-table] [data-act=xlsx]');
  assert.equal(name, 'customers.xlsx');
  const parts = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(bytes))).map(([k, v]) => [k, strFromU8(v)]));
  const xml = parts['xl/worksheets/sheet1.xml'];
  assert.ok(xml, 'a worksheet');
  const rowsXml = [...xml.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)];
  assert.equal(rowsXml.length - 1, r.customers.rows.length);
  const cells = (rowXml) => Object.fromEntries([...rowXml.matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/g)].map((m) => [m[1], { attrs: m[2], body: m[3] || '' }]));
  const header = cells(rowsXml[0][2]);
  const colOf = (re) => Object.keys(header).find((k) => re.test(header[k].body));
  const revenue = colOf(/>Выручка</);
  const margin = colOf(/Маржа.*%|%.*Маржа/);
  const last = colOf(/>Последний заказ</);
  const status = colOf(/>Статус</);
  assert.ok(revenue && status && last, `columns found in ${Object.values(header).map((h) => h.body).join(' | ')}`);
  // The table's default order: revenue, highest first.
  const top = [...r.customers.rows].sort((a, b) => b.revenue - a.revenue)[0];
  const first = cells(rowsXml[1][2]);
  assert.match(first[revenue].attrs, /s="2"/);
  assert.equal(first[revenue].body, `<v>${cents(top.revenue)}</v>`);
  if (margin && top.margin_pct !== null) assert.match(first[margin].attrs, /s="3"/);
  assert.match(first[last].attrs, /s="4"/);
  assert.equal(+first[last].body.replace(/<\/?v>/g, ''), Date.UTC(...top.last_order.split('-').map((x, i) => +x - (i === 1 ? 1 : 0))) / 86400000 + 25569);
  assert.match(first[status].body, /<t xml:space="preserve">[А-Яа-яЁё ]+<\/t>/, 'the status in Russian words');
  assert.match(parts['xl/styles.xml'], /formatCode="#,##0.00"/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the discount levels CSV says verdicts and levels in words, the units change as a percentage', async () => {
  const { page, errors } = await openSamplesPage(browser.context, server.origin, 'en');
  const r = await page.evaluate(() => document.querySelector('b2b-pulse').report);
  const levels = r.catalogs.discount_levels;
  if (!Array.isArray(levels) || !levels.length) return page.close();
  await page.locator('b2b-pulse [data-tab=catalogs]').click();
  const { bytes } = await download(page, '[data-card=cat-levels] [data-act=csv]');
  const rows = parseCsv(bytes.toString('utf8').replace(/^\ufeff/, ''));
  const head = rows[0];
  const verdict = head.indexOf('Verdict'), level = head.indexOf('Level');
  assert.ok(verdict >= 0 && level >= 0, head.join(' | '));
  const words = { pays: 'pays off', does_not_pay: 'does not pay', uncertain: 'uncertain' };
  assert.deepEqual(rows.slice(1).map((l) => l[verdict]).sort(), levels.map((l) => words[l.verdict]).sort());
  assert.deepEqual(rows.slice(1).map((l) => l[level]).sort(), levels.map((l) => l.level).sort()); // 'catalog' / 'group' are words already
  const units = head.findIndex((h) => /units/i.test(h) && /, %$/.test(h));
  assert.ok(units >= 0, `the units change as a percentage in ${head.join(' | ')}`);
  assert.deepEqual(errors, []);
  await page.close();
});
