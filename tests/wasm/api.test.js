// The JS API (wasm/pulse.js): every kind of source, progress, one load at a time, and the
// plain-script use a Web Worker makes of it (importScripts: globals, no require).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { ROOT, WASM_DIR, newPulse } = require('./support');
const { createPulse } = require('../../wasm/pulse.js');

const TEXT = 'order_id,order_date,customer_id,sku,quantity,unit_price\n' +
             '1,2024-01-05,C1,A,2,3.5\n2,2024-01-06,C2,B,1,10\n3,2024-02-01,C1,C,4,2.25\n';
const BYTES = new TextEncoder().encode(TEXT);

test('every kind of source gives the same load and report', async () => {
  const sources = {
    string: () => TEXT,
    Uint8Array: () => BYTES,
    ArrayBuffer: () => BYTES.slice().buffer,
    DataView: () => new DataView(BYTES.buffer, BYTES.byteOffset, BYTES.byteLength),
    Blob: () => new Blob([BYTES]),
    ReadableStream: () => new Blob([BYTES]).stream(),
    'array of chunks': () => [BYTES.subarray(0, 10), BYTES.subarray(10).buffer.slice(10), ''],
    'async iterable': () => (async function* () { yield BYTES.subarray(0, 50); yield BYTES.subarray(50); })(),
  };
  let expected;
  for (const [kind, source] of Object.entries(sources)) {
    const pulse = await newPulse();
    const load = await pulse.loadFile('lines.csv', source(), { chunkSize: 16 });
    assert.equal(load.rows_loaded, 3, kind);
    const text = pulse.reportText({ as_of: '2024-03-01' });
    expected = expected || text;
    assert.equal(text, expected, kind);
    pulse.dispose();
  }
});

test('progress is reported after each chunk, with the total when it is known', async () => {
  const pulse = await newPulse();
  const seen = [];
  await pulse.loadFile('lines.csv', new Blob([BYTES]), { chunkSize: 50, onProgress: (p) => seen.push(p) });
  assert.deepEqual(seen.map((p) => p.bytes), [50, 100, BYTES.length]);
  assert.ok(seen.every((p) => p.file === 'lines.csv' && p.total === BYTES.length));
  seen.length = 0;
  await pulse.loadFile('more.csv', [BYTES], { onProgress: (p) => seen.push(p) });
  assert.deepEqual(seen, [{ file: 'more.csv', bytes: BYTES.length, total: undefined }]);
});

test('loads started together run one after the other', async () => {
  const pulse = await newPulse();
  const slow = (async function* () {
    for (let i = 0; i < BYTES.length; i += 20) {
      await new Promise((r) => setTimeout(r, 1));
      yield BYTES.subarray(i, i + 20);
    }
  })();
  const customers = 'customer_id,customer_name,catalog\nC1,Acme,Wholesale\nC2,Beta,Retail\n';
  const [a, b] = await Promise.all([pulse.loadFile('lines.csv', slow), pulse.loadFile('customers.csv', customers)]);
  assert.equal(a.rows_loaded, 3);
  assert.equal(b.role, 'customers');
  assert.deepEqual(pulse.report({}).load.map((l) => l.file), ['lines.csv', 'customers.csv']);
});

test('clear forgets the files; dispose frees the engine', async () => {
  const pulse = await newPulse();
  await pulse.loadFile('lines.csv', TEXT);
  assert.equal(pulse.report({}).customers.summary.customers, 2);
  pulse.clear();
  const empty = pulse.report({});
  assert.deepEqual(empty.load, []);
  assert.ok('unavailable' in empty.customers);
  pulse.dispose();
  assert.throws(() => pulse.report({}), { code: 'pulse.wasm.007' });
});

test('as plain scripts with globals only, the way a Web Worker runs them', async () => {
  // No require, module or process: the module must pick its web/worker path.
  const worker = { WebAssembly, TextDecoder, TextEncoder, atob, console, setTimeout, Blob,
                   location: { href: 'blob:null/worker' }, importScripts() {}, postMessage() {} };
  worker.self = worker;
  vm.createContext(worker);
  for (const script of [path.join(WASM_DIR, 'pulse-engine.js'), path.join(ROOT, 'wasm/pulse.js')])
    vm.runInContext(fs.readFileSync(script, 'utf8'), worker, { filename: script });
  assert.equal(typeof worker.createPulseModule, 'function');
  const customers = await vm.runInContext(`createPulse().then(async (pulse) => {
    await pulse.loadFile('lines.csv', new Blob([${JSON.stringify(TEXT)}]));
    return pulse.report({}).customers.summary.customers;
  })`, worker);
  assert.equal(customers, 2);
});

const SPLIT = path.join(WASM_DIR, 'split');
test('the split build (separate .wasm, given as wasmBinary) reports the same',
     { skip: !fs.existsSync(SPLIT) && 'built only with PULSE_WASM_SPLIT' }, async () => {
  const pulse = await createPulse(require(path.join(SPLIT, 'pulse-engine.js')),
                                  { wasmBinary: fs.readFileSync(path.join(SPLIT, 'pulse-engine.wasm')) });
  await pulse.loadFile('lines.csv', TEXT);
  const single = await newPulse();
  await single.loadFile('lines.csv', TEXT);
  assert.equal(pulse.reportText({}), single.reportText({}));
});

// The hosted page's module is built without the parallel load's entry; the one a host that
// turns that load on runs (split-ranges/) has it, and reports the same (wasm/CMakeLists.txt).
const RANGES = path.join(WASM_DIR, 'split-ranges');
test('the split builds with and without the parallel load\'s entry report the same',
     { skip: !fs.existsSync(RANGES) && 'built only with PULSE_WASM_SPLIT' }, async () => {
  const open = async (dir) => {
    const pulse = await createPulse(require(path.join(dir, 'pulse-engine.js')),
                                    { wasmBinary: fs.readFileSync(path.join(dir, 'pulse-engine.wasm')) });
    await pulse.loadFile('lines.csv', TEXT);
    return pulse;
  };
  const [lean, ranges] = [await open(SPLIT), await open(RANGES)];
  assert.equal(typeof lean._module.PulseSplitLoad, 'undefined', 'the lean module has no parallel load');
  assert.equal(typeof lean._module.PulseEngine.prototype.beginSplit, 'undefined');
  assert.equal(typeof ranges._module.PulseSplitLoad, 'function');
  assert.equal(typeof ranges._module.PulseRangeParser, 'function');
  assert.equal(lean.reportText({}), ranges.reportText({}));
});
