// The wasm engine reads the 1C Windows-1251 export and Excel's UTF-16LE text like the native
// CLI, fed in small chunks so that multi-byte units are cut (tests/fixtures/1c/README.md).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { ROOT, newPulse, nativeReport, fileChunks, assertClose } = require('./support');

const FIXTURES = path.join(ROOT, 'tests/fixtures/1c');

for (const [file, encoding] of [['realizatsiya_1251.csv', 'windows-1251'], ['unicode_text_utf16.txt', 'utf-16le']]) {
  test(`${file} (${encoding}) in 5-byte chunks equals the CLI`, async () => {
    const pulse = await newPulse();
    const load = await pulse.loadFile(file, fileChunks(path.join(FIXTURES, file), 5));
    assert.equal(load.encoding, encoding);
    assert.equal(load.rows_skipped, 0);
    const report = pulse.report({});
    assertClose(report, nativeReport([path.join(FIXTURES, file)]));
    if (encoding === 'windows-1251') {
      const romashka = report.customers.rows.find((r) => r.customer_id === 'ООО "Ромашка"');
      assert.ok(romashka, 'ООО "Ромашка" is a customer, in UTF-8');
      assert.equal(Math.round(romashka.revenue * 100), 1471980);
      assert.equal(report.customers.summary.orders, 14);
    }
  });
}

test('a workspace encoding reaches the wasm engine', async () => {
  const pulse = await newPulse();
  const file = path.join(FIXTURES, 'realizatsiya_1251.csv');
  // Read as windows-1252 on purpose: the 1C headers turn into Latin letters and no role fits.
  await assert.rejects(pulse.loadFile('realizatsiya_1251.csv', fileChunks(file), { options: { encoding: 'windows-1252' } }),
    (e) => e.code === 'pulse.ingest.101' && e.message.includes("'\u00cd\u00ee\u00ec\u00e5\u00f0'"));  // "Номер" as 1252
  const load = await pulse.loadFile('realizatsiya_1251.csv', fileChunks(file), { options: { encoding: 'windows-1251' } });
  assert.equal(load.encoding, 'windows-1251');
  assert.equal(load.encoding_reason, 'set in the workspace');
});
