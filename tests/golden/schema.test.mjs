// tests/golden/schema.json names every key of the report: a key that a golden report has and
// the schema lacks fails here (a new figure must be named, and documented in docs/figures.md),
// and so does a key the schema names that no golden report has (a figure that is gone).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goldenReports, keyPaths, readSchema } from './report-keys.mjs';

test('keyPaths: objects by key, lists by [], data-keyed objects as .*', () => {
  const doc = { a: { b: 1 }, rows: [{ x: 1 }, { y: { z: 2 } }], load: [{ mapping: { sku: 'SKU', qty: 'Qty' } }, { mapping: {} }] };
  assert.deepEqual([...keyPaths(doc, ['load[].mapping'])].sort(),
    ['a', 'a.b', 'load', 'load[].mapping', 'load[].mapping.*', 'rows', 'rows[].x', 'rows[].y', 'rows[].y.z']);
});

test('schema.json is sorted and names each key once', () => {
  const { keys } = readSchema();
  assert.ok(keys.length > 400, `only ${keys.length} keys`);
  assert.deepEqual(keys, [...new Set(keys)].sort());
});

test('every key of every golden report is in schema.json, and every key there is in a golden', () => {
  const schema = readSchema();
  const named = new Set(schema.keys);
  const seen = new Set();
  const missing = [];
  for (const { file, report } of goldenReports()) {
    for (const key of keyPaths(report, schema.data_keyed)) {
      seen.add(key);
      if (!named.has(key)) missing.push(`${key} (in ${file})`);
    }
  }
  assert.deepEqual(missing, [], `keys of the golden reports missing from tests/golden/schema.json (add them, and a row each in docs/figures.md):\n${missing.join('\n')}`);
  const gone = schema.keys.filter((k) => !seen.has(k));
  assert.deepEqual(gone, [], `keys in tests/golden/schema.json that no golden report has (remove them, and their rows in docs/figures.md):\n${gone.join('\n')}`);
});
