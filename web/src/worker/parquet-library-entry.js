// What the worker's Parquet reader uses of hyparquet (parquet-source.js, parquet-groups.js,
// parquet-columns.js), and the group readers themselves, which are only needed with them: dist/assets/parquet-reader.js
// exposes it as self.pulseParquetLibrary (hosted page, fetched when a Parquet file comes, so
// that none of it weighs on the page's first load), the single file bundles it
// (parquet-library-inline.js); esbuild leaves the rest of hyparquet out. The
// page readers come from hyparquet's own modules (its package exports src/*.js): the columnar
// reader decodes pages itself to skip the row reader's assembly (hyparquet ^1.33, pinned by
// web/package-lock.json; tests/web/parquet-columns.test.mjs checks it against the row reader).
export { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
export { parquetHeader } from 'hyparquet/src/column.js';
export { convert, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
export { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
export { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
export { readPlain } from 'hyparquet/src/plain.js';
export { getMaxDefinitionLevel } from 'hyparquet/src/schema.js';
export { groupReader } from './parquet-groups.js';
