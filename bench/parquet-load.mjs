// Not a test: how fast the page's Parquet reader loads a summary table into the engine, under
// Node (no browser): the worker's own code (web/src/worker/parquet-source.js, hyparquet from
// web/node_modules) and the wasm engine (pulse-engine.js + wasm/pulse.js), a file-backed Blob
// as the page's File. docs/performance.md, "Parquet in the page: before and after".
//
//   node bench/parquet-load.mjs [lines=1000000] [--runs=5] [--table=pulse_order_items]
//        [--before=ROOT,ENGINE_DIR] [--engine=ENGINE_DIR] [--profile]
//
// The summary tables of `lines` order lines are written once by DuckDB (bench/summary-parquet.mjs,
// kept in build/bench-parquet-<lines>/). Each run is a fresh engine loading one table; it prints
// rows a second (wall), CPU (user + system of this process) and where the wall time went: in
// hyparquet (its calls, reading the Blob included), in the engine (its binding's calls) and in
// the JavaScript between them (cells, packing). With --before, a second implementation (ROOT: a
// checkout, e.g. `git worktree add /tmp/base <commit>`; ENGINE_DIR: its pulse-engine.js) runs
// alternating with this one, and both load reports and reports must be equal. --profile
// samples one more run of each with V8's profiler and prints the functions that took the most
// time, by file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import inspector from 'node:inspector/promises';
import { register, createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeSummaryParquet } from './summary-parquet.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const lines = Number(args.find((a) => !a.startsWith('--')) || 1_000_000);
const runs = Number(option('runs', 5));
const table = option('table', 'pulse_order_items');
const profile = args.includes('--profile');

// parquet-source.js imports its reader as 'pulse-parquet-library' (web/build.mjs resolves it for
// the page): here it is the bench's timed hyparquet, set on globalThis before each run.
const hyparquetUrl = pathToFileURL(path.join(repo, 'web/node_modules/hyparquet/src/index.js')).href;
const libraryModule = 'data:text/javascript,' + encodeURIComponent(
  'export const loadParquetLibrary = async () => globalThis.pulseBenchParquetLibrary;\nexport function setParquetLibraryUrl() {}\n');
register('data:text/javascript,' + encodeURIComponent(`
  export async function resolve(specifier, context, next) {
    if (specifier === 'pulse-parquet-library') return { url: ${JSON.stringify(libraryModule)}, shortCircuit: true };
    if (specifier === 'hyparquet') return { url: ${JSON.stringify(hyparquetUrl)}, shortCircuit: true };
    return next(specifier, context);
  }`));
const hyparquet = await import(hyparquetUrl);
// What the worker's reader gets of hyparquet (the page's parquet-reader.js): this tree's list.
const library = await import(pathToFileURL(path.join(repo, 'web/src/worker/parquet-library-entry.js')).href);

/** Seconds spent in each wrapped call, by group ('hyparquet', 'engine'). */
const spent = { hyparquet: 0, engine: 0 };
const calls = {};
function timed(group, name, fn, self) {
  return function (...a) {
    const start = performance.now();
    const result = fn.apply(self ?? this, a);
    const done = () => {
      const ms = performance.now() - start;
      spent[group] += ms;
      calls[name] = (calls[name] || 0) + ms;
    };
    if (result && typeof result.then === 'function') result.then(done, done);
    else done();
    return result;
  };
}
// Every hyparquet call the reader makes, timed from call to its promise's end (reads included).
// The group readers ride in the same library (parquet-library-entry.js): ours, not timed.
const ours = new Set(['groupReader']);
globalThis.pulseBenchParquetLibrary = Object.fromEntries(Object.entries(library).map(
  ([name, value]) => [name, typeof value === 'function' && !ours.has(name) ? timed('hyparquet', name, value, library) : value]));

/** An implementation: the worker's reader, pulse.js and the engine of one checkout. */
async function implementation(label, root, engineDir) {
  const require = createRequire(import.meta.url);
  const engineFile = path.resolve(engineDir, 'pulse-engine.js');
  if (!fs.existsSync(engineFile)) throw new Error(`${engineFile} is missing (make wasm, or emcmake cmake into build/h-*-wasm)`);
  const { createPulse } = require(path.join(root, 'wasm/pulse.js'));
  const { loadParquet } = await import(pathToFileURL(path.join(root, 'web/src/worker/parquet-source.js')).href);
  return { label, root, engineDir, newPulse: () => createPulse(require(engineFile)), loadParquet };
}

