// The engine built over a shared memory (build/wasm-shared, what a cross-origin isolated page
// runs) with the page's toucher (web/src/worker/page-toucher.js, its own code on a worker
// thread here) touching its pages while it loads and reports: the same report, byte for byte,
// as the plain build gives, and the toucher went through the heap. An atomic add of zero
// races the engine's own writes on every page, so a toucher that changed a byte would show.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const { ROOT, DATASETS, newPulse, fileChunks, loadWorkspace } = require('./support');
const { repeatedOrderLines } = require('./repeated-order-lines');

const { createPulse } = require(path.join(ROOT, 'wasm/pulse.js'));
const SHARED_DIR = process.env.PULSE_WASM_SHARED_DIR || path.join(ROOT, 'build/wasm-shared/wasm');
const SHARED_GLUE = path.join(SHARED_DIR, 'shared/pulse-engine.js');
const SHARED_WASM = path.join(SHARED_DIR, 'shared/pulse-engine.wasm');
const skip = !(fs.existsSync(SHARED_GLUE) && fs.existsSync(SHARED_WASM)) &&
  `no shared-memory build in ${SHARED_DIR} (make wasm builds it)`;
const ONLINE_RETAIL = path.join(DATASETS, 'online-retail/online_retail.csv');

async function sharedPulse() {
  // 3.1.6's glue cannot fetch its .wasm under Node: the bytes are handed over.
  return createPulse(require(SHARED_GLUE), { wasmBinary: fs.readFileSync(SHARED_WASM) });
}

/**
 * startPageToucher's spawn over a Node worker thread: a browser worker's globals (postMessage,
 * close, onmessage called with { data }) around the toucher's script. exited: its end.
 */
function threadWorker(script) {
  const shim = "const { parentPort } = require('node:worker_threads');" +
    'globalThis.postMessage = (m) => parentPort.postMessage(m); globalThis.close = () => process.exit(0);';
  const start = "parentPort.once('message', (data) => onmessage({ data }));";
  const worker = new Worker(`${shim}\n${script}\n${start}`, { eval: true });
  const ready = new Promise((ok, fail) => { worker.once('message', ok); worker.once('error', fail); });
  const exited = new Promise((ok) => worker.once('exit', ok));
  return { postMessage: (m) => worker.postMessage(m), terminate: () => worker.terminate(), ready, exited };
}

/** The page's own toucher (startPageToucher) on a worker thread over `memory`, started. */
async function startToucher(memory) {
  const { startPageToucher } = await import(path.join(ROOT, 'web/src/worker/page-toucher.js'));
  let thread;
  const toucher = startPageToucher(memory, (script) => (thread = threadWorker(script)));
  assert.ok(toucher, 'a shared memory gets a toucher');
  await thread.ready;
  return { ...toucher, stop: () => { toucher.stop(); return thread.exited; } };
}

async function reportsOf(pulse, load) {
  await load(pulse);
  return pulse.reportText({});
}

test('the shared-memory engine with its pages touched reports as the plain engine does', { skip, timeout: 240000 }, async () => {
  const cases = [
    ['the samples workspace', (p) => loadWorkspace(p, path.join(ROOT, 'samples/workspace.json'))],
    ['the samples\' lines ×8', (p) => p.loadFile('order_lines.csv', new TextEncoder().encode(repeatedOrderLines(8)))],
  ];
  if (fs.existsSync(ONLINE_RETAIL)) cases.push(['Online Retail', (p) => p.loadFile('online_retail.csv', fileChunks(ONLINE_RETAIL))]);
  else test.diagnostic(`Online Retail not checked: ${ONLINE_RETAIL} is absent`);
  for (const [name, load] of cases) {
    const plain = await newPulse();
    const expected = await reportsOf(plain, load);
    plain.dispose();
    const shared = await sharedPulse();
    const memory = shared._module.wasmMemory;
    assert.ok(memory.buffer instanceof SharedArrayBuffer, 'the build\'s memory is shared');
    const toucher = await startToucher(memory);
    let text, pages;
    try {
      toucher.working();
      text = await reportsOf(shared, load);
      toucher.idle();
      pages = toucher.pages();
    } finally {
      await toucher.stop();  // a failed engine too: the thread would keep the test running
    }
    const heap = shared._module.HEAPU8.length;
    shared.dispose();
    assert.ok(text === expected, `${name}: the shared engine's report differs from the plain engine's`);
    // Every page up to the heap the load grew to, at most all of them (the toucher may still be
    // behind the last growth when it is stopped).
    assert.ok(pages > 0 && pages <= heap / 4096, `${name}: ${pages} pages touched of a ${heap} byte heap`);
  }
});
