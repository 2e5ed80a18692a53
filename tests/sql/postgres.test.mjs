// Layer 1 on PostgreSQL: `b2b-pulse sql --dialect postgres` run on a throwaway cluster (initdb in a
// temporary folder, a free port, a Unix socket in that folder, as the postgres user when run as
// root) over the samples loaded as text tables named after their files; the summary tables,
// exported as CSV and read by the CLI beside the raw deals, must give the direct report.
// Skipped with a message when PostgreSQL's initdb is not installed (Debian's postgresql).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstDifference, figures } from './report-difference.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.resolve(root, process.env.PULSE_CLI || 'build/bin/b2b-pulse');
const TABLES = ['pulse_orders', 'pulse_order_items', 'pulse_customers', 'pulse_products'];
const SOURCES = ['order_lines', 'orders', 'customers'];
const ORDER_ROLES = new Set(['orders', 'order_lines']);

function pgBin() {
  for (const dir of ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin']) {
    if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
  }
  return null;
}

async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

test('PostgreSQL: the summaries from the generated SQL give the samples\' report', async (t) => {
  const bin = pgBin();
  if (!bin) {
    t.skip('skipped: PostgreSQL (initdb) not installed');
    return;
  }
  const asRoot = process.getuid && process.getuid() === 0;
  const user = asRoot ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (cmd, args, opts = {}) => {
    const full = [...user, cmd, ...args];
    return execFileSync(full[0], full.slice(1), {
      encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' }, ...opts,
    });
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-pg-'));
  if (asRoot) execFileSync('chown', ['-R', 'postgres', dir]);
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = String(await freePort());
  let started = false;
  try {
    run(path.join(bin, 'initdb'), ['-D', data, '-U', 'pulse', '--auth=trust', '-E', 'UTF8', '--locale=C'], { stdio: 'ignore' });
    run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', path.join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=''`, 'start'], { stdio: 'ignore' });
    started = true;
    const psql = (file) => run('psql', ['-h', dir, '-p', port, '-U', 'pulse', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-f', file]);

    // The samples as text tables named after their files; the SQL casts the columns it reads.
    let load = '';
    for (const name of SOURCES) {
      const file = path.join(root, 'samples', name + '.csv');
      const columns = fs.readFileSync(file, 'utf8').split('\n')[0].trim().split(',');
      load += `CREATE TABLE ${name} (${columns.map((c) => `"${c}" TEXT`).join(', ')});\n`;
      fs.copyFileSync(file, path.join(dir, name + '.csv'));
      load += `\\copy ${name} FROM '${path.join(dir, name + '.csv')}' CSV HEADER\n`;
    }
    fs.writeFileSync(path.join(dir, 'load.sql'), load);
    psql(path.join(dir, 'load.sql'));
    const sql = execFileSync(cli, ['sql', '--dialect', 'postgres', '--config', 'samples/workspace.json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    fs.writeFileSync(path.join(dir, 'layer1.sql'), sql);
    psql(path.join(dir, 'layer1.sql'));
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    fs.chmodSync(out, 0o777);
    fs.writeFileSync(path.join(dir, 'export.sql'), TABLES.map((n) => `\\copy ${n} TO '${path.join(out, n + '.csv')}' CSV HEADER\n`).join(''));
    psql(path.join(dir, 'export.sql'));

    const samples = JSON.parse(fs.readFileSync(path.join(root, 'samples/workspace.json'), 'utf8'));
    const workspace = {
      files: [
        ...TABLES.map((n) => ({ path: path.join(out, n + '.csv') })),
        ...samples.files.filter((f) => !ORDER_ROLES.has(f.role)).map((f) => ({ ...f, path: path.join(root, 'samples', f.path) })),
      ],
      settings: samples.settings,
    };
    fs.writeFileSync(path.join(dir, 'workspace.json'), JSON.stringify(workspace));
    for (const filter of [[], ['--rep', 'R03']]) {
      const report = (config) => figures(execFileSync(cli, ['report', '--config', config, ...filter], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 }));
      const direct = report('samples/workspace.json');
      assert.equal(firstDifference(direct, report(path.join(dir, 'workspace.json'))), null, `filter ${filter.join(' ') || 'none'}`);
      assert.ok(direct.customers.rows.length >= (filter.length ? 1 : 150));
    }
  } finally {
    if (started) {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
      } catch { /* the cluster is removed with its folder below */ }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
