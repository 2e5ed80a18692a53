// The file-loading session: the files, their options, and the engine behind them.
//
// Every engine call (load, clear, report) goes through one queue, in the order asked. clear()
// and reload() open a new generation: work queued under an older one is dropped before it
// reaches the engine, and an answer that arrives for an older one is ignored. Without it a
// file queued behind a big one was still loaded after "Clear" (the loop went on after the
// clear) and stayed in the figures; and removing a file while another loaded loaded the others
// twice (the old loop and the reload both went on).
import { EngineClient } from './engine-client.js';
import { baseName } from './util.js';

/** What a queued call resolves to when a clear or reload came after it was asked. */
export const STALE = Symbol('stale');

export const defaultOptions = () => ({ role: 'auto', columns: {}, delimiter: 'auto', decimal: 'auto', date_format: 'auto', encoding: 'auto' });
const FILE_OPTIONS = ['role', 'columns', 'delimiter', 'decimal', 'date_format', 'encoding', 'sheet'];
const copy = (o) => JSON.parse(JSON.stringify(o));

export class Session {
  /** onProgress(done, total, name, stage): bytes of the current batch read so far; stage
   *  'unpack' while a workbook's parts inflate into the engine (counted again, from its start). */
  constructor(onProgress) {
    this.files = [];
    this.pendingOptions = new Map(); // options by file name, from a workspace or an applied edit
    this.optionsChanged = false; // a workspace changed a loaded file's options: reload all
    this.generation = 0;
    this.batches = 0; // load batches of this generation not finished yet
    this.tail = Promise.resolve();
    this.onProgress = onProgress;
    this.loadMs = 0;
  }

  /** Starts the engine's worker; resolves to {kind} when it is ready. Throws if it cannot start. */
  start() {
    this.engine = new EngineClient();
    return this.engine.ready;
  }

  /** Stops the worker and drops everything queued. */
  dispose() {
    this.generation++;
    this.batches = 0;
    if (this.engine) this.engine.terminate();
    this.engine = null;
  }

  get loading() {
    return this.batches > 0;
  }

  hasData() {
    return this.files.some((f) => f.load && !f.error);
  }

  /** Runs task(engine) after every call queued before it; resolves to STALE, without calling
   *  the engine, when a clear or reload came in between. */
  enqueue(task) {
    const gen = this.generation;
    const result = this.tail.then(() => (gen === this.generation && this.engine ? task(this.engine) : STALE));
    this.tail = result.then(() => {}, () => {});
    return result;
  }

  /** The report for these settings (of these sections only, when given): {report, ms, parseMs,
   *  prefetched}, or STALE. prefetch: rows requests the worker answers with it (rows-ahead.js). */
  report(settings, sections, prefetch, sameAs) {
    return this.enqueue((engine) => engine.report(settings, sections, prefetch, sameAs));
  }

  /** Rows of a paged list of the last report (EngineClient.rows), or STALE. */
  rows(request) {
    return this.enqueue((engine) => engine.rows(request)).then((answer) => (answer === STALE || answer.stale ? STALE : answer));
  }

  /** Adds (or replaces, by name) files: [{name, source, size}]. Resolves to true when the
   *  caller should draw the report (the last batch of the generation finished). */
  add(list) {
    let replaced = false;
    const fresh = [];
    for (const { name, source, size } of list) {
      const entry = { name, source, size, options: copy(this.pendingOptions.get(name) || defaultOptions()), load: null, error: null, status: 'pending' };
      const old = this.files.findIndex((f) => f.name === name);
      if (old >= 0) {
        this.files[old] = entry;
        replaced = true;
      } else this.files.push(entry);
      fresh.push(entry);
    }
    // A replaced file's rows are in the engine already: start again from nothing.
    if (replaced || this.optionsChanged) return this.reload();
    return this.load(fresh);
  }

