// The engine worker's reader of a big file (src/worker/file-reader.js), under Node with a
// stand-in for the browser's Worker: the reader's own script (started from a Blob URL of its
// text) runs in this thread, and messages cross by structuredClone with their transfers, so a
// transferred buffer is detached on the sending side as in a browser. Checked: the chunks
// are the file's bytes in order; buffers go back to the reader only when the consumer is done
// with them (a container's reader keeps its chunks intact); a reader that cannot start, or no
// Worker at all, leaves the reading to the engine; a read failure rejects with its name; and
// stop() ends a reader the consumer left. (Chromium: tests/browser/reader_worker.test.mjs.)
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { resolveObjectURL } from 'node:buffer';
import { readOnReader } from '../../web/src/worker/file-reader.js';
import { byteStreamFile } from '../wasm/byte-stream-file.js';

const started = [];

/** A Worker stand-in: `script` runs the Blob URL's text with `self` bound to its side. */
class FakeWorker {
  constructor(url, { failToStart = false } = {}) {
    this.terminated = false;
    this.sent = [];  // per chunk taken: 'handed back' (its buffer) or 'fresh' (the consumer keeps it)
    started.push(this);
    const inside = {
      onmessage: null,
      postMessage: (data, transfer = []) => {
        const copy = structuredClone(data, { transfer });
        setImmediate(() => !this.terminated && this.onmessage && this.onmessage({ data: copy }));
      },
    };
    this.inside = inside;
    this.ready = failToStart
      ? Promise.resolve().then(() => this.onerror && this.onerror({ message: 'refused', preventDefault() {} }))
      : resolveObjectURL(url).text().then((text) => new Function('self', text)(inside));
  }
  postMessage(data, transfer = []) {
    // The file itself crosses as is (a browser clones a File; this stand-in has functions).
    const copy = data.file ? data : structuredClone(data, { transfer });
    if (!data.file) this.sent.push(data.buffer ? 'handed back' : 'fresh');
    this.ready.then(() => setImmediate(() => !this.terminated && this.inside.onmessage && this.inside.onmessage({ data: copy })));
  }
  terminate() {
    this.terminated = true;
  }
}

function someBytes(n) {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
  return bytes;
}

function withWorker(Worker) {
  globalThis.Worker = Worker;
}

afterEach(() => {
  delete globalThis.Worker;
  started.length = 0;
});

const never = () => { throw new Error('the engine was not to read the file itself'); };

async function collect(iterable, keep) {
  const seen = [];
  for await (const chunk of iterable) seen.push(keep ? chunk : chunk.slice());
  return seen;
}

function joined(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

test('a plain file: the chunks are its bytes, in buffers handed back and read into again', async () => {
  withWorker(FakeWorker);
  const bytes = someBytes(100_003);
  const readBlob = readOnReader(1);
  const chunks = [];
  for await (const chunk of readBlob(byteStreamFile(bytes, 777), 4096, () => true, never))
    chunks.push(chunk.slice());  // copied, as the engine copies into wasm memory
  assert.equal(chunks.length, Math.ceil(100_003 / 4096));
  assert.ok(chunks.slice(0, -1).every((c) => c.length === 4096), 'each chunk filled whole but the last');
  assert.deepEqual(joined(chunks), bytes);
  assert.equal(started.length, 1);
  assert.deepEqual(started[0].sent, chunks.map(() => 'handed back'));
  assert.ok(started[0].terminated, 'the reader is terminated at the end');
});

test('a container: chunks kept by the consumer are never read into again', async () => {
  withWorker(FakeWorker);
  const bytes = someBytes(50_000);
  const readBlob = readOnReader(1);
  const kept = await collect(readBlob(byteStreamFile(bytes, 1000), 4096, () => false, never), true);
  assert.deepEqual(joined(kept), bytes, 'every kept chunk still holds its bytes');
  assert.equal(new Set(kept.map((c) => c.buffer)).size, kept.length, 'a buffer per chunk');
  assert.deepEqual(started[0].sent, kept.map(() => 'fresh'));
});

test('a file under the threshold, no Worker, or a reader that fails to start: the engine reads it', async () => {
  const bytes = someBytes(10_000);
  const own = async function* () { yield bytes; };
  withWorker(FakeWorker);
  assert.deepEqual(joined(await collect(readOnReader(20_000)(byteStreamFile(bytes, 100), 4096, () => true, own))), bytes);
  assert.equal(started.length, 0, 'under the threshold no reader starts');
  delete globalThis.Worker;
  assert.deepEqual(joined(await collect(readOnReader(1)(byteStreamFile(bytes, 100), 4096, () => true, own))), bytes);
  withWorker(class extends FakeWorker {
    constructor(url) {
      super(url, { failToStart: true });
    }
  });
  assert.deepEqual(joined(await collect(readOnReader(1)(byteStreamFile(bytes, 100), 4096, () => true, own))), bytes);
  assert.ok(started[0].terminated);
});

test('a read that fails rejects with its name; stop() ends a reader the consumer left', async () => {
  withWorker(FakeWorker);
  const bytes = someBytes(40_000);
  const failing = readOnReader(1)(byteStreamFile(bytes, 1000, 20_000), 4096, () => true, never);
  await assert.rejects(collect(failing), (err) => err.name === 'NotReadableError' && /changed/.test(err.message));
  assert.ok(started[0].terminated);

  const readBlob = readOnReader(1);
  const iterator = readBlob(byteStreamFile(bytes, 1000), 4096, () => true, never)[Symbol.asyncIterator]();
  assert.equal((await iterator.next()).value.length, 4096);  // one chunk taken, then left
  assert.equal(started[1].terminated, false);
  readBlob.stop();
  assert.ok(started[1].terminated);
});
