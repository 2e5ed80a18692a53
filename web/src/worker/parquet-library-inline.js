// The single-file page (dist/b2b-pulse.html, opened from disk, where nothing can be fetched):
// hyparquet is bundled into the worker itself. The hosted page loads it only when needed
// (parquet-library-hosted.js).
import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';

export const loadParquetLibrary = async () => ({ parquetMetadataAsync, parquetRead, parquetSchema });
export function setParquetLibraryUrl() {}
