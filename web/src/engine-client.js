// The page's side of the engine worker. The worker's code is bundled into this script as
// text and started from a Blob URL (worker-script.js), so it runs from any host and from
// file:// alike.
import { workerScriptUrl } from './worker-script.js';
import { IngestPool, PARALLEL_MIN_BYTES, helperCount, wantsRanges } from './ingest-pool.js';

// The hosted build (build.mjs) keeps the wasm in a file of its own next to this script
// (PULSE_WASM_FILE, replaced at build time; null when it is inlined). Its
// compilation starts as soon as the script runs, while the page draws and the user picks a
// file; the compiled module is then posted to the worker, which only instantiates it.
// The single file (file:// cannot fetch a file) has the wasm as base64 in this script instead
// (PULSE_WASM_INLINE, null otherwise): its engine's worker compiles it and hands the compiled
// module back (start()), which the warm-up and the range helpers then share as the hosted
// page's do. Compiled on the page, it held the page's first drawing back by about 200 ms on 2
// cores (bench/engine-start.mjs), with no download to overlap.
/* global PULSE_WASM_FILE, PULSE_WASM_INLINE, PULSE_PARQUET_FILE, PULSE_SHARED_ENGINE, PULSE_RANGES_ENGINE */
// This script's own address, read while it runs (document.currentScript is null afterwards):
// the engine's files are next to it.
const scriptUrl = typeof document !== 'undefined' && document.currentScript && document.currentScript.src;
// The Parquet reader, a script of its own in the hosted build (null when the worker bundles it):
// the worker fetches it the first time a Parquet file is dropped.
const parquetUrl = PULSE_PARQUET_FILE ? engineUrl(PULSE_PARQUET_FILE) : null;
// A cross-origin isolated page (served with COOP and COEP, web/serve.mjs) runs the engine built
// over a shared memory, {worker, wasm} next to this script (PULSE_SHARED_ENGINE, null when not
// built), so that another worker touches its fresh pages while it works
// (worker/page-toucher.js). globalThis.B2B_PULSE_SHARED = false before this script runs keeps
// the plain engine (the tests and benchmarks compare).
const sharedEngine = typeof PULSE_SHARED_ENGINE === 'object' && PULSE_SHARED_ENGINE && globalThis.crossOriginIsolated === true &&
  globalThis.B2B_PULSE_SHARED !== false ? PULSE_SHARED_ENGINE : null;
// The hosted page's plain engine is built without the parallel load's entry, 13 KB lighter
// gzipped (wasm/CMakeLists.txt, pulse_wasm_binding_lean). A host that turns the parallel load on
// (globalThis.B2B_PULSE_PARALLEL before this script runs) gets the engine built with it,
// {worker, wasm} next to this script (PULSE_RANGES_ENGINE: a worker of its own, because each
// link's glue names the module's imports its own way), for the engine and its range helpers.
const rangesEngine = globalThis.B2B_PULSE_PARALLEL && typeof PULSE_RANGES_ENGINE === 'object' && PULSE_RANGES_ENGINE
  ? PULSE_RANGES_ENGINE : null;
const plainWasmFile = rangesEngine ? rangesEngine.wasm : PULSE_WASM_FILE;
/** The plain engine's worker script: the bundled one (a Blob URL), or the ranges engine's file. */
const plainWorkerUrl = () => (rangesEngine ? engineUrl(rangesEngine.worker) : workerScriptUrl());
const wasmFile = sharedEngine ? sharedEngine.wasm : plainWasmFile;
let compiledEngine = wasmFile ? compileEngine(engineUrl(wasmFile)) : null;
if (compiledEngine) compiledEngine.catch(() => {});  // reported by EngineClient.ready
let compiledPlain = sharedEngine ? null : compiledEngine;
let warmUpAsked = false;  // the engine's first run ahead (EngineClient.startWarmUp), once a page

/** The plain engine's compiled module (null when the worker has it in its glue); on an isolated
 *  page compiled only when asked: for the range helpers, or when the shared engine cannot start;
 *  in the single file, the module its engine's worker compiled, once it has. */
function plainEngine() {
  if (!compiledPlain && plainWasmFile) compiledPlain = compileEngine(engineUrl(plainWasmFile));
  return compiledPlain;
}

function engineUrl(file) {
  return new URL(file, scriptUrl || location.href).href;
}

