// One view's section re-filtered in WebAssembly under Node, builds side by side: each build (a
// folder with its pulse-engine.js and pulse.js) loads Online Retail (the catalog "All", as the
// page reads the file by default), makes the whole report, then REPORTS reports of SECTION alone
// (as the page's first call on a re-filter asks, report-runner.js) with the period's end moved
// between mid-June and December 2011 each time, so nothing is reused; the median ms of those.
// The builds take turns ROUNDS times, so a machine slowing down slows each alike. Not a test.
//   node bench/section-refilter-wasm.cjs SECTION REPORTS ROUNDS DIR [DIR ...]
//   e.g. node bench/section-refilter-wasm.cjs catalogs 30 3 /tmp/before build/wasm-release/wasm
/* global process, performance, console, __dirname */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [section, reports, rounds] = [process.argv[2], Number(process.argv[3] || 30), Number(process.argv[4] || 3)];
const dirs = process.argv.slice(5).map((d) => path.resolve(d));
const file = path.join(__dirname, '..', '..', 'shared', 'datasets', 'online-retail', 'online_retail.csv');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(dir) {
  const { createPulse } = require(path.join(dir, 'pulse.js'));
  const pulse = await createPulse(require(path.join(dir, 'pulse-engine.js')));
  try {
    const options = { expected_bytes: fs.statSync(file).size };
    await pulse.loadFile('online_retail.csv', fs.createReadStream(file, { highWaterMark: 4 << 20 }), { options });
    pulse.reportText({}, undefined, { keepLists: true });
    const ms = [];
    for (let i = 0; i < reports; i++) {
      const t0 = performance.now();
      pulse.reportText({ to: i % 2 ? '2011-12-09' : '2011-06-20' }, section, { keepLists: true });
      ms.push(performance.now() - t0);
    }
    return median(ms);
  } finally {
    pulse.dispose();
  }
}

(async () => {
  if (!section || dirs.length === 0 || !fs.existsSync(file)) {
    console.log('usage: node bench/section-refilter-wasm.cjs SECTION REPORTS ROUNDS DIR [DIR ...] (needs ../shared/datasets)');
    process.exitCode = 2;
    return;
  }
  const times = new Map(dirs.map((d) => [d, []]));
  for (let round = 0; round < rounds; round++)
    for (const dir of round % 2 ? [...dirs].reverse() : dirs) {
      const ms = await once(dir);
      times.get(dir).push(ms);
      console.log(`round ${round + 1} ${dir}: ${section} ${ms.toFixed(1)} ms (median of ${reports})`);
    }
  for (const [dir, t] of times)
    console.log(`${dir}: ${section}, rounds ${t.map((x) => x.toFixed(1)).join(', ')} ms`);
})();
