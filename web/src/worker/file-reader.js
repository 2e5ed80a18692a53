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

/** Files from this size are read on a reader worker; a smaller one is read before it would start. */
export const READER_MIN_BYTES = 32 << 20;

/** Chunks read ahead of the engine (two in flight while it parses a third). */
const AHEAD = 3;

// The reader worker's whole script: self-contained, it is started from this function's text, so
// its fill loop is pulse.js's fillFrom written again (nothing outside this function reaches the
// reader's thread).
// In: {file, chunkSize, ahead} once, then {buffer} (a chunk's buffer handed back) or {} (keep
// it: read into a fresh one). Out: {buffer, length} per chunk, {done} at the end, {error}.
function readerMain() {
  let reader = null;
  let size = 0;
  let reading = false;
  let ended = false;
  const free = [];
  async function pump() {
    if (reading) return;
    reading = true;
    try {
      while (free.length && !ended) {
        let buffer = free.shift();
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
        if (filled > 0) self.postMessage({ buffer, length: filled }, [buffer]);
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
    if (m.file) {
      reader = m.file.stream().getReader({ mode: 'byob' });
      size = m.chunkSize;
      for (let i = 0; i < m.ahead; i++) free.push(new ArrayBuffer(size));
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

/**
 * pulse.js's readBlob for files of minBytes and more: the blob's chunks as read by a reader
 * worker, under pulse.js's reusable() contract. ownReading(): the engine's own way, used when
 * the blob is small or the reader cannot start. The reader is terminated when the load stops
 * taking chunks, whether it finished, was refused or cancelled; readBlob.stop() terminates any
 * left (a container's reader may stop pulling without closing the sequence), so the engine
 * worker calls it once the load has settled.
 */
export function readOnReader(minBytes = READER_MIN_BYTES) {
  const running = new Set();
  async function* readBlob(blob, chunkSize, reusable, ownReading) {
    const worker = blob.size >= minBytes && typeof blob.stream === 'function' ? startReader() : null;
    if (!worker) {
      yield* ownReading();
      return;
    }
    running.add(worker);
    const arrived = [];
    let wake = null;
    let chunks = 0;
    worker.onmessage = (e) => {
      arrived.push(e.data);
      if (wake) wake();
    };
    worker.onerror = (e) => {
      e.preventDefault();
      arrived.push({ failedToStart: true, error: e.message || 'the file reader failed' });
      if (wake) wake();
    };
    try {
      worker.postMessage({ file: blob, chunkSize, ahead: AHEAD });
      for (;;) {
        while (!arrived.length) await new Promise((resolve) => { wake = resolve; });
        wake = null;
        const m = arrived.shift();
        if (m.failedToStart && chunks === 0) {
          yield* ownReading();  // the worker never ran: nothing of the file was taken yet
          return;
        }
        if (m.error) throw readFailure(m);
        if (m.done) return;
        chunks++;
        yield new Uint8Array(m.buffer, 0, m.length);
        // Asked for the next chunk: the engine is done with this one, unless its reader keeps it.
        if (reusable()) worker.postMessage({ buffer: m.buffer }, [m.buffer]);
        else worker.postMessage({});
      }
    } finally {
      worker.terminate();
      running.delete(worker);
    }
  }
  readBlob.stop = () => {
    for (const worker of running) worker.terminate();
    running.clear();
  };
  return readBlob;
}
