// The page's side of the engine worker. The worker's code is bundled into this script as
// text and started from a Blob URL, so it runs from any host and from file:// alike.
import workerSource from 'virtual:worker-source';

export class EngineError extends Error {
  constructor(info) {
    super(info.message);
    this.code = info.code;
    this.load = info.load;
  }
}

export class EngineClient {
  constructor() {
    const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    this.worker = new Worker(url, { name: 'b2b-pulse-engine' });
    this.seq = 0;
    this.pending = new Map();
    this.worker.onmessage = (e) => this.onMessage(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      const err = new EngineError({ message: e.message || 'the engine worker failed to start' });
      this.failed = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.ready = this.call('init').finally(() => URL.revokeObjectURL(url));
  }

  onMessage(m) {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.progress) {
      if (p.onProgress) p.onProgress(m.progress[0], m.progress[1]);
      return;
    }
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new EngineError(m.error));
  }

  call(op, payload = {}, onProgress) {
    if (this.failed) return Promise.reject(this.failed);
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ id, op, ...payload });
    });
  }

  /** Streams a File/Blob into the engine (the worker reads it by slices). Resolves to its load report. */
  load(name, source, options, onProgress, chunkSize = 4 << 20) {
    return this.call('load', { name, source, options, chunkSize }, onProgress);
  }

  /** Resolves to {report, ms (engine), parseMs}. */
  async report(settings) {
    const { text, ms } = await this.call('report', { settings });
    const t0 = performance.now();
    const report = JSON.parse(text);
    return { report, ms, parseMs: performance.now() - t0, bytes: text.length };
  }

  clear() {
    return this.call('clear');
  }

  terminate() {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new EngineError({ message: 'terminated' }));
    this.pending.clear();
  }
}
