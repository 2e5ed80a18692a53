// The single-file page (dist/b2b-pulse.html, opened from disk, where nothing can be fetched):
// hyparquet is bundled into the worker itself. The hosted page loads it only when needed
// (parquet-library-hosted.js).
import * as library from './parquet-library-entry.js';

export const loadParquetLibrary = async () => library;
export function setParquetLibraryUrl() {}
