// One Parquet row group as the engine's column-major batch (wasm/pulse.js loadRows, the engine's
// addColumns; core/include/pulse/ingest/packed_rows.h, CellOrder::by_column): each column chunk
// is decoded page by page with hyparquet's own page readers and its cells written as UTF-8 text
// straight into the batch. This is what makes Parquet fast in the page (docs/performance.md,
// "Parquet in the page: before and after"): hyparquet's row reader rebuilt every optional column
// through its nested-list assembly, made a JS array per row and a string per cell, and packRows
// encoded them again. Here a dictionary's entries are turned into text once per column chunk, a
// string column's bytes are copied as they are (ASCII) and only other values (numbers, dates,
// decimals) become strings, by the same convert() and cellText() as the row reader, so the
// engine gets the same text and is still the one that types and checks every value.
// Flat schemas only (every column a top-level leaf); parquet-groups.js reads nested ones by rows.
import { PARSERS, cellText } from './parquet-cells.js';

const utf8 = new TextEncoder();
const utf8Text = new TextDecoder();

/** True when every column is a top-level leaf: no list, map or struct. */
export function isFlatSchema(schemaTree) {
  return schemaTree.children.length > 0 &&
    schemaTree.children.every((c) => c.children.length === 0 && c.element.repetition_type !== 'REPEATED');
}

/** A BYTE_ARRAY column whose values hyparquet would decode as UTF-8 text (not JSON, a decimal...). */
function isTextColumn(element) {
  const converted = element.converted_type;
  const logical = element.logical_type && element.logical_type.type;
  return element.type === 'BYTE_ARRAY' && (converted === undefined || converted === 'UTF8' || converted === 'ENUM') &&
    (logical === undefined || logical === 'STRING' || logical === 'ENUM');
}

const NO_LEVELS = new Uint8Array(0);

/**
 * A flat column's DATA_PAGE (v1) of PLAIN or dictionary values, as hyparquet's readDataPage
 * reads it ({definitionLevels, dataPage}; no levels when nothing is null) but into typed arrays:
 * its levels and indices in plain arrays cost more than the rest of the decoding. A text
 * column's PLAIN strings are left where they are ({plainText: {bytes, at}}: each a 4-byte
 * little-endian length, then its bytes) rather than made a Uint8Array each. Other encodings and
 * booleans go to hyparquet's.
 */
function flatDataPage(library, bytes, header, decoder, maxDefinition, text) {
  const { encoding, num_values: n } = header;
  const dictionary = encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY';
  if ((encoding !== 'PLAIN' && !dictionary) || decoder.type === 'BOOLEAN' || maxDefinition > 1)
    return library.readDataPage(bytes, header, decoder);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = { view, offset: 0 };
  let levels = NO_LEVELS;
  let nulls = 0;
  if (maxDefinition === 1) {
    levels = new Uint8Array(n);
    library.readRleBitPackedHybrid(reader, 1, levels);
    for (let i = 0; i < n; i++) nulls += 1 - levels[i];
    if (nulls === 0) levels = NO_LEVELS;
  }
  const count = n - nulls;
  if (!dictionary && text) return { definitionLevels: levels, plainText: { bytes, at: reader.offset } };
  if (!dictionary) return { definitionLevels: levels, dataPage: library.readPlain(reader, decoder.type, count, decoder.element.type_length) };
  const width = view.getUint8(reader.offset++);
  if (width > 30) return library.readDataPage(bytes, header, decoder);  // indices past int32: hyparquet's
  const indices = width ? new Int32Array(count) : new Uint8Array(count);  // width 0: every index 0
  if (width) library.readRleBitPackedHybrid(reader, width, indices, view.byteLength - reader.offset);
  return { definitionLevels: levels, dataPage: indices };
}

/** Where each column chunk of a row group is in the file, and the whole group's span. */
export function groupSpan(rowGroup) {
  const chunks = rowGroup.columns.map((chunk) => {
    if (chunk.file_path) throw new Error('parquet file_path not supported');
    const meta = chunk.meta_data;
    if (!meta) throw new Error('parquet column metadata is undefined');
    const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
    return { meta, start, end: start + Number(meta.total_compressed_size) };
  });
  const start = Math.min(...chunks.map((c) => c.start));
  const end = Math.max(...chunks.map((c) => c.end));
  return { chunks, start, end };
}

/** The batch being written: cell ends (uint32, cumulative) and the cells' UTF-8, reused. */
class CellWriter {
  constructor(bytes = 1 << 20) {
    this.text = new Uint8Array(bytes);
    this.ends = new Uint32Array(0);
    this.at = 0;
    this.cell = 0;
  }