  /** Empties the engine and loads every file again (options changed, a file removed). */
  reload() {
    this.optionsChanged = false;
    const cleared = this.newGeneration();
    for (const f of this.files) (f.load = null), (f.error = null), (f.status = 'pending');
    const loaded = this.load(this.files.slice());
    return cleared.then(() => loaded);
  }

  /** Forgets every file; resolves when the engine is empty (rejects if the engine failed). */
  clear() {
    this.files = [];
    return this.newGeneration();
  }

  remove(name) {
    this.files = this.files.filter((f) => f.name !== name);
    return this.files.length ? this.reload() : this.clear().then(() => false);
  }

  /** Takes the edited options of file `name` (its draft) and reloads; false if none. */
  applyDraft(name) {
    const f = this.files.find((x) => x.name === name);
    if (!f || !f.draft) return false;
    f.options = f.draft;
    f.draft = null;
    this.pendingOptions.set(f.name, f.options);
    return this.reload();
  }

  /** A workspace's file options (SPEC §5): kept for files to come, applied to loaded ones.
   *  Returns {n, missing} (files it names that are not loaded). */
  applyWorkspaceFiles(ws) {
    let n = 0;
    for (const f of ws.files || []) {
      const name = baseName(f.path || '');
      if (!name) continue;
      const options = { ...defaultOptions() };
      for (const k of FILE_OPTIONS) if (f[k] !== undefined && f[k] !== null) options[k] = f[k];
      options.columns = { ...(options.columns || {}) };
      this.pendingOptions.set(name, options);
      const entry = this.files.find((x) => x.name === name);
      if (entry && JSON.stringify(entry.options) !== JSON.stringify(options)) {
        entry.options = options;
        this.optionsChanged = true;
      }
      n++;
    }
    const missing = (ws.files || []).map((f) => baseName(f.path || '')).filter((nm) => nm && !this.files.some((x) => x.name === nm));
    return { n, missing };
  }

  newGeneration() {
    this.generation++;
    this.batches = 0;
    if (this.engine) this.engine.cancelLoad();
    return this.enqueue((engine) => engine.clear());
  }

  /** Queues the entries' loads, one after the other; resolves to true when this batch was the
   *  last of its generation, false when another batch or a newer generation follows. */
  async load(entries) {
    if (!this.engine) return false;
    const gen = this.generation;
    this.batches++;
    const total = entries.reduce((a, e) => a + (e.size || 0), 0);
    let done = 0;
    const t0 = performance.now();
    const current = () => gen === this.generation;
    await Promise.all(entries.map((e) => this.enqueue(async (engine) => {
      e.status = 'loading';
      this.onProgress(done, total, e.name);
      try {
        e.load = await engine.load(e.name, e.source, e.options, (bytes, _size, stage) => current() && this.onProgress(done + bytes, total, e.name, stage));
        e.error = null;
      } catch (err) {
        e.load = err.load || null;
        e.error = err.message || String(err);
      }
      e.status = 'done';
      done += e.size || 0;
    })));
    if (!current()) return false;
    this.loadMs = performance.now() - t0;
    return --this.batches === 0;
  }
}

/** Fetches a URL as a Blob (same-origin credentials, as a link would). */
export async function fetchBlob(url) {
  const resp = await fetch(url, { credentials: 'same-origin' });
  if (!resp.ok) throw new Error(`HTTP ${resp.status}`);
  return resp.blob();
}

/** A small .json whose top level has "files" or "settings" is a workspace, not data. */
export async function asWorkspace(name, blob) {
  if (!/\.json$/i.test(name) || blob.size > 2_000_000) return null;
  try {
    const doc = JSON.parse(await blob.text());
    if (doc && typeof doc === 'object' && !Array.isArray(doc) && (Array.isArray(doc.files) || (doc.settings && typeof doc.settings === 'object')) && !Array.isArray(doc.items)) return doc;
  } catch {
    /* not JSON, or JSON data: let the engine read it */
  }
  return null;
}
