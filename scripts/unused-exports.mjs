// Exports of web/src that nothing imports (web/src, tests/web, tests/browser, bench): a removal
// list to review by hand, not a test, since a module may export for a reason the scan cannot see
// (the worker's engine adapter is resolved by build.mjs, an error class is part of an API).
//   node scripts/unused-exports.mjs   # "file: name (UNUSED)" or "(used inside its file Nx)"
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(repo, 'web/src');
function files(dir, re) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.name === 'node_modules') return [];
    if (e.isDirectory()) return files(p, re);
    return re.test(e.name) ? [p] : [];
  });
}
const srcFiles = files(src, /\.js$/);
const users = [...srcFiles, ...files(path.join(repo, 'tests/web'), /\.mjs$/), ...files(path.join(repo, 'tests/browser'), /\.(m?js)$/), ...files(path.join(repo, 'bench'), /\.mjs$/)];
const exportsOf = new Map();
for (const f of srcFiles) {
  const t = fs.readFileSync(f, 'utf8');
  const names = new Set();
  for (const m of t.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  for (const m of t.matchAll(/^export\s*\{([^}]*)\}/gm)) for (const n of m[1].split(',')) { const x = n.trim().split(/\s+as\s+/).pop(); if (x) names.add(x); }
  if (/^export default/m.test(t)) names.add('default');
  exportsOf.set(f, names);
}
const used = new Map();
for (const f of users) {
  const t = fs.readFileSync(f, 'utf8');
  for (const m of t.matchAll(/import\s+([^'";]*?)\s+from\s*['"]([^'"]+)['"]/g)) {
    const spec = m[2];
    if (!spec.startsWith('.')) continue;
    const target = path.resolve(path.dirname(f), spec);
    const clause = m[1];
    const set = used.get(target) || new Set(); used.set(target, set);
    if (/\*\s+as/.test(clause)) set.add('*');
    const named = /\{([^}]*)\}/.exec(clause);
    if (named) for (const n of named[1].split(',')) { const x = n.trim().split(/\s+as\s+/)[0]; if (x) set.add(x); }
    const def = clause.replace(/\{[^}]*\}/, '').replace(/\*\s+as\s+\w+/, '').replace(/,/g, '').trim();
    if (def) set.add('default');
  }
  for (const m of t.matchAll(/export\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
    const target = path.resolve(path.dirname(f), m[2]);
    const set = used.get(target) || new Set(); used.set(target, set);
    for (const n of m[1].split(',')) { const x = n.trim().split(/\s+as\s+/)[0]; if (x) set.add(x); }
  }
  for (const m of t.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const target = path.resolve(path.dirname(f), m[1]);
    const set = used.get(target) || new Set(); used.set(target, set); set.add('*');
  }
}
for (const [f, names] of exportsOf) {
  const u = used.get(f) || new Set();
  if (u.has('*')) continue;
  const text = fs.readFileSync(f, 'utf8');
  for (const n of names) {
    if (u.has(n)) continue;
    const local = n === 'default' ? 0 : (text.match(new RegExp(`\\b${n.replace('$','\\$')}\\b`, 'g')) || []).length - 1;
    console.log(`${path.relative(repo, f)}: ${n}${local > 0 ? ` (used inside its file ${local}x)` : ' (UNUSED)'}`);
  }
}
