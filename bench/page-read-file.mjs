// Not a test: how long a dedicated worker of headless Chromium takes just to read a picked file,
// by each way the page could read it, with nothing parsed (docs/performance.md "Reading the
// file"): the byte stream with a reader that brings its own 4 MiB buffer (BYOB: what
// wasm/pulse.js does), FileReaderSync over 4 MiB slices, and `slice().arrayBuffer()` per 4 MiB.
// Each way in a fresh worker, in that order, then the byte stream again (the first read of a
// big file may come from disk, the later ones from the page cache).
//   node bench/page-read-file.mjs FILE
import fs from 'node:fs';
import { launch } from '../tests/browser/helpers.mjs';

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  console.error('usage: node bench/page-read-file.mjs FILE');
  process.exit(2);
}

// The worker's source, as text for a blob: URL (the bench's own blank page, not the product's).
const WORKER = `onmessage = async (e) => {
  const { file, mode } = e.data;
  const size = 4 << 20;
  const t0 = performance.now();
  let total = 0, reads = 0;
  if (mode === 'byte stream') {
    const reader = file.stream().getReader({ mode: 'byob' });
    let buffer = new ArrayBuffer(size);
    for (let done = false; !done;) {
      let filled = 0;
      while (filled < size) {
        const r = await reader.read(new Uint8Array(buffer, filled, size - filled));
        reads++;
        if (r.value) buffer = r.value.buffer;
        if (r.done) { done = true; break; }
        filled += r.value.byteLength;
      }
      total += filled;
    }
  } else if (mode === 'FileReaderSync') {
    const fr = new FileReaderSync();
    for (let at = 0; at < file.size; at += size, reads++)
      total += fr.readAsArrayBuffer(file.slice(at, Math.min(at + size, file.size))).byteLength;
  } else {
    for (let at = 0; at < file.size; at += size, reads++)
      total += (await file.slice(at, Math.min(at + size, file.size)).arrayBuffer()).byteLength;
  }
  postMessage({ mode, ms: performance.now() - t0, total, reads });
};`;

const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.setContent('<input type=file id=f>');
  await page.locator('#f').setInputFiles(file);
  const results = await page.evaluate(async (source) => {
    const picked = document.getElementById('f').files[0];
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const out = [];
    for (const mode of ['byte stream', 'FileReaderSync', 'slices', 'byte stream']) {
      const worker = new Worker(url);
      out.push(await new Promise((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.postMessage({ file: picked, mode });
      }));
      worker.terminate();
    }
    return out;
  }, WORKER);
  for (const r of results)
    console.log(`${r.mode.padEnd(15)} ${(r.ms / 1000).toFixed(2)} s for ${(r.total / 1e6).toFixed(1)} MB in ${r.reads} reads`);
} finally {
  await browser.close();
}
