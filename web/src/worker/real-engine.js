// The real engine: wasm/pulse.js's createPulse over the Emscripten factory createPulseModule.
// build.mjs puts pulse-engine.js and pulse.js in front of this worker's code, so both are
// globals here (the files are plain scripts, not modules). gzip needs no library
// (DecompressionStream); fflate's unzipSync is bundled into the worker for workbooks.
import { Inflate, unzipSync } from 'fflate';  // Excel workbooks (.xlsx) are zip archives
import { setParquetLibraryUrl } from 'pulse-parquet-library';
import { isParquet, loadParquet } from './parquet-source.js';
// The shared-memory engine's worker gets page-toucher.js; the plain workers, whose memory is
// never shared, a startPageToucher that returns null (web/build.mjs).
import { startPageToucher } from 'pulse-page-toucher';

// wasmModule: the WebAssembly.Module the page compiled from pulse-engine.wasm (hosted build),
// instantiated through Emscripten's instantiateWasm hook; absent when the glue has the wasm
// inlined (single file), which then compiles it itself. parquetUrl: where the hosted page keeps
// its Parquet reader (absent when the worker has it bundled).
export async function openEngine(wasmModule, { parquetUrl } = {}) {
  if (parquetUrl) setParquetLibraryUrl(parquetUrl);
  const factory = self.createPulseModule;
  let failed;
  const instantiateFailed = new Promise((_, reject) => { failed = reject; });
  const moduleOptions = wasmModule ? {
    instantiateWasm(imports, receiveInstance) {
      WebAssembly.instantiate(wasmModule, imports).then((instance) => receiveInstance(instance, wasmModule), failed);
      return {};  // asynchronous: the exports arrive through receiveInstance
    },
  } : undefined;
  // Emscripten's ready promise never settles when a hooked instantiation fails: race it.
  const pulse = await Promise.race([self.createPulse(factory, moduleOptions, { unzipSync, Inflate }), instantiateFailed]);
  return {
    kind: 'wasm',
    pulse,  // range-helpers.js loads a big CSV file in ranges on it
    // The isolated page's engine runs over a shared memory: its fresh pages are touched on a
    // worker of their own while it works (page-toucher.js); null otherwise.
    pages: startPageToucher(pulse._module.wasmMemory),
    async loadFile(name, source, { options, onProgress, chunkSize, signal, readBlob }) {
      // Parquet is decoded here by hyparquet (parquet-source.js); every other format by the engine.
      if (await isParquet(source))
        return loadParquet(pulse, name, source, { options, signal, onProgress: ({ bytes, total }) => onProgress(bytes, total) });
      return pulse.loadFile(name, source, {
        options,
        chunkSize,
        signal,
        readBlob,  // file-reader.js: a big file read on a worker of its own
        onProgress: ({ bytes, total, stage }) => onProgress(bytes, total, stage),  // pulse.js: {file, bytes, total, stage}
      });
    },
    // The big lists kept in the engine: the store reads them (report-store.js, kept-lists.js).
    reportText: (settings, sections) => pulse.reportText(settings, sections, { keepLists: true }),
    keptLists: () => pulse.keptLists(),
    schema: () => pulse.schema(),
    heapBytes: () => pulse._module.HEAPU8.length,
    clear: () => pulse.clear(),
  };
}
