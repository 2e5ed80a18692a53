// A big plain CSV file loaded in byte ranges: this engine (the engine worker's) reads the head,
// then, window by window, parses the first range itself while helpers (helper workers, each
// with an engine of its own) parse the others, and absorbs their results in file order. The
// steps are the engine's (wasm/split_load.h over ingest::SteppedCsvLoad): the result is the
// one-stream load's, byte for byte. No memory is shared (a static page is not cross-origin
// isolated): a helper reads its range from the file itself and posts back a range image.
// Here only the protocol; the helpers' transport is ingest-pool.js (or in-process, in tests).

/** Bytes given to the engine and to each helper for the head (kParallelHeadBytes). */
export const HEAD_BYTES = 4 << 20;
/** Bytes per range: big enough that a range's fixed costs vanish, small enough to spread. */
export const RANGE_BYTES = 8 << 20;

const isBlob = (s) => s && typeof s.slice === 'function' && typeof s.arrayBuffer === 'function' && typeof s.size === 'number';

/** The bytes [begin, end) of a Blob or a Uint8Array. */
export async function readRange(source, begin, end) {
  if (isBlob(source)) return new Uint8Array(await source.slice(begin, end).arrayBuffer());
  return source.subarray(begin, end);
}

// The options both engines read the file under: the same entry, its size included (as
// pulse.js's loadFile gives it), so that both make the same decisions.
export function entryOf(options, total) {
  const entry = typeof options === 'string' ? (options ? JSON.parse(options) : {}) : { ...(options || {}) };
  if (entry.expected_bytes === undefined) entry.expected_bytes = total;
  return JSON.stringify(entry);
}

// Copies `bytes` into the engine's memory and calls fn(address, length); the buffer is freed after.
function withBytes(module, bytes, fn) {
  const address = module._malloc(Math.max(1, bytes.length)) >>> 0;
  if (address === 0) throw new Error('[pulse.wasm.002] out of memory for ' + bytes.length + ' bytes');
  try {
    module.HEAPU8.set(bytes, address);
    return fn(address, bytes.length);
  } finally {
    module._free(address);
  }
}

const looksPacked = (b) => b.length >= 2 && ((b[0] === 0x1f && b[1] === 0x8b) || (b[0] === 0x50 && b[1] === 0x4b));

/**
 * Loads `source` (a Blob or a Uint8Array) on `pulse` (wasm/pulse.js) with `helpers` (objects
 * with head(headEnd) -> Promise<boolean> and parse(decisions, begin, end, firstLine) ->
 * Promise<Uint8Array>, see openRangeParser). Resolves to the load report, or to null when the
 * file is none this reads in ranges (gzip, zip, JSON, not UTF-8 throughout, a head that does
 * not decide, a helper that cannot read the head): nothing of it was loaded, and the caller
 * reads it in one stream. onProgress({file, bytes, total}) after each window; signal aborts
 * between windows (nothing of the file stays).
 */
export async function loadFileInRanges(pulse, name, source, { options, helpers, rangeBytes = RANGE_BYTES, onProgress, signal } = {}) {
  const module = pulse._module;
  const total = isBlob(source) ? source.size : source.length;
  const head = await readRange(source, 0, Math.min(total, HEAD_BYTES));
  if (looksPacked(head) || !helpers || helpers.length === 0) return null;
  const entry = entryOf(options, total);
  const split = pulse._engine.beginSplit(String(name), entry, rangeBytes, helpers.length + 1);
  if (!split) return null;
  const cancelled = () => {
    if (signal && signal.aborted) throw Object.assign(new Error('[pulse.wasm.010] ' + name + ': loading cancelled'), { code: 'pulse.wasm.010' });
  };
  try {
    if (!withBytes(module, head, (at, n) => split.give(at, n))) return null;
    let given = head.length;  // bytes given to the engine
    if (given === total) split.endOfFile();
    if (!split.head()) return null;
    const headEnd = split.headEnd();
    const ready = await Promise.all(helpers.map((h) => h.head(headEnd).catch(() => false)));
    if (ready.includes(false)) return null;
    const give = (bytes) => withBytes(module, bytes, (at, n) => split.give(at, n));
    let prefetch = null;  // the next window's bytes, read while this one is parsed
    for (;;) {
      cancelled();
      const want = Math.min(total, split.wantedOffset());
      if (prefetch && prefetch.begin === given && prefetch.end <= want) {
        if (!give(await prefetch.bytes)) return null;
        given = prefetch.end;
      }
      prefetch = null;
      if (want > given) {
        if (!give(await readRange(source, given, want))) return null;
        given = want;
      }
      if (given === total) split.endOfFile();
      const plan = split.plan();
      if (plan === '') return null;
      const ranges = JSON.parse(plan);
      if (ranges.length === 0) break;
      const decisions = split.decisions().slice();
      // A helper that fails posts nothing: its range is read here instead.
      const images = ranges.slice(1).map(([begin, end, line], i) =>
        helpers[i % helpers.length].parse(decisions, begin, end, line).catch(() => new Uint8Array(0)));
      // The engine wants a window's span more before the next plan (wantedOffset moves so).
      const span = ranges[ranges.length - 1][1] - ranges[0][0];
      if (given < total) {
        const end = Math.min(total, given + span);
        prefetch = { begin: given, end, bytes: readRange(source, given, end) };
        prefetch.bytes.catch(() => {});  // a load that stops first never awaits it
      }
      if (!split.parseFirst()) return null;
      for (const image of await Promise.all(images))
        if (!withBytes(module, image, (at, n) => split.addImage(at, n))) return null;
      if (!split.join()) return null;
      if (onProgress) onProgress({ file: name, bytes: ranges[ranges.length - 1][1], total });
    }
    const load = split.finish();
    if (load === '') return null;
    const report = JSON.parse(load);
    report.bytes_read = total;
    if (report.error) {  // refused after all (raw orders beside order summaries): as loadFile says it
      const id = /^\[([\w.]+)\]/.exec(report.error);
      throw Object.assign(new Error(report.error), { code: id ? id[1] : null, load: report });
    }
    return report;
  } finally {
    split.delete();
  }
}

/**
 * A helper's side: parses ranges of `source` on `pulse`, an engine of its own. head(headEnd)
 * reads the same head as the loading engine; false when it does not end where the engine's
 * did. parse(...) resolves to the range's image (empty when it could not be made).
 */
export function openRangeParser(pulse, name, source, { options, rangeBytes = RANGE_BYTES } = {}) {
  const module = pulse._module;
  const total = isBlob(source) ? source.size : source.length;
  const parser = new module.PulseRangeParser(String(name), entryOf(options, total), rangeBytes);
  return {
    async head(headEnd) {
      const head = await readRange(source, 0, Math.min(total, HEAD_BYTES));
      return withBytes(module, head, (at, n) => parser.head(at, n, head.length === total, headEnd));
    },
    async parse(decisions, begin, end, firstLine) {
      const bytes = await readRange(source, begin, end);
      return withBytes(module, decisions, (d, dn) =>
        withBytes(module, bytes, (at, n) => parser.parse(d, dn, at, n, firstLine).slice()));
    },
    dispose() { parser.delete(); },
  };
}
