// A File read through its byte stream (wasm/pulse.js blobThroughBuffers: two buffers filled in
// turn, the way Chromium hands a File) gives exactly what the same bytes give read whole: for a
// plain CSV, whose buffers are read into again once fed, and for gzip and a workbook, whose
// chunks are kept by their readers and so must not be overwritten.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, newPulse } = require('./support');
const { byteStreamFile } = require('./byte-stream-file');

async function loadBoth(file, settings, chunkSize) {
  const bytes = fs.readFileSync(file);
  const name = path.basename(file);
  const whole = await newPulse();
  const wholeLoad = await whole.loadFile(name, new Uint8Array(bytes), { chunkSize });
  const streamed = await newPulse();
  const source = byteStreamFile(new Uint8Array(bytes), 1000);
  const streamedLoad = await streamed.loadFile(name, source, { chunkSize });
  return { wholeLoad, streamedLoad, source, whole: whole.reportText(settings), streamed: streamed.reportText(settings) };
}

test('a plain CSV read through a byte stream, in reused buffers, equals the bytes read whole', async () => {
  // 64 KiB chunks over a 3 MB file: the two buffers are each read into ~24 times.
  const r = await loadBoth(path.join(ROOT, 'samples/order_lines.csv'), {}, 64 << 10);
  assert.ok(r.source.reads > 3000, `the byte stream was read (${r.source.reads} pulls)`);
  assert.equal(r.streamedLoad.rows_loaded, 48042);
  assert.deepEqual(r.streamedLoad, r.wholeLoad);
  assert.equal(r.streamed, r.whole);
});

test('gzip and a workbook read through a byte stream equal the bytes read whole', async () => {
  for (const file of ['tests/fixtures/gzip/orders.csv.gz', 'tests/fixtures/gzip/two_members.csv.gz', 'tests/fixtures/xlsx/orders.xlsx']) {
    // Chunks smaller than the file, so that a kept chunk overwritten by the next read would show.
    const r = await loadBoth(path.join(ROOT, file), { as_of: '2024-06-30' }, 256);
    assert.ok(r.source.reads > 0, `${file}: the byte stream was read`);
    assert.ok(r.streamedLoad.rows_loaded > 0, `${file}: rows loaded`);
    assert.deepEqual(r.streamedLoad, r.wholeLoad, file);
    assert.equal(r.streamed, r.whole, file);
  }
});
