// Not a test: B2B Pulse against DuckDB on the same file and the same customer and catalog
// figures (bench/duckdb/figures.sql; docs/performance.md, "Against DuckDB").
//
//   [BENCH_ISOLATED=1] node bench/duckdb-vs-pulse.mjs browser [runs=5]   (make bench-browser)
//     one headless Chromium; each run a fresh page, opened -> the file picked -> done:
//     B2B Pulse (dist/index.html, hosted): the four dashboards drawn (the element's `rendered`
//     event); DuckDB-Wasm (bench/duckdb/page.mjs): the file loaded into a table and the SQL's
//     rows in JS. The two alternate (the order swaps every run), so a loaded machine slows both.
//   node bench/duckdb-vs-pulse.mjs native [runs=5]    (make bench-duckdb)
//     the CLI (`b2b-pulse report --threads 1`, JSON to /dev/null) against native DuckDB
//     (@duckdb/node-api in this process, threads=1) loading the file and running the same SQL.
//
// The file: Online Retail from the shared datasets ($PULSE_SHARED_DIR or ../shared); when it
// is absent, the samples' order lines joined with their orders, written in Online Retail's
// columns to a temporary folder. Before timing, each side's figures are checked against the
// other's (customers, orders, revenue, units, SKUs): a mismatch stops the bench.
// Dependencies: `npm ci` in bench/ (DuckDB, never shipped), `make web` for the page, the CLI.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ISOLATION_HEADERS } from '../web/isolation.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const args = process.argv.slice(2);
const mode = args.find((a) => a === 'browser' || a === 'native') || 'browser';
const runs = Number(args.find((a) => /^\d+$/.test(a)) || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sqlText = fs.readFileSync(path.join(here, 'duckdb/figures.sql'), 'utf8');
const statementsFor = (csv) => sqlText.replace(/^--.*$/gm, '').replaceAll('{{CSV}}', csv)
  .split(/;\s*$/m).map((s) => s.trim()).filter(Boolean);

function requireBench(name) {
  try {
    return createRequire(path.join(here, 'package.json')).resolve(name);
  } catch {
    console.error(`${name} is missing: run npm ci in bench/ (make bench-browser does)`);
    process.exit(1);
  }
}

/** Online Retail, or the samples in its columns when the shared datasets are absent. */
function benchFile() {
  const datasets = path.join(path.resolve(repo, process.env.PULSE_SHARED_DIR || '../shared'), 'datasets');
  const retail = path.join(datasets, 'online-retail/online_retail.csv');
  if (fs.existsSync(retail)) return retail;
  console.log(`skipped: dataset not found: ${retail}; using the samples' order lines in its columns instead`);
  // Orders of an excluded status are left out here, so that SQL without a status column and
  // the engine (which would drop them) read the same orders; lines whose order is unknown have
  // no date and are left out too.
  const readCsv = (file) => fs.readFileSync(path.join(repo, 'samples', file), 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
  const [orderHead, ...orders] = readCsv('orders.csv');
  const col = (head, name) => head.indexOf(name);
  const byId = new Map();
  for (const o of orders) {
    if (/^(canceled|cancelled|closed|fraud|unavailable)$/i.test(o[col(orderHead, 'status')])) continue;
    byId.set(o[col(orderHead, 'order_id')], o);
  }
  const [lineHead, ...lines] = readCsv('order_lines.csv');
  const out = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  for (const l of lines) {
    const o = byId.get(l[col(lineHead, 'order_id')]);
    if (!o) continue;
    out.push([l[col(lineHead, 'order_id')], l[col(lineHead, 'sku')], l[col(lineHead, 'product_name')], l[col(lineHead, 'quantity')],
      o[col(orderHead, 'order_date')], l[col(lineHead, 'unit_price')], o[col(orderHead, 'customer_id')], 'Samples'].join(','));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-bench-'));
  const file = path.join(dir, 'samples_as_online_retail.csv');
  fs.writeFileSync(file, out.join('\n') + '\n');
  return file;
}

/** The figures both sides must agree on, from B2B Pulse's report. */
function pulseFigures(report) {
  const s = report.customers.summary;
  const skus = report.catalogs.catalogs.reduce((n, c) => n + c.skus, 0);
  return { customers: s.customers, orders: s.orders, revenue: s.revenue, units: s.units, skus };
}

function checkSame(pulse, duck, where) {
  const problems = [];
  for (const k of ['customers', 'orders', 'units', 'skus'])
    if (Number(pulse[k]) !== Number(duck[k])) problems.push(`${k}: B2B Pulse ${pulse[k]}, DuckDB ${duck[k]}`);
  if (Math.abs(pulse.revenue - duck.revenue) > 1e-6 * Math.abs(pulse.revenue)) problems.push(`revenue: B2B Pulse ${pulse.revenue}, DuckDB ${duck.revenue}`);
  if (problems.length) {
    console.error(`${where}: the two disagree, so the timings would not compare the same work:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`${where}: same figures: ${pulse.customers} customers, ${pulse.orders} orders, revenue ${pulse.revenue.toFixed(2)}, ` +
    `${pulse.units} units, ${pulse.skus} SKUs`);
}

const ms = (x) => `${Math.round(x)} ms`;
const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;

// ---------------------------------------------------------------- native
async function native(file) {
  const duckdbApi = await import(requireBench('@duckdb/node-api'));
  const { DuckDBInstance } = duckdbApi;
  const cli = path.resolve(repo, process.env.PULSE_CLI || 'build/bin/b2b-pulse');
  if (!fs.existsSync(cli)) {
    console.error(`${cli} is missing: run make native (or set PULSE_CLI)`);
    process.exit(1);
  }
  // CPU time (user + sys) besides wall time: on a machine busy with other jobs it is the
  // steadier of the two. The CLI's comes from /usr/bin/time, DuckDB's from this process.
  const timeTool = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const pulseOnce = (keep) => {
    const command = [cli, 'report', '--threads', '1', file];
    const t0 = performance.now();
    const r = timeTool
      ? spawnSync(timeTool, ['-f', 'cpu %U %S', ...command], { maxBuffer: 1 << 30, stdio: ['ignore', keep ? 'pipe' : 'ignore', 'pipe'] })
      : spawnSync(command[0], command.slice(1), { maxBuffer: 1 << 30, stdio: ['ignore', keep ? 'pipe' : 'ignore', 'pipe'] });
    const wall = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${cli} report failed: ${r.stderr}`);
    const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(String(r.stderr));
    return { wall, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null, report: keep ? JSON.parse(r.stdout) : null };
  };
  const duckOnce = async () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const db = await DuckDBInstance.create(':memory:', { threads: '1' });
    const conn = await db.connect();
    const results = [];
    for (const statement of statementsFor(file)) results.push((await conn.runAndReadAll(statement)).getRowObjectsJS());
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    conn.closeSync();
    db.closeSync();
    const s = results.at(-3)[0];
    return { wall, cpu: (c.user + c.system) / 1000, figures: { customers: s.customers, orders: s.orders, revenue: s.revenue, units: s.units, skus: s.skus } };
  };
  checkSame(pulseFigures(pulseOnce(true).report), (await duckOnce()).figures, 'native');
  const times = { pulse: [], duck: [] };
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? ['duck', 'pulse'] : ['pulse', 'duck'];
    for (const side of order) times[side].push(side === 'pulse' ? pulseOnce(false) : await duckOnce());
  }
  const med = (side, key) => median(times[side].map((t) => t[key]));
  const list = (side, key) => times[side].map((t) => Math.round(t[key])).join(', ');
  const cpuKnown = times.pulse.every((t) => t.cpu !== null);
  const line = (side) => `wall ${ms(med(side, 'wall'))} [${list(side, 'wall')}]` + (cpuKnown ? `, CPU ${ms(med(side, 'cpu'))} [${list(side, 'cpu')}]` : '');
  console.log(`native (${path.basename(file)}), one thread each, ${runs} alternating runs, medians:`);
  console.log(`  B2B Pulse CLI (process, load, whole report as JSON): ${line('pulse')}`);
  console.log(`  DuckDB ${typeof duckdbApi.version === 'function' ? duckdbApi.version() : ''} (instance, load, the SQL's rows in JS): ${line('duck')}`);
  console.log(`  ratio B2B Pulse / DuckDB: wall ${(med('pulse', 'wall') / med('duck', 'wall')).toFixed(2)}` +
    (cpuKnown ? `, CPU ${(med('pulse', 'cpu') / med('duck', 'cpu')).toFixed(2)}` : ''));
}

// ---------------------------------------------------------------- browser
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.sql': 'text/plain' };

/** dist/ at /, the DuckDB page at /duckdb/ (its package's dist/ under /duckdb/dist/); no-store, so every run starts cold. */
// BENCH_ISOLATED=1: every response with COOP and COEP, as web/serve.mjs sends them, so both pages
// are cross-origin isolated: B2B Pulse runs its shared-memory engine with the page toucher;
// DuckDB-Wasm is offered the same single-threaded bundles as without.
const ISOLATION = process.env.BENCH_ISOLATED === '1' ? ISOLATION_HEADERS : {};

function serve(dist, duckdbPage, duckdbDist) {
  const routes = [
    ['/duckdb/dist/', duckdbDist],
    ['/duckdb/page.js', duckdbPage],
    ['/duckdb/figures.sql', path.join(here, 'duckdb/figures.sql')],
    ['/duckdb/', path.join(here, 'duckdb/index.html')],
    ['/', dist],
  ];
  const server = http.createServer((req, res) => {
    const rel = path.posix.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    let file = null;
    for (const [prefix, target] of routes) {
      if (rel === prefix || (prefix.endsWith('/') && rel.startsWith(prefix))) {
        file = prefix.endsWith('/') && fs.statSync(target).isDirectory() ? path.join(target, rel.slice(prefix.length) || 'index.html') : target;
        if (!file.startsWith(target)) file = null;
        break;
      }
    }
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store', ...ISOLATION });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ origin: `http://127.0.0.1:${server.address().port}`, server })));
}

async function browserBench(file) {
  const { launch, dist, engineKind } = await import('../tests/browser/helpers.mjs');
  if (engineKind() !== 'wasm') {
    console.error(`${dist} has no wasm engine build: run make web`);
    process.exit(1);
  }
  const duckdbEntry = requireBench('@duckdb/duckdb-wasm');
  const duckdbDist = path.dirname(duckdbEntry).endsWith('dist') ? path.dirname(duckdbEntry) : path.join(path.dirname(duckdbEntry), 'dist');
  const duckdbPage = path.join(repo, 'build/bench/duckdb-page.js');
  fs.mkdirSync(path.dirname(duckdbPage), { recursive: true });
  await createRequire(path.join(repo, 'web/package.json'))('esbuild').build({
    entryPoints: [path.join(here, 'duckdb/page.mjs')], bundle: true, format: 'esm', outfile: duckdbPage, logLevel: 'warning',
  });
  const { origin, server } = await serve(dist, duckdbPage, duckdbDist);
  const browser = await launch();

  // Opened -> picked as soon as the page can take a file -> done, in the page's own clock
  // (ms since navigation started).
  async function pulseOnce(withReport = false) {
    const page = await browser.context.newPage();
    await page.goto(origin + '/', { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelector('b2b-pulse')?.dataset.state === 'empty', null, { timeout: 60000, polling: 5 });
    await page.evaluate(() => {
      const el = document.querySelector('b2b-pulse');
      window.pulseBench = { done: null };
      el.addEventListener('rendered', () => (window.pulseBench.done = performance.now()), { once: true });
      el.addEventListener('report', (e) => (window.pulseBench.report = e.detail), { once: true });
    });
    const picked = await page.evaluate(() => performance.now());
    await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(file);
    await page.waitForFunction(() => window.pulseBench.done !== null || document.querySelector('b2b-pulse').dataset.state === 'error', null, { timeout: 300000, polling: 10 });
    const r = await page.evaluate((withReport) => {
      const el = document.querySelector('b2b-pulse');
      return { done: window.pulseBench.done, state: el.dataset.state, report: withReport ? window.pulseBench.report : null, timings: { ...el.timings } };
    }, withReport);
    await page.close();
    if (r.done === null) throw new Error(`the page ended in state ${r.state}`);
    return { total: r.done, afterPick: r.done - picked, heap: r.timings.wasmHeap, report: r.report, timings: r.timings };
  }

  async function duckOnce() {
    const page = await browser.context.newPage();
    await page.goto(origin + '/duckdb/', { waitUntil: 'commit' });
    await page.waitForFunction(() => window.duckdbBench, null, { timeout: 60000, polling: 5 });
    const picked = await page.evaluate(() => performance.now());
    await page.locator('input[type=file]').setInputFiles(file);
    await page.waitForFunction(() => window.duckdbBench.figures || window.duckdbBench.error, null, { timeout: 300000, polling: 10 });
    const b = await page.evaluate(() => window.duckdbBench);
    await page.close();
    if (b.error) throw new Error(`DuckDB-Wasm: ${b.error}`);
    return { total: b.done, afterPick: b.done - picked, ready: b.ready, figures: b.figures };
  }

  try {
    // A first run of each (not timed) checks the figures and warms the browser itself.
    const p0 = await pulseOnce(true);
    const d0 = await duckOnce();
    checkSame(pulseFigures(p0.report), d0.figures.summary, 'browser');
    console.log(`browser: DuckDB-Wasm returned ${d0.figures.customerRows} customer rows and ${d0.figures.productRows} product rows`);
    const times = { pulse: [], duck: [] };
    for (let i = 0; i < runs; i++) {
      const order = i % 2 ? ['duck', 'pulse'] : ['pulse', 'duck'];
      for (const side of order) times[side].push(side === 'pulse' ? await pulseOnce() : await duckOnce());
    }
    const med = (side, key) => median(times[side].map((t) => t[key]));
    const list = (side, key) => times[side].map((t) => Math.round(t[key])).join(', ');
    const last = times.pulse.at(-1);
    console.log(`browser (${path.basename(file)}, ${mib(fs.statSync(file).size)}), ${runs} alternating runs each, medians, ms since the page opened:`);
    console.log(`  B2B Pulse: four dashboards drawn ${ms(med('pulse', 'total'))} (${ms(med('pulse', 'afterPick'))} after the pick)   [${list('pulse', 'total')}]`);
    console.log(`    last run: load ${ms(last.timings.load)}, report ${ms(last.timings.report)} (then the worker's parse ${last.timings.take === undefined || last.timings.take === null ? 'unknown' : ms(last.timings.take)}, ` +
      `the report in the page ${ms(last.timings.roundtrip)} after it was asked for), all drawn ${ms(last.timings.allDrawn)} after the report; ` +
      `wasm heap ${last.heap ? mib(last.heap) : 'unknown (page without timings.wasmHeap)'}`);
    console.log(`  DuckDB-Wasm: rows in JS ${ms(med('duck', 'total'))} (${ms(med('duck', 'afterPick'))} after the pick; engine ready at ${ms(med('duck', 'ready'))})   [${list('duck', 'total')}]`);
    console.log(`    DuckDB's own memory after the queries: ${d0.figures.memory}`);
    console.log(`  ratio B2B Pulse / DuckDB-Wasm: ${(med('pulse', 'total') / med('duck', 'total')).toFixed(2)} opened to done, ` +
      `${(med('pulse', 'afterPick') / med('duck', 'afterPick')).toFixed(2)} after the pick`);
  } finally {
    await browser.close();
    server.close();
  }
}

const file = benchFile();
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
if (mode === 'native') await native(file);
else await browserBench(file);
