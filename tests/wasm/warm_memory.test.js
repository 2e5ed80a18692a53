// Memory touched before the first file (wasm/pulse.js warmMemory): the engine grows its memory
// by the bytes asked, writes them, and gives them back to its allocator, so the file loaded next
// lands in those pages (the heap does not grow again for a file that fits) and loads exactly as
// in an engine that never warmed; a stop asked between megabytes ends it at once.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { newPulse } = require('./support');
const { repeatedOrderLines } = require('./repeated-order-lines');

const MiB = 1 << 20;
const heap = (pulse) => pulse._module.HEAPU8.length;

test('warmed memory is the next file\'s: the heap does not grow again, the report is the same', async () => {
  // Eight times the samples' lines: past the 16 MiB the module starts with (four were, until
  // the facts stopped copying their lines).
  const bytes = new TextEncoder().encode(repeatedOrderLines(8));
  const cold = await newPulse();
  const before = heap(cold);
  await cold.loadFile('order_lines.csv', new Uint8Array(bytes));
  const coldReport = cold.reportText({});
  const needed = heap(cold) - before;
  assert.ok(needed > 2 * MiB, `the lines need memory (${needed} bytes)`);

  const warm = await newPulse();
  const touched = await warm.warmMemory(needed + 16 * MiB);
  assert.equal(touched, needed + 16 * MiB);
  const warmed = heap(warm);
  assert.ok(warmed > before && warmed >= touched, 'the memory grew to hold what was touched');
  await warm.loadFile('order_lines.csv', new Uint8Array(bytes));
  assert.equal(warm.reportText({}), coldReport);
  assert.equal(heap(warm), warmed, 'the load and report reused the touched pages');
});

test('a stop between megabytes ends the warming and frees its block', async () => {
  const pulse = await newPulse();
  let asked = 0;
  const touched = await pulse.warmMemory(64 * MiB, () => ++asked > 3);
  assert.equal(touched, 3 * MiB);
  // The block is free again: the same size fits without growing.
  const grown = heap(pulse);
  const ptr = pulse._module._malloc(32 * MiB);
  assert.ok(ptr > 0);
  pulse._module._free(ptr);
  assert.equal(heap(pulse), grown);
});
