// Writes tests/fixtures/parquet/: part of the samples (subset.mjs: customers C001 to C040) as
// DuckDB writes Parquet by default (snappy, dictionary-encoded strings, nullable columns), read by
// the page in tests/browser/parquet.test.mjs.
// Run once after the samples change (the outputs are committed, so that the browser test needs no
// DuckDB):  node tests/sql/make-parquet-fixtures.mjs   (needs tests/sql/node_modules and the CLI,
// $PULSE_CLI or build/bin/b2b-pulse, for the summary tables' SQL).
//
//   orders.parquet, order_lines.parquet   raw orders and lines: DATE, DECIMAL(12,2), INTEGER;
//                                         order_lines with ROW_GROUP_SIZE 4000, which DuckDB
//                                         rounds to 4,096: four row groups
//   quotes.parquet                         all the samples' deals: TIMESTAMP, DECIMAL, a nullable
//                                         order_id
//   pulse_*.parquet                        the summary tables (docs/summaries.md) that
//                                         `b2b-pulse sql --dialect duckdb` builds from the subset
//                                         and the samples' other files
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, runCli, statements, TABLES } from './layer1.mjs';
import { writeSampleSubset } from '../fixtures/parquet/subset.mjs';

const out = path.join(root, 'tests/fixtures/parquet');
const samples = path.join(root, 'samples');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-parquet-'));
const subset = writeSampleSubset(samples, tmp);
const csv = (f) => `read_csv('${subset[f.replace('.csv', '')] || path.join(samples, f)}', header = true, all_varchar = true)`;
const parquet = (f, rowGroup = 122880) => `'${path.join(out, f)}' (FORMAT parquet, ROW_GROUP_SIZE ${rowGroup})`;

const RAW = [
  ['orders.parquet', `SELECT order_id, CAST(order_date AS DATE) AS order_date, customer_id, status,
     NULLIF(sales_rep, '') AS sales_rep, currency FROM ${csv('orders.csv')}`],
  ['order_lines.parquet', `SELECT order_id, sku, product_name, category, CAST(quantity AS INTEGER) AS quantity,
     CAST(unit_price AS DECIMAL(12,2)) AS unit_price, CAST(discount AS DECIMAL(12,2)) AS discount,
     CAST(unit_cost AS DECIMAL(12,2)) AS unit_cost FROM ${csv('order_lines.csv')}`, 4000],
  ['quotes.parquet', `SELECT quote_id, quote_name, customer_id, sales_rep, status,
     CAST(created_at AS TIMESTAMP) AS created_at, CAST(updated_at AS TIMESTAMP) AS updated_at,
     CAST(expires_at AS TIMESTAMP) AS expires_at, CAST(original_total AS DECIMAL(12,2)) AS original_total,
     CAST(negotiated_total AS DECIMAL(12,2)) AS negotiated_total, NULLIF(order_id, '') AS order_id
     FROM ${csv('quotes.csv')}`],
];

const { DuckDBInstance } = await import('@duckdb/node-api');
const db = await (await DuckDBInstance.create(':memory:')).connect();
fs.mkdirSync(out, { recursive: true });
for (const [file, select, rowGroup] of RAW) await db.run(`COPY (${select}) TO ${parquet(file, rowGroup)}`);
// The summary tables, from the SQL the CLI generates for the samples' workspace with the subset's
// orders and lines.
const workspace = JSON.parse(fs.readFileSync(path.join(samples, 'workspace.json'), 'utf8'));
for (const f of workspace.files) f.path = subset[f.path.replace('.csv', '')] || path.join(samples, f.path);
fs.writeFileSync(path.join(tmp, 'workspace.json'), JSON.stringify(workspace));
for (const statement of statements(runCli(['sql', '--dialect', 'duckdb', '--config', path.join(tmp, 'workspace.json')])))
  await db.run(statement);
for (const table of TABLES) await db.run(`COPY ${table} TO ${parquet(table + '.parquet')}`);
for (const f of fs.readdirSync(out).filter((f) => f.endsWith('.parquet')).sort())
  console.log(`${f}: ${fs.statSync(path.join(out, f)).size} bytes`);
db.closeSync?.();
fs.rmSync(tmp, { recursive: true, force: true });
