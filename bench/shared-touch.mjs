// Not a test: whether a helper thread that touches a shared WebAssembly.Memory's fresh pages
// spares the thread writing it the page faults (docs/performance.md "The load's cells": a fresh
// 4 KiB page costs ~15 µs on the project machine, ~21 % of a big file's wasm load). The writer
// fills 400 MiB a MiB at a time, WORK ms of busy "parsing" before each MiB (as a load writes its
// columns), alone or with a worker thread touching one byte a page from the start; fresh memory
// each run, 5 alternating pairs, medians.
//   node bench/shared-touch.mjs [WORK ms per MiB = 0]
import { Worker } from 'node:worker_threads';
const MiB = 1 << 20, total = 400, WORK = Number(process.argv[2] || 0);  // ms of parsing per MiB written
const helperSrc = `
const { parentPort, workerData } = require('node:worker_threads');
const { memory, total } = workerData;
const u8 = new Uint8Array(memory.buffer);
for (let p = 0; p < total << 20; p += 4096) u8[p] = 0;  // one write a page
parentPort.postMessage('done');`;
async function run(withHelper) {
  const memory = new WebAssembly.Memory({ initial: (total * MiB) / 65536 + 16, maximum: 65536, shared: true });
  const u8 = new Uint8Array(memory.buffer);
  let helper;
  if (withHelper) {
    helper = new Worker(helperSrc, { eval: true, workerData: { memory, total } });
    await new Promise((ok) => setTimeout(ok, 50));
  }
  const t0 = performance.now();
  for (let m = 0; m < total; m++) { const until = performance.now() + WORK; while (performance.now() < until); u8.fill(m & 255, m * MiB, (m + 1) * MiB); }
  const ms = performance.now() - t0;
  if (helper) await helper.terminate();
  return ms;
}
const res = { alone: [], helper: [] };
for (let i = 0; i < 5; i++) { res.alone.push(await run(false)); res.helper.push(await run(true)); }
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(0);
console.log('write 400 MiB: alone', med(res.alone), 'ms; helper touching pages too', med(res.helper), 'ms', JSON.stringify(res, (k, v) => typeof v === 'number' ? Math.round(v) : v));
