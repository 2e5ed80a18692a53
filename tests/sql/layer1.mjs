// What the SQL engines' tests share: the CLI, the two engines running `b2b-pulse sql` and
// exporting the summary tables as CSV, and the workspace that reads those tables beside the raw
// files that hold no orders (docs/summaries.md). Each test file says which data and filters.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { figures } from './report-difference.mjs';

export const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = path.resolve(root, process.env.PULSE_CLI || 'build/bin/b2b-pulse');
export const TABLES = ['pulse_orders', 'pulse_order_items', 'pulse_customers', 'pulse_products'];
const ORDER_ROLES = new Set(['orders', 'order_lines']);

/** The optional shared datasets: ../shared beside the repository, or $PULSE_SHARED_DIR. */
export const datasets = path.join(path.resolve(root, process.env.PULSE_SHARED_DIR || '../shared'), 'datasets');

/**
 * Online Retail (its Country as the catalog) with the CRM pipeline's deals, accounts and sales
 * team: the CRM files hold no orders (`b2b-pulse sql` refuses them alone), so they ride beside
 * the only real order lines; accounts.csv is a customers file, which the SQL joins. Null when a
 * file is absent.
 */
export function realWorkspace() {
  const crm = path.join(datasets, 'crm-sales-opportunities');
  const files = [
    { path: path.join(datasets, 'online-retail/online_retail.csv'), columns: { catalog: 'Country' } },
    { path: path.join(crm, 'sales_pipeline.csv') },
    { path: path.join(crm, 'accounts.csv') },
    { path: path.join(crm, 'sales_teams.csv') },
  ];
  return files.every((f) => fs.existsSync(f.path)) ? { files, settings: {} } : null;
}

export function runCli(args, options = {}) {
  return execFileSync(cli, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

/** The report's figures (load and warnings left out) for a workspace and a filter. */
export function reportFigures(config, filter) {
  return figures(runCli(['report', '--config', config, ...filter]));
}

/**
 * Writes `dir/workspace.json`: the summary tables in `tablesDir` and every file of `workspace`
 * (paths relative to `base`) that holds no orders, with its settings. Returns its path.
 */
export function summariesWorkspace(workspace, base, tablesDir, dir) {
  // The role a file is given, else the one `inspect` detects (as `report` would).
  const roleOf = (f) => f.role || /\n\s*role\s+(\S+)/.exec(runCli(['inspect', path.resolve(base, f.path)]))?.[1];
  const files = [
    ...TABLES.map((t) => ({ path: path.join(tablesDir, t + '.csv') })),
    ...workspace.files.filter((f) => !ORDER_ROLES.has(roleOf(f))).map((f) => ({ ...f, path: path.resolve(base, f.path) })),
  ];
  const file = path.join(dir, 'workspace.json');
  fs.writeFileSync(file, JSON.stringify({ files, settings: workspace.settings || {} }));
  return file;
}

/** Splits generated SQL into statements, dropping the comment-only ones. */
export function statements(sql) {
  return sql.split(/;\n/).map((s) => s.trim()).filter((s) => s && !/^(--[^\n]*\n?)*$/.test(s));
}

/** Runs the SQL in DuckDB and writes each summary table as CSV into `dir`; the row counts. */
export async function summarizeWithDuckdb(sql, dir) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  for (const statement of statements(sql)) await db.run(statement);
  const rows = {};
  for (const table of TABLES) {
    await db.run(`COPY ${table} TO '${path.join(dir, table + '.csv')}' (HEADER, DELIMITER ',')`);
    rows[table] = Number((await db.runAndReadAll(`SELECT COUNT(*) FROM ${table}`)).getRows()[0][0]);
  }
  db.closeSync?.();
  return rows;
}

export function postgresBin() {
  for (const version of [17, 16, 15]) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
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

/**
 * A throwaway PostgreSQL cluster in `dir` (initdb there, a free port, its Unix socket there, as
 * the postgres user when run as root); `stop()` ends it, the caller removes `dir`.
 */
export async function startPostgres(bin, dir) {
  const asRoot = process.getuid && process.getuid() === 0;
  const user = asRoot ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (cmd, args, opts = {}) => {
    const full = [...user, cmd, ...args];
    return execFileSync(full[0], full.slice(1), {
      encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' }, ...opts,
    });
  };
  if (asRoot) execFileSync('chown', ['-R', 'postgres', dir]);
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = String(await freePort());
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'pulse', '--auth=trust', '-E', 'UTF8', '--locale=C'], { stdio: 'ignore' });
  // A throwaway cluster: nothing needs to survive a crash, so no fsync and no full pages.
  const options = `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', path.join(dir, 'log'), '-o', options, 'start'], { stdio: 'ignore' });
  let sequence = 0;
  return {
    /** Runs SQL text (psql meta-commands allowed) and stops at the first error. */
    psql(sql) {
      const file = path.join(dir, `step${++sequence}.sql`);
      fs.writeFileSync(file, sql);
      return run('psql', ['-h', dir, '-p', port, '-U', 'pulse', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-f', file]);
    },
    stop() {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
      } catch { /* the cluster is removed with its folder */ }
    },
  };
}

/**
 * Loads each CSV file as an unlogged text table named after its file's stem (as `b2b-pulse sql
 * --dialect postgres` expects; the SQL casts what it reads), with COPY from a copy in `dir`
 * (readable by the server's user).
 */
export function loadTextTables(pg, files, dir) {
  let load = '';
  for (const file of files) {
    const name = path.basename(file).replace(/\..*$/, '');
    const header = fs.readFileSync(file, 'utf8').slice(0, 65536).split('\n')[0].replace(/\r$/, '');
    const columns = header.split(',').map((c) => c.replace(/^"|"$/g, ''));
    const copy = path.join(dir, path.basename(file));
    fs.copyFileSync(file, copy);
    fs.chmodSync(copy, 0o644);
    load += `CREATE UNLOGGED TABLE ${name} (${columns.map((c) => `"${c}" TEXT`).join(', ')});\n`;
    load += `COPY ${name} FROM '${copy}' (FORMAT csv, HEADER true);\n`;
  }
  pg.psql(load);
}

/** Exports the summary tables as CSV into `out` (written by the server's user). */
export function exportTables(pg, out) {
  fs.mkdirSync(out, { recursive: true });
  fs.chmodSync(out, 0o777);
  pg.psql(TABLES.map((n) => `COPY ${n} TO '${path.join(out, n + '.csv')}' (FORMAT csv, HEADER true);\n`).join(''));
}

/** The page's filters on the real datasets: period, catalog (Country), rep, customer. */
export const REAL_FILTERS = [
  [],
  ['--catalog', 'France'],
  ['--rep', 'Unassigned'],
  ['--customer', '14646.0'],
  ['--from', '2011-03-01', '--to', '2011-06-30'],
];
