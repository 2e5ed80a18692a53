// Not a test: a stand-in for the summaries of `times` x more order lines, to see what the page
// does with them (docs/performance.md, "Summaries at scale", 100 M lines), when generating the
// lines and running layer 1 on them would take longer than a session. Each Parquet summary table
// of a kept run (BENCH_KEEP=1 node bench/summaries_100m.mjs N) is repeated `times` times with its
// order ids made distinct ('#k' appended): pulse_order_items and pulse_orders grow `times`-fold;
// pulse_customers and pulse_products, keyed by customer and SKU, are copied as they are.
//
//   node bench/summaries_repeat.mjs KEPT/summaries OUT_FOLDER times
//   node bench/page-summaries.mjs OUT_FOLDER/pulse_orders.parquet OUT_FOLDER/pulse_order_items.parquet ...
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const [from, to, timesArg] = process.argv.slice(2);
const times = Number(timesArg);
if (!from || !to || !Number.isInteger(times) || times < 1) {
  console.error('usage: node bench/summaries_repeat.mjs KEPT/summaries OUT_FOLDER times');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const { DuckDBInstance } = await import(createRequire(path.join(here, 'package.json')).resolve('@duckdb/node-api'));
fs.mkdirSync(to, { recursive: true });
const instance = await DuckDBInstance.create(':memory:', { memory_limit: '6GB', temp_directory: path.join(to, 'duckdb-spill') });
const db = await instance.connect();
const start = Date.now();
const file = (folder, table) => path.join(folder, table + '.parquet');
for (const table of ['pulse_order_items', 'pulse_orders'])
  await db.run(`COPY (SELECT * REPLACE (order_id || '#' || k::VARCHAR AS order_id) FROM range(${times}) AS r(k), read_parquet('${file(from, table)}'))
                TO '${file(to, table)}' (FORMAT parquet)`);
for (const table of ['pulse_customers', 'pulse_products']) fs.copyFileSync(file(from, table), file(to, table));
for (const table of ['pulse_orders', 'pulse_order_items', 'pulse_customers', 'pulse_products']) {
  const rows = (await db.runAndReadAll(`SELECT COUNT(*) FROM read_parquet('${file(to, table)}')`)).getRows()[0][0];
  console.log(`${table}: ${Number(rows).toLocaleString('en')} rows, ${(fs.statSync(file(to, table)).size / 1e6).toFixed(1)} MB`);
}
fs.rmSync(path.join(to, 'duckdb-spill'), { recursive: true, force: true });
console.log(`${((Date.now() - start) / 1000).toFixed(1)} s`);
