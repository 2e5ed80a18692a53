// Not a test (node --test skips this name): times the wasm engine under Node.
//   node tests/wasm/bench.js [file.csv] [runs]
// Prints the median of `runs` fresh instances: instantiate, ingest (streamed from disk in
// 4 MiB chunks), first report (joins built), a re-filtered report (joins reused).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { DATASETS, newPulse } = require('./support');

const file = process.argv[2] || path.join(DATASETS, 'online-retail/online_retail.csv');
const runs = Number(process.argv[3] || 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  const times = { instantiate: [], ingest: [], report: [], refilter: [], total: [] };
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const pulse = await newPulse();
    const t1 = performance.now();
    await pulse.loadFile(path.basename(file), fs.createReadStream(file, { highWaterMark: 4 << 20 }));
    const t2 = performance.now();
    const report = pulse.report({});
    const t3 = performance.now();
    pulse.reportText({ catalog: 'France' });
    const t4 = performance.now();
    times.instantiate.push(t1 - t0);
    times.ingest.push(t2 - t1);
    times.report.push(t3 - t2);
    times.refilter.push(t4 - t3);
    times.total.push(t3 - t1);
    if (i === 0) console.log(`${path.basename(file)}: ${(fs.statSync(file).size / 1e6).toFixed(1)} MB, ` +
                             `${report.load[0].rows_loaded} rows, report ${(pulse.reportText({}).length / 1e6).toFixed(2)} MB`);
    pulse.dispose();
  }
  for (const [name, xs] of Object.entries(times))
    console.log(`${name.padEnd(12)} median ${median(xs).toFixed(0).padStart(5)} ms   (${xs.map((x) => x.toFixed(0)).join(', ')})`);
})();
