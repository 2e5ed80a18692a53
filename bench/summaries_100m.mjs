// Not a test: layer 1 at scale on one machine (issue #15 point 6, docs/performance.md
// "Summaries at scale"). `make bench-summaries [LINES=10000000]`, or
//
//   node bench/summaries_100m.mjs [lines=100000000]
//
// 1. DuckDB (bench/node_modules, never shipped) writes `lines` synthetic order lines as Parquet
//    into a temporary folder (removed at the end, never committed): about 4 lines an order,
//    100,000 customers in 5 catalogs and 20 reps, 20,000 SKUs, four years of days.
// 2. `b2b-pulse sql --dialect duckdb` generates layer 1 from a 1,000-line CSV sample of the
//    same columns (the CLI does not read Parquet: it refuses it with how to convert), and the
//    SQL's read_csv of that sample is pointed at the Parquet file, every column read as text
//    as the SQL expects of a CSV file.
// 3. DuckDB runs the SQL (its own threads, memory_limit from $BENCH_DUCKDB_MEMORY, default 8GB)
//    and exports the four summary tables as CSV and as Parquet.
// 4. The CLI reads the CSV summaries (`b2b-pulse report`, JSON to /dev/null) under /usr/bin/time.
// 5. The page (dist/, headless Chromium, bench/page-summaries.mjs) is given the Parquet summaries:
//    time from the files picked to the four dashboards drawn, the wasm heap, the rows it loaded
//    and what it said (it needs `make web` first; BENCH_PAGE=0 leaves it out). Chromium does not
//    start under `prlimit --as` (V8 reserves about a terabyte of address space), so under such a
//    cap this step is left to `node bench/page-summaries.mjs --bench-json build/bench-summaries.json`
//    over the folder kept with BENCH_KEEP=1, as `make bench-summaries` does.
// Each step's wall time, the Parquet and summary sizes and the peak memory (this process, with
// DuckDB in it; the CLI's own) are printed as one table and as JSON (build/bench-summaries.json).
// `make bench-summaries` runs it under `timeout` and `prlimit --as` (BENCH_TIMEOUT, BENCH_MEMORY).
// BENCH_KEEP=1 keeps the temporary folder after a run that succeeded (its path is printed and
// is `folder` in the JSON) to load its files again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { orderLinesSql } from './summary-parquet.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const lines = Number(process.argv[2] || 100_000_000);
if (!Number.isInteger(lines) || lines < 1000) {
  console.error(`usage: node bench/summaries_100m.mjs [lines >= 1000]; got '${process.argv[2]}'`);
  process.exit(2);
}
const cli = path.resolve(repo, process.env.PULSE_CLI || 'build/bin/b2b-pulse');
if (!fs.existsSync(cli)) {
  console.error(`the CLI is not built: ${cli} (make native)`);
  process.exit(1);
}
let duckdbApi;
try {
  duckdbApi = await import(createRequire(path.join(here, 'package.json')).resolve('@duckdb/node-api'));
} catch {
  console.error('@duckdb/node-api is missing: run npm ci in bench/ (make bench-summaries does)');
  process.exit(1);
}

const dir = fs.mkdtempSync(path.join(process.env.BENCH_TMPDIR || os.tmpdir(), 'pulse-summaries-'));
const steps = [];
const sizeOf = (file) => fs.statSync(file).size;
const mb = (bytes) => (bytes / 1e6).toFixed(1);
async function step(name, fn) {
  const start = process.hrtime.bigint();
  const result = await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  steps.push({ step: name, seconds: Number(seconds.toFixed(2)) });
  console.log(`${name}: ${seconds.toFixed(1)} s`);
  return result;
}

