// Helper workers for loading one big CSV file on several cores (worker/split-load.js): the
// page starts them, because the engine worker's own script URL is gone once it runs, and
// links each to the engine worker by a MessageChannel whose port travels with the load
// request. The pool lives as long as its load: it is terminated when the load ends, fails or
// is cancelled (a clear or a new load cancels the one under way), so no helper outlives it.
// Used only when the host page turns it on (engine-client.js, globalThis.B2B_PULSE_PARALLEL).

/** Files from this size are read in ranges (kParallelMinBytes); smaller ones gain nothing. */
export const PARALLEL_MIN_BYTES = 8 << 20;

// Names of files that are never read in ranges: packed, workbooks, JSON, Parquet. The engine
// also checks the bytes (a .csv that is gzip inside goes to one stream all the same).
const ONE_STREAM = /\.(gz|gzip|zip|xlsx|json|ndjson|jsonl|parquet)$/i;

/** Helpers for this machine: one core is the engine worker's; at most four, at least one. */
export function helperCount(cores = (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2) {
  return Math.max(1, Math.min(4, cores - 1));
}

/** True when `source` is a file worth reading in ranges. */
export function wantsRanges(name, source, minBytes = PARALLEL_MIN_BYTES) {
  return typeof Blob !== 'undefined' && source instanceof Blob && source.size >= minBytes &&
         !ONE_STREAM.test(String(name));
}

export class IngestPool {
  /**
   * scriptUrl: the worker bundle's URL (each helper is an instance of it, worker-script.js);
   * wasmModule: the page's compiled engine (hosted build) or null (the worker has it inlined).
   */
  constructor(scriptUrl, wasmModule, count = helperCount()) {
    this.workers = [];
    this.ports = [];  // the engine worker's ends, transferred with the load request
    for (let i = 0; i < count; i++) {
      const worker = new Worker(scriptUrl, { name: 'b2b-pulse-range-' + (i + 1) });
      // A helper that fails to start answers nothing: the engine reads its ranges itself.
      worker.onerror = (e) => e.preventDefault();
      const channel = new MessageChannel();
      worker.postMessage({ id: 1, op: 'init', ...(wasmModule ? { wasmModule } : {}) });
      worker.postMessage({ id: 2, op: 'range-serve', port: channel.port2 }, [channel.port2]);
      this.workers.push(worker);
      this.ports.push(channel.port1);
    }
  }

  terminate() {
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
  }
}
