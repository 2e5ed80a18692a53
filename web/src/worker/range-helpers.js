// The engine worker's helpers for a big CSV file (split-load.js), reached through the
// MessagePorts the page's ingest pool (src/ingest-pool.js) hands over with the load: each port
// leads to a helper worker, another instance of this worker script with an engine of its own.
// Requests on a port: {id, op: 'head', name, source, options, rangeBytes, headEnd} then
// {id, op: 'parse', decisions, begin, end, firstLine}; answers {id, ok, result | error}.
import { loadFileInRanges, openRangeParser } from './split-load.js';

/** The engine worker's side of a port: a helper as loadFileInRanges calls it. */
function portHelper(port, file) {
  let seq = 0;
  const pending = new Map();
  port.onmessage = (ev) => {
    const { id, ok, result, error } = ev.data;
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (ok) p.resolve(result);
    else p.reject(new Error(error));
  };
  const call = (msg, transfer = []) => new Promise((resolve, reject) => {
    const id = ++seq;
    pending.set(id, { resolve, reject });
    port.postMessage({ id, ...msg }, transfer);
  });
  return {
    head: (headEnd) => call({ op: 'head', ...file, headEnd }),
    parse: (decisions, begin, end, firstLine) => call({ op: 'parse', decisions, begin, end, firstLine }),
    close: () => port.close(),
  };
}

/**
 * Loads msg.source in ranges with the helpers behind msg.rangePorts; resolves to the load
 * report, or to null when the file is to be read in one stream (not a plain UTF-8 CSV, ...).
 */
export async function loadWithHelpers(pulse, msg, { onProgress, signal }) {
  const file = { name: msg.name, source: msg.source, options: msg.options, rangeBytes: msg.rangeBytes };
  const helpers = msg.rangePorts.map((port) => portHelper(port, file));
  try {
    return await loadFileInRanges(pulse, msg.name, msg.source, {
      options: msg.options,
      helpers,
      rangeBytes: msg.rangeBytes,
      signal,
      onProgress: ({ bytes, total }) => onProgress(bytes, total),
    });
  } finally {
    for (const h of helpers) h.close();
  }
}

/** A helper worker's side of its port: parses the ranges the engine worker asks for. */
export function serveRanges(port, pulse) {
  let parser = null;
  port.onmessage = async (ev) => {
    const msg = ev.data;
    try {
      if (msg.op === 'head') {
        if (parser) parser.dispose();
        parser = openRangeParser(pulse, msg.name, msg.source, { options: msg.options, rangeBytes: msg.rangeBytes });
        port.postMessage({ id: msg.id, ok: true, result: await parser.head(msg.headEnd) });
      } else if (msg.op === 'parse') {
        if (!parser) throw new Error('parse before head');
        const image = await parser.parse(new Uint8Array(msg.decisions), msg.begin, msg.end, msg.firstLine);
        port.postMessage({ id: msg.id, ok: true, result: image }, [image.buffer]);
      }
    } catch (err) {
      port.postMessage({ id: msg.id, ok: false, error: String((err && err.message) || err) });
    }
  };
}
