// Not a test: the four summary tables of `lines` synthetic order lines, written as Parquet by
// DuckDB (bench/node_modules) through the layer-1 SQL that `b2b-pulse sql` generates
// (docs/summaries.md). The lines (orderLinesSql, which bench/summaries_100m.mjs uses too): about
// 4 lines an order, 100,000 customers in 5 catalogs and 20 reps, 20,000 SKUs, four years of days.
// Used by bench/parquet-load.mjs, which keeps the files in build/ between runs.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const SUMMARY_TABLES = ['pulse_orders', 'pulse_order_items', 'pulse_customers', 'pulse_products'];

/** The SELECT of `lines` order lines; hash() spreads customers and SKUs deterministically. */
export function orderLinesSql(lines) {
  return `
    SELECT 'O' || (i // 4)::VARCHAR AS order_id,
           'SKU' || (hash(i * 7919) % 20000)::VARCHAR AS sku,
           DATE '2022-01-01' + CAST((i // 4) * 1461 // ${Math.ceil(lines / 4)} AS INTEGER) AS order_date,
           'C' || (hash(i // 4) % 100000)::VARCHAR AS customer_id,
           'Catalog ' || (hash(i // 4) % 100000 % 5)::VARCHAR AS catalog,
           'R' || (hash(i // 4) % 100000 % 20)::VARCHAR AS sales_rep,
           1 + hash(i * 31) % 12 AS quantity,
           round(2 + (hash(i * 7919) % 20000) / 100.0 * (0.9 + (hash(i // 4) % 3) / 10.0), 2) AS unit_price,
           round(1 + (hash(i * 7919) % 20000) / 160.0, 2) AS unit_cost
    FROM range(${lines}) AS t(i)`;
}

/** DuckDB's Node API from bench/node_modules, or an Error saying how to install it. */
export async function duckdb() {
  try {
    return await import(createRequire(path.join(here, 'package.json')).resolve('@duckdb/node-api'));
  } catch {
    throw new Error('@duckdb/node-api is missing: run npm ci in bench/');
  }
}

/**
 * Writes `dir`/<table>.parquet for the four summary tables of `lines` order lines (the raw
 * lines and the SQL beside them); resolves to {table: path}. `cli` is the b2b-pulse binary.
 */
export async function writeSummaryParquet(dir, lines, cli) {
  fs.mkdirSync(dir, { recursive: true });
  const { DuckDBInstance } = await duckdb();
  const instance = await DuckDBInstance.create(':memory:', { temp_directory: path.join(dir, 'duckdb-spill') });
  const db = await instance.connect();
  const raw = path.join(dir, 'order_lines.parquet');
  const sample = path.join(dir, 'order_lines.csv');
  await db.run(`COPY (${orderLinesSql(lines)}) TO '${raw}' (FORMAT parquet)`);
  await db.run(`COPY (FROM '${raw}' LIMIT 1000) TO '${sample}' (HEADER, DELIMITER ',')`);
  const out = spawnSync(cli, ['sql', '--dialect', 'duckdb', sample], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (out.status !== 0) throw new Error(`b2b-pulse sql failed: ${out.stderr}`);
  const readSample = `read_csv('${sample}', header = true, all_varchar = true)`;
  if (!out.stdout.includes(readSample)) throw new Error(`the SQL does not read the sample as expected: ${readSample}`);
  const sql = out.stdout.replaceAll(readSample, `(SELECT COLUMNS(*)::VARCHAR FROM read_parquet('${raw}'))`);
  for (const statement of sql.split(/;\n/).map((s) => s.trim()).filter((s) => s && !/^(--[^\n]*\n?)*$/.test(s)))
    await db.run(statement);
  const files = {};
  for (const table of SUMMARY_TABLES) {
    files[table] = path.join(dir, table + '.parquet');
    await db.run(`COPY ${table} TO '${files[table]}' (FORMAT parquet)`);
  }
  db.closeSync?.();
  fs.rmSync(path.join(dir, 'duckdb-spill'), { recursive: true, force: true });
  return files;
}
