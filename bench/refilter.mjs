// Re-filter in the page (issue #14 point 5): the time from a change of the period filter (or,
// with REFILTER_FILTER, the catalog or sales rep) to the view on screen redrawn (then with the
// rows its tables and detail ask the worker for), and the bytes of report JSON the worker hands
// the page per report.
// Opens a build of the page in headless Chromium (as the browser tests do), loads a dataset,
// switches to a view, then moves the period's end back and forth (half the period, the whole
// period) RUNS times; medians. Per report: the engine's time in the worker, the hand-over to
// the page (roundtrip minus engine: worker to page, the report parsed), the visible view
// drawn, and the size of the report the page holds (JSON).
//   [REFILTER_ISOLATED=1] node bench/refilter.mjs [RUNS] [BEFORE_DIST]   (after make web; PULSE_DIST=dir for another build)
// With BEFORE_DIST (an older build of the page) the two builds alternate run by run, each in
// its own tab, so that a busy machine weighs on both alike.
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, waitState, repo, datasets, dist, engineKind } from '../tests/browser/helpers.mjs';

const runs = Number(process.argv[2] || 7);
const beforeDist = process.argv[3] ? path.resolve(process.argv[3]) : null;
const CASES = [
  { name: 'samples', files: () => ['order_lines.csv', 'orders.csv', 'customers.csv', 'quotes.csv', 'quote_history.csv', 'sales_reps.csv', 'catalog_prices.csv', 'workspace.json'].map((f) => path.join(repo, 'samples', f)) },
  { name: 'CRM pipeline', files: () => ['sales_pipeline.csv', 'sales_teams.csv', 'accounts.csv'].map((f) => path.join(datasets, 'crm-sales-opportunities', f)) },
  { name: 'Online Retail', files: () => [path.join(datasets, 'online-retail/online_retail.csv')] },
];
// REFILTER_TABS=tab,tab: other views (e.g. 'negotiations,sales_team' for the open deals' tables).
const TABS = process.env.REFILTER_TABS ? process.env.REFILTER_TABS.split(',') : ['attention', 'customers', 'catalogs'];
// REFILTER_PAUSE_MS=N: a pause before each change, as a person leaves between two clicks (the
// default 0 changes again as soon as the last change is drawn, while the browser may still be
// painting it on the machine's other core).
const PAUSE_MS = Number(process.env.REFILTER_PAUSE_MS || 0);
// REFILTER_FILTER=catalog|sales_rep: that list's first choice and none in turn, instead of the
// period's end (the default, 'to'); a dataset without choices in it is skipped.
const FILTER = process.env.REFILTER_FILTER || 'to';
// REFILTER_CASES=name,name: only those datasets (e.g. 'Online Retail').
const onlyCases = process.env.REFILTER_CASES ? process.env.REFILTER_CASES.split(',') : null;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const midDay = (from, to) => new Date((Date.parse(from) + Date.parse(to)) / 2).toISOString().slice(0, 10);

/** A tab of the build served at origin with the files loaded and view `tab` shown. */
async function openPage(browser, origin, files, tab) {
  const page = await browser.context.newPage();
  await page.goto(`${origin}/#lang=en`);
  await waitState(page, 'empty');
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(files);
  await waitState(page, 'ready', 300000);
  await page.locator(`b2b-pulse [role=tab][data-tab=${tab}]`).click();
  // The filter's two values, taken in turn: the period's end at its middle and back, or a
  // list's first choice and none.
  const ends = await page.evaluate((kind) => {
    const el = document.querySelector('b2b-pulse');
    const field = (k) => el.shadowRoot.querySelector(`[data-filter=${k}]`);
    if (kind === 'to') return [field('from').value, field('to').value];
    const first = [...field(kind).options].find((o) => o.value);
    return first ? [first.value, ''] : null;
  }, FILTER);
  if (!ends) {
    await page.close();
    return null;
  }
  return { page, ends: FILTER === 'to' ? [midDay(ends[0], ends[1]), ends[1]] : ends, m: { ms: [], painted: [], rows: [], whole: [], bytes: [], engine: [], viewEngine: [], viewTake: [], handover: [], render: [], viewRender: [] } };
}

