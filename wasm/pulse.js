// B2B Pulse in JavaScript: the API over the raw wasm module (pulse-engine.js). It streams
// files into the engine by chunks and turns the engine's error values into thrown Errors.
// A plain script on purpose (no import/export, which Emscripten 3.1.6 output cannot join):
// <script src>, importScripts() in a Worker, and require() under Node all work.
(function (root, build) {
  const api = build();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else Object.assign(root, api);
})(typeof globalThis !== 'undefined' ? globalThis : self, function () {
  'use strict';

  /** Bytes read from a Blob and copied into wasm memory at a time. */
  const DEFAULT_CHUNK = 4 << 20;
  /** Compressed bytes given to the gzip decompressor at a time (see gunzip). */
  const GZIP_PIECE = 16 << 10;
  /** Compressed bytes of a workbook's part fflate inflates at a time (see _inflatePart): at
   *  deflate's best ratio 64 MiB out, the most a damaged or malicious part makes at once. */
  const ZIP_PIECE = 64 << 10;

  /** An error from the engine; `code` is its stable id ("pulse.ingest.101"). */
  /** A packed file JS could not unpack: the engine refuses it (listed in the report). */
  function unreadable(message) {
    const err = new PulseError(message);
    err.refuse = true;
    return err;
  }

  class PulseError extends Error {
    constructor(message, load) {
      super(message);
      this.name = 'PulseError';
      const id = /^\[([\w.]+)\]/.exec(message);
      this.code = id ? id[1] : 'pulse.wasm.001';
      if (load) this.load = load;  // a refused file: its load report
    }
  }

  // Binding results are "" (done), a document, or {"error": ...}; the report itself never
  // starts with "error", so a prefix test spares parsing megabytes to look for it.
  function check(text, call, documentExpected) {
    if (text === '' && documentExpected)
      throw new PulseError('[pulse.wasm.002] ' + call + ': out of memory');
    if (text.startsWith('{"error":')) throw new PulseError(JSON.parse(text).error);
    return text;
  }

  const documentText = new TextDecoder();
  // A document over the engine's memory as text. Over a shared memory (the isolated page's
  // module, wasm/CMakeLists.txt) browsers refuse to decode the view itself: a copy is decoded.
  const decodeDocument = (view) =>
    documentText.decode(typeof SharedArrayBuffer !== 'undefined' && view.buffer instanceof SharedArrayBuffer ? view.slice() : view);

  function asJson(value) {
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  // The file's size lets the engine size its columns once instead of growing them.
  function optionsWithSize(options, total) {
    if (total === undefined) return asJson(options);
    const entry = typeof options === 'string' ? (options ? JSON.parse(options) : {}) : { ...(options || {}) };
    if (entry.expected_bytes === undefined) entry.expected_bytes = total;
    return JSON.stringify(entry);
  }

  const isBlob = (s) => typeof s.slice === 'function' && typeof s.arrayBuffer === 'function' &&
                        typeof s.size === 'number';

  function totalSize(source) {
    if (typeof source === 'string') return undefined;  // bytes known only once encoded
    if (source instanceof ArrayBuffer) return source.byteLength;
    if (ArrayBuffer.isView(source)) return source.byteLength;
    if (isBlob(source)) return source.size;
    return undefined;
  }

  function asBytes(chunk) {
    if (chunk instanceof Uint8Array) return chunk;
    if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
    if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
    throw new PulseError('[pulse.wasm.006] a chunk must be a Uint8Array, an ArrayBuffer or a string');
  }

  // A Blob read through its byte stream into two buffers used in turn, each filled whole
  // (the stream hands ~64 KiB at a time) while the engine reads the other. Reading by
  // slice().arrayBuffer() instead allocates a fresh 4 MiB buffer per chunk, and fresh memory is
  // what a page's first load pays most for: Online Retail (48 MB) read by slices took 390–710 ms
  // in a Chromium worker, through the stream 70–80 ms (docs/performance.md "Reading the file").
  // Null where the stream has no BYOB reader (then slices are read).
  function byobReader(blob) {
    if (typeof blob.stream !== 'function') return null;
    try {
      return blob.stream().getReader({ mode: 'byob' });
    } catch (_) {
      return null;  // not a byte stream here
    }
  }

  /** Fills `buffer` (transferred to the stream and back) up to `size` bytes; resolves to the
   *  filled part, empty at the end of the stream. */
  async function fillFrom(reader, buffer, size) {
    let filled = 0;
    while (filled < size) {
      const { value, done } = await reader.read(new Uint8Array(buffer, filled, size - filled));
      if (value) buffer = value.buffer;  // the same memory, handed back
      if (done) break;
      filled += value.byteLength;
    }
    return new Uint8Array(buffer, 0, filled);
  }

  // Stream readers held here while they read. A pending read of a Blob's byte stream is
  // otherwise reachable only through the browser's side of the stream, and Chromium collected
  // such a stream in a garbage collection: the read never settled and the load hung (the
  // samples' first file, in three page loads of four, when the engine's memory had just grown
  // by 48 MiB; docs/performance.md "Memory touched before the first file").
  const reading = new Set();

  async function* blobThroughBuffers(reader, chunkSize, reusable) {
    reading.add(reader);
    let spare = new ArrayBuffer(chunkSize);
    let next = fillFrom(reader, new ArrayBuffer(chunkSize), chunkSize);
    let finished = false;
    try {
      for (;;) {
        const bytes = await next;
        if (bytes.length === 0) {
          finished = true;
          break;
        }
        next = fillFrom(reader, spare, chunkSize);
        next.catch(() => {});  // if the load stops before awaiting it, its failure is moot
        yield bytes;
        spare = reusable() ? bytes.buffer : new ArrayBuffer(chunkSize);  // the engine copied it
      }
    } finally {
      reading.delete(reader);
      // Left early (the engine wants no more, or the load stopped): the read in flight ends.
      if (!finished) reader.cancel().catch(() => {});
      try {
        reader.releaseLock();
      } catch (_) { /* a read still pending in an older browser: the cancel ends it */ }
    }
  }

  /** The source's bytes as a sequence of Uint8Arrays, never the whole of a Blob at once.
   *  reusable(): whether the consumer is done with a chunk once it asks for the next (a plain
   *  text file fed as it comes); false while the format is unknown and for containers, whose
   *  readers keep chunks (a zip is read whole, gzip's decompressor may queue them).
   *  readBlob(blob, chunkSize, reusable, ownReading): the host's way to read a Blob (the page
   *  reads on a helper worker, web/src/worker/file-reader.js), an async iterable of chunks with
   *  the same reusable() contract; ownReading() is this file's way, for it to fall back on. */
  async function* chunksOf(source, chunkSize, reusable = () => false, readBlob = null) {
    if (typeof source === 'string' || source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
      const bytes = asBytes(source);
      for (let at = 0; at < bytes.length; at += chunkSize)
        yield bytes.subarray(at, Math.min(at + chunkSize, bytes.length));
    } else if (isBlob(source)) {
      if (readBlob && source.size > 0) {
        yield* readBlob(source, chunkSize, reusable, () => chunksOf(source, chunkSize, reusable));
        return;
      }
      const reader = source.size > 0 ? byobReader(source) : null;
      if (reader) {
        yield* blobThroughBuffers(reader, chunkSize, reusable);
        return;
      }
      // The next slice is read while the engine parses this one.
      const read = (at) => {
        const bytes = source.slice(at, Math.min(at + chunkSize, source.size)).arrayBuffer();
        bytes.catch(() => {});  // if the load stops before awaiting it, its failure is moot
        return bytes;
      };
      let next = source.size > 0 ? read(0) : null;
      for (let at = 0; at < source.size; at += chunkSize) {
        const bytes = new Uint8Array(await next);
        next = at + chunkSize < source.size ? read(at + chunkSize) : null;
        yield bytes;
      }
    } else if (typeof source.getReader === 'function') {  // a ReadableStream (fetch's body)
      const reader = source.getReader();
      reading.add(reader);
      let done = false;
      try {
        for (;;) {
          const next = await reader.read();
          if ((done = next.done)) break;
          yield asBytes(next.value);
        }
      } finally {
        reading.delete(reader);
        // Left early (the engine wants no more): the download stops too.
        if (!done) reader.cancel().catch(() => {});
        reader.releaseLock();
      }
    } else if (typeof source[Symbol.asyncIterator] === 'function' ||
               typeof source[Symbol.iterator] === 'function') {
      for await (const chunk of source) yield asBytes(chunk);
    } else {
      throw new PulseError('[pulse.wasm.006] unknown source: give bytes, a Blob or chunks');
    }
  }

  /** Rows handed to the engine per addRows call: one copy into wasm memory each. */
  const ROWS_PER_CALL = 8192;
  const utf8 = new TextEncoder();

  /**
   * A batch of rows as the engine's addRows takes it (core/include/pulse/ingest/packed_rows.h):
   * a little-endian uint32 end offset per cell, then the cells' UTF-8 back to back. A null or
   * undefined cell is empty (a missing value); a row shorter than the columns is padded so.
   */
  function packRows(rows, columns) {
    const cells = rows.length * columns;
    const ends = new Uint32Array(cells);
    let text = new Uint8Array(Math.max(1024, cells * 8));
    let at = 0;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      for (let c = 0; c < columns; c++) {
        const v = row[c];
        if (v !== null && v !== undefined && v !== '') {
          const s = typeof v === 'string' ? v : String(v);
          // encodeInto writes at most 3 bytes per UTF-16 unit.
          if (text.length - at < s.length * 3) {
            const bigger = new Uint8Array(Math.max(text.length * 2, at + s.length * 3));
            bigger.set(text.subarray(0, at));
            text = bigger;
          }
          at += utf8.encodeInto(s, text.subarray(at)).written;
        }
        ends[r * columns + c] = at;
      }
    }
    const packed = new Uint8Array(cells * 4 + at);
    packed.set(new Uint8Array(ends.buffer), 0);  // wasm is little-endian, like every browser's CPU
    packed.set(text.subarray(0, at), cells * 4);
    return packed;
  }

  // Packed files are recognized by their first bytes, whatever their name.
  const isGzip = (b) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
  const isZip = (b) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b &&
                       ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));

  /**
   * A zip's directory: its entries' names to {method, start, size} (the compressed data's place
   * in `zip`), so that a workbook's part can be inflated a piece at a time into the engine
   * instead of whole (a sheet inflates to about 9 times its compressed size: 160 MB for a
   * 541,909-line workbook, 1.6 GB for ten times that). Null when the directory does not read
   * as a plain zip's (ZIP64, damaged): unzipSync then reads the archive, as before.
   */
  function zipDirectory(zip) {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const floor = Math.max(0, zip.length - 22 - 0xffff);  // the end record and its comment
    let end = zip.length - 22;
    while (end >= floor && view.getUint32(end, true) !== 0x06054b50) end--;
    if (end < floor) return null;
    const count = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    if (count === 0xffff || at === 0xffffffff) return null;
    const entries = new Map();
    const names = new TextDecoder();
    for (let i = 0; i < count; i++) {
      if (at + 46 > zip.length || view.getUint32(at, true) !== 0x02014b50) return null;
      const encrypted = view.getUint16(at + 8, true) & 1;
      const method = view.getUint16(at + 10, true);
      const size = view.getUint32(at + 20, true);
      const nameLength = view.getUint16(at + 28, true);
      const local = view.getUint32(at + 42, true);
      const name = names.decode(zip.subarray(at + 46, at + 46 + nameLength));
      if (size === 0xffffffff || local === 0xffffffff || local + 30 > zip.length ||
          view.getUint32(local, true) !== 0x04034b50) return null;
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      if (start + size > zip.length) return null;
      if (!encrypted) entries.set(name, { method, start, size });
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    return entries;
  }

  /** Whether DecompressionStream takes raw deflate here (Chromium 103+, Firefox 113+, Safari
   *  16.4+, Node 20): a workbook's sheet then inflates in zlib, a fifth of the load faster than
   *  in JS (docs/performance.md "Big workbooks"). */
  function inflatesRawDeflate() {
    try {
      new DecompressionStream('deflate-raw');
      return true;
    } catch (_) {
      return false;
    }
  }

  function concat(parts, length) {
    if (parts.length === 1) return parts[0];
    const out = new Uint8Array(length);
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  }

  /** The first bytes of a chunk sequence (at least `n` unless it ends sooner) and the rest of it. */
  async function peek(chunks, n) {
    const iterator = chunks[Symbol.asyncIterator]();
    const parts = [];
    let length = 0;
    while (length < n) {
      const { done, value } = await iterator.next();
      if (done) break;
      parts.push(value);
      length += value.length;
    }
    const head = concat(parts, length);
    async function* all() {
      if (head.length) yield head;
      for (;;) {
        const { done, value } = await iterator.next();
        if (done) return;
        yield value;
      }
    }
    return { head, chunks: all() };
  }

  /** gzip, decompressed as it streams by the platform's DecompressionStream (no library).
   *  Left early (the engine refused or stopped the file), it cancels the decompression and
   *  stops reading the compressed bytes: a bomb refused after 64 KiB is not inflated further. */
  async function* gunzip(chunks, name, counted) {
    if (typeof DecompressionStream !== 'function')
      throw unreadable('[pulse.gzip.003] ' + name + ': gzip-compressed, and this browser cannot decompress (no DecompressionStream)');
    const stream = new DecompressionStream('gzip');
    const writer = stream.writable.getWriter();
    let finished = false;
    // The compressed bytes go in by small pieces: the platform inflates a whole written piece
    // at once, whatever is read of it, so a 4 MiB piece of a bomb would be 4 GB of work. Each
    // write waits until the inflated output is read (backpressure), so once the reading stops
    // at most one piece (16 MiB of zeros at gzip's best ratio) is inflated for nothing.
    const pump = (async () => {
      for await (const chunk of chunks) {
        for (let at = 0; at < chunk.length; at += GZIP_PIECE) {
          if (finished) return;  // the for-await's exit stops the source's reading too
          const piece = chunk.subarray(at, Math.min(at + GZIP_PIECE, chunk.length));
          await writer.write(piece);
          counted(piece.length);
        }
      }
      await writer.close();
    })();
    pump.catch((err) => writer.abort(err).catch(() => {}));
    const reader = stream.readable.getReader();
    reading.add(reader);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        yield value;
      }
      finished = true;
      await pump;
    } catch (err) {
      if (err instanceof PulseError) throw err;
      throw unreadable('[pulse.gzip.001] ' + name + ': corrupt or truncated gzip data (' + (err && err.message || err) + ')');
    } finally {
      reading.delete(reader);
      if (!finished) {
        finished = true;
        reader.cancel().catch(() => {});
        pump.catch(() => {});
      }
      reader.releaseLock();
    }
  }

  class Pulse {
    constructor(module, { unzipSync, Inflate, nativeInflate = inflatesRawDeflate() } = {}) {
      this._module = module;
      // fflate's unzipSync and Inflate (the page bundles them); a global fflate when not given.
      this._unzipSync = unzipSync || (typeof fflate !== 'undefined' && fflate.unzipSync) || null;  // eslint-disable-line no-undef
      this._Inflate = Inflate || (typeof fflate !== 'undefined' && fflate.Inflate) || null;  // eslint-disable-line no-undef
      this._nativeInflate = nativeInflate;
      this._engine = new module.PulseEngine();
      this._buffer = 0;      // wasm address of the chunk buffer, reused across chunks and files
      this._bufferSize = 0;
      this._queue = Promise.resolve();  // loads run one after the other: one engine, one file open
      this._reports = 0;  // reports asked so far: whose kept lists keptLists() reads
    }

    /**
     * Streams one file into the engine and resolves to its load report ({file, role, rows_read,
     * rows_loaded, rows_skipped, problems, columns, mapping, ..., error: null}).
     * source: Uint8Array | ArrayBuffer | string | Blob/File | ReadableStream | (async) iterable
     *         of Uint8Array chunks.
     * options: a workspace "files" entry ({role, columns, delimiter, decimal, date_format, sheet}).
     * gzip (DecompressionStream) and zip workbooks (fflate) are recognized by their first bytes;
     * a workbook reads its first visible sheet, or options.sheet.
     * onProgress({file, bytes, total, stage}): after each chunk; total is undefined for streams.
     * A workbook reports its reading (no stage), then its parts inflating into the engine
     * (stage 'unpack': the compressed bytes fed so far, again of the file's size).
     * A refused file (empty, binary, no usable header) rejects with a PulseError whose `load`
     * is its load report; the file stays listed in the report's "load" section.
     * Once the engine refused or stopped the file, reading (and decompressing) stops. The
     * report then carries `bytes_read` (source bytes taken) and, for gzip, `bytes_inflated`
     * (bytes that came out of the decompression), so a caller can see how far it went.
     * signal (an AbortSignal): aborted, the load stops at the next chunk, nothing of the file
     * stays, and the promise rejects with [pulse.wasm.010].
     * readBlob: how a Blob's bytes are read, when not by its byte stream on this thread (see
     * chunksOf).
     */
    loadFile(name, source, { options, onProgress, chunkSize = DEFAULT_CHUNK, signal, readBlob = null } = {}) {
      const run = () => this._load(String(name), source, options, onProgress, chunkSize, signal, readBlob);
      const done = this._queue.then(run, run);
      this._queue = done.catch(() => {});
      return done;
    }

    /**
     * Loads a table the caller already read into cells (the page's Parquet reader), with no
     * text in between: the engine detects the role, maps and types the columns and reports
     * problems as for any other file. Resolves to the load report, like loadFile.
     * format: the report's "format" ('parquet').
     * table: an async iterable whose first value is {columns: [names]}, then batches
     *        {rows: [[cell, ...], ...], bytes, total}: each cell a string (the value as the
     *        engine reads its type: '2026-01-31', '12.5') or null (a missing value); bytes and
     *        total feed onProgress. A batch may instead be {packedColumns, rowCount, bytes,
     *        total}: rowCount rows already packed as the engine reads them, cells column after
     *        column (core/include/pulse/ingest/packed_rows.h, CellOrder::by_column; the Parquet
     *        reader's parquet-columns.js), handed over in one call. An error it throws with
     *        `refuse` set (see unreadable) refuses the file with its message, like a corrupt
     *        gzip; any other stops the load.
     */
    loadRows(name, format, table, { options, onProgress, signal } = {}) {
      const run = () => this._loadRows(String(name), String(format), table, options, onProgress, signal);
      const done = this._queue.then(run, run);
      this._queue = done.catch(() => {});
      return done;
    }

    /**
     * The report (SPEC §4) as an object. settings: the workspace "settings" object. sections:
     * the dashboards to compute, as report keys (['catalogs'], or 'customers,sales_team';
     * omitted: all): the report then holds its head (as_of, period, filters, load, warnings) and
     * those keys only, equal to the whole report's; an unknown name is an error (pulse.wasm.006).
     */
    report(settings, sections) {
      return JSON.parse(this.reportText(settings, sections));
    }

    /**
     * The report as JSON text, e.g. to post from a Worker without building the object.
     * form.keepLists: the big lists (customers.rows, catalogs.products, negotiations.open and
     * .deals) stay in the engine until the next report, each written as {length, kept, fields:
     * [key...], parents?: [column...], absent?: [[row...]...]} (README.md "Lists kept in the
     * engine"), and are read
     * through keptLists(); the page's worker asks so.
     */
    reportText(settings, sections, form = {}) {
      const list = sections === undefined || sections === null ? '' : Array.isArray(sections) ? sections.join(',') : sections;
      if (typeof list !== 'string') throw new PulseError('[pulse.wasm.006] report: sections must be an array of report keys or a comma-separated string');
      this._reports++;  // the lists the last report kept are gone from here on
      return this._call('report', [asJson(settings), list, !!(form && form.keepLists)], true, true);
    }

    /**
     * The lists the last reportText(..., {keepLists: true}) kept: column(kept, j), the values of
     * key fields[j] of the list written {kept, fields} (a Float64Array, NaN standing for null,
     * when they are all numbers or null; else an array), and rows(kept, at), the rows numbered
     * `at` as the SPEC form's objects. Once a newer report or a clear replaced the lists, both
     * throw pulse.wasm.011.
     */
    keptLists() {
      const serial = this._reports;
      const current = (call) => {
        if (serial !== this._reports) throw new PulseError('[pulse.wasm.011] ' + call + ': a newer report replaced the lists kept');
      };
      return {
        column: (table, j) => {
          current('keptColumn');
          const view = this._callValue('keptColumn', [table, j]);
          return view instanceof Float64Array ? view.slice() : JSON.parse(check(decodeDocument(view), 'keptColumn', true));
        },
        rows: (table, at) => {
          current('keptRows');
          // The row numbers go through the chunk buffer, as a file's bytes do (_feed).
          const numbers = Uint32Array.from(at);
          if (numbers.byteLength > this._bufferSize) this._grow(numbers.byteLength);
          this._module.HEAPU8.set(new Uint8Array(numbers.buffer), this._buffer);
          return JSON.parse(this._call('keptRows', [table, this._buffer, numbers.length], true, true));
        },
      };
    }

    /** What the engine reads: {roles: {role: {fields, required}}, fields: {field: kind},
     *  problem_cap}; the same document as `b2b-pulse schema`. */
    schema() {
      return JSON.parse(this._call('schema', [], true));
    }

    /**
     * Touches `bytes` of the engine's memory before the first file and gives them back to its
     * allocator, a megabyte per task so that other work goes between. The first write to fresh
     * WebAssembly memory costs a page fault (≈ 15 µs per 4 KiB on the project's machine: the
     * first report of Online Retail paid ≈ 300 ms of them), and memory once touched stays the
     * module's, so the first load reuses these pages instead (docs/performance.md "Memory
     * touched before the first file"). shouldStop(): checked between megabytes; a stop frees
     * the block at once. Resolves to the bytes touched.
     */
    async warmMemory(bytes, shouldStop = () => false) {
      const m = this._module;
      const ptr = m._malloc(bytes);
      if (!ptr) return 0;  // no room: nothing to gain
      let at = 0;
      try {
        while (at < bytes && !shouldStop()) {
          const end = Math.min(bytes, at + (1 << 20));
          m.HEAPU8.fill(0, ptr + at, ptr + end);  // HEAPU8 read each time: the memory may have grown
          at = end;
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      } finally {
        m._free(ptr);
      }
      return at;
    }

    /** Forgets every file. */
    clear() {
      this._reports++;
      this._call('clear', [], false);
    }

    /** Frees the engine and its memory; the instance is unusable afterwards. */
    dispose() {
      if (this._buffer) this._module._free(this._buffer);
      this._buffer = this._bufferSize = 0;
      if (this._engine) this._engine.delete();
      this._engine = null;
    }

    async _load(name, source, options, onProgress, chunkSize, signal, readBlob) {
      if (source === null || source === undefined)
        throw new PulseError('[pulse.wasm.006] no source: give bytes, a Blob or chunks');
      if (!(chunkSize >= 1)) throw new PulseError('[pulse.wasm.006] chunkSize must be at least 1');
      chunkSize = Math.min(Math.floor(chunkSize), 1 << 30);
      const total = totalSize(source);
      // Peeked before beginFile: reading a Blob's first slice may reject (nothing begun yet).
      let plain = false;  // fed chunk by chunk as read: their buffers may be read into again
      const { head, chunks } = await peek(chunksOf(source, chunkSize, () => plain, readBlob), 4);
      const gzip = isGzip(head);
      plain = !gzip && !isZip(head);
      let entry = optionsWithSize(options, total);
      if (gzip) entry = JSON.stringify({ ...(entry ? JSON.parse(entry) : {}), container: 'gzip' });
      this._call('beginFile', [name, entry], false);
      let bytes = 0;
      let inflated = 0;
      const counted = (n) => {
        bytes += n;
        if (onProgress) onProgress({ file: name, bytes, total });
      };
      // A workbook is read whole first, then its parts are inflated into the engine, the longer
      // stage: its progress counts again, the compressed bytes of the parts fed so far.
      let unpackedBytes = 0;
      const unpacked = (n) => {
        unpackedBytes += n;
        if (onProgress) onProgress({ file: name, bytes: unpackedBytes, total, stage: 'unpack' });
      };
      // After each chunk: false when the engine wants no more of this file (refused, stopped).
      const goOn = () => {
        if (signal && signal.aborted)
          throw new PulseError('[pulse.wasm.010] ' + name + ': loading cancelled');
        return this._engine.wantsMore();
      };
      try {
        if (isZip(head)) {
          await this._loadWorkbook(name, chunks, chunkSize, counted, goOn, unpacked);
        } else if (gzip) {
          // Progress counts the compressed bytes read, against the file's size.
          for await (const chunk of gunzip(chunks, name, counted)) {
            inflated += chunk.length;
            this._feed(chunk, chunkSize);
            if (!goOn()) break;
          }
        } else {
          for await (const chunk of chunks) {
            this._feed(chunk, chunkSize);
            counted(chunk.length);
            if (!goOn()) break;
          }
        }
      } catch (err) {
        if (!err || !err.refuse) {
          // Nothing of a half-read file stays loaded; the first error is the one to report.
          try { this._engine.abandonFile(); } catch (_) { /* ignore */ }
          throw err;
        }
        this._call('refuseFile', [err.message], false);  // listed as refused, as the CLI does
      }
      const load = JSON.parse(this._call('finishFile', [], true));
      load.bytes_read = bytes;
      if (gzip) load.bytes_inflated = inflated;
      if (load.error) throw new PulseError(load.error, load);
      return load;
    }

    async _loadRows(name, format, table, options, onProgress, signal) {
      this._call('beginFile', [name, asJson(options)], false);
      let bytes = 0;
      let columns = null;
      try {
        let row = 1;  // rows are numbered from 1 in the report's problems
        for await (const step of table) {
          if (signal && signal.aborted) throw new PulseError('[pulse.wasm.010] ' + name + ': loading cancelled');
          if (!columns) {
            columns = step.columns.map(String);
            this._call('beginRows', [format, JSON.stringify(columns)], false);
            continue;
          }
          if (step.packedColumns) {
            this._feed(step.packedColumns, step.packedColumns.length, 'addColumns', [step.rowCount, row]);
            row += step.rowCount;
          }
          for (let at = 0; step.rows && at < step.rows.length; at += ROWS_PER_CALL) {
            const rows = step.rows.slice(at, at + ROWS_PER_CALL);
            const packed = packRows(rows, columns.length);
            this._feed(packed, packed.length, 'addRows', [rows.length, row]);
            row += rows.length;
          }
          bytes = step.bytes;
          if (onProgress) onProgress({ file: name, bytes, total: step.total });
          if (!this._engine.wantsMore()) break;
        }
      } catch (err) {
        if (!err || !err.refuse) {
          try { this._engine.abandonFile(); } catch (_) { /* ignore */ }
          throw err;
        }
        // Refused before its columns were known (a damaged footer): still a file of this format.
        if (!columns) this._call('beginRows', [format, '[]'], false);
        this._call('refuseFile', [err.message], false);
      }
      const load = JSON.parse(this._call('finishFile', [], true));
      load.bytes_read = bytes;
      if (load.error) throw new PulseError(load.error, load);
      return load;
    }

    /**
     * A zip: an Excel workbook. Zip keeps its directory at the end, so the file is read whole;
     * fflate inflates the entries the engine asks for, one at a time, and the engine's own
     * workbook reader (the CLI's) reads them.
     */
    async _loadWorkbook(name, chunks, chunkSize, counted, goOn, unpacked) {
      if (!this._unzipSync)
        throw unreadable('[pulse.zip.002] ' + name + ': a zip archive (an Excel workbook?), and no unzip (pass fflate.unzipSync to createPulse)');
      const parts = [];
      let length = 0;
      for await (const chunk of chunks) {
        parts.push(chunk);
        length += chunk.length;
        counted(chunk.length);
        goOn();  // only to notice a cancel: a zip is read whole
      }
      const zip = concat(parts, length);
      parts.length = 0;
      const unzip = (filter) => {
        try {
          return this._unzipSync(zip, { filter });
        } catch (err) {
          throw unreadable('[pulse.zip.001] ' + name + ': cannot read the zip archive: ' + (err && err.message || err));
        }
      };
      const entries = new Map();  // entry names compare case-insensitively (OPC part names)
      unzip((file) => { entries.set(file.name.replace(/^\//, '').toLowerCase(), file.name); return false; });
      const directory = this._Inflate || this._nativeInflate ? zipDirectory(zip) : null;
      this._call('beginParts', [], false);
      for (let wanted; (wanted = this._call('wantedPart', [], false)) !== '';) {
        const entry = entries.get(wanted.toLowerCase());
        if (entry === undefined) {
          this._call('partMissing', [], false);
          continue;
        }
        const piece = directory && directory.get(entry);
        if (piece && (piece.method === 8 || piece.method === 0)) {
          await this._inflatePart(name, zip.subarray(piece.start, piece.start + piece.size), piece.method, chunkSize, goOn, unpacked);
        } else {
          const data = unzip((file) => file.name === entry)[entry];
          this._feed(data, chunkSize, 'partData');
          if (piece) unpacked(piece.size);
        }
        this._call('partEnd', [], false);
      }
    }

    /** A workbook part's compressed `data` (deflated, or stored: method 0) fed to the engine as
     *  it inflates, a piece at a time: never the whole part in memory. The platform's
     *  DecompressionStream (zlib) where it takes raw deflate, else fflate's Inflate in JS. After
     *  each piece goOn() (a cancel throws; false: the engine wants no more of the file) may end
     *  it early: the rest is not inflated. unpacked(n): n more compressed bytes went in. */
    async _inflatePart(name, data, method, chunkSize, goOn, unpacked) {
      if (method === 0) {
        this._feed(data, chunkSize, 'partData');
        unpacked(data.length);
        return;
      }
      try {
        if (this._nativeInflate) {
          await this._inflateNatively(data, chunkSize, goOn, unpacked);
          return;
        }
        const inflate = new this._Inflate((piece) => this._feed(piece, chunkSize, 'partData'));
        for (let at = 0; at < data.length || at === 0; at += ZIP_PIECE) {
          const piece = data.subarray(at, at + ZIP_PIECE);
          inflate.push(piece, at + ZIP_PIECE >= data.length);
          unpacked(piece.length);
          if (!goOn()) break;
        }
      } catch (err) {
        if (err instanceof PulseError) throw err;
        throw unreadable('[pulse.zip.001] ' + name + ': cannot read the zip archive: ' + (err && err.message || err));
      }
    }

    /** _inflatePart by DecompressionStream: the compressed pieces written as the inflated ones
     *  are read (each write waits for room: backpressure), so a part left early is inflated no
     *  further, and a written piece is progress. A reader rather than for-await: Safari's
     *  streams are not async iterable. */
    async _inflateNatively(data, chunkSize, goOn, unpacked) {
      const stream = new DecompressionStream('deflate-raw');
      const writer = stream.writable.getWriter();
      let stop = false;
      const pump = (async () => {
        for (let at = 0; at < data.length; at += ZIP_PIECE) {
          if (stop) return;
          const piece = data.subarray(at, at + ZIP_PIECE);
          await writer.write(piece);
          unpacked(piece.length);
        }
        await writer.close();
      })();
      pump.catch((err) => writer.abort(err).catch(() => {}));
      const reader = stream.readable.getReader();
      try {
        for (let r; !(r = await reader.read()).done;) {
          this._feed(r.value, chunkSize, 'partData');
          if (!goOn()) break;
        }
      } finally {
        stop = true;
        reader.cancel().catch(() => {});
      }
    }

    // extra: arguments after (address, length); addRows' batch must go in one call.
    _feed(chunk, chunkSize, method = 'feed', extra = []) {
      const step = Math.min(chunk.length, chunkSize);
      if (step === 0) return;
      if (step > this._bufferSize) this._grow(step);
      for (let at = 0; at < chunk.length; at += step) {
        const part = chunk.subarray(at, Math.min(at + step, chunk.length));
        // Read HEAPU8 anew each time: memory growth during the previous feed replaces it.
        this._module.HEAPU8.set(part, this._buffer);
        this._call(method, [this._buffer, part.length, ...extra], false);
      }
    }

    _grow(size) {
      if (this._buffer) this._module._free(this._buffer);
      this._buffer = this._bufferSize = 0;
      // >>> 0: above 2 GB _malloc's result reads as a negative number.
      const address = this._module._malloc(size) >>> 0;
      if (address === 0) throw new PulseError('[pulse.wasm.002] feed: out of memory for a ' + size + ' byte chunk');
      this._buffer = address;
      this._bufferSize = size;
    }

    /** Calls the binding. asBytes: the method gives its document as a Uint8Array over wasm
     *  memory (binding.cpp's report()), decoded here before anything else runs in the engine. */
    _call(method, args, documentExpected, asBytes = false) {
      const value = this._callValue(method, args);
      return check(asBytes ? decodeDocument(value) : value, method, documentExpected);
    }

    /** The binding's own value for method(args): a document, or bytes or numbers over wasm memory. */
    _callValue(method, args) {
      if (!this._engine) throw new PulseError('[pulse.wasm.007] ' + method + ': the engine was disposed');
      try {
        return this._engine[method](...args);
      } catch (err) {
        // Only a runtime abort gets here (the binding catches every C++ exception).
        throw new PulseError('[pulse.wasm.008] ' + method + ': ' + (err && err.message || err));
      }
    }
  }

  /**
   * Instantiates the wasm module and returns a Pulse. factory: createPulseModule from
   * pulse-engine.js (found as a global when omitted). moduleOptions go to the factory.
   * pulseOptions.unzipSync: fflate's unzipSync, to read Excel workbooks (.xlsx). A workbook's
   * sheet is inflated into the engine a piece at a time rather than whole: by the platform's
   * DecompressionStream where it takes raw deflate (pulseOptions.nativeInflate, detected), else
   * by pulseOptions.Inflate (fflate's) when given.
   */
  async function createPulse(factory, moduleOptions, pulseOptions) {
    if (factory === undefined && typeof createPulseModule === 'function') factory = createPulseModule;  // eslint-disable-line no-undef
    if (typeof factory !== 'function')
      throw new PulseError('[pulse.wasm.009] createPulse: pass createPulseModule from pulse-engine.js');
    const module = await factory(moduleOptions || {});
    return new Pulse(module, pulseOptions);
  }

  return { createPulse, PulseError };
});
