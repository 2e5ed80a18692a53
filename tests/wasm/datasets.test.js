// The wasm engine gives the native CLI's report on the real datasets, fed from disk by chunks.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { DATASETS, newPulse, nativeReport, fileChunks, assertClose } = require('./support');

const RETAIL = path.join(DATASETS, 'online-retail/online_retail.csv');
const CRM = path.join(DATASETS, 'crm-sales-opportunities');
// The shared datasets are optional: without them these tests are skipped, not failed.
const noRetail = !fs.existsSync(RETAIL) && `skipped: dataset not found: ${RETAIL}`;
const noCrm = !fs.existsSync(CRM) && `skipped: dataset not found: ${CRM}`;

test('online_retail.csv streamed as a Blob (as the browser reads a File) equals the CLI', { skip: noRetail }, async () => {
  const pulse = await newPulse();
  // fs.openAsBlob (Node 19.8+) reads slice by slice from disk, like File.slice in a page.
  const blob = fs.openAsBlob ? await fs.openAsBlob(RETAIL) : new Blob([fs.readFileSync(RETAIL)]);
  const load = await pulse.loadFile('online_retail.csv', blob);
  assert.equal(load.role, 'order_lines');
  assert.ok(load.rows_loaded > 500000);
  assertClose(pulse.report({}), nativeReport([RETAIL]));
});

test('online_retail.csv streamed from a file stream gives the same report', { skip: noRetail }, async () => {
  const pulse = await newPulse();
  const load = await pulse.loadFile('online_retail.csv', fileChunks(RETAIL, 1 << 20));
  assert.equal(load.rows_loaded + load.rows_skipped, load.rows_read);
  assertClose(pulse.report({}), nativeReport([RETAIL]));
});

test('CRM sales pipeline and teams equal the CLI', { skip: noCrm }, async () => {
  const pulse = await newPulse();
  const files = ['sales_pipeline.csv', 'sales_teams.csv'].map((f) => path.join(CRM, f));
  for (const file of files) {
    const load = await pulse.loadFile(path.basename(file), fileChunks(file));
    assert.ok(load.rows_loaded > 0, `${load.file} loaded rows`);
  }
  const report = pulse.report({});
  assert.ok(!('unavailable' in report.sales_team), 'the sales team dashboard is fed');
  assertClose(report, nativeReport(files));
});
