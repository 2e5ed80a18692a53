// What dist/assets/parquet-reader.js exposes to the worker (as self.pulseParquetLibrary): only
// the three calls parquet-source.js makes, so esbuild leaves the rest of hyparquet out.
export { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
