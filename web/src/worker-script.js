// The engine worker's script, bundled into the page as text (web/build.mjs), as one Blob URL
// for the page's life: the engine's worker, its range helpers and its warm-up all start from it,
// from any host and from file:// alike. Kept, not revoked: the text stays in the page's script
// anyway, and one URL spares each worker a copy of it (with the single file's inlined wasm,
// about 1.1 MB).
import workerSource from 'virtual:worker-source';

let url = null;

/** The Blob URL of the engine worker's script, made the first time it is asked for. */
export function workerScriptUrl() {
  if (!url) url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  return url;
}
