// The DuckDB-Wasm side of bench/duckdb-vs-pulse.mjs, bundled by it with esbuild into one
// script for a bare page (/duckdb/): DuckDB-Wasm starts as the page opens (its exception-handling
// build, one thread: no cross-origin isolation); a file picked in the page's <input> is
// registered, loaded into a table and queried with bench/duckdb/figures.sql; the answer rows are
// turned into plain objects, as a page would before drawing them. window.duckdbBench collects
// the times (ms since the page opened) and the figures the bench checks.
import * as duckdb from '@duckdb/duckdb-wasm';

const bench = (window.duckdbBench = { started: performance.now() });
const plain = (value) => (typeof value === 'bigint' ? Number(value) : value);
const rowsOf = (table) => table.toArray().map((row) => Object.fromEntries(Object.entries(row.toJSON()).map(([k, v]) => [k, plain(v)])));

const ready = (async () => {
  const dist = new URL('./dist/', location.href).href;
  const worker = new Worker(dist + 'duckdb-browser-eh.worker.js');
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(dist + 'duckdb-eh.wasm');
  const sql = await (await fetch('./figures.sql')).text();
  bench.ready = performance.now();
  return { db, sql };
})();
ready.catch((err) => (bench.error = String(err && err.stack || err)));

document.querySelector('input[type=file]').addEventListener('change', async (event) => {
  try {
    const file = event.target.files[0];
    bench.picked = performance.now();
    const { db, sql } = await ready;
    await db.registerFileHandle(file.name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    const conn = await db.connect();
    const statements = sql.replace(/^--.*$/gm, '').replaceAll('{{CSV}}', file.name)
      .split(/;\s*$/m).map((s) => s.trim()).filter(Boolean);
    const results = [];
    for (const statement of statements) results.push(await conn.query(statement));
    const [summary] = rowsOf(results.at(-3));
    const customers = rowsOf(results.at(-2));
    const products = rowsOf(results.at(-1));
    bench.done = performance.now();
    const [memory] = rowsOf(await conn.query('SELECT memory_usage FROM pragma_database_size()'));
    bench.figures = { summary, customerRows: customers.length, productRows: products.length, memory: memory.memory_usage };
    await conn.close();
  } catch (err) {
    bench.error = String(err && err.stack || err);
  }
});
