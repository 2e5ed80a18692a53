// Not a test: a workbook picked on the page (dist/index.html, hosted, headless Chromium) to the
// four dashboards drawn, for one build or two alternating (before and after a change), as the
// page ships (docs/performance.md, "Big workbooks"). Make the workbook with
// bench/make_workbook.mjs. Prints per build the load (picked -> load report) and the whole
// (picked -> drawn), medians, and checks that the builds loaded the same rows and wrote the same
// report.
//   node bench/page-workbook.mjs FILE.xlsx [runs=3] [DIST_A=dist] [DIST_B]
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, dist } from '../tests/browser/helpers.mjs';

const [file, runsArg, ...distArgs] = process.argv.slice(2);
if (!file || !fs.existsSync(file)) {
  console.error('usage: node bench/page-workbook.mjs FILE.xlsx [runs=3] [DIST_A=dist] [DIST_B]');
  process.exit(2);
}
const runs = Number(runsArg || 3);
const dists = (distArgs.length ? distArgs : [dist]).map((d) => path.resolve(d));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await launch();
const servers = await Promise.all(dists.map((d) => serve(d)));

async function once(origin) {
  const page = await browser.context.newPage();
  await page.goto(origin + '/', { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('b2b-pulse')?.dataset.state === 'empty', null, { timeout: 60000 });
  await page.evaluate(() => {
    const el = document.querySelector('b2b-pulse');
    window.pulseBench = { done: null };
    el.addEventListener('rendered', () => (window.pulseBench.done = performance.now()), { once: true });
    el.addEventListener('report', (e) => (window.pulseBench.report = JSON.stringify(e.detail)), { once: true });
  });
  const picked = await page.evaluate(() => performance.now());
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(file);
  await page.waitForFunction(() => window.pulseBench.done !== null || document.querySelector('b2b-pulse').dataset.state === 'error', null, { timeout: 600000, polling: 20 });
  const r = await page.evaluate(() => ({ ...window.pulseBench, state: document.querySelector('b2b-pulse').dataset.state, timings: { ...document.querySelector('b2b-pulse').timings } }));
  await page.close();
  if (r.done === null) throw new Error(`the page ended in state ${r.state}`);
  return { whole: r.done - picked, load: r.timings.load, report: r.report };
}

try {
  const times = dists.map(() => ({ load: [], whole: [], report: null }));
  for (let i = 0; i < runs; i++) {
    const order = dists.map((_, k) => k);
    if (i % 2) order.reverse();
    for (const k of order) {
      const t = await once(servers[k].origin);
      times[k].load.push(t.load);
      times[k].whole.push(t.whole);
      times[k].report ??= t.report;
      console.log(`run ${i + 1} ${dists[k]}: load ${Math.round(t.load)} ms, picked -> drawn ${Math.round(t.whole)} ms`);
    }
  }
  console.log(`${path.basename(file)} (${(fs.statSync(file).size / 1048576).toFixed(1)} MiB), ${runs} runs each, medians:`);
  dists.forEach((d, k) => console.log(`  ${d}: load ${Math.round(median(times[k].load))} ms, picked -> drawn ${Math.round(median(times[k].whole))} ms`));
  if (dists.length > 1) console.log(times.every((t) => t.report === times[0].report) ? '  the same report from every build' : '  THE REPORTS DIFFER');
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
