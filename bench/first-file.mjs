// Not a test: a new user's first file (docs/performance.md "The engine's first run, ahead of
// the file"). The hosted page (headless Chromium, a fresh page each run, served no-store so
// the wasm compiles every time), page opened -> FILE picked -> the four dashboards drawn, with
// the engine's warm-up worker (src/worker/warm-up.js) and without it
// (globalThis.B2B_PULSE_WARM_UP = false), alternating run by run.
//
// The file is picked as soon as the page takes it, or after PICK_DELAY_MS more (a person
// finding the file in the dialog). Prints each run and the medians: opened -> drawn, picked ->
// drawn, the load, the first report's engine time, and when the warm-up ended.
//
// FIRST_FILE_SINGLE=1 opens the single file (dist/b2b-pulse.html) from file:// instead.
//
//   [PICK_DELAY_MS=0] [FIRST_FILE_ISOLATED=1 | FIRST_FILE_SINGLE=1] [PULSE_DIST=dir] node bench/first-file.mjs [runs=5] [FILE]
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, dist, datasets } from '../tests/browser/helpers.mjs';

const runs = Number(process.argv[2] || 5);
const file = process.argv[3] || path.join(datasets, 'online-retail/online_retail.csv');
if (!fs.existsSync(file)) {
  console.error(`${file} is missing: give a FILE (usage: node bench/first-file.mjs [runs=5] [FILE])`);
  process.exit(2);
}
const pickDelay = Number(process.env.PICK_DELAY_MS || 0);
const root = process.env.PULSE_DIST ? path.resolve(process.env.PULSE_DIST) : dist;
// FIRST_FILE_ISOLATED=1 serves the page cross-origin isolated (its shared-memory engine).
const host = await serve(root, process.env.FIRST_FILE_ISOLATED === '1' ? { isolated: true } : {});
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => (x === null || x === undefined ? '-' : Math.round(x) + ' ms');

async function once(warmUp) {
  const page = await browser.context.newPage();
  await page.addInitScript((on) => { if (!on) globalThis.B2B_PULSE_WARM_UP = false; }, warmUp);
  await page.goto(process.env.FIRST_FILE_SINGLE === '1' ? 'file://' + path.join(root, 'b2b-pulse.html') : host.origin + '/', { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelector('b2b-pulse')?.dataset.state === 'empty', null, { timeout: 60000, polling: 5 });
  if (pickDelay) await page.waitForTimeout(pickDelay);
  await page.evaluate(() => {
    const el = document.querySelector('b2b-pulse');
    window.bench = { done: null };
    el.addEventListener('rendered', () => (window.bench.done = performance.now()), { once: true });
  });
  const picked = await page.evaluate(() => performance.now());
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(file);
  await page.waitForFunction(() => window.bench.done !== null || document.querySelector('b2b-pulse').dataset.state === 'error', null, { timeout: 300000, polling: 10 });
  // The warm-up's own answer ({lines, ms}) may come after the dashboards on a busy machine.
  await page.waitForFunction(() => document.querySelector('b2b-pulse').timings.warmUp !== undefined, null, { timeout: 30000, polling: 20 }).catch(() => {});
  const r = await page.evaluate(() => ({ done: window.bench.done, timings: { ...document.querySelector('b2b-pulse').timings } }));
  await page.close();
  if (r.done === null) throw new Error('the page ended in an error state');
  return { opened: r.done, afterPick: r.done - picked, ready: r.timings.engineReady, load: r.timings.load, report: r.timings.report, warmUp: r.timings.warmUp ? r.timings.warmUp.ms : null };
}

try {
  await once(true);  // not timed: warms the browser itself
  const times = { on: [], off: [] };
  for (let i = 0; i < runs; i++) {
    for (const side of i % 2 ? ['off', 'on'] : ['on', 'off']) {
      const t = await once(side === 'on');
      times[side].push(t);
      console.log(`  run ${i + 1} warm-up ${side}: engine ready ${ms(t.ready)}, opened -> drawn ${ms(t.opened)} (picked -> drawn ${ms(t.afterPick)}), load ${ms(t.load)}, report ${ms(t.report)}, warm-up ${ms(t.warmUp)}`);
    }
  }
  console.log(`${path.basename(file)}, picked ${pickDelay ? pickDelay + ' ms after' : 'as soon as'} the page takes a file, ${runs} alternating runs, medians:`);
  for (const side of ['on', 'off']) {
    const m = (key) => median(times[side].map((t) => t[key] ?? 0));
    console.log(`  warm-up ${side}: engine ready ${ms(m('ready'))}, opened -> drawn ${ms(m('opened'))}, picked -> drawn ${ms(m('afterPick'))}, load ${ms(m('load'))}, first report ${ms(m('report'))}` +
      (side === 'on' ? `, warm-up ${ms(m('warmUp'))}` : ''));
  }
} finally {
  await browser.close();
  await host.close();
}
