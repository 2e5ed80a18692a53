// Chunk boundaries fall anywhere (inside a quoted field, a CRLF, a UTF-8 character): the
// engine must give the same loads and the same report whatever the chunk size.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { SAMPLES, newPulse, loadWorkspace } = require('./support');

const WORKSPACE = path.join(SAMPLES, 'workspace.json');

async function loadAndReport(chunkSize) {
  const pulse = await newPulse();
  const { ws, loads } = await loadWorkspace(pulse, WORKSPACE, { chunkSize });
  const text = pulse.reportText(ws.settings);
  pulse.dispose();
  return { loads, text };
}

test('samples fed in 1, 7 and 4096 byte chunks give the report of whole files', async (t) => {
  const whole = await loadAndReport(1 << 30);
  assert.ok(whole.text.length > 1000);
  for (const chunkSize of [1, 7, 4096]) {
    await t.test(`${chunkSize} byte chunks`, async () => {
      const chunked = await loadAndReport(chunkSize);
      assert.deepEqual(chunked.loads, whole.loads);
      assert.equal(chunked.text, whole.text);  // the same binary: not one digit may differ
    });
  }
});

test('a quoted field with a line break, CRLF and UTF-8 split at every byte', async () => {
  const text = 'order_id,order_date,customer_id,sku,product_name,quantity,unit_price\r\n' +
               '1,2024-01-05,C1,A,"Schraube, verzinkt\r\nM8 – Edelstahl",2,3.5\r\n' +
               '2,2024-01-06,C2,B,Ölfilter 😀,1,10\r\n3,2024-02-01,C1,C,"""Quoted""",4,2.25\r\n';
  const bytes = new TextEncoder().encode(text);
  const reports = [];
  for (const chunkSize of [1, 2, 3, 5, bytes.length]) {
    const pulse = await newPulse();
    const load = await pulse.loadFile('lines.csv', bytes, { chunkSize });
    assert.equal(load.rows_loaded, 3, `chunk ${chunkSize}`);
    reports.push(pulse.reportText({}));
  }
  for (const r of reports) assert.equal(r, reports[reports.length - 1]);
  // The page's engine writes the report in ASCII (\u escapes): the name is the same once parsed.
  assert.ok(JSON.parse(reports[0]).catalogs.products.some((p) => p.product_name === 'Ölfilter 😀'));
});
