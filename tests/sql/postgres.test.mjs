// Layer 1 on PostgreSQL: `b2b-pulse sql --dialect postgres` run on a throwaway cluster (initdb in a
// temporary folder, a free port, a Unix socket in that folder, as the postgres user when run as
// root) over the samples and over the real datasets (Online Retail with the CRM pipeline's files),
// loaded as unlogged text tables named after their files; the summary tables, exported as CSV and
// read by the CLI beside the raw files that hold no orders, must give the direct report.
// Skipped with a message when PostgreSQL's initdb is not installed (Debian's postgresql).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstDifference } from './report-difference.mjs';
import {
  REAL_FILTERS, exportTables, loadTextTables, postgresBin, realWorkspace, reportFigures, root, runCli, startPostgres,
  summariesWorkspace,
} from './layer1.mjs';

/** Runs `b2b-pulse sql --dialect postgres` for `config` on a fresh cluster over `files`. */
async function summarizeWithPostgres(t, config, files, each) {
  const bin = postgresBin();
  if (!bin) {
    t.skip('skipped: PostgreSQL (initdb) not installed');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-pg-'));
  let pg = null;
  try {
    pg = await startPostgres(bin, dir);
    loadTextTables(pg, files, dir);
    pg.psql(runCli(['sql', '--dialect', 'postgres', '--config', config]));
    const out = path.join(dir, 'out');
    exportTables(pg, out);
    await each(out, dir);
  } finally {
    pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('PostgreSQL: the summaries from the generated SQL give the samples\' report', async (t) => {
  const files = ['order_lines', 'orders', 'customers'].map((n) => path.join(root, 'samples', n + '.csv'));
  await summarizeWithPostgres(t, 'samples/workspace.json', files, (out, dir) => {
    const samples = JSON.parse(fs.readFileSync(path.join(root, 'samples/workspace.json'), 'utf8'));
    const config = summariesWorkspace(samples, path.join(root, 'samples'), out, dir);
    for (const filter of [[], ['--rep', 'R03']]) {
      const direct = reportFigures('samples/workspace.json', filter);
      assert.equal(firstDifference(direct, reportFigures(config, filter)), null, `filter ${filter.join(' ') || 'none'}`);
      assert.ok(direct.customers.rows.length >= (filter.length ? 1 : 150));
    }
  });
});

test('PostgreSQL: Online Retail and the CRM pipeline give the same report from their summaries', async (t) => {
  const workspace = realWorkspace();
  if (!workspace) {
    t.skip('skipped: dataset not found');
    return;
  }
  // The files the SQL reads as tables: the order lines and the customers file (accounts.csv).
  const files = [workspace.files[0].path, workspace.files[2].path];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-pg-real-'));
  try {
    const direct = path.join(scratch, 'direct.json');
    fs.writeFileSync(direct, JSON.stringify(workspace));
    await summarizeWithPostgres(t, direct, files, (out, dir) => {
      const lines = fs.readFileSync(path.join(out, 'pulse_order_items.csv'), 'utf8').split('\n').length - 2;
      assert.equal(lines, 541909);
      const config = summariesWorkspace(workspace, root, out, dir);
      // Two of the page's filters here, to keep the suite short (DuckDB's test runs them all).
      for (const filter of [REAL_FILTERS[0], REAL_FILTERS[4]]) {
        const raw = reportFigures(direct, filter);
        assert.equal(firstDifference(raw, reportFigures(config, filter)), null, `filter ${filter.join(' ') || 'none'}`);
        assert.ok(raw.customers.rows.length >= 1, `filter ${filter.join(' ')}: empty scope`);
      }
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
