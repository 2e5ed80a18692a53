// A file's load and first report in WebAssembly under Node, before and after a change,
// alternating in one run: each build (a folder with its pulse-engine.js and pulse.js) gets a
// fresh engine per run, loads FILE streamed from disk in 4 MiB chunks with the file's size given
// (as the page gives a File's, so the columns are sized once), then makes the whole report.
// The order of the builds turns round every run, so a machine slowing down slows both alike.
// Prints each run and the medians (wall ms; CPU ms of the report). Not a test. For the 2.18 GB
// file (`bash bench/make_big.sh 44`) give Node room: `node --max-old-space-size=8000`.
// LOAD_ONLY=1: the load alone (no report), for a change to the load.
//   [LOAD_ONLY=1] node bench/load-report-wasm.cjs RUNS FILE DIR_A [DIR_B ...]
/* global process, performance, console */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const runs = Number(process.argv[2] || 3);
const file = process.argv[3];
const dirs = process.argv.slice(4).map((d) => path.resolve(d));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(dir) {
  const { createPulse } = require(path.join(dir, 'pulse.js'));
  const pulse = await createPulse(require(path.join(dir, 'pulse-engine.js')));
  try {
    const options = { expected_bytes: fs.statSync(file).size };
    let t0 = performance.now();
    await pulse.loadFile(path.basename(file), fs.createReadStream(file, { highWaterMark: 4 << 20 }), { options });
    const load = performance.now() - t0;
    if (process.env.LOAD_ONLY === '1') return { load, report: 0, reportCpu: 0, bytes: 0 };
    const c0 = process.cpuUsage();
    t0 = performance.now();
    const bytes = pulse.reportText({}).length;
    const report = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    return { load, report, reportCpu: (cpu.user + cpu.system) / 1000, bytes };
  } finally {
    pulse.dispose();
  }
}

(async () => {
  if (!file || !fs.existsSync(file) || dirs.length === 0) {
    console.log('usage: node bench/load-report-wasm.cjs RUNS FILE DIR_A [DIR_B ...]');
    process.exitCode = 2;
    return;
  }
  const times = new Map(dirs.map((d) => [d, { load: [], report: [], reportCpu: [] }]));
  for (let i = 0; i < runs; i++) {
    for (const dir of i % 2 ? [...dirs].reverse() : dirs) {
      const r = await once(dir);
      for (const k of ['load', 'report', 'reportCpu']) times.get(dir)[k].push(r[k]);
      console.log(`run ${i + 1} ${dir}: load ${r.load.toFixed(0)} ms, report ${r.report.toFixed(0)} ms ` +
                  `(CPU ${r.reportCpu.toFixed(0)} ms), ${r.bytes} characters of JSON`);
    }
  }
  console.log(`${path.basename(file)}, ${runs} runs each, medians:`);
  for (const [dir, t] of times)
    console.log(`  ${dir}: load ${median(t.load).toFixed(0)} ms, report ${median(t.report).toFixed(0)} ms ` +
                `(CPU ${median(t.reportCpu).toFixed(0)} ms)`);
})();
