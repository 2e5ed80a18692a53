// Not a test: the page (dist/, hosted, headless Chromium) given the summary tables as Parquet,
// from the files picked to the four dashboards drawn (docs/performance.md, "Summaries at
// scale"). Used by bench/summaries_100m.mjs; also on its own:
//
//   node bench/page-summaries.mjs pulse_orders.parquet pulse_order_items.parquet ...
//
// One fresh page; the end is the page's own 'rendered' event (the four dashboards drawn), else
// the error state, else the time limit ($BENCH_PAGE_TIMEOUT seconds, default 1800). Reports the
// time, the wasm heap after the report, each file's rows loaded and error, and the page's banner
// (where it says that a file did not fit in memory and how many lines it kept).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serve, dist } from '../tests/browser/helpers.mjs';

/**
 * Picks `files` on the page; { state, seconds, wasm_heap_bytes, timings, loads, banner }.
 * `state` is 'drawn' (the 'rendered' event came, from a report of every file), 'error' or
 * 'timeout'.
 */
export async function summariesInPage(files, timeoutSeconds = Number(process.env.BENCH_PAGE_TIMEOUT || 1800)) {
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`the page is not built: ${dist} (make web)`);
  const { origin, close } = await serve(dist);
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(origin + '/#lang=en');
    await page.waitForFunction(() => document.querySelector('b2b-pulse')?.dataset.state === 'empty', null, { timeout: 60000 });
    await page.evaluate(() => {
      const el = document.querySelector('b2b-pulse');
      window.bench = { drawn: null };
      el.addEventListener('rendered', () => (window.bench.drawn = performance.now()), { once: true });
    });
    const picked = await page.evaluate(() => performance.now());
    await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(files);
    let state = 'timeout';
    for (let waited = 0; waited < timeoutSeconds; waited++) {
      const now = await page.evaluate(() => (window.bench.drawn !== null ? 'drawn' : document.querySelector('b2b-pulse').dataset.state));
      if (now === 'drawn' || now === 'error') { state = now; break; }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    // The out-of-memory sentence follows the drawing (report-runner.js): give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const r = await page.evaluate(() => {
      const el = document.querySelector('b2b-pulse');
      const banner = el.shadowRoot.querySelector('[data-role=banner]');
      return {
        drawn: window.bench.drawn,
        timings: { ...el.timings },
        loads: (el.report?.load || []).map((l) => ({ file: l.file, role: l.role, rows_loaded: l.rows_loaded, error: l.error || null })),
        // Without a report (it failed): what each file's load said.
        files: (el.files || []).map((f) => ({ file: f.name, rows_loaded: f.load?.rows_loaded ?? null, stopped: f.load?.stopped?.reason || null, error: f.error || f.load?.error || null })),
        banner: banner && !banner.hidden ? banner.textContent.trim() : '',
      };
    });
    // Drawn from fewer files than were picked would not be the figure asked for: say so.
    const named = new Set(r.loads.map((l) => l.file));
    if (state === 'drawn' && !files.every((f) => named.has(path.basename(f)))) state = 'drawn without every file';
    return {
      state,
      seconds: r.drawn === null ? null : Number(((r.drawn - picked) / 1000).toFixed(2)),
      wasm_heap_bytes: r.timings.wasmHeap ?? null,
      timings: r.timings,
      loads: r.loads,
      files: r.files,
      banner: r.banner,
      page_errors: pageErrors,
    };
  } finally {
    await browser.close();
    await close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --bench-json FILE: the run of bench/summaries_100m.mjs kept with BENCH_KEEP=1; its
  // Parquet summaries are loaded, the page's figures added to FILE, the kept folder removed.
  const benchJson = process.argv[2] === '--bench-json' ? process.argv[3] : null;
  const bench = benchJson ? JSON.parse(fs.readFileSync(benchJson, 'utf8')) : null;
  const files = bench ? bench.summary_parquet_files : process.argv.slice(2);
  if (!files?.length || !files.every((f) => fs.existsSync(f))) {
    console.error('usage: node bench/page-summaries.mjs FILE.parquet... | --bench-json build/bench-summaries.json (of a run kept with BENCH_KEEP=1)');
    process.exit(2);
  }
  try {
    const page = await summariesInPage(files);
    console.log(`the page: ${page.state}${page.seconds === null ? '' : ` in ${page.seconds} s from the files picked to four dashboards drawn`}, ` +
      `wasm heap ${page.wasm_heap_bytes === null ? '?' : (page.wasm_heap_bytes / 1e6).toFixed(1) + ' MB'}`);
    for (const l of page.loads) console.log(`  ${l.file}: ${l.role}, ${l.rows_loaded} rows${l.error ? `, ${l.error}` : ''}`);
    if (page.banner) console.log(`  the page says: ${page.banner}`);
    if (bench) fs.writeFileSync(benchJson, JSON.stringify({ ...bench, page }, null, 2));
    else console.log(JSON.stringify(page, null, 2));
  } finally {
    if (bench?.folder) fs.rmSync(bench.folder, { recursive: true, force: true });
  }
}
