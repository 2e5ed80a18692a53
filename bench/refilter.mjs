// Re-filter in the page (issue #14 points 5): the time from a change of the period filter to the
// view on screen redrawn, and the bytes of report JSON the worker sends the page per report.
// Opens dist/ in headless Chromium (as the browser tests do), loads a dataset, then moves the
// period's end back and forth (half the period, the whole period) RUNS times; medians.
//   node bench/refilter.mjs [RUNS]      (after make web; datasets from ../shared/datasets)
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, waitState, repo, datasets, dist, engineKind } from '../tests/browser/helpers.mjs';

const runs = Number(process.argv[2] || 7);
const CASES = [
  { name: 'samples', files: () => ['order_lines.csv', 'orders.csv', 'customers.csv', 'quotes.csv', 'quote_history.csv', 'sales_reps.csv', 'catalog_prices.csv', 'workspace.json'].map((f) => path.join(repo, 'samples', f)) },
  { name: 'CRM pipeline', files: () => ['sales_pipeline.csv', 'sales_teams.csv', 'accounts.csv'].map((f) => path.join(datasets, 'crm-sales-opportunities', f)) },
  { name: 'Online Retail', files: () => [path.join(datasets, 'online-retail/online_retail.csv')] },
];
const TABS = ['attention', 'negotiations'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const midDay = (from, to) => new Date((Date.parse(from) + Date.parse(to)) / 2).toISOString().slice(0, 10);

if (engineKind() !== 'wasm') {
  console.error(`${dist} has no wasm engine build: run make web`);
  process.exit(1);
}
const server = await serve();
const browser = await launch();
try {
  for (const c of CASES) {
    const files = c.files();
    if (!files.every((f) => fs.existsSync(f))) {
      console.log(`${c.name}: skipped: dataset not found`);
      continue;
    }
    for (const tab of TABS) {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/#lang=en`);
      await waitState(page, 'empty');
      await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(files);
      await waitState(page, 'ready', 300000);
      await page.locator(`b2b-pulse [role=tab][data-tab=${tab}]`).click();
      const period = await page.evaluate(() => {
        const el = document.querySelector('b2b-pulse');
        const v = (k) => el.shadowRoot.querySelector(`[data-filter=${k}]`).value;
        return { from: v('from'), to: v('to') };
      });
      const ends = [midDay(period.from, period.to), period.to];
      const ms = [], bytes = [], worker = [];
      for (let i = 0; i < runs; i++) {
        const r = await page.evaluate(async (to) => {
          const el = document.querySelector('b2b-pulse');
          const input = el.shadowRoot.querySelector('[data-filter=to]');
          const drawn = new Promise((ok) => el.addEventListener('report', (e) => ok(e.detail), { once: true }));
          const t0 = performance.now();
          input.value = to;
          input.dispatchEvent(new Event('change', { bubbles: true }));
          const report = await drawn;
          return { ms: performance.now() - t0, bytes: JSON.stringify(report).length, worker: el.timings.report };
        }, ends[i % 2]);
        ms.push(r.ms), bytes.push(r.bytes), worker.push(r.worker);
      }
      await page.close();
      console.log(`${c.name.padEnd(14)} view ${tab.padEnd(12)} change -> view redrawn: median ${median(ms).toFixed(0)} ms ` +
        `(min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)}); engine ${median(worker).toFixed(0)} ms; ` +
        `report sent to the page: median ${(median(bytes) / 1024).toFixed(0)} KiB (${runs} runs)`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
