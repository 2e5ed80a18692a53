// The engine's re-filter in WebAssembly under Node (issue #14 point 5), before and after a
// change, alternating in one run: each build (a folder with pulse-engine.js and its pulse.js)
// loads Online Retail (Country as the catalog) once, makes a first report, then reports RUNS
// times with the period halved, the whole period again, one catalog, and (when the build takes
// sections) the customers' view alone over the half period; medians in ms, wall and CPU. Not a test.
//   node bench/refilter-wasm.cjs RUNS DIR_AFTER [DIR_BEFORE]
/* global process, __dirname, performance, console */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const runs = Number(process.argv[2] || 7);
const dirs = process.argv.slice(3).map((d) => path.resolve(d));
const file = path.join(__dirname, '../../shared/datasets/online-retail/online_retail.csv');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dayText = (ms) => new Date(ms).toISOString().slice(0, 10);

async function open(dir) {
  const { createPulse } = require(path.join(dir, 'pulse.js'));
  const pulse = await createPulse(require(path.join(dir, 'pulse-engine.js')));
  const options = { columns: { catalog: 'Country' } };
  await pulse.loadFile('online_retail.csv', fs.createReadStream(file, { highWaterMark: 4 << 20 }), { options });
  const t0 = performance.now();
  const first = pulse.report({});
  const firstMs = performance.now() - t0;
  const from = Date.parse(first.period.from), to = Date.parse(first.period.to);
  const half = dayText((from + to) / 2);
  const catalog = first.catalogs.catalogs[1].catalog;
  // A build from before sections takes one argument: asking it for sections would throw.
  const sections = pulse.reportText.length >= 2;
  // In this order, each case after another scope: the engine reuses the last report's
  // dashboards for the same settings (the page's second call), which would flatter a case.
  const cases = {
    'period halved': () => pulse.reportText({ to: half }),
    'whole period': () => pulse.reportText({ to: first.period.to }),
  };
  if (sections) cases['customers view, half period'] = () => pulse.reportText({ to: half }, ['customers', 'comparisons']);
  cases[`catalog ${catalog}`] = () => pulse.reportText({ catalog });
  if (sections) {
    cases['This week view, half period'] = () => pulse.reportText({ to: half }, ['attention']);
    cases['then the whole report, half period (reuses)'] = () => pulse.reportText({ to: half });
    cases['whole period again'] = () => pulse.reportText({ to: first.period.to });
  }
  const lists = () => Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  return { dir, firstMs, cases, times: lists(), cpu: lists() };
}

(async () => {
  if (!fs.existsSync(file)) return console.log(`skipped: ${file} not found`);
  const builds = [];
  for (const dir of dirs) builds.push(await open(dir));
  for (let i = 0; i < runs; i++)
    for (const b of builds)
      for (const [name, run] of Object.entries(b.cases)) {
        // CPU time (user + sys) of this process: the engine is single-threaded, and a busy
        // machine stretches wall time far more than CPU time.
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        run();
        const cpu = process.cpuUsage(c0);
        b.times[name].push(performance.now() - t0);
        b.cpu[name].push((cpu.user + cpu.system) / 1000);
      }
  for (const b of builds) {
    console.log(`${b.dir}: first report ${b.firstMs.toFixed(0)} ms; medians of ${runs}:`);
    for (const [name, xs] of Object.entries(b.times)) console.log(`  ${name}: ${median(xs).toFixed(1)} ms (CPU ${median(b.cpu[name]).toFixed(1)} ms)`);
  }
})();
