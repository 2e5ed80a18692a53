// Layer 1 on a real SQL engine: `b2b-pulse sql --dialect duckdb` run by DuckDB over the samples'
// CSV files and over the real datasets (Online Retail with the CRM pipeline's files), its summary
// tables exported as CSV and read by the CLI beside the raw files that are not orders, must give
// the report the raw files give (docs/summaries.md): same JSON, money within 1e-9 relative.
// Needs tests/sql/node_modules (`make test-sql` installs it) and the CLI ($PULSE_CLI, else
// build/bin/b2b-pulse).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstDifference } from './report-difference.mjs';
import { REAL_FILTERS, cli, realWorkspace, reportFigures, root, runCli, summariesWorkspace, summarizeWithDuckdb } from './layer1.mjs';

test('DuckDB: the summaries from the generated SQL give the samples\' report', async () => {
  assert.ok(fs.existsSync(cli), `the CLI is not built: ${cli}`);
  const sql = runCli(['sql', '--dialect', 'duckdb', '--config', 'samples/workspace.json']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-duckdb-'));
  try {
    const rows = await summarizeWithDuckdb(sql, dir);
    // The samples' own figures: every order of orders.csv is in pulse_orders, and items exist.
    const orders = fs.readFileSync(path.join(root, 'samples/orders.csv'), 'utf8').trim().split('\n').length - 1;
    assert.equal(rows.pulse_orders, orders);
    assert.ok(rows.pulse_order_items > 1000, `${rows.pulse_order_items} items`);

    const samples = JSON.parse(fs.readFileSync(path.join(root, 'samples/workspace.json'), 'utf8'));
    const config = summariesWorkspace(samples, path.join(root, 'samples'), dir, dir);
    for (const filter of [[], ['--catalog', 'Wholesale'], ['--rep', 'R03'], ['--customer', 'C004'], ['--from', '2025-03-01', '--to', '2025-06-30']]) {
      const direct = reportFigures('samples/workspace.json', filter);
      assert.equal(firstDifference(direct, reportFigures(config, filter)), null, `filter ${filter.join(' ') || 'none'}`);
      // Not two empty reports agreeing: the scope has customers (all 150 without a filter).
      assert.ok(direct.customers.rows.length >= (filter.length ? 1 : 150), `${direct.customers.rows.length} customers`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('DuckDB: Online Retail and the CRM pipeline give the same report from their summaries', async (t) => {
  const workspace = realWorkspace();
  if (!workspace) {
    t.skip('skipped: dataset not found');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-duckdb-real-'));
  try {
    const direct = path.join(dir, 'direct.json');
    fs.writeFileSync(direct, JSON.stringify(workspace));
    const rows = await summarizeWithDuckdb(runCli(['sql', '--dialect', 'duckdb', '--config', direct]), dir);
    // Online Retail's own figures (docs/summaries.md): 25,900 invoices, 541,909 lines, none
    // excluded (no status column), 4,372 customers.
    assert.deepEqual(rows, { pulse_orders: 25900, pulse_order_items: 541909, pulse_customers: 4372, pulse_products: 19839 });
    const config = summariesWorkspace(workspace, root, dir, dir);
    for (const filter of REAL_FILTERS) {
      const raw = reportFigures(direct, filter);
      assert.equal(firstDifference(raw, reportFigures(config, filter)), null, `filter ${filter.join(' ') || 'none'}`);
      assert.ok(raw.customers.rows.length >= 1 && raw.sales_team.reps.length >= 1, `filter ${filter.join(' ')}: empty scope`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
