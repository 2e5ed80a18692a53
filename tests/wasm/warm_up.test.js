// The engine's first run ahead of the file (web/src/worker/warm-up.js): its made-up lines load
// whole, and they run the dashboards' costly code (return models, elasticity fits with the
// seasonal control and pooling, the attention list), or the warm-up would leave that code cold;
// warmUp loads, reports and leaves its engine empty.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { newPulse } = require('./support');

const warmUpModule = () => import(pathToFileURL(path.resolve(__dirname, '../../web/src/worker/warm-up.js')).href);

test('the made-up lines are the same every time and load whole as order lines', async () => {
  const { warmUpLines } = await warmUpModule();
  const text = warmUpLines();
  assert.equal(warmUpLines(), text, 'deterministic');
  const lines = text.split('\n').length - 2;  // the header and the last newline
  assert.ok(lines > 20000 && lines < 30000, `${lines} lines`);
  const pulse = await newPulse();
  const load = await pulse.loadFile('warm-up.csv', new TextEncoder().encode(text));
  assert.equal(load.role, 'order_lines');
  assert.equal(load.rows_loaded, lines);
  assert.equal(load.rows_skipped, 0);
  assert.deepEqual(load.problems, []);

  const report = pulse.report({});
  const summary = report.customers.summary;
  assert.equal(summary.customers, 300);
  // Customers on track and slipping away both: the return models and the status rules run.
  assert.ok(summary.status_counts.on_track > 50, JSON.stringify(summary.status_counts));
  assert.ok(summary.status_counts.lapsed > 20, JSON.stringify(summary.status_counts));
  assert.ok(summary.expected_revenue_next > 0, 'the return model was fitted');
  // Prices that move: the products' elasticity fits, seasonally adjusted and pooled, run.
  const fitted = report.catalogs.products.filter((p) => p.elasticity && Number.isFinite(p.elasticity.slope));
  assert.ok(fitted.length > 100, `${fitted.length} products with a fitted elasticity`);
  assert.ok(fitted.some((p) => p.elasticity.seasonally_adjusted && Number.isFinite(p.elasticity.pooled_slope)));
  assert.ok(report.sales_team && report.attention !== undefined);
});

test('warmUp loads the lines, reports, and leaves the engine empty', async () => {
  const { warmUp, warmUpLines } = await warmUpModule();
  const pulse = await newPulse();
  const calls = [];
  // The worker's engine (web/src/worker/real-engine.js) as far as warmUp uses it.
  const engine = {
    loadFile: (name, blob) => blob.arrayBuffer().then((bytes) => pulse.loadFile(name, new Uint8Array(bytes))),
    reportText: (settings, sections) => {
      const text = pulse.reportText(settings, sections);
      calls.push([sections || 'all', JSON.parse(text).period.from]);
      return text;
    },
    clear: () => pulse.clear(),
  };
  const result = await warmUp(engine);
  assert.equal(result.lines, warmUpLines().split('\n').length - 2);
  assert.ok(result.ms > 0);
  // The whole period, then a narrower one (as a re-filter asks): the period as the engine read it.
  assert.deepEqual(calls.map((c) => c[0]), ['all', ['customers', 'catalogs', 'attention']]);
  assert.equal(calls[0][1], '2022-01-03', 'the whole period: from the first line\'s day');
  assert.equal(calls[1][1], '2023-01-01');
  const after = pulse.report({});
  assert.deepEqual(after.load, [], 'cleared');
  assert.equal(after.customers.code, 'pulse.unavailable.005');
});