  start(cells) {
    if (this.ends.length < cells) this.ends = new Uint32Array(cells);
    this.at = 0;
    this.cell = 0;
  }

  room(n) {
    if (this.text.length - this.at >= n) return;
    const bigger = new Uint8Array(Math.max(this.text.length * 2, this.at + n));
    bigger.set(this.text.subarray(0, this.at));
    this.text = bigger;
  }

  missing() {
    this.ends[this.cell++] = this.at;
  }

  /** Bytes already UTF-8 (a dictionary entry's text, an ASCII string's bytes). */
  bytes(source, from, to) {
    const n = to - from;
    this.room(n);
    const text = this.text;
    let at = this.at;
    if (n > 32) text.set(source.subarray(from, to), at);
    else for (let i = from; i < to; i++) text[at++] = source[i];
    this.at += n;
    this.ends[this.cell++] = this.at;
  }

  /** A string as UTF-8: byte by byte while it is ASCII (numbers, dates), else encodeInto. */
  string(s) {
    this.room(s.length * 3);  // encodeInto writes at most 3 bytes per UTF-16 unit
    const text = this.text;
    const at = this.at;
    let i = 0;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      text[at + i] = c;
    }
    this.at += i < s.length ? utf8.encodeInto(s, text.subarray(at)).written : i;
    this.ends[this.cell++] = this.at;
  }

  /**
   * A number as String(v) writes it (cellText's text), straight into the batch when it has at
   * most two decimals, as money and quantities do: then cents / 100 is v, no other decimal of
   * two places is (below 1e12 they are farther apart than a double's spacing), so it is the
   * shortest text that reads back as v, which is what String() writes.
   */
  number(v) {
    const cents = Math.round(v * 100);
    if (v === 0 || !(Math.abs(v) < 1e12) || cents / 100 !== v) {
      this.string(String(v));  // 0 and -0 are '0'; NaN, Infinity, 1e21, 0.125
      return;
    }
    this.room(16);
    const text = this.text;
    let at = this.at;
    if (cents < 0) text[at++] = 0x2d;  // '-'
    const abs = Math.abs(cents);
    let whole = Math.floor(abs / 100);
    const fraction = abs % 100;
    let digits = 1;
    for (let w = whole; w >= 10; w = Math.floor(w / 10)) digits++;
    at += digits;
    for (let p = at; p > at - digits; whole = Math.floor(whole / 10)) text[--p] = 0x30 + whole % 10;
    if (fraction !== 0) {
      text[at++] = 0x2e;  // '.'
      text[at++] = 0x30 + Math.floor(fraction / 10);
      if (fraction % 10 !== 0) text[at++] = 0x30 + fraction % 10;
    }
    this.at = at;
    this.ends[this.cell++] = at;
  }

  /** A value as the row reader gives it to the engine (parquet-cells.js cellText). */
  value(v) {
    if (typeof v === 'number') {
      this.number(v);
      return;
    }
    const s = cellText(v);
    if (s === null || s === '') this.missing();
    else this.string(s);
  }

  /** A string column's value, its raw bytes: copied when ASCII, else decoded as the row reader does. */
  utf8Bytes(source, from = 0, to = source.length) {
    for (let i = from; i < to; i++) {
      if (source[i] > 0x7f) {
        this.string(utf8Text.decode(source.subarray(from, to)));  // invalid sequences become U+FFFD, as before
        return;
      }
    }
    this.bytes(source, from, to);
  }

  /** The batch: ends (little-endian, as wasm reads them) then the text. */
  packed() {
    const head = this.cell * 4;
    const out = new Uint8Array(head + this.at);
    out.set(new Uint8Array(this.ends.buffer, 0, head), 0);
    out.set(this.text.subarray(0, this.at), head);
    return out;
  }
}

/** A dictionary page's entries as text, once: their UTF-8 back to back and where each ends. */
function dictionaryTexts(entries) {
  const writer = new CellWriter(1024);
  writer.start(entries.length);
  for (let i = 0; i < entries.length; i++) writer.value(entries[i]);
  return { text: writer.text, ends: writer.ends, size: entries.length };
}

/**
 * Reads row groups of a flat Parquet file into column-major batches. library: the hyparquet
 * functions parquet-library-entry.js exposes.
 */
export class ColumnarGroups {
  constructor(library, metadata, schemaTree) {
    this.library = library;
    this.metadata = metadata;
    this.parsers = { ...library.DEFAULT_PARSERS, ...PARSERS };
    this.columns = schemaTree.children.map((child) => ({
      element: child.element,
      schemaPath: [schemaTree, child],
      maxDefinition: library.getMaxDefinitionLevel([schemaTree, child]),
    }));
    this.writer = new CellWriter();
  }

