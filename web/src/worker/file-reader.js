// A big file's bytes read on a worker of their own, so that the engine worker's thread only
// parses. Reading a 2.18 GB file by its byte stream takes 2.5–3.3 s in a Chromium worker
// (≈ 18,000 reads, each a promise resolved on the reading thread); on the engine worker those
// seconds came between its chunks (docs/performance.md, "Reading the file"). The reader fills
// chunk-sized buffers from the byte stream and transfers each to the engine worker (no copy);
// the engine hands a buffer back once it copied the chunk into wasm memory, or asks for a
// fresh one when the format's reader keeps chunks (gzip, workbooks: pulse.js's reusable()).
// Fresh buffers are then allocated on the reader's thread, which also takes their page faults.
// The reader is a nested dedicated worker started from a Blob of readerMain's text: where it
// cannot start (no Worker in workers, a policy that refuses it), the engine reads the file
// itself as before.
// Over a shared engine memory (an isolated page, page-toucher.js) the reader also copies each
// chunk into one of a few chunk-sized blocks of the engine's own memory, so the engine parses
// it where it lies: the copy into wasm memory moves off the engine's thread.

/** Files from this size are read on a reader worker; a smaller one is read before it would start. */
export const READER_MIN_BYTES = 32 << 20;

/** Chunks read ahead of the engine (two in flight while it parses a third). */
const AHEAD = 3;

// The reader worker's whole script: self-contained, it is started from this function's text, so
// its fill loop is pulse.js's fillFrom written again (nothing outside this function reaches the
// reader's thread).
// In: {file, chunkSize, ahead} once, then {buffer} (a chunk's buffer handed back) or {} (keep
// it: read into a fresh one). Out: {buffer, length} per chunk, {done} at the end, {error}.
// Over the engine's memory, {file, chunkSize, memory, blocks} once (blocks: the addresses of
// chunk-sized blocks in it), then {block} (handed back) and {stop}; out {block, length} per
// chunk, and {stopped} once no copy into the engine's memory will come any more.
function readerMain() {
  let reader = null;
  let size = 0;
  let reading = false;
  let ended = false;
  let memory = null;  // the engine's shared memory, when the chunks go into its blocks
  let own = null;  // the buffer the stream fills before its bytes go into a block
  const free = [];  // buffers, or the engine's free blocks
  async function fill(buffer) {
    let filled = 0;
    while (filled < size) {
      const { value, done } = await reader.read(new Uint8Array(buffer, filled, size - filled));
      if (value) buffer = value.buffer;  // the same memory, handed back by the stream
      if (done) {
        ended = true;
        break;
      }
      filled += value.byteLength;
    }
    return { buffer, filled };
  }
  async function pump() {
    if (reading) return;
    reading = true;
    try {
      while (free.length && !ended) {
        if (memory) {
          const read = await fill(own);
          own = read.buffer;
          if (memory === null) break;  // stopped while reading: the engine may free its blocks now
          const block = free.shift();
          if (read.filled > 0) {
            new Uint8Array(memory.buffer, block, read.filled).set(new Uint8Array(own, 0, read.filled));
            self.postMessage({ block, length: read.filled });
          }
        } else {
          const read = await fill(free.shift());
          if (read.filled > 0) self.postMessage({ buffer: read.buffer, length: read.filled }, [read.buffer]);
        }
        if (ended) self.postMessage({ done: true });
      }
    } catch (err) {
      ended = true;
      self.postMessage({ error: String((err && err.message) || err), name: (err && err.name) || 'Error' });
    }
    reading = false;
  }
  self.onmessage = (e) => {
    const m = e.data;
    if (m.stop) {
      // Between two copies (this thread runs one thing at a time): none comes after this.
      memory = null;
      ended = true;
      self.postMessage({ stopped: true });
      return;
    }
    if (m.file) {
      reader = m.file.stream().getReader({ mode: 'byob' });
      size = m.chunkSize;
      if (m.memory) {
        memory = m.memory;
        own = new ArrayBuffer(size);
        free.push(...m.blocks);
      } else {
        for (let i = 0; i < m.ahead; i++) free.push(new ArrayBuffer(size));
      }
    } else if (m.block !== undefined) {
      free.push(m.block);
    } else {
      free.push(m.buffer || new ArrayBuffer(size));
    }
    pump();
  };
}

let readerUrl = null;  // one Blob URL for every reader this worker starts

