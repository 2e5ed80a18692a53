// Fresh memory touched on another core. The first write to a fresh page of WebAssembly memory
// costs a page fault (about 15 µs per 4 KiB on the project's machine), and a big file's load
// and first report write about a gigabyte of fresh pages: a fifth of their time
// (docs/performance.md "Fresh pages touched on the other core"). When the page is cross-origin
// isolated its engine runs over a shared memory (wasm/CMakeLists.txt, PULSE_WASM_SHARED_MEMORY),
// and this worker of its own touches every page of it, in address order, while the engine
// works: the engine then finds its pages already there.
//
// A touch is an atomic add of zero: it writes (a read would map the shared zero page and fault
// again at the first write) without changing a byte the engine may be writing at the same time.
// The toucher never grows the memory: the engine's allocator grows it, and the part past its
// top is what the toucher runs through ahead of it. It sleeps while the engine has no request.

// The toucher's code, run from a Blob URL (worker-src blob: in the page's policy). control is an
// Int32Array over a SharedArrayBuffer: [state (0 idle, 1 working, 2 quit), pages touched].
const TOUCHER = `onmessage = ({ data: { memory, control } }) => {
  const STEP = 4 << 20;  // bytes between looks at the state and the memory's length
  let touched = 0;  // every page below is touched
  postMessage('ready');
  for (;;) {
    const state = Atomics.load(control, 0);
    if (state === 2) break;
    if (state === 0) { Atomics.wait(control, 0, 0); continue; }
    const length = memory.buffer.byteLength;
    if (touched >= length) { Atomics.wait(control, 0, 1, 2); continue; }  // caught up: look again in 2 ms
    const words = new Int32Array(memory.buffer);
    const end = Math.min(length, touched + STEP);
    for (let at = touched; at < end; at += 4096) Atomics.add(words, at >> 2, 0);
    Atomics.add(control, 1, (end - touched) >> 12);
    touched = end;
  }
  close();
};`;

const IDLE = 0;
const WORKING = 1;
const QUIT = 2;

/**
 * A browser worker running `script` from a Blob URL, revoked once the script is read; null when
 * no worker can start. The worker answers 'ready' when its script runs.
 */
function blobWorker(script) {
  const url = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
  let worker;
  try {
    worker = new Worker(url, { name: 'b2b-pulse-pages' });
  } catch {
    URL.revokeObjectURL(url);
    return null;
  }
  worker.onmessage = () => URL.revokeObjectURL(url);  // 'ready': the script is read
  worker.onerror = (e) => {
    e.preventDefault();  // a toucher that failed costs speed only: the engine faults its own pages
    URL.revokeObjectURL(url);
  };
  return worker;
}

/**
 * Starts a toucher over `memory`, a WebAssembly.Memory. Null when the memory is not shared (the
 * page is not isolated, or runs the engine built without shared memory) or no worker can start:
 * the engine then faults its pages itself, as it always did. The result: working() before a
 * request to the engine, idle() after it, pages() the pages touched so far, stop().
 * `spawn(script)` starts the worker (postMessage, terminate); tests/wasm/shared_memory.test.js
 * gives one over a Node worker thread, so that it drives this very function.
 */
export function startPageToucher(memory, spawn = blobWorker) {
  if (typeof SharedArrayBuffer === 'undefined' || !memory || !(memory.buffer instanceof SharedArrayBuffer)) return null;
  const worker = spawn(TOUCHER);
  if (!worker) return null;
  const control = new Int32Array(new SharedArrayBuffer(8));
  worker.postMessage({ memory, control });
  const set = (state) => {
    Atomics.store(control, 0, state);
    Atomics.notify(control, 0);
  };
  return {
    working: () => set(WORKING),
    idle: () => set(IDLE),
    pages: () => Atomics.load(control, 1),
    stop() {
      set(QUIT);
      worker.terminate();
    },
  };
}
