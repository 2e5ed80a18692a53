// Layer 1 on a real SQL engine: `b2b-pulse sql --dialect duckdb` run by DuckDB over the samples'
// CSV files, its summary tables exported as CSV and read by the CLI beside the raw files that
// are not orders, must give the report the raw files give (docs/summaries.md): same JSON, money
// within 1e-9 relative. Needs tests/sql/node_modules (`make test-sql` installs it) and the CLI
// ($PULSE_CLI, else build/bin/b2b-pulse).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { firstDifference, figures } from './report-difference.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.resolve(root, process.env.PULSE_CLI || 'build/bin/b2b-pulse');
const TABLES = ['pulse_orders', 'pulse_order_items', 'pulse_customers', 'pulse_products'];
const ORDER_ROLES = new Set(['orders', 'order_lines']);

function run(args) {
  return execFileSync(cli, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** Runs the SQL in DuckDB and writes each summary table as CSV into `dir`; the row counts. */
async function summarizeWithDuckdb(sql, dir) {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  for (const statement of sql.split(/;\n/).map((s) => s.trim()).filter((s) => s && !/^(--[^\n]*\n?)*$/.test(s))) {
    await db.run(statement);
  }
  const rows = {};
  for (const table of TABLES) {
    await db.run(`COPY ${table} TO '${path.join(dir, table + '.csv')}' (HEADER, DELIMITER ',')`);
    rows[table] = Number((await db.runAndReadAll(`SELECT COUNT(*) FROM ${table}`)).getRows()[0][0]);
  }
  db.closeSync?.();
  return rows;
}

test('DuckDB: the summaries from the generated SQL give the samples\' report', async () => {
  assert.ok(fs.existsSync(cli), `the CLI is not built: ${cli}`);
  const sql = run(['sql', '--dialect', 'duckdb', '--config', 'samples/workspace.json']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-duckdb-'));
  try {
    const rows = await summarizeWithDuckdb(sql, dir);
    // The samples' own figures: every order of orders.csv is in pulse_orders, and items exist.
    const orders = fs.readFileSync(path.join(root, 'samples/orders.csv'), 'utf8').trim().split('\n').length - 1;
    assert.equal(rows.pulse_orders, orders);
    assert.ok(rows.pulse_order_items > 1000, `${rows.pulse_order_items} items`);

    // A workspace of the summaries and the samples' raw files that are not orders.
    const samples = JSON.parse(fs.readFileSync(path.join(root, 'samples/workspace.json'), 'utf8'));
    const workspace = {
      files: [
        ...TABLES.map((t) => ({ path: path.join(dir, t + '.csv') })),
        ...samples.files.filter((f) => !ORDER_ROLES.has(f.role)).map((f) => ({ ...f, path: path.join(root, 'samples', f.path) })),
      ],
      settings: samples.settings,
    };
    fs.writeFileSync(path.join(dir, 'workspace.json'), JSON.stringify(workspace));
    for (const filter of [[], ['--catalog', 'Wholesale'], ['--rep', 'R03'], ['--customer', 'C004'], ['--from', '2025-03-01', '--to', '2025-06-30']]) {
      const direct = figures(run(['report', '--config', 'samples/workspace.json', ...filter]));
      const fromSummaries = figures(run(['report', '--config', path.join(dir, 'workspace.json'), ...filter]));
      assert.equal(firstDifference(direct, fromSummaries), null, `filter ${filter.join(' ') || 'none'}`);
      // Not two empty reports agreeing: the scope has customers (all 150 without a filter).
      assert.ok(direct.customers.rows.length >= (filter.length ? 1 : 150), `${direct.customers.rows.length} customers`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
