// The samples' order lines repeated under one header: a file bigger than the memory the wasm
// module starts with (16 MiB), which the samples' own 48,042 lines fit in. Shared by
// tests/wasm/memory_cap.test.js, tests/wasm/warm_memory.test.js and
// tests/browser/memory.test.mjs.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ORDER_LINES = path.resolve(__dirname, '../../samples/order_lines.csv');
const ORDER_LINES_ROWS = 48042;  // samples/order_lines.csv

/** samples/order_lines.csv with its rows `times` over (ORDER_LINES_ROWS each), one header. */
function repeatedOrderLines(times) {
  const text = fs.readFileSync(ORDER_LINES, 'utf8');
  const cut = text.indexOf('\n') + 1;
  return text.slice(0, cut) + text.slice(cut).repeat(times);
}

module.exports = { ORDER_LINES_ROWS, repeatedOrderLines };
