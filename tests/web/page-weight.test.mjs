// What the hosted page loads at open (web/page-weight.mjs): the walk over a small fake dist/
// (index.html → script → its static chunk and the wasm, not the chunk it imports on demand),
// and the budget on the real dist/ when it is built.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageWeight, gzipSize, PAGE_BUDGET_GZIP, PAGE_CEILING_GZIP, kb } from '../../web/page-weight.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function fakeDist(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-weight-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('counts the page, its scripts, their static chunks and the wasm; not on-demand chunks nor other sites', () => {
  const files = {
    'index.html': '<link rel="icon" href="data:image/svg+xml,x"><link rel="stylesheet" href="assets/page.css">' +
                  '<script src="https://example.com/x.js"></script><script type="module" src="assets/app.js"></script>',
    'assets/page.css': 'b2b-pulse{display:block}',
    'assets/app.js': 'import{a}from"./chunk-shared.js";const w=fetch("pulse-engine.wasm");' +
                     'const p=()=>import("./parquet-reader.js");const q="pulse-parquet.js";',
    'assets/chunk-shared.js': 'export const a=1;',
    'assets/pulse-engine.wasm': Buffer.alloc(5000, 7),
    'assets/parquet-reader.js': 'x'.repeat(100000),
    'assets/pulse-parquet.js': 'y'.repeat(100000),
  };
  const dist = fakeDist(files);
  const weight = pageWeight(dist);
  assert.deepEqual(weight.files.map((f) => f.file),
    ['index.html', 'assets/page.css', 'assets/app.js', 'assets/chunk-shared.js', 'assets/pulse-engine.wasm']);
  const expected = ['index.html', 'assets/page.css', 'assets/app.js', 'assets/chunk-shared.js', 'assets/pulse-engine.wasm']
    .reduce((sum, f) => sum + gzipSize(Buffer.from(files[f])), 0);
  assert.equal(weight.gzip, expected);
  assert.equal(weight.within, true);
  fs.rmSync(dist, { recursive: true });
});

test('a file the page names but the build lacks is listed as missing, and a page over the budget is not within', () => {
  // Random bytes do not compress: just over the budget once gzipped.
  const big = crypto.randomBytes(PAGE_BUDGET_GZIP + 1024);
  const dist = fakeDist({ 'index.html': '<script src="assets/app.js"></script><script src="assets/gone.js"></script>', 'assets/app.js': big });
  const weight = pageWeight(dist);
  assert.deepEqual(weight.files.find((f) => f.file === 'assets/gone.js'), { file: 'assets/gone.js', raw: 0, gzip: 0, missing: true });
  assert.ok(weight.gzip > PAGE_BUDGET_GZIP);
  assert.equal(weight.within, false);
  fs.rmSync(dist, { recursive: true });
});

test('the isolated page\'s engine files count for an isolated page only, in place of the plain wasm', () => {
  const files = {
    'index.html': '<script src="assets/app.js"></script>',
    'assets/app.js': 'const e={worker:"pulse-worker-shared.js",wasm:"pulse-engine-shared.wasm"};const w="pulse-engine.wasm";',
    'assets/pulse-engine.wasm': Buffer.alloc(5000, 7),
    'assets/pulse-engine-shared.wasm': Buffer.alloc(6000, 8),
    'assets/pulse-worker-shared.js': 'z'.repeat(3000),
  };
  const dist = fakeDist(files);
  assert.deepEqual(pageWeight(dist).files.map((f) => f.file), ['index.html', 'assets/app.js', 'assets/pulse-engine.wasm']);
  assert.deepEqual(pageWeight(dist, 'index.html', { isolated: true }).files.map((f) => f.file),
    ['index.html', 'assets/app.js', 'assets/pulse-worker-shared.js', 'assets/pulse-engine-shared.wasm']);
  fs.rmSync(dist, { recursive: true });
});

test('the parallel load\'s engine files are not counted at open: only a host that turns that load on fetches them', () => {
  const files = {
    'index.html': '<script src="assets/app.js"></script>',
    'assets/app.js': 'const r={worker:"pulse-worker-ranges.js",wasm:"pulse-engine-ranges.wasm"};const w="pulse-engine.wasm";',
    'assets/pulse-engine.wasm': Buffer.alloc(5000, 7),
    'assets/pulse-engine-ranges.wasm': Buffer.alloc(6000, 8),
    'assets/pulse-worker-ranges.js': 'z'.repeat(3000),
  };
  const dist = fakeDist(files);
  assert.deepEqual(pageWeight(dist).files.map((f) => f.file), ['index.html', 'assets/app.js', 'assets/pulse-engine.wasm']);
  fs.rmSync(dist, { recursive: true });
});

function builtPage(t) {
  const dist = path.join(repo, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    t.skip('skipped: dist/index.html not built (make web)');
    return null;
  }
  const weight = pageWeight(dist);
  weight.listing = weight.files.map((f) => `${f.file} ${kb(f.gzip)}${f.missing ? ' MISSING' : ''}`).join(', ');
  return weight;
}

test(`the built page (dist/index.html) loads its files, at most ${PAGE_CEILING_GZIP / 1024} KB gzipped at open (the ceiling until the budget is met)`, (t) => {
  const weight = builtPage(t);
  if (!weight) return;
  assert.ok(weight.files.every((f) => !f.missing), `dist/ lacks a file the page loads: ${weight.listing}`);
  assert.ok(weight.files.some((f) => f.file.endsWith('.wasm')), `the hosted page loads no .wasm of its own: ${weight.listing}`);
  assert.ok(weight.belowCeiling, `the page loads ${kb(weight.gzip)} gzipped at open, over the ceiling of ${kb(PAGE_CEILING_GZIP)}: ${weight.listing}`);
});

// Reported, not failing, while the page is over the budget (docs/performance.md says by how much
// and what is left); drop the todo once it is met, so the budget then holds.
test(`the built page loads at most ${PAGE_BUDGET_GZIP / 1024} KB gzipped at open (issue #14 point 6)`, { todo: 'over the budget: docs/performance.md "What the page weighs"' }, (t) => {
  const weight = builtPage(t);
  if (!weight) return;
  assert.ok(weight.within, `the page loads ${kb(weight.gzip)} gzipped at open, over the budget of ${kb(PAGE_BUDGET_GZIP)}: ${weight.listing}`);
});

test('the built isolated page finds its engine files, and dist/_headers isolates the page on hosts that read it', (t) => {
  const dist = path.join(repo, 'dist');
  if (!fs.existsSync(path.join(dist, 'assets/pulse-engine-shared.wasm'))) {
    t.skip('skipped: dist/ has no shared-memory engine (make wasm builds it, then make web)');
    return;
  }
  const weight = pageWeight(dist, 'index.html', { isolated: true });
  const listing = weight.files.map((f) => `${f.file}${f.missing ? ' MISSING' : ''}`).join(', ');
  assert.ok(weight.files.every((f) => !f.missing), `dist/ lacks a file the isolated page loads: ${listing}`);
  assert.ok(weight.files.some((f) => f.file === 'assets/pulse-worker-shared.js'), listing);
  assert.ok(!weight.files.some((f) => f.file === 'assets/pulse-engine.wasm'), listing);
  const headers = fs.readFileSync(path.join(dist, '_headers'), 'utf8');
  assert.match(headers, /^\/\*\n {2}Cross-Origin-Opener-Policy: same-origin\n {2}Cross-Origin-Embedder-Policy: require-corp\n$/);
});