  /** Row group `g`'s bytes from the file span groupSpan() gave, as one batch: {packed, rows}. */
  read(g, span, bytes) {
    const rows = Number(this.metadata.row_groups[g].num_rows);
    if (span.chunks.length !== this.columns.length)
      throw new Error(`${span.chunks.length} column chunks for ${this.columns.length} columns`);
    this.writer.start(rows * this.columns.length);
    for (let c = 0; c < this.columns.length; c++) {
      const chunk = span.chunks[c];
      const view = new DataView(bytes, chunk.start - span.start, chunk.end - chunk.start);
      this.writeColumn(this.columns[c], chunk.meta, view, rows);
    }
    return { packed: this.writer.packed(), rows };
  }

  writeColumn(column, meta, view, rows) {
    const { parquetHeader, decompressPage, readDataPageV2, readPlain, convert } = this.library;
    const decoder = { ...meta, element: column.element, schemaPath: column.schemaPath, parsers: this.parsers, utf8: true };
    const name = meta.path_in_schema.join('.');
    const text = isTextColumn(column.element);
    const writer = this.writer;
    const reader = { view, offset: 0 };
    let dictionary = null;
    let written = 0;
    while (written < rows) {
      if (reader.offset >= view.byteLength) throw new Error(`column ${name} ends after ${written} of ${rows} rows`);
      const header = parquetHeader(reader);
      const compressed = new Uint8Array(view.buffer, view.byteOffset + reader.offset, header.compressed_page_size);
      reader.offset += header.compressed_page_size;
      let page;
      let encoding;
      let count;
      if (header.type === 'DICTIONARY_PAGE') {
        const plain = decompressPage(compressed, Number(header.uncompressed_page_size), meta.codec, undefined);
        const entries = readPlain({ view: new DataView(plain.buffer, plain.byteOffset, plain.byteLength), offset: 0 },
          meta.type, header.dictionary_page_header.num_values, column.element.type_length);
        dictionary = dictionaryTexts(convert(entries, decoder));
        continue;
      } else if (header.type === 'DATA_PAGE') {
        const plain = decompressPage(compressed, Number(header.uncompressed_page_size), meta.codec, undefined);
        page = flatDataPage(this.library, plain, header.data_page_header, decoder, column.maxDefinition, text);
        ({ encoding, num_values: count } = header.data_page_header);
      } else if (header.type === 'DATA_PAGE_V2') {
        page = readDataPageV2(compressed, header, decoder);
        ({ encoding, num_values: count } = header.data_page_header_v2);
      } else {
        continue;  // an index page: nothing to load
      }
      if (written + count > rows) throw new Error(`column ${name} has more values than the row group's ${rows} rows`);
      const levels = page.definitionLevels;
      const max = column.maxDefinition;
      const present = (i) => levels.length === 0 || levels[i] === max;
      let values = page.dataPage;
      let v = 0;
      if (dictionary && encoding.endsWith('_DICTIONARY')) {
        const { text: dictText, ends, size } = dictionary;
        for (let i = 0; i < count; i++) {
          if (!present(i)) { writer.missing(); continue; }
          const k = values[v++];
          if (k >= 0 && k < size) writer.bytes(dictText, k ? ends[k - 1] : 0, ends[k]);
          else writer.missing();  // no such entry: the row reader's undefined
        }
      } else if (encoding.endsWith('_DICTIONARY')) {
        throw new Error(`column ${name}: a dictionary-encoded page without a dictionary`);
      } else if (page.plainText) {
        const raw = page.plainText.bytes;
        let at = page.plainText.at;
        for (let i = 0; i < count; i++) {
          if (!present(i)) { writer.missing(); continue; }
          const length = (raw[at] | raw[at + 1] << 8 | raw[at + 2] << 16 | raw[at + 3] << 24) >>> 0;
          if (at + 4 + length > raw.length) throw new Error(`column ${name}: a string runs past its page`);
          writer.utf8Bytes(raw, at + 4, at + 4 + length);
          at += 4 + length;
        }
      } else if (text) {
        for (let i = 0; i < count; i++) {
          if (present(i)) writer.utf8Bytes(values[v++]);
          else writer.missing();
        }
      } else {
        values = convert(values, decoder);
        for (let i = 0; i < count; i++) {
          if (present(i)) writer.value(values[v++]);
          else writer.missing();
        }
      }
      written += count;
    }
  }
}