/** One load of `file` by `impl` into a fresh engine: its figures, load report and report. */
async function loadOnce(impl, file) {
  const pulse = await impl.newPulse();
  // The binding's calls, timed on this instance (Embind methods live on the prototype).
  const engine = pulse._engine;
  for (const name of ['beginFile', 'beginRows', 'addRows', 'addColumns', 'finishFile'])
    if (typeof engine[name] === 'function') engine[name] = timed('engine', name, engine[name], engine);
  spent.hyparquet = spent.engine = 0;
  for (const k of Object.keys(calls)) delete calls[k];
  const blob = await fs.openAsBlob(file);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const load = await impl.loadParquet(pulse, path.basename(file), blob, {});
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const report = pulse.reportText({});
  pulse.dispose();
  return {
    wall, cpu: (used.user + used.system) / 1e6,
    hyparquet: spent.hyparquet / 1000, engine: spent.engine / 1000,
    between: wall - (spent.hyparquet + spent.engine) / 1000,
    calls: { ...calls }, load, report,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** V8's samples of one load, summed by function (self time): the top ones, with their file. */
async function profiled(impl, file) {
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  await loadOnce(impl, file);
  const { profile: p } = await session.post('Profiler.stop');
  session.disconnect();
  const self = new Map();
  const dt = new Map(p.nodes.map((n) => [n.id, 0]));
  for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], dt.get(p.samples[i]) + (p.timeDeltas[i] || 0));
  let total = 0;
  for (const n of p.nodes) {
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? path.basename(f.url) + ':' + (f.lineNumber + 1) : ''}`.trim();
    self.set(key, (self.get(key) || 0) + dt.get(n.id));
    total += dt.get(n.id);
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms ${(100 * us / total).toFixed(1).padStart(5)} %  ${k}`);
}

const cli = path.resolve(repo, process.env.PULSE_CLI || 'build/bin/b2b-pulse');
const dataDir = path.join(repo, `build/bench-parquet-${lines}`);
const file = path.join(dataDir, table + '.parquet');
if (!fs.existsSync(file)) {
  console.log(`writing the summaries of ${lines.toLocaleString('en')} lines as Parquet into ${dataDir} (DuckDB)...`);
  await writeSummaryParquet(dataDir, lines, cli);
}
const meta = hyparquet.parquetMetadata((await fs.promises.readFile(file)).buffer);
console.log(`${path.relative(repo, file)}: ${Number(meta.num_rows).toLocaleString('en')} rows, ${meta.row_groups.length} row groups, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`);

const impls = [await implementation('this tree', repo, option('engine', process.env.PULSE_WASM_DIR || path.join(repo, 'build/wasm-release/wasm')))];
const before = option('before', null);
if (before) {
  const [root, engineDir] = before.split(',');
  impls.unshift(await implementation('before', path.resolve(root), engineDir));
}
const results = new Map(impls.map((i) => [i, []]));
for (let r = 0; r < runs; r++) {
  for (const impl of r % 2 ? [...impls].reverse() : impls) {  // alternating, each first in turn
    const one = await loadOnce(impl, file);
    results.get(impl).push(one);
    const rows = one.load.rows_loaded;
    console.log(`run ${r + 1} ${impl.label.padEnd(9)}: ${rows} rows in ${one.wall.toFixed(2)} s (${Math.round(rows / one.wall).toLocaleString('en')} rows/s), CPU ${one.cpu.toFixed(2)} s; hyparquet ${one.hyparquet.toFixed(2)} s, engine ${one.engine.toFixed(2)} s, between ${one.between.toFixed(2)} s`);
  }
}
console.log('\nmedians:');
for (const impl of impls) {
  const rs = results.get(impl);
  const rows = rs[0].load.rows_loaded;
  const m = (k) => median(rs.map((x) => x[k]));
  console.log(`  ${impl.label}: ${m('wall').toFixed(2)} s wall, ${Math.round(rows / m('wall')).toLocaleString('en')} rows/s, CPU ${m('cpu').toFixed(2)} s; hyparquet ${m('hyparquet').toFixed(2)} s, engine ${m('engine').toFixed(2)} s, between ${m('between').toFixed(2)} s`);
  const byCall = Object.keys(rs[0].calls).map((k) => `${k} ${median(rs.map((x) => (x.calls[k] || 0) / 1000)).toFixed(2)} s`);
  console.log(`    by call: ${byCall.join(', ')}`);
}
if (impls.length === 2) {
  const [a, b] = impls.map((i) => results.get(i)[0]);
  const loadA = JSON.stringify({ ...a.load, bytes_read: undefined });
  const loadB = JSON.stringify({ ...b.load, bytes_read: undefined });
  console.log(`\nload reports equal: ${loadA === loadB}; reports equal: ${a.report === b.report}`);
  if (loadA !== loadB) console.log(`  before: ${loadA.slice(0, 600)}\n  after:  ${loadB.slice(0, 600)}`);
  if (loadA !== loadB || a.report !== b.report) process.exitCode = 1;
}
if (profile) {
  for (const impl of impls) console.log(`\nprofile, ${impl.label} (self time):\n${(await profiled(impl, file)).join('\n')}`);
}
console.log(`\nload average (1, 5, 15 min): ${os.loadavg().map((x) => x.toFixed(1)).join(', ')}; ${os.cpus().length} cores`);
