// Bad input is a value, never a crash: bad rows are reported with their line and skipped,
// unreadable files are refused with an error id, and the engine stays usable afterwards.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { PulseError, newPulse, newModule } = require('./support');

const GOOD = 'order_id,order_date,customer_id,sku,quantity,unit_price\n' +
             '10,2024-03-01,C7,A,1,5\n';

const lineOf = (problem) => problem.line;

test('a malformed file: bad rows are listed with their line numbers, the good rows load', async () => {
  const pulse = await newPulse();
  const text = 'order_id,order_date,customer_id,sku,quantity,unit_price\n' +
               '1,2024-01-05,C1,A,2,3.5\n' +
               '2,2024-01-06,C2,B,abc,1.0\n' +   // line 3: bad number
               '3,2024-02-30,C2,C,1,2\n' +      // line 4: no such date
               '4,2024-02-01,C3,A,1,2\n' +
               '5,2024-02-02,C2,B,1\n' +        // line 6: a field short
               '6,2024-03-01,C1,A,1,1\n';
  const load = await pulse.loadFile('bad.csv', text);
  assert.equal(load.error, null);
  assert.equal(load.rows_loaded, 3);
  assert.equal(load.rows_skipped, 3);
  // Listed by kind (row shape first, then values), so compared as a set of lines.
  assert.deepEqual(load.problems.map(lineOf).sort(), [3, 4, 6]);
  const problem = (line) => load.problems.find((p) => lineOf(p) === line);
  // Each problem is an object: the page words reason_code with params; text is the CLI's line.
  assert.deepEqual(problem(3), { file: 'bad.csv', line: 3, field: 'quantity', reason_code: 'pulse.row.001',
    params: { value: 'abc' }, text: "bad.csv:3: quantity: bad number 'abc'" });
  assert.equal(problem(4).reason_code, 'pulse.row.003');
  assert.match(problem(4).text, /^bad\.csv:4: order_date: .*2024-02-30/);
  assert.deepEqual(problem(6).params, { expected: 6, found: 5 });
  assert.equal(problem(6).reason_code, 'pulse.row.009');
  assert.equal(problem(6).field, null);
  assert.equal(load.problem_cap, 100);
  const report = pulse.report({});
  assert.equal(report.customers.summary.customers, 2);  // C1 and C3: C2's rows were all bad
  assert.deepEqual(report.load[0].problems, load.problems);
});

