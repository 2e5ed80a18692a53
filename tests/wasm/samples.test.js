// The wasm engine gives the native CLI's report on the bundled samples (same workspace).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { SAMPLES, newPulse, nativeReport, loadWorkspace, assertClose } = require('./support');

test('samples: wasm report equals the native CLI report', async () => {
  const workspace = path.join(SAMPLES, 'workspace.json');
  const pulse = await newPulse();
  const { ws, loads } = await loadWorkspace(pulse, workspace);
  for (const load of loads) assert.ok(load.rows_loaded > 0, `${load.file} loaded rows`);
  const expected = nativeReport(['--config', 'samples/workspace.json']);
  assertClose(pulse.report(ws.settings), expected);
});

test('samples: a filtered report equals the CLI with the same filter', async () => {
  const pulse = await newPulse();
  const { ws } = await loadWorkspace(pulse, path.join(SAMPLES, 'workspace.json'));
  const expected = nativeReport(['--config', 'samples/workspace.json', '--from', '2025-07-01',
                                 '--to', '2025-09-30', '--catalog', 'Premium']);
  // The same engine answers several filters without reloading.
  pulse.report(ws.settings);
  const settings = { ...ws.settings, from: '2025-07-01', to: '2025-09-30', catalog: 'Premium' };
  assertClose(pulse.report(settings), expected);
});