function startReader() {
  if (typeof Worker !== 'function' || typeof Blob !== 'function' || typeof URL.createObjectURL !== 'function') return null;
  try {
    if (!readerUrl) readerUrl = URL.createObjectURL(new Blob(['(' + readerMain.toString() + ')()'], { type: 'text/javascript' }));
    return new Worker(readerUrl, { name: 'b2b-pulse-reader' });
  } catch (_) {
    return null;  // refused here: the engine reads the file itself
  }
}

/** A read failure as the engine's own reading would have thrown it (a DOMException's name). */
function readFailure(m) {
  const err = new Error(m.error);
  err.name = m.name;
  return err;
}

/** Blocks of the engine's memory for the reader: `AHEAD` addresses of `size` bytes, or null
 *  when the memory is not shared or has no room (the reader then hands over its own buffers). */
function engineBlocks(engine, size) {
  if (!engine || typeof SharedArrayBuffer === 'undefined' || !(engine.memory.buffer instanceof SharedArrayBuffer)) return null;
  const blocks = [];
  for (let i = 0; i < AHEAD; i++) {
    const block = engine.malloc(size);
    if (!block) break;
    blocks.push(block);
  }
  if (blocks.length === AHEAD) return blocks;
  for (const block of blocks) engine.free(block);
  return null;
}

/**
 * pulse.js's readBlob for files of minBytes and more: the blob's chunks as read by a reader
 * worker, under pulse.js's reusable() contract. ownReading(): the engine's own way, used when
 * the blob is small or the reader cannot start. The reader is terminated when the load stops
 * taking chunks, whether it finished, was refused or cancelled; readBlob.stop() terminates any
 * left (a container's reader may stop pulling without closing the sequence), so the engine
 * worker calls it once the load has settled.
 * engine: {memory, malloc(size) → address (0: none), free(address)}, the engine's memory; when
 * it is shared, the chunks arrive in blocks of it, as views pulse.js feeds without a copy.
 */
export function readOnReader(minBytes = READER_MIN_BYTES, engine = null) {
  const running = new Set();
  async function* readBlob(blob, chunkSize, reusable, ownReading) {
    const worker = blob.size >= minBytes && typeof blob.stream === 'function' ? startReader() : null;
    if (!worker) {
      yield* ownReading();
      return;
    }
    running.add(worker);
    const blocks = engineBlocks(engine, chunkSize);
    const arrived = [];
    let wake = null;
    let chunks = 0;
    const next = async () => {
      while (!arrived.length) await new Promise((resolve) => { wake = resolve; });
      wake = null;
      return arrived.shift();
    };
    worker.onmessage = (e) => {
      arrived.push(e.data);
      if (wake) wake();
    };
    worker.onerror = (e) => {
      e.preventDefault();
      dead = true;
      arrived.push({ failedToStart: true, error: e.message || 'the file reader failed' });
      if (wake) wake();
    };
    let started = false;
    let dead = false;  // the reader failed: it copies nothing any more
    try {
      worker.postMessage(blocks ? { file: blob, chunkSize, memory: engine.memory, blocks } : { file: blob, chunkSize, ahead: AHEAD });
      for (;;) {
        const m = await next();
        if (m.failedToStart && chunks === 0) {
          yield* ownReading();  // the worker never ran: nothing of the file was taken yet
          return;
        }
        started = true;
        if (m.error) throw readFailure(m);
        if (m.done) return;
        chunks++;
        if (m.block !== undefined) {
          // In the engine's memory: fed where it lies, unless the format's reader keeps chunks
          // (then a copy of its own, and the block goes back at once).
          const view = new Uint8Array(engine.memory.buffer, m.block, m.length);
          yield reusable() ? view : view.slice();
          worker.postMessage({ block: m.block });
          continue;
        }
        yield new Uint8Array(m.buffer, 0, m.length);
        // Asked for the next chunk: the engine is done with this one, unless its reader keeps it.
        if (reusable()) worker.postMessage({ buffer: m.buffer }, [m.buffer]);
        else worker.postMessage({});
      }
    } finally {
      // The blocks are freed only once the reader said no copy into them will come (it may be
      // copying a chunk right now); a reader that never ran or failed copies nothing.
      if (blocks && started && !dead) {
        worker.postMessage({ stop: true });
        for (let m = await next(); !m.stopped && !m.error && !m.failedToStart; m = await next());
      }
      worker.terminate();
      running.delete(worker);
      if (blocks) for (const block of blocks) engine.free(block);
    }
  }
  readBlob.stop = () => {
    for (const worker of running) worker.terminate();
    running.clear();
  };
  return readBlob;
}
