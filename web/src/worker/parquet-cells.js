// Parquet values as the text the engine reads for their type (docs/formats.md, "Parquet"): what
// parquet-source.js gives the engine for each cell. Plain functions, so that tests/web checks them
// under Node on the DuckDB fixtures.

const two = (n) => String(n).padStart(2, '0');

/** Milliseconds since 1970 as the engine's date-time text, in UTC (Parquet's own clock). */
function dateTimeText(ms) {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'invalid timestamp';  // the engine reports the cell
  return d.toISOString().slice(0, 10) + ' ' + two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) + ':' + two(d.getUTCSeconds());
}

// hyparquet hands dates and timestamps to these instead of building Date objects. Fractions of a
// second are dropped: the engine keeps whole seconds.
export const PARSERS = {
  dateFromDays: (days) => {
    const d = new Date(Number(days) * 86400000);
    return Number.isNaN(d.getTime()) ? 'invalid date' : d.toISOString().slice(0, 10);
  },
  timestampFromMilliseconds: (ms) => dateTimeText(Number(ms)),
  timestampFromMicroseconds: (us) => dateTimeText(Number(BigInt(us) / 1000n)),
  timestampFromNanoseconds: (ns) => dateTimeText(Number(BigInt(ns) / 1000000n)),
};

const bytesAsText = new TextDecoder();

/** One value as the engine's text; null for a missing one. */
export function cellText(v) {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string': return v;
    case 'number': return String(v);  // shortest text that reads back the same double
    case 'bigint': return v.toString();
    case 'boolean': return v ? 'true' : 'false';
    default:
      if (v instanceof Date) return dateTimeText(v.getTime());
      if (v instanceof Uint8Array) return bytesAsText.decode(v);  // BYTE_ARRAY without a string type
      // A nested value (list, struct, map): its JSON, as a JSON file's nested field would be.
      return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
  }
}