async function compileEngine(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  // Streaming compilation wants the application/wasm type; a host that sends another still works.
  const type = response.headers.get('content-type') || '';
  if (WebAssembly.compileStreaming && type.split(';')[0].trim() === 'application/wasm') return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

export class EngineError extends Error {
  constructor(info) {
    super(info.message);
    this.code = info.code;
    this.load = info.load;
  }
}

/** Memory the engine touches before the first file: about what Online Retail's first report
 *  uses beyond the module's start (docs/performance.md "Memory touched before the first file"). */
export const WARM_BYTES = 48 << 20;

/** How long after the engine is ready its warm-up starts (EngineClient.startWarmUp), if no
 *  file was asked for by then. */
export const WARM_UP_AFTER_MS = 200;

export class EngineClient {
  constructor() {
    this.seq = 0;
    this.pending = new Map();
    // Big CSV files in ranges on helper workers (src/ingest-pool.js); null reads every file in
    // one stream. Off unless a host page (or a test, a benchmark) sets
    // globalThis.B2B_PULSE_PARALLEL before this script runs: true, or some of {minBytes,
    // rangeBytes, helpers}. Off by default because on the busy 2-core machine it was measured
    // on it was slower than one stream (docs/performance.md, "Parallel ingest in the page").
    const host = globalThis.B2B_PULSE_PARALLEL;
    this.parallel = !host ? null
      : { minBytes: PARALLEL_MIN_BYTES, rangeBytes: 8 << 20, helpers: helperCount(), ...(host === true ? {} : host) };
    // A big file's bytes are read on a reader worker (src/worker/file-reader.js), from 32 MiB.
    // globalThis.B2B_PULSE_READER before this script runs: false reads every file on the engine
    // worker; {minBytes} moves the threshold (the tests and bench/page-big-file.mjs use both).
    const reader = globalThis.B2B_PULSE_READER;
    this.readerMinBytes = reader === false ? null : reader && reader.minBytes !== undefined ? reader.minBytes : undefined;
    // The shared-memory engine first on an isolated page; where it cannot start (its files
    // missing, a browser that cannot reserve a shared memory of 4 GB), the plain one.
    let opened = this.start(sharedEngine);
    if (sharedEngine) {
      opened = opened.catch(() => {
        this.worker.terminate();
        return this.start(null);
      });
    }
    this.opened = opened.then(() => {}, (err) => { this.startFailed = err; });
    // When the engine could take a file, in ms since the page opened: readyAt and a User Timing
    // mark 'b2b-pulse:engine-ready' (bench/engine-start.mjs reads the mark).
    this.ready = opened.then((info) => {
      this.readyAt = performance.now();
      if (performance.mark) performance.mark('b2b-pulse:engine-ready');
      return info;
    });
    // The engine's first run, on made-up lines in a worker of its own, while the user picks a
    // file (worker/warm-up.js): resolves to {lines, ms}, or null when not run.
    this.warmedUp = this.startWarmUp();
  }

  /** Runs the engine's first run ahead on another worker over the engine's compiled module,
   *  whose optimised code the engine's worker then finds ready: the same worker script and
   *  module as the engine's (the plain one, or on an isolated page the shared-memory one). Only
   *  where that module is the page's to share (the hosted page's file or the single file's
   *  inlined base64, compiled here; not a build whose worker has the wasm in its glue) and a
   *  second core can take it; once a page. globalThis.B2B_PULSE_WARM_UP = false
   *  before this script runs: never (the tests and benchmarks compare). */
  startWarmUp() {
    const cores = (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 1;
    if (!(compiledEngine || PULSE_WASM_INLINE) || cores < 2 || globalThis.B2B_PULSE_WARM_UP === false || warmUpAsked) return Promise.resolve(null);
    warmUpAsked = true;  // once a page: its elements share the compiled module
    // Started a moment after the engine is ready, and not at all once a file is asked for: a
    // file dropped at once, or fetched by the element itself, gets both cores for its load.
    const idle = this.ready.then(() => new Promise((resolve) => setTimeout(resolve, WARM_UP_AFTER_MS)));
    return idle.then(() => this.started.compiled).then((wasmModule) => this.terminated || this.loadAsked ? null : new Promise((resolve) => {
      const worker = new Worker(this.started.url, { name: 'b2b-pulse-warm-up' });
      const done = (result) => {
        worker.terminate();
        this.warmUpWorker = null;
        resolve(result);
      };
      this.warmUpWorker = { terminate: () => done(null) };
      // A warm-up that fails costs nothing but its time: the engine's worker does not need it.
      worker.onerror = (e) => {
        e.preventDefault();
        done(null);
      };
      worker.onmessage = (e) => {
        if (!e.data.ok) done(null);
        else if (e.data.id === 2) done(e.data.result);
      };
      worker.postMessage({ id: 1, op: 'init', wasmModule });
      worker.postMessage({ id: 2, op: 'warm-up' });
    }), () => null);
  }

  /** Starts the engine's worker: `shared` ({worker, wasm}) or the plain one (null). Resolves to
   *  its init's answer. */
  start(shared) {
    const url = shared ? engineUrl(shared.worker) : plainWorkerUrl();
    const compiled = shared ? compiledEngine : plainEngine();
    this.started = { url, compiled };  // the engine that runs: the warm-up runs the same
    this.failed = null;
    this.worker = new Worker(url, { name: 'b2b-pulse-engine' });
    this.worker.onmessage = (e) => this.onMessage(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      const err = new EngineError({ message: e.message || 'the engine worker failed to start' });
      this.failed = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    // Requests wait until the worker has its engine's module (init is always its first message).
    // The engine touches WARM_BYTES of its memory while the user picks a file (pulse.js
    // warmMemory); globalThis.B2B_PULSE_WARM before this script runs: false never, a number of
    // bytes otherwise (the tests and benchmarks compare).
    const warmBytes = globalThis.B2B_PULSE_WARM === false ? 0 : typeof globalThis.B2B_PULSE_WARM === 'number' ? globalThis.B2B_PULSE_WARM : WARM_BYTES;
    // wasm: {wasmModule} (compiled here), {wasmBase64} (the single file's, for the worker to
    // compile: it answers with the module) or nothing (the worker's glue has it).
    const init = (wasm) => this.post('init', { ...wasm, ...(parquetUrl ? { parquetUrl } : {}), warmBytes }).then(({ wasmModule, ...info }) => {
      if (wasmModule) this.started.compiled = compiledPlain = compiledEngine = Promise.resolve(wasmModule);
      return info;
    });
    if (compiled) return compiled.then((wasmModule) => init({ wasmModule }), (err) => Promise.reject(new EngineError({ message: `the engine could not be loaded (${err.message || err})` })));
    return init(PULSE_WASM_INLINE ? { wasmBase64: PULSE_WASM_INLINE } : {});
  }

  onMessage(m) {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.progress) {
      if (p.onProgress) p.onProgress(m.progress[0], m.progress[1], m.progress[2]);
      return;
    }
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new EngineError(m.error));
  }

  call(op, payload = {}, onProgress) {
    return this.opened.then(() => (this.startFailed ? Promise.reject(this.startFailed) : this.post(op, payload, onProgress)));
  }

  post(op, payload = {}, onProgress, transfer = []) {
    if (this.failed) return Promise.reject(this.failed);
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ id, op, ...payload }, transfer);
    });
  }

  /** Streams a File/Blob into the engine (the worker reads it by slices). Resolves to its load report.
   *  A big CSV file is read in ranges by helper workers as well (this.parallel; null: never). */
  load(name, source, options, onProgress, chunkSize = 4 << 20) {
    // A file picked before the warm-up ended: the load gets its core (what the warm-up made
    // ready stays ready).
    this.loadAsked = true;
    if (this.warmUpWorker) this.warmUpWorker.terminate();
    if (this.parallel && wantsRanges(name, source, this.parallel.minBytes))
      return this.loadInRanges(name, source, options, onProgress, chunkSize);
    return this.call('load', { name, source, options, chunkSize, readerMinBytes: this.readerMinBytes }, onProgress);
  }

  async loadInRanges(name, source, options, onProgress, chunkSize) {
    // The helpers run the plain engine (their own memories), also beside a shared-memory one.
    const plain = plainEngine();
    const wasmModule = plain ? await plain.catch(() => null) : null;
    const pool = new IngestPool(plainWorkerUrl(), wasmModule, this.parallel.helpers);
    try {
      const payload = { name, source, options, chunkSize, rangePorts: pool.ports, rangeBytes: this.parallel.rangeBytes };
      return await this.opened.then(() => (this.startFailed ? Promise.reject(this.startFailed) : this.post('load', payload, onProgress, pool.ports)));
    } finally {
      pool.terminate();
    }
  }

  /** Resolves to {report, ms (engine), takeMs (the worker's parse of the text and keeping of its
   *  big lists), parseMs (here; 0 when the worker parsed it), textBytes
   *  (the engine's whole JSON), heapBytes (the engine's wasm memory, null when unknown),
   *  pagesTouched (of that memory, by the isolated page's toucher; null without one)}. A
   *  report with big lists comes parsed, without them (worker/report-store.js): rows() pages
   *  them; one without comes as the engine's text. sections: the report keys to compute
   *  (wasm/pulse.js reportText; omitted: the whole report). sameAs: the report_id of a report of
   *  the same settings whose lists this one's answer for too (report-store.js take). */
  async report(settings, sections, prefetch, sameAs = null) {
    const { report, text, ms, takeMs = null, textBytes = null, heapBytes = null, pagesTouched = null, prefetched = null } =
      await this.call('report', { settings, sections, ...(prefetch && prefetch.length ? { prefetch } : {}), ...(sameAs !== null ? { sameAs } : {}) });
    const t0 = performance.now();
    const parsed = report || JSON.parse(text);
    return { report: parsed, ms, takeMs, parseMs: performance.now() - t0, textBytes, heapBytes, pagesTouched, prefetched };
  }

  /** Rows of a list the worker kept (report-store.js rows()): {rows, matched, total, offset} or {stale: true}. */
  rows(request) {
    return this.call('rows', { request });
  }

  clear() {
    return this.call('clear');
  }

  /** Stops the load under way, if any (its promise rejects): asked before a clear or a reload,
   *  so that a big file is not read to its end only to be thrown away. */
  cancelLoad() {
    if (!this.failed) this.worker.postMessage({ id: 0, op: 'cancel', upTo: this.seq });
  }

  terminate() {
    this.terminated = true;
    if (this.warmUpWorker) this.warmUpWorker.terminate();
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new EngineError({ message: 'terminated' }));
    this.pending.clear();
  }
}
