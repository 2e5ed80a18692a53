// Memory may grow to 4 GB, so addresses above 2 GB occur: JS sees them as negative numbers
// unless read with >>> 0. Here 2.1 GB of ballast sits low, so every later allocation (the chunk
// buffer, the tables, the strings crossing the boundary) lives above 2 GB.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { ROOT, WASM_DIR, SAMPLES, newPulse, loadWorkspace } = require('./support');
const { createPulse } = require(path.join(ROOT, 'wasm/pulse.js'));

const TWO_GB = 2 ** 31;

test('the engine works with its memory above 2 GB', async () => {
  const factory = require(path.join(WASM_DIR, 'pulse-engine.js'));
  let module;
  const high = await createPulse(async (options) => {
    module = await factory(options);
    // Two blocks: one sbrk step cannot pass 2 GB (its increment is a signed 32-bit int).
    for (let i = 0; i < 2; i++) assert.notEqual(module._malloc(1050 * 2 ** 20), 0, 'memory grows');
    return module;
  });
  const workspace = path.join(SAMPLES, 'workspace.json');
  const { ws, loads } = await loadWorkspace(high, workspace);
  assert.ok(high._buffer > TWO_GB, `the chunk buffer is above 2 GB (${high._buffer})`);
  assert.ok(module.HEAPU8.length > TWO_GB);

  const low = await newPulse();
  const expected = await loadWorkspace(low, workspace);
  assert.deepEqual(loads, expected.loads);
  assert.equal(high.reportText(ws.settings), low.reportText(ws.settings));
});
