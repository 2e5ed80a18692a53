// The page that ships is built from web/src alone: no file there may import from outside web/
// (test data under tests/, the engine's build folder, another package's sources). A bare name
// ('uplot', 'fflate') comes from web/node_modules, and the two virtual modules that build.mjs
// resolves itself are allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const web = path.join(repo, 'web');
const src = path.join(web, 'src');
const VIRTUAL = new Set(['pulse-engine-adapter', 'virtual:worker-source']);

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(m?js|css)$/.test(e.name) ? [p] : [];
  });
}

/** Every module specifier of a source: static imports and re-exports, dynamic import('...'). */
export function specifiersOf(text) {
  const found = [];
  const patterns = [/\bimport\s+(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]/g, /\bexport\s+[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]);
  return found;
}

/** Why `spec` imported from `file` leaves web/, or null when it stays inside. */
export function outsideWeb(file, spec) {
  if (VIRTUAL.has(spec)) return null;
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = path.resolve(path.dirname(file), spec);
    return target.startsWith(web + path.sep) ? null : `resolves to ${path.relative(repo, target)}`;
  }
  if (/^[a-z]+:/.test(spec)) return `a URL or scheme (${spec})`;
  return null;  // a package from web/node_modules
}

test('the scanner sees a static, a re-exported and a dynamic import', () => {
  const text = "import a from '../../tests/golden/samples.json';\nexport { b } from './b.js';\nconst c = await import('../x.js');\nimport 'side-effect';";
  assert.deepEqual(specifiersOf(text).sort(), ['../../tests/golden/samples.json', '../x.js', './b.js', 'side-effect']);
  const worker = path.join(src, 'worker/worker.js');
  assert.equal(outsideWeb(worker, '../../../tests/golden/samples.json'), 'resolves to tests/golden/samples.json');
  assert.equal(outsideWeb(worker, '../util.js'), null);
  assert.equal(outsideWeb(worker, 'fflate'), null);
  assert.equal(outsideWeb(worker, 'pulse-engine-adapter'), null);
});

test('no file under web/src imports from outside web/', () => {
  const files = sourceFiles(src);
  assert.ok(files.length > 50, `only ${files.length} sources found under web/src`);
  const leaks = [];
  for (const file of files) {
    for (const spec of specifiersOf(fs.readFileSync(file, 'utf8'))) {
      const why = outsideWeb(file, spec);
      if (why) leaks.push(`${path.relative(repo, file)}: '${spec}' ${why}`);
    }
  }
  assert.deepEqual(leaks, [], `web/src must not import outside web/:\n${leaks.join('\n')}`);
});
