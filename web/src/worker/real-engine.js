// The real engine: wasm/pulse.js's createPulse over the Emscripten factory createPulseModule.
// build.mjs puts pulse-engine.js and pulse.js in front of this worker's code, so both are
// globals here (the files are plain scripts, not modules). gzip needs no library
// (DecompressionStream); fflate's unzipSync is bundled into the worker for workbooks.
import { unzipSync } from 'fflate';  // Excel workbooks (.xlsx) are zip archives

export async function openEngine() {
  const factory = self.createPulseModule;
  const pulse = await self.createPulse(factory, undefined, { unzipSync });
  return {
    kind: 'wasm',
    loadFile(name, source, { options, onProgress, chunkSize }) {
      return pulse.loadFile(name, source, {
        options,
        chunkSize,
        // pulse.js reports {file, bytes, total}; older drafts passed (bytes, total).
        onProgress: (p, total) => (typeof p === 'object' && p ? onProgress(p.bytes, p.total) : onProgress(p, total)),
      });
    },
    reportText: (settings) => pulse.reportText(settings),
    clear: () => pulse.clear(),
  };
}
