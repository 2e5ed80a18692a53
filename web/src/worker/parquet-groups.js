// How the worker's Parquet reader (parquet-source.js) reads one row group into a batch for
// pulse.js loadRows. It rides in the reader's library with hyparquet (parquet-library-entry.js),
// fetched when a Parquet file comes. A flat file (every column a plain value, as layer 1's
// summaries and most exports are) is read column by column (parquet-columns.js), each row
// group's bytes with one read of the file; a file with nested columns (lists, structs, maps) by
// hyparquet's row reader, each value's text from parquet-cells.js, a nested value its JSON.
import { PARSERS, cellText } from './parquet-cells.js';
import { ColumnarGroups, groupSpan, isFlatSchema } from './parquet-columns.js';

/**
 * read(g, rowStart, count) for the file: row group g as {packedColumns, rowCount} (flat) or
 * {rows} (nested). library: hyparquet's functions; file: the Blob as hyparquet's AsyncBuffer.
 */
export function groupReader(library, { metadata, schema, blob, file }) {
  return isFlatSchema(schema) ? columnarGroup(library, metadata, schema, blob) : rowGroup(library, metadata, file);
}

/**
 * A flat file's row group g: one read of its bytes, decoded column by column into one batch.
 * The next group's bytes are read while this one is decoded and loaded (as pulse.js reads a text
 * file's next chunk), so the worker does not wait for the file between groups.
 */
function columnarGroup(library, metadata, schema, blob) {
  const groups = new ColumnarGroups(library, metadata, schema);
  const bytesOf = (g) => {
    const read = (async () => {
      const span = groupSpan(metadata.row_groups[g]);
      if (!(span.start >= 0 && span.end <= blob.size && span.start <= span.end))
        throw new Error(`its bytes ${span.start} to ${span.end} are outside the file's ${blob.size}`);
      return { span, bytes: await blob.slice(span.start, span.end).arrayBuffer() };
    })();
    read.catch(() => {});  // a failure is reported when its group is read, not before
    return { g, read };
  };
  let next = null;
  return async (g) => {
    const current = next && next.g === g ? next : bytesOf(g);
    next = g + 1 < metadata.row_groups.length ? bytesOf(g + 1) : null;
    const { span, bytes } = await current.read;
    const { packed, rows } = groups.read(g, span, bytes);
    return { packedColumns: packed, rowCount: rows };
  };
}

/** Any other file's row group: hyparquet's row reader, each value's text (nested values as JSON). */
function rowGroup({ parquetRead }, metadata, file) {
  return async (g, rowStart, count) => {
    let rows = [];
    await parquetRead({
      file, metadata, rowStart, rowEnd: rowStart + count, parsers: PARSERS,
      onComplete: (read) => { rows = read; },
    });
    for (const row of rows) for (let c = 0; c < row.length; c++) row[c] = cellText(row[c]);
    return { rows };
  };
}
