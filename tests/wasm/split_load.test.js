// The page's parallel load (web/src/worker/split-load.js over wasm/split_load.h) against the
// one-stream load, under Node: the helpers are other instances of the module, run in turn in
// this thread, exactly as the page's helper workers would run them. Ranges are forced small
// (a few KiB), so joins fall everywhere, inside quoted line breaks too. Load reports and report
// JSON must be identical, byte for byte.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, SAMPLES, DATASETS, newPulse } = require('./support');

const splitLoad = import(path.join(ROOT, 'web/src/worker/split-load.js'));

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

// The engines, made once (a module instance per engine): one that loads in ranges, one that
// loads in one stream, and the helpers' (a helper keeps nothing of a file in its engine).
let engines = null;
async function enginesOnce() {
  if (!engines) engines = { ranges: await newPulse(), stream: await newPulse(), helpers: [await newPulse(), await newPulse(), await newPulse()] };
  return engines;
}

// The file loaded in ranges with `helpers` helpers or, when it is none that loads so, in one
// stream (what the page does). Returns {load, report, inRanges}.
async function loadInRanges(name, bytes, { rangeBytes, helpers: count = 1 }) {
  const { loadFileInRanges, openRangeParser } = await splitLoad;
  const { ranges: pulse, helpers: helperEngines } = await enginesOnce();
  pulse.clear();
  const helpers = helperEngines.slice(0, count).map((h) => openRangeParser(h, name, bytes, { rangeBytes }));
  let load = await loadFileInRanges(pulse, name, bytes, { helpers, rangeBytes })
    .catch((err) => err.load || { failed: err.message });
  const inRanges = load !== null;
  if (!inRanges) load = await pulse.loadFile(name, bytes).catch((err) => err.load || { failed: err.message });
  for (const h of helpers) h.dispose();
  return { load, report: pulse.reportText(), inRanges };
}

async function loadOneStream(name, bytes) {
  const { stream: pulse } = await enginesOnce();
  pulse.clear();
  const load = await pulse.loadFile(name, bytes).catch((err) => err.load || { failed: err.message });
  return { load, report: pulse.reportText() };
}

function withoutBytesRead(load) {
  const rest = { ...load };
  delete rest.bytes_read;  // a refused load reports how far it read
  return rest;
}

async function assertSame(name, bytes, options) {
  const one = await loadOneStream(name, bytes);
  const many = await loadInRanges(name, bytes, options);
  assert.deepEqual(withoutBytesRead(many.load), withoutBytesRead(one.load), `${name}: load report`);
  assert.ok(many.report === one.report, `${name}: report JSON differs`);
  return many.inRanges;
}

test('in ranges equals one stream on every fixture and sample (4 KiB ranges)', async () => {
  const files = [...filesUnder(path.join(ROOT, 'tests/fixtures')), ...filesUnder(SAMPLES)];
  let inRanges = 0;
  for (const file of files) {
    const bytes = new Uint8Array(fs.readFileSync(file));
    if (await assertSame(path.basename(file), bytes, { rangeBytes: 4096 })) inRanges++;
  }
  assert.ok(inRanges >= 3, `${inRanges} files went in ranges`);
  const lines = new Uint8Array(fs.readFileSync(path.join(SAMPLES, 'order_lines.csv')));
  assert.ok(await assertSame('order_lines.csv', lines, { rangeBytes: 4096, helpers: 3 }));
});

test('a quoted multi-line field across range boundaries', async () => {
  let text = 'order_id,sku,product_name,quantity,unit_price,order_date\n';
  for (let i = 0; i < 3000; i++) {
    const name = i % 50 === 7
      ? '"Set of 3:\nSO-1,SKU-1,x,1,2.25,2024-01-01\nSO-2,SKU-2,""y"",1,2.25,2024-01-02\nend"'
      : 'Widget ' + (i % 13);
    text += `SO-${Math.floor(i / 4)},SKU-${i % 31},${name},${1 + i % 5},1.5,2024-02-0${1 + i % 9}\n`;
  }
  const bytes = new TextEncoder().encode(text);
  for (const rangeBytes of [700, 1024, 1500, 4096])
    assert.ok(await assertSame('multi.csv', bytes, { rangeBytes, helpers: 2 }), `range ${rangeBytes}`);
  const { load } = await loadInRanges('multi.csv', bytes, { rangeBytes: 1024 });
  assert.equal(load.rows_loaded, 3000);
  assert.equal(load.problems.length, 0);
});

test('files that stay in one stream: gzip, JSON, not UTF-8', async () => {
  const { loadFileInRanges, openRangeParser } = await splitLoad;
  const { ranges: pulse, helpers: [helperEngine] } = await enginesOnce();
  pulse.clear();
  const helper = openRangeParser(helperEngine, 'x', new Uint8Array(0), { rangeBytes: 4096 });
  const gz = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
  assert.equal(await loadFileInRanges(pulse, 'a.csv.gz', gz, { helpers: [helper], rangeBytes: 4096 }), null);
  const json = new TextEncoder().encode('[{"order_id": 1}]');
  assert.equal(await loadFileInRanges(pulse, 'a.json', json, { helpers: [helper], rangeBytes: 4096 }), null);
  helper.dispose();
  // Nothing of them stayed in the engine.
  assert.equal(JSON.parse(pulse.reportText()).load.length, 0);
});

test('in ranges equals one stream on the shared datasets', async (t) => {
  const names = ['online-retail/online_retail.csv', 'crm-sales-opportunities/sales_pipeline.csv', 'olist-2017-subset/order_items.csv'];
  const present = names.filter((n) => fs.existsSync(path.join(DATASETS, n)));
  if (present.length === 0) return t.skip('skipped: dataset not found');
  for (const name of present) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(DATASETS, name)));
    // Ranges of 64 KiB on a 45 MB file are hundreds of joins; the whole report must match.
    assert.ok(await assertSame(path.basename(name), bytes, { rangeBytes: bytes.length > (8 << 20) ? 1 << 20 : 65536 }), name);
  }
});