let succeeded = false;
try {
  const instance = await duckdbApi.DuckDBInstance.create(':memory:', {
    memory_limit: process.env.BENCH_DUCKDB_MEMORY || '8GB',
    temp_directory: path.join(dir, 'duckdb-spill'),
  });
  const db = await instance.connect();
  const parquet = path.join(dir, 'order_lines.parquet');
  const sample = path.join(dir, 'order_lines.csv');
  const generated = orderLinesSql(lines);  // bench/summary-parquet.mjs: the lines of bench/parquet-load.mjs too
  await step('generate Parquet (DuckDB)', () => db.run(`COPY (${generated}) TO '${parquet}' (FORMAT parquet)`));
  await db.run(`COPY (FROM '${parquet}' LIMIT 1000) TO '${sample}' (HEADER, DELIMITER ',')`);

  const sql = await step('generate SQL (b2b-pulse sql)', () => {
    const out = spawnSync(cli, ['sql', '--dialect', 'duckdb', sample], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (out.status !== 0) throw new Error(`b2b-pulse sql failed: ${out.stderr}`);
    const readSample = `read_csv('${sample}', header = true, all_varchar = true)`;
    if (!out.stdout.includes(readSample)) throw new Error(`the SQL does not read the sample as expected: ${readSample}`);
    return out.stdout.replaceAll(readSample, `(SELECT COLUMNS(*)::VARCHAR FROM read_parquet('${parquet}'))`);
  });
  fs.writeFileSync(path.join(dir, 'layer1.sql'), sql);

  const summaries = path.join(dir, 'summaries');
  fs.mkdirSync(summaries);
  const tables = ['pulse_orders', 'pulse_order_items', 'pulse_customers', 'pulse_products'];
  const rows = {};
  await step('layer 1 SQL (DuckDB)', async () => {
    for (const statement of sql.split(/;\n/).map((s) => s.trim()).filter((s) => s && !/^(--[^\n]*\n?)*$/.test(s))) {
      await db.run(statement);
    }
  });
  await step('export summaries as CSV (DuckDB)', async () => {
    for (const table of tables) {
      await db.run(`COPY ${table} TO '${path.join(summaries, table + '.csv')}' (HEADER, DELIMITER ',')`);
      rows[table] = Number((await db.runAndReadAll(`SELECT COUNT(*) FROM ${table}`)).getRows()[0][0]);
    }
  });
  await step('export summaries as Parquet (DuckDB)', async () => {
    for (const table of tables) await db.run(`COPY ${table} TO '${path.join(summaries, table + '.parquet')}' (FORMAT parquet)`);
  });
  db.closeSync?.();
  const duckdbPeak = process.resourceUsage().maxRSS * 1024;

  const files = tables.map((t) => path.join(summaries, t + '.csv'));
  const cliRun = await step('report from the summaries (b2b-pulse)', () =>
    spawnSync('/usr/bin/time', ['-f', '%M %U %S', cli, 'report', ...files], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] }));
  // Peak resident KB, user and system CPU seconds: on a shared machine CPU time says more.
  const timeLines = cliRun.stderr.trim().split('\n');
  const [peakKb, userSeconds, systemSeconds] = timeLines.pop().split(' ').map(Number);
  // A report that fails (at 100 M lines the CLI needs more than the memory cap) is a figure
  // too: its message is recorded and the page step still runs over the summaries.
  const cliError = cliRun.status === 0 ? null
    : timeLines.filter((l) => !/^Command (exited|terminated)/.test(l)).slice(-2).join(' ').slice(-400) || `exit ${cliRun.status}`;
  if (cliError) console.log(`b2b-pulse report failed: ${cliError}`);
  const cliPeak = peakKb * 1024;
  steps.at(-1).cpu_seconds = Number((userSeconds + systemSeconds).toFixed(2));

  const parquetFiles = tables.map((t) => path.join(summaries, t + '.parquet'));
  let page = null;
  // "Max address space  unlimited  unlimited  bytes" unless a cap was set (prlimit --as).
  const capped = !/^Max address space\s+unlimited/m.test(fs.readFileSync('/proc/self/limits', 'utf8'));
  if (process.env.BENCH_PAGE !== '0' && capped)
    console.log('the page: not from here (Chromium does not start under an address-space cap): bench/page-summaries.mjs --bench-json');
  else if (process.env.BENCH_PAGE !== '0') {
    const { summariesInPage } = await import('./page-summaries.mjs');
    page = await step('the page from the Parquet summaries (Chromium)', () => summariesInPage(parquetFiles));
  }

  const sizes = Object.fromEntries(tables.map((t, i) => [t, { rows: rows[t], bytes: sizeOf(files[i]), parquet_bytes: sizeOf(parquetFiles[i]) }]));
  const summaryBytes = files.reduce((s, f) => s + sizeOf(f), 0);
  const summaryParquetBytes = parquetFiles.reduce((s, f) => s + sizeOf(f), 0);
  const result = {
    lines, folder: process.env.BENCH_KEEP === '1' ? dir : null, summary_parquet_files: parquetFiles, parquet_bytes: sizeOf(parquet), summary_bytes: summaryBytes, summary_parquet_bytes: summaryParquetBytes, sizes, steps,
    peak_rss_bytes: { node_with_duckdb: duckdbPeak, cli_report: cliPeak }, cli_report_error: cliError, page, cores: os.cpus().length, load_average: os.loadavg(),
  };
  console.log(`\n${lines.toLocaleString('en')} order lines: Parquet ${mb(result.parquet_bytes)} MB, summaries ${mb(summaryBytes)} MB (CSV), ${mb(summaryParquetBytes)} MB (Parquet)`);
  for (const [t, s] of Object.entries(sizes)) console.log(`  ${t}: ${s.rows.toLocaleString('en')} rows, ${mb(s.bytes)} MB CSV, ${mb(s.parquet_bytes)} MB Parquet`);
  console.log(`the CLI's report: ${steps.find((s) => s.cpu_seconds !== undefined).cpu_seconds} s of CPU`);
  console.log(`peak memory: DuckDB's process ${mb(duckdbPeak)} MB, the CLI's report ${mb(cliPeak)} MB`);
  if (page) {
    console.log(`the page: ${page.state}${page.seconds === null ? '' : ` in ${page.seconds} s`}, wasm heap ${page.wasm_heap_bytes === null ? '?' : mb(page.wasm_heap_bytes) + ' MB'}`);
    for (const l of page.loads) console.log(`  ${l.file}: ${l.role}, ${l.rows_loaded} rows${l.error ? `, ${l.error}` : ''}`);
    if (page.banner) console.log(`  the page says: ${page.banner}`);
  }
  console.log(`load average (1, 5, 15 min): ${os.loadavg().map((x) => x.toFixed(1)).join(', ')}`);
  fs.mkdirSync(path.join(repo, 'build'), { recursive: true });
  fs.writeFileSync(path.join(repo, 'build/bench-summaries.json'), JSON.stringify(result, null, 2));
  succeeded = true;
} finally {
  if (succeeded && process.env.BENCH_KEEP === '1') console.log(`kept: ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
