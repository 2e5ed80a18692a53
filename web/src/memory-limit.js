// When a file does not fit: the browser would not grow the page's WebAssembly memory, so an
// allocation in the engine failed (std::bad_alloc, caught: pulse.ingest.005 while loading,
// pulse.wasm.002 elsewhere). The engine keeps the rows it read before memory ran out (a partial
// load, as for any file that stops; nothing when memory ran out before the first row was kept,
// e.g. when the columns are sized for the whole file up front) and stays usable: the other
// files stay loaded and a smaller file can follow. The page says so in one sentence, with how
// many of about how many lines were loaded (docs/performance.md, "When a file does not fit").

import { formatter } from './format.js';

const OUT_OF_MEMORY = /pulse\.ingest\.005|pulse\.wasm\.002/;

/** Line counts as the sentences give them: 18.2K, 18,2 тыс. (the page's compact numbers). */
const countFormat = (t) => formatter(t.lang === 'ru' ? 'ru-RU' : 'en-US').compact;

/** True when a message (a string, or an object with a code, reason or text) is out of memory. */
function saysOutOfMemory(message) {
  if (!message) return false;
  if (typeof message === 'string') return OUT_OF_MEMORY.test(message);
  return [message.code, message.reason, message.text, message.message].some((m) => typeof m === 'string' && OUT_OF_MEMORY.test(m));
}

/** A file entry ({error, load}) whose load ended for lack of memory. */
export function outOfMemory(entry) {
  const load = entry.load || {};
  return saysOutOfMemory(entry.error) || saysOutOfMemory(load.error) || saysOutOfMemory(load.stopped);
}

/**
 * About how many lines a file has: its size times the line breaks in its first MiB, per byte.
 * null when that says nothing (no file, a gzip whose bytes are not its text, no line break).
 */
export async function estimateLines(blob) {
  if (!blob || typeof blob.slice !== 'function' || !(blob.size > 0)) return null;
  const head = new Uint8Array(await blob.slice(0, 1 << 20).arrayBuffer());
  if (head[0] === 0x1f && head[1] === 0x8b) return null;
  let breaks = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 10) breaks++;
  if (!breaks) return null;
  const lines = head.length === blob.size ? breaks + (head[head.length - 1] === 10 ? 0 : 1) : Math.round((breaks * blob.size) / head.length);
  return Math.max(0, lines - 1); // the header line holds no row
}

/**
 * The sentence for a report that ran out of memory once the files were loaded (the figures of
 * all the rows did not fit: the joins, models and JSON come on top of the loaded tables); null
 * when `error` is not out of memory, so the caller words it as any other failure.
 */
export function reportMemoryNotice(t, files, error) {
  if (!saysOutOfMemory(error && (error.message || String(error)))) return null;
  const rows = files.reduce((n, f) => n + ((f.load && f.load.rows_loaded) || 0), 0);
  return t('memory.report', { rows: countFormat(t)(rows) });
}

/** The sentence for the files that ran out of memory, '' when none did; caches the estimate on each entry. */
export async function memoryNotice(t, files) {
  const sentences = [];
  const count = countFormat(t);
  for (const f of files) {
    if (!outOfMemory(f)) continue;
    if (f.memoryLines === undefined) f.memoryLines = await estimateLines(f.source).catch(() => null);
    const loaded = (f.load && f.load.rows_loaded) || 0;
    const total = f.memoryLines;
    const vars = { file: f.name, loaded: count(loaded), total: count(total ?? 0) };
    sentences.push(t(total && total >= loaded ? 'memory.too_big' : 'memory.too_big.no_total', vars) + ' ' +
      t(loaded > 0 ? 'memory.kept' : 'memory.none_kept'));
  }
  return sentences.join(' ');
}
