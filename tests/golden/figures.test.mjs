// docs/figures.md gives every key of the report (tests/golden/schema.json) its definition, the
// C++ file that computes it and the test that checks it. This fails when a key has no row, a row
// names a key the schema does not, a linked file is missing or a linked section is not there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repo, readSchema } from './report-keys.mjs';

const docs = path.join(repo, 'docs');
const figuresPath = path.join(docs, 'figures.md');

/** The table's rows: {key, links: [{text, target}], line}. */
export function figureRows(markdown) {
  const rows = [];
  markdown.split('\n').forEach((text, i) => {
    const m = /^\| `([^`]+)` \|(.*)\|\s*$/.exec(text);
    if (!m) return;
    const links = [...m[2].matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g)].map((l) => ({ text: l[1], target: l[2] }));
    rows.push({ key: m[1], links, line: i + 1 });
  });
  return rows;
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading) {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

function anchorsOf(file) {
  const text = fs.readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1])));
}

test('anchorOf: as GitHub links headings', () => {
  assert.equal(anchorOf('Negotiations (`negotiations`)'), 'negotiations-negotiations');
  assert.equal(anchorOf('Return probability models (BG/NBD, MBG/CNBD-k)'), 'return-probability-models-bgnbd-mbgcnbd-k');
  assert.equal(anchorOf('Magento 2 / Adobe Commerce B2B REST API'), 'magento-2--adobe-commerce-b2b-rest-api');
  assert.equal(anchorOf('`by_status`'), 'by_status');
});

test('figureRows reads a row and its three links', () => {
  const rows = figureRows('| key | definition | code | test |\n|---|---|---|---|\n| `a[].b` | [kpi.md#x](kpi.md#x) | [f.cpp](../core/f.cpp) | [t.cpp](../tests/t.cpp) |\n');
  assert.deepEqual(rows, [{ key: 'a[].b', line: 3, links: [
    { text: 'kpi.md#x', target: 'kpi.md#x' }, { text: 'f.cpp', target: '../core/f.cpp' }, { text: 't.cpp', target: '../tests/t.cpp' }] }]);
});

test('docs/figures.md has one row for each key of schema.json, with a definition, code and test that exist', () => {
  const { keys } = readSchema();
  const rows = figureRows(fs.readFileSync(figuresPath, 'utf8'));
  const byKey = new Map();
  const problems = [];
  for (const row of rows) {
    if (byKey.has(row.key)) problems.push(`line ${row.line}: \`${row.key}\` has a second row`);
    byKey.set(row.key, row);
  }
  for (const key of keys) if (!byKey.has(key)) problems.push(`\`${key}\` (tests/golden/schema.json) has no row`);
  const named = new Set(keys);
  const anchors = new Map();
  for (const row of rows) {
    if (!named.has(row.key)) problems.push(`line ${row.line}: \`${row.key}\` is not a key of tests/golden/schema.json`);
    if (row.links.length !== 3) {
      problems.push(`line ${row.line}: \`${row.key}\` needs three links (definition, code, test), has ${row.links.length}`);
      continue;
    }
    const [definition, code, testFile] = row.links;
    const [doc, anchor] = definition.target.split('#');
    const docFile = path.join(docs, doc);
    if (!fs.existsSync(docFile)) problems.push(`line ${row.line}: no document ${doc}`);
    else {
      if (!anchors.has(docFile)) anchors.set(docFile, anchorsOf(docFile));
      if (!anchor || !anchors.get(docFile).has(anchor)) problems.push(`line ${row.line}: no section #${anchor} in ${doc}`);
    }
    for (const { target } of [code, testFile]) {
      if (!fs.existsSync(path.join(docs, target))) problems.push(`line ${row.line}: ${target} does not exist`);
    }
    if (!/^\.\.\/core\/src\/.+\.cpp$/.test(code.target)) problems.push(`line ${row.line}: the code link ${code.target} is not a core/src C++ file`);
    if (!/^\.\.\/tests\/.+_test\.cpp$/.test(testFile.target)) problems.push(`line ${row.line}: the test link ${testFile.target} is not a test file`);
  }
  assert.deepEqual(problems, [], `docs/figures.md:\n${problems.join('\n')}`);
});
