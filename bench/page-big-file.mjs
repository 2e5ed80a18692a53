// Not a test: the page (dist/index.html, hosted, headless Chromium) from a file picked to the
// four dashboards drawn, with the big-CSV load in ranges on helper workers and in one stream,
// alternating (docs/performance.md, "Parallel ingest in the page").
//
//   [BENCH_MODES=ranges,stream,isolated,engine-reads] node bench/page-big-file.mjs FILE [runs=3] [rangeMiB=8]
//
// Modes: ranges (helper workers parse byte ranges), stream (one stream as the page ships on a
// plain host: a file of 32 MiB or more read on a reader worker, src/worker/file-reader.js),
// isolated (the same, the page served cross-origin isolated as web/serve.mjs serves it: the
// shared-memory engine with its pages touched on another worker, src/worker/page-toucher.js),
// engine-reads (one stream read by the engine worker itself, as before the reader worker). Each run a fresh
// page; globalThis.B2B_PULSE_PARALLEL and B2B_PULSE_READER (src/engine-client.js) pick the
// mode before the page script runs. Prints per mode the load (file picked -> load report), the
// whole (picked -> drawn) and the wasm heap, medians; and checks that both modes loaded the
// same rows and wrote the same report's load section. Run it capped, e.g.
//   timeout 1200 prlimit --as=60000000000 node bench/page-big-file.mjs /tmp/b2b-big/online_retail_x44.csv
import fs from 'node:fs';
import path from 'node:path';
import { launch, serve, dist } from '../tests/browser/helpers.mjs';

const [file, runsArg, rangeArg] = process.argv.slice(2);
if (!file || !fs.existsSync(file)) {
  console.error('usage: node bench/page-big-file.mjs FILE [runs=3] [rangeMiB=8]');
  process.exit(2);
}
const runs = Number(runsArg || 3);
const rangeBytes = Number(rangeArg || 8) * (1 << 20);
// BENCH_MODES picks the modes (default ranges,stream): in ranges the 2.18 GB file takes
// minutes and reaches the 4 GB ceiling (docs/performance.md "Parallel ingest in the page").
const SETTINGS = {
  ranges: { parallel: { rangeBytes }, reader: undefined },
  stream: { parallel: false, reader: undefined },
  isolated: { parallel: false, reader: undefined, isolated: true },
  'engine-reads': { parallel: false, reader: false },
};
const modes = (process.env.BENCH_MODES || 'ranges,stream').split(',').filter((m) => m in SETTINGS);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => (ms / 1000).toFixed(2) + ' s';

// PULSE_DIST=dir serves another build's dist/ (a before/after pair, run in turn).
const root = process.env.PULSE_DIST ? path.resolve(process.env.PULSE_DIST) : dist;
const plainHost = await serve(root);
const isolatedHost = await serve(root, { isolated: true });
const browser = await launch();

async function once(mode) {
  const page = await browser.context.newPage();
  await page.addInitScript(({ parallel, reader }) => {
    globalThis.B2B_PULSE_PARALLEL = parallel;
    if (reader !== undefined) globalThis.B2B_PULSE_READER = reader;
  }, SETTINGS[mode]);
  await page.goto((SETTINGS[mode].isolated ? isolatedHost : plainHost).origin + '/');
  await page.waitForFunction(() => document.querySelector('b2b-pulse')?.dataset.state === 'empty', null, { timeout: 60000, polling: 5 });
  await page.evaluate(() => {
    const el = document.querySelector('b2b-pulse');
    window.bench = { done: null, report: null };
    el.addEventListener('rendered', () => (window.bench.done = performance.now()), { once: true });
    el.addEventListener('report', (e) => (window.bench.load = e.detail.load), { once: true });
  });
  const picked = await page.evaluate(() => performance.now());
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(file);
  // Polled from here, once a second (the end is the event's own time, not the poll's).
  for (let waited = 0; waited < 1200; waited++) {
    const over = await page.evaluate(() => window.bench.done !== null || document.querySelector('b2b-pulse').dataset.state === 'error');
    if (over) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const r = await page.evaluate(() => ({ done: window.bench.done, load: window.bench.load, timings: { ...document.querySelector('b2b-pulse').timings } }));
  await page.close();
  if (r.done === null) throw new Error('the page ended in an error state');
  if (process.env.BENCH_TIMINGS) console.log(`    timings ${JSON.stringify(r.timings, (k, v) => (typeof v === "number" ? Math.round(v) : v))}`);
  return { whole: r.done - picked, load: r.timings.load, heap: r.timings.wasmHeap, loads: r.load };
}

try {
  const times = Object.fromEntries(modes.map((m) => [m, []]));
  for (let i = 0; i < runs; i++) {
    for (const mode of i % 2 ? [...modes].reverse() : modes) {
      const t = await once(mode);
      console.log(`  run ${i + 1} ${mode}: load ${s(t.load)}, picked -> drawn ${s(t.whole)}, wasm heap ${(t.heap / 2 ** 20).toFixed(0)} MiB`);
      times[mode].push(t);
    }
  }
  if (modes.length > 1) {
    const sections = new Set(modes.map((m) => JSON.stringify(times[m][0].loads)));
    console.log(sections.size === 1 ? 'load sections identical in every mode' : 'LOAD SECTIONS DIFFER');
  }
  console.log(`${path.basename(file)} (${(fs.statSync(file).size / 1e9).toFixed(2)} GB), ${runs} runs each, medians:`);
  for (const mode of modes)
    console.log(`  ${mode}: load ${s(median(times[mode].map((t) => t.load)))}, ` +
      `picked -> drawn ${s(median(times[mode].map((t) => t.whole)))}, wasm heap ${(median(times[mode].map((t) => t.heap)) / 2 ** 20).toFixed(0)} MiB`);
} finally {
  await browser.close();
  await plainHost.close();
  await isolatedHost.close();
}
