// The engine's Web Worker: one engine, requests served one after the other so that a
// report never runs while a file is half loaded. Messages in: {id, op, ...}; out:
// {id, progress: [bytes, total, stage]} while loading (stage 'unpack': a workbook's parts inflating
// into the engine after the file was read), then {id, ok, result} or {id, ok: false, error}.
import { openEngine } from 'pulse-engine-adapter';
import { ReportStore } from './report-store.js';
import { loadWithHelpers, serveRanges } from './range-helpers.js';
import { READER_MIN_BYTES, readOnReader } from './file-reader.js';
import { warmUp } from './warm-up.js';

let engine = null;
let warming = null;  // {stop, done}: memory touched while no request waits (pulse.js warmMemory)
let queue = Promise.resolve();
let loading = null;  // the AbortController of the load running now
let cancelledUpTo = 0;  // loads asked before this request id are cancelled, even not begun yet
const reports = new ReportStore();  // the last report's big lists, paged to the page on request
let ownModule = null;  // the engine's module when compiled here (the single file's base64)

/** The single file's wasm, given as base64, compiled: decoded by the browser from a data: URL
 *  (its Content-Security-Policy allows data: to connect) as the module streams in. */
function compileInline(base64) {
  return WebAssembly.compileStreaming(fetch(`data:application/wasm;base64,${base64}`));
}

function errorOf(err) {
  return {
    message: String((err && err.message) || err),
    code: (err && err.code) || null,
    load: (err && err.load) || null,
  };
}

/** Touches memory until the first request after init comes (the page's engine only: init's
 *  warmBytes; helpers get none). */
function warm(e, bytes) {
  if (!bytes || !e.pulse || typeof e.pulse.warmMemory !== 'function') return;
  const w = { stop: false };
  w.done = e.pulse.warmMemory(bytes, () => w.stop).catch(() => 0);
  warming = w;
}

async function stopWarming() {
  if (!warming) return;
  const w = warming;
  warming = null;
  w.stop = true;
  await w.done;  // within a megabyte's fill: its block is freed before the request touches the engine
}

async function handle(msg) {
  // init comes first: the page's compiled wasm (or, from the single file, its bytes as base64 to
  // compile here), if any, and where its Parquet reader is
  if (!engine) {
    const compiled = msg.wasmBase64 ? compileInline(msg.wasmBase64) : Promise.resolve(msg.wasmModule);
    engine = compiled.then((wasmModule) => {
      ownModule = msg.wasmBase64 ? wasmModule : null;
      return openEngine(wasmModule, { parquetUrl: msg.parquetUrl });
    });
  }
  const e = await engine;
  await stopWarming();
  if (e.pages) e.pages.working();
  try {
    return await serve(e, msg);
  } finally {
    if (e.pages) e.pages.idle();
  }
}

async function serve(e, msg) {
  const { id, op } = msg;
  switch (op) {
    case 'init':
      warm(e, msg.warmBytes);
      // sharedMemory: the engine's fresh pages are touched on another worker (page-toucher.js);
      // wasmModule: the module compiled here from the single file's base64, for the page to share.
      return { kind: e.kind, schema: e.schema(), sharedMemory: Boolean(e.pages), ...(ownModule ? { wasmModule: ownModule } : {}) };
    case 'load': {
      let last = 0;
      const onProgress = (bytes, total, stage) => {
        const now = performance.now();
        if (now - last > 40 || bytes === total) {
          last = now;
          self.postMessage({ id, progress: [bytes, total, stage] });
        }
      };
      loading = new AbortController();
      if (id <= cancelledUpTo) loading.abort();
      let readBlob;
      try {
        // A big CSV file with helper workers (src/ingest-pool.js): in ranges, else in one stream.
        if (msg.rangePorts && e.pulse) {
          const load = await loadWithHelpers(e.pulse, msg, { onProgress, signal: loading.signal });
          if (load) return load;
        }
        // A big file's bytes are read on a reader worker (file-reader.js); readerMinBytes: null never.
        const minBytes = msg.readerMinBytes === undefined ? READER_MIN_BYTES : msg.readerMinBytes;
        readBlob = minBytes === null ? undefined : readOnReader(minBytes);
        return await e.loadFile(msg.name, msg.source, { options: msg.options, onProgress, chunkSize: msg.chunkSize, signal: loading.signal, readBlob });
      } finally {
        if (readBlob) readBlob.stop();  // no reader outlives its load
        loading = null;
      }
    }
    case 'report': {
      const t0 = performance.now();
      let text;
      try {
        text = e.reportText(msg.settings, msg.sections);  // sections: the view's, or all
      } catch (err) {
        // The engine kept the last report's lists until this one: the page's next rows of them
        // are stale, not an error.
        reports.clear();
        throw err;
      }
      const ms = performance.now() - t0;
      // The report without its big lists (they stay in `reports`, report.paged says which);
      // the text as it is when it has none of them.
      const t1 = performance.now();
      const report = reports.take(text, id, e.keptLists ? e.keptLists() : null, msg.sameAs ?? null);
      // The rows the page will ask of this report's lists, answered now (src/rows-ahead.js).
      const prefetched = report && Array.isArray(msg.prefetch) ? msg.prefetch.map((request) => reports.rows({ ...request, report_id: id })) : null;
      // The engine's wasm memory after the report (it only grows) and the time the worker spent
      // parsing the text and keeping the big lists: the benchmark reports both.
      return { ...(report ? { report } : { text }), prefetched, ms, takeMs: performance.now() - t1, textBytes: text.length, heapBytes: e.heapBytes ? e.heapBytes() : null,
        pagesTouched: e.pages ? e.pages.pages() : null };
    }
    case 'rows':
      return reports.rows(msg.request);
    case 'range-serve':  // this worker is a helper of another's load (range-helpers.js)
      serveRanges(msg.port, e.pulse);
      return true;
    case 'warm-up':  // this worker only runs the engine's first run ahead (warm-up.js), then is closed
      return warmUp(e);
    case 'clear':
      reports.clear();
      e.clear();
      return true;
    default:
      throw new Error('unknown request ' + op);
  }
}

self.onmessage = (ev) => {
  const msg = ev.data;
  // Not queued: a clear or a reload cancels the load under way instead of waiting for it.
  if (msg.op === 'cancel') {
    cancelledUpTo = Math.max(cancelledUpTo, msg.upTo);
    if (loading) loading.abort();
    return;
  }
  const run = () => handle(msg).then(
    (result) => self.postMessage({ id: msg.id, ok: true, result }),
    (err) => self.postMessage({ id: msg.id, ok: false, error: errorOf(err) }),
  );
  queue = queue.then(run, run);
};