async function refilter(p, i) {
  const r = await p.page.evaluate(async ([to, kind]) => {
    const el = document.querySelector('b2b-pulse');
    const input = el.shadowRoot.querySelector(`[data-filter=${kind}]`);
    // A build that asks for the view's sections first says 'view' when the view on screen is
    // redrawn, then 'report' when the whole report is in; an older build says 'report' only.
    const view = new Promise((ok) => el.addEventListener('view', () => ok(performance.now()), { once: true }));
    // On screen: the next frame after the view's event, its layout and paint done (the event
    // comes when the markup is written, before the browser lays it out).
    const painted = view.then(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(() => ok(performance.now()), 0))));
    const drawn = new Promise((ok) => el.addEventListener('report', (e) => ok(e.detail), { once: true }));
    // The other dashboards are drawn in idle time after the view: the next run waits for them,
    // so that no run shares the machine (or the worker) with the one before...
    const rest = new Promise((ok) => el.addEventListener('rendered', ok, { once: true }));
    const t0 = performance.now();
    input.value = to;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    // The view with its rows: its tables, chart and detail that ask the worker for rows
    // (data-rows-ready and the like are '' while an answer is on its way) have drawn them.
    const waiting = () => el.shadowRoot.querySelector(`[data-dashboard=${el.tab}]`)
      .querySelector('[data-rows-ready=""], [data-points-ready=""], [data-detail-ready=""]');
    // Watched, not polled: the first moment after the view when nothing is waiting (the whole
    // report's redraw comes soon after and asks again).
    const withRows = view.then(() => new Promise((ok) => {
      if (!waiting()) return ok(performance.now());
      const watch = new MutationObserver(() => {
        if (waiting()) return;
        watch.disconnect();
        ok(performance.now());
      });
      watch.observe(el.shadowRoot, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-rows-ready', 'data-points-ready', 'data-detail-ready'] });
    }));
    const report = await drawn;
    const whole = performance.now() - t0;
    const viewAt = await Promise.race([view, Promise.resolve(null)]);
    const rowsAt = viewAt === null ? null : await withRows;
    await Promise.race([rest, new Promise((ok) => setTimeout(ok, 10000))]);
    // ... and for the rows its paged tables, chart and detail asked of the worker after that
    // (web/src/paged-table.js: data-rows-ready is '' while an answer is on its way).
    const busy = () => el.shadowRoot.querySelector('[data-rows-ready=""], [data-points-ready=""], [data-detail-ready=""]');
    for (let waited = 0; busy() && waited < 10000; waited += 5) await new Promise((ok) => setTimeout(ok, 5));
    const tm = el.timings;
    const paintedAt = viewAt === null ? null : await painted;
    return { painted: paintedAt === null ? whole : paintedAt - t0, ms: viewAt === null ? whole : viewAt - t0, rows: rowsAt === null ? whole : rowsAt - t0, whole, bytes: JSON.stringify(report).length, engine: tm.report, viewEngine: tm.viewReport ?? null, viewTake: tm.viewTake ?? null, viewRender: tm.viewRender ?? null, handover: tm.roundtrip - tm.report, render: tm.render };
  }, [p.ends[i % 2], FILTER]);
  for (const k of Object.keys(p.m)) p.m[k].push(r[k]);
}

const line = (label, m) => `${label} change -> view redrawn ${median(m.ms).toFixed(0)} ms ` +
  `(min ${Math.min(...m.ms).toFixed(0)}, max ${Math.max(...m.ms).toFixed(0)}; on screen, laid out, ${median(m.painted).toFixed(0)} ms)` +
  (m.viewEngine.every((v) => v !== null) ? ` (its sections: engine ${median(m.viewEngine).toFixed(0)} ms` +
    (m.viewTake.every((v) => v !== null) ? `, parsed and kept in the worker ${median(m.viewTake).toFixed(0)} ms` : '') +
    (m.viewRender.every((v) => v !== null) ? `, drawn ${median(m.viewRender).toFixed(1)} ms)` : ')') : '') +
  `, with its rows ${median(m.rows).toFixed(0)} ms (min ${Math.min(...m.rows).toFixed(0)}, max ${Math.max(...m.rows).toFixed(0)})` +
  `, whole report in and drawn ${median(m.whole).toFixed(0)} ms: engine ${median(m.engine).toFixed(0)} ms, ` +
  `to the page ${median(m.handover).toFixed(0)} ms, view drawn ${median(m.render).toFixed(0)} ms; report ${(median(m.bytes) / 1024).toFixed(0)} KiB`;

if (engineKind() !== 'wasm') {
  console.error(`${dist} has no wasm engine build: run make web`);
  process.exit(1);
}
// REFILTER_ISOLATED=1: both builds served cross-origin isolated (web/serve.mjs's default), so the
// page runs its shared-memory engine with the page toucher.
const isolation = { isolated: process.env.REFILTER_ISOLATED === '1' };
const servers = { after: await serve(dist, isolation), before: beforeDist ? await serve(beforeDist, isolation) : null };
const browser = await launch();
try {
  console.log(`${runs} runs each${beforeDist ? `, alternating with ${beforeDist}` : ''}; medians`);
  for (const c of CASES.filter((x) => !onlyCases || onlyCases.includes(x.name))) {
    const files = c.files();
    if (!files.every((f) => fs.existsSync(f))) {
      console.log(`${c.name}: skipped: dataset not found`);
      continue;
    }
    for (const tab of TABS) {
      const after = await openPage(browser, servers.after.origin, files, tab);
      const before = after && servers.before ? await openPage(browser, servers.before.origin, files, tab) : null;
      if (!after) {
        console.log(`${c.name}: skipped: no choice in the ${FILTER} filter`);
        break;
      }
      for (let i = 0; i < runs; i++) {
        // Each build's tab is brought to the front for its own run: a tab behind another gets
        // its frames late (an identical build measured in the tab behind read 34 -> 45 ms to
        // the view and 84 -> 310 ms on screen). The order turns round every run.
        for (const p of before ? (i % 2 ? [after, before] : [before, after]) : [after]) {
          await p.page.bringToFront();
          if (PAUSE_MS) await new Promise((ok) => setTimeout(ok, PAUSE_MS));
          await refilter(p, i);
        }
      }
      const label = `${c.name}, view ${tab}:`;
      if (before) console.log(line(`${label} before`, before.m));
      console.log(line(`${label}${before ? ' after ' : ''}`, after.m));
      await after.page.close();
      if (before) await before.page.close();
    }
  }
} finally {
  await browser.close();
  await servers.after.close();
  if (servers.before) await servers.before.close();
}
