// When a file does not fit (docs/performance.md "When a file does not fit"): the engine runs in
// a Node whose V8 refuses to grow WebAssembly memory past a few pages above the module's start
// (--wasm-max-mem-pages, the same refusal a browser gives a page at its limit), so a real
// allocation inside the engine fails while the samples' order lines load. The load must end
// with the out-of-memory id (pulse.ingest.005) and fewer rows than the file has, and the engine
// must stay usable: the file loaded before it still reports as it does natively.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { SAMPLES, newPulse, nativeReport } = require('./support');
const { ORDER_LINES_ROWS, repeatedOrderLines } = require('./repeated-order-lines');

const PAGE = 65536;
// The order lines repeated: about 1 M rows, more than the module's first 16 MiB and the cap
// hold (the engine streams a file without copying it whole, so the samples' 3 MB alone fit).
const REPEAT = 20;
const LINES_ROWS = ORDER_LINES_ROWS * REPEAT;

const repeatedLines = () => repeatedOrderLines(REPEAT);

// The child: orders.csv, then order_lines.csv, then a report; prints what happened as JSON.
async function child() {
  const fs = require('node:fs');
  const pulse = await newPulse();
  const out = { startPages: pulse._module.HEAPU8.length / PAGE };
  if (process.env.PULSE_MEMORY_CAP_CHILD === 'probe') return out;
  const blob = (file) => new Blob([fs.readFileSync(path.join(SAMPLES, file))]);
  out.orders = await pulse.loadFile('orders.csv', blob('orders.csv'));
  try {
    out.lines = await pulse.loadFile('order_lines.csv', new Blob([repeatedLines()]));
  } catch (err) {
    out.linesError = { code: err.code, message: err.message, load: err.load || null };
  }
  try {
    out.customers = pulse.report().customers.summary.customers;
  } catch (err) {
    out.reportError = err.message;
  }
  out.endPages = pulse._module.HEAPU8.length / PAGE;
  return out;
}

function runChild(mode, flags) {
  const text = execFileSync(process.execPath, [...flags, __filename], {
    env: { ...process.env, PULSE_MEMORY_CAP_CHILD: mode }, encoding: 'utf8', maxBuffer: 1 << 26,
  });
  return JSON.parse(text.trim().split('\n').pop());
}

if (process.env.PULSE_MEMORY_CAP_CHILD) {
  child().then((out) => console.log(JSON.stringify(out)), (err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  test('a file that needs more memory than WebAssembly may grow to: reported as such, the engine stays usable', async () => {
    const { startPages } = runChild('probe', []);
    // 8 pages (512 KiB) to grow: enough for orders.csv, far from a million order lines.
    const cap = startPages + 8;
    const out = runChild('run', [`--wasm-max-mem-pages=${cap}`]);
    assert.equal(out.orders.error, null);
    assert.equal(out.orders.rows_loaded, 6487);

    // Refused whole (memory ran out before the first row was kept) or a partial load that
    // stopped there; either way the reason is the out-of-memory id and rows are missing.
    const load = out.lines || out.linesError.load;
    const reason = out.lines ? out.lines.stopped && out.lines.stopped.reason : out.linesError.message;
    assert.match(String(reason), /\[pulse\.ingest\.005\] order_lines\.csv: out of memory after \d+ rows/);
    if (out.linesError) assert.equal(out.linesError.code, 'pulse.ingest.005');
    assert.ok(load.rows_loaded < LINES_ROWS, `rows_loaded ${load.rows_loaded}`);
    assert.ok(out.endPages <= cap, `memory grew to ${out.endPages} pages, past the cap of ${cap}`);

    // Still usable: the dashboards are the native CLI's for the orders file with what the
    // partial load kept (its first rows; nothing, when it was refused whole). With order lines
    // loaded, only orders that have lines count (docs/kpi.md), so the kept rows decide.
    assert.equal(out.reportError, undefined);
    const fs = require('node:fs');
    const os = require('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-cap-'));
    try {
      const files = [path.join(SAMPLES, 'orders.csv')];
      if (load.rows_loaded > 0) {
        const lines = repeatedLines().split('\n');
        fs.writeFileSync(path.join(dir, 'order_lines.csv'), lines.slice(0, load.rows_loaded + 1).join('\n') + '\n');
        files.push(path.join(dir, 'order_lines.csv'));
      }
      assert.equal(out.customers, nativeReport(files).customers.summary.customers);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // The same engine without the cap loads the whole file (the cap is what refused it).
    const pulse = await newPulse();
    const whole = await pulse.loadFile('order_lines.csv', new Blob([repeatedLines()]));
    assert.equal(whole.rows_loaded, LINES_ROWS);
  });
}
