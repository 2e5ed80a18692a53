// Parquet files in the worker. hyparquet (loaded only when a Parquet file comes: see
// parquet-library-*.js) reads the file's footer and then one row group at a time; each value
// becomes the text the engine reads for its type (a DATE '2026-01-31', a TIMESTAMP
// '2026-01-31 09:05:00', a DECIMAL '12.5'), and the row groups go to the engine as batches
// (pulse.js loadRows) with no CSV in between. The engine then detects the role, maps and types
// the columns and reports problems as for any other file (docs/formats.md, "Parquet").
// A flat file (every column a plain value, as layer 1's summaries and most exports are) is read
// column by column, a file with nested columns by hyparquet's row reader (parquet-groups.js,
// which comes with hyparquet in the reader's library: none of it weighs on the page's opening).
import { loadParquetLibrary } from 'pulse-parquet-library';

/** A Parquet file starts (and ends) with these four bytes. */
const MAGIC = [0x50, 0x41, 0x52, 0x31];  // 'PAR1'

/** True when the Blob's first bytes are Parquet's; the name does not matter, as for gzip. */
export async function isParquet(source) {
  if (!source || typeof source.slice !== 'function' || typeof source.arrayBuffer !== 'function' || !(source.size >= 4)) return false;
  const head = new Uint8Array(await source.slice(0, 4).arrayBuffer());
  return MAGIC.every((b, i) => head[i] === b);
}

/** A file the reader could not read: pulse.js refuses it with this message (it stays listed). */
function unreadable(id, name, reason) {
  const err = new Error(`[${id}] ${name}: ${reason}`);
  err.refuse = true;
  return err;
}

/** The file as hyparquet's AsyncBuffer: only the footer and the row group being read are in memory. */
function asyncBuffer(blob) {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

/**
 * The steps pulse.js loadRows takes: {columns}, then one batch of rows per row group. Every
 * failure is a refusal located in the file (its footer, or which row group), never a silence.
 */
async function* parquetTable(name, blob) {
  let library;
  try {
    library = await loadParquetLibrary();
  } catch (err) {
    throw unreadable('pulse.parquet.002', name, 'the page\'s Parquet reader could not be loaded (' + (err && err.message || err) + ')');
  }
  const { parquetMetadataAsync, parquetSchema, groupReader } = library;
  const file = asyncBuffer(blob);
  let metadata;
  let schema;
  try {
    metadata = await parquetMetadataAsync(file);
    schema = parquetSchema(metadata);
  } catch (err) {
    throw unreadable('pulse.parquet.001', name, 'cannot read the Parquet file\'s footer (' + (err && err.message || err) + ')');
  }
  yield { columns: schema.children.map((c) => c.element.name) };
  const read = groupReader(library, { metadata, schema, blob, file });
  const groups = metadata.row_groups;
  let rowStart = 0;
  let bytes = 0;
  for (let g = 0; g < groups.length; g++) {
    const count = Number(groups[g].num_rows);
    let batch;
    try {
      batch = await read(g, rowStart, count);
    } catch (err) {
      throw unreadable('pulse.parquet.001', name, `cannot read row group ${g + 1} of ${groups.length} (rows ${rowStart + 1} to ${rowStart + count}): ` + (err && err.message || err));
    }
    rowStart += count;
    bytes += Number(groups[g].total_compressed_size ?? groups[g].total_byte_size ?? 0);
    yield { ...batch, bytes: Math.min(bytes, blob.size), total: blob.size };
  }
}

/** Loads a Parquet Blob through pulse.js (wasm/pulse.js loadRows); resolves to its load report. */
export function loadParquet(pulse, name, blob, { options, onProgress, signal }) {
  return pulse.loadRows(name, 'parquet', parquetTable(name, blob), { options, onProgress, signal });
}
