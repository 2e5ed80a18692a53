// The hosted page: hyparquet is a script of its own (dist/assets/parquet-reader.js, built by
// web/build.mjs from parquet-library-entry.js), fetched by the worker the first time a Parquet
// file is dropped, so that it adds nothing to the page's first load. The page gives its URL
// (the worker runs from a blob: URL and cannot resolve a relative one).
let url = null;
let library = null;

export function setParquetLibraryUrl(value) {
  url = value;
}

export async function loadParquetLibrary() {
  if (library) return library;
  if (!url) throw new Error('no URL for the Parquet reader');
  importScripts(url);  // defines self.pulseParquetLibrary
  library = self.pulseParquetLibrary;
  if (!library) throw new Error(url + ' did not define the reader');
  return library;
}