test('empty, blank, binary and archive files are refused with an error id', async () => {
  const pulse = await newPulse();
  let seed = 7;
  const noise = Uint8Array.from({ length: 70000 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
  const cases = [
    ['empty.csv', new Uint8Array(0), 'pulse.ingest.001'],
    ['blank.csv', '\n\n\r\n', 'pulse.ingest.001'],
    ['image.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'pulse.ingest.002'],
    ['export.csv.gz', Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0]), 'pulse.gzip.001'],
    ['book.xlsx', Uint8Array.from([0x50, 0x4b, 3, 4, 0x14, 0]), 'pulse.zip.001'],
    ['noise.bin', noise, undefined],
    ['products.csv', 'product,series,sales_price\nGTX,GTX,550\n', 'pulse.ingest.101'],
  ];
  for (const [name, bytes, code] of cases) {
    await assert.rejects(pulse.loadFile(name, bytes, { chunkSize: 3 }), (err) => {
      assert.ok(err instanceof PulseError, `${name}: a PulseError`);
      if (code) assert.equal(err.code, code, `${name}: ${err.message}`);
      assert.match(err.message, /^\[pulse\.\w+\.\d+\] /);
      assert.equal(err.load.file, name);
      assert.equal(err.load.rows_loaded, 0);
      return true;
    });
  }
  // The engine is still whole: a good file loads and the refused ones are listed.
  assert.equal((await pulse.loadFile('good.csv', GOOD)).rows_loaded, 1);
  const report = pulse.report({});
  assert.equal(report.customers.summary.customers, 1);
  assert.equal(report.load.length, cases.length + 1);
});

test('bad options and settings are errors with the config id', async () => {
  const pulse = await newPulse();
  await assert.rejects(pulse.loadFile('x.csv', GOOD, { options: { role: 'nonsense' } }),
                       { code: 'pulse.config.101' });
  await assert.rejects(pulse.loadFile('x.csv', GOOD, { options: '{oops' }), { code: 'pulse.wasm.003' });
  await assert.rejects(pulse.loadFile('x.csv', null), { code: 'pulse.wasm.006' });
  await assert.rejects(pulse.loadFile('x.csv', GOOD, { chunkSize: 0 }), { code: 'pulse.wasm.006' });
  assert.equal((await pulse.loadFile('x.csv', GOOD)).rows_loaded, 1);
  assert.throws(() => pulse.report({ as_of: 'yesterday' }), { code: /^pulse\.config\./ });
  assert.throws(() => pulse.report({ status_thresholds: [3, 2, 1] }), { code: /^pulse\.config\./ });
  assert.throws(() => pulse.report('{'), { code: 'pulse.wasm.003' });
  assert.ok(pulse.report({ as_of: '2024-03-31' }).customers.summary);
});

test('a source that fails midway rejects with its error and leaves the engine usable', async () => {
  const pulse = await newPulse();
  async function* broken() {
    yield new TextEncoder().encode(GOOD);
    throw new Error('network gone');
  }
  await assert.rejects(pulse.loadFile('cut.csv', broken()), /network gone/);
  assert.equal((await pulse.loadFile('good.csv', GOOD)).rows_loaded, 1);
  const report = pulse.report({});
  assert.ok(report.customers.summary);
  // The half-read file left nothing behind: only good.csv is loaded.
  assert.deepEqual(report.load.map((l) => l.file), ['good.csv']);
});

test('the raw binding never throws: misuse comes back as an error value', async () => {
  const m = await newModule();
  const engine = new m.PulseEngine();
  const errorOf = (text) => JSON.parse(text).error;
  // report() gives its document as bytes over wasm memory (binding.cpp), read before the next call.
  // Its third argument: the big lists kept in the engine (false: the SPEC form).
  const report = (settings, sections) => new TextDecoder().decode(engine.report(settings, sections, false));
  assert.match(errorOf(engine.feed(0, 0)), /^\[pulse\.wasm\.004\]/);
  assert.match(errorOf(engine.finishFile()), /^\[pulse\.wasm\.004\]/);
  assert.equal(engine.beginFile('a.csv', ''), '');
  assert.match(errorOf(report('', '')), /^\[pulse\.wasm\.005\]/);
  assert.match(errorOf(engine.beginFile('b.csv', '[1,2]')), /^\[pulse\.config\.101\]/);
  // A failed call changes nothing: a.csv is still the open file.
  assert.match(errorOf(report('', '')), /^\[pulse\.wasm\.005\]/);
  assert.match(engine.finishFile(), /^\{"file":"a\.csv"/);
  assert.equal(engine.clear(), '');
  assert.match(report('', ''), /^\{"as_of":/);  // an empty engine reports what is missing
  // A list the last report did not keep, or a column it lacks:
  // error values, as bytes (binding.cpp keptColumn, keptRows).
  const bytes = (view) => new TextDecoder().decode(view);
  assert.match(errorOf(bytes(engine.keptColumn(0, 0))), /^\[pulse\.wasm\.006\]/);
  assert.match(errorOf(bytes(engine.keptRows(0, 0, 0))), /^\[pulse\.wasm\.006\]/);
  new TextDecoder().decode(engine.report('', '', true));
  assert.match(errorOf(bytes(engine.keptColumn(0, 0))), /^\[pulse\.wasm\.006\]/);  // nothing loaded: no list
  assert.match(errorOf(bytes(engine.keptRows(7, 0, 0))), /^\[pulse\.wasm\.006\]/);
  engine.delete();
});
