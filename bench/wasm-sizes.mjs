// Not a test: what a .wasm file is made of. Sections by size (raw and gzipped), then, when the
// module keeps function names (link with --profiling-funcs), the biggest functions and the
// biggest groups of functions (by namespace or library).
//   node bench/wasm-sizes.mjs module.wasm [top=25]
import fs from 'node:fs';
import zlib from 'node:zlib';

const file = process.argv[2];
const top = Number(process.argv[3] || 25);
const bytes = fs.readFileSync(file);
const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;

let at = 8;
function leb() {
  let result = 0, shift = 0, b;
  do {
    b = bytes[at++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return result;
}
const str = () => {
  const n = leb();
  const s = bytes.toString('utf8', at, at + n);
  at += n;
  return s;
};

const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];
const sections = [];
let bodies = [];
let importedFunctions = 0;
const names = new Map();
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const start = at;
  let name = SECTIONS[id] || `#${id}`;
  if (id === 0) {
    name = 'custom:' + str();
    if (name === 'custom:name') {
      while (at < start + size) {
        const sub = bytes[at++];
        const len = leb();
        const end = at + len;
        if (sub === 1) {
          const n = leb();
          for (let i = 0; i < n; i++) {
            const idx = leb();
            names.set(idx, str());
          }
        }
        at = end;
      }
    }
  } else if (id === 2) {
    const n = leb();
    for (let i = 0; i < n; i++) {
      str(); str();
      const kind = bytes[at++];
      if (kind === 0) { leb(); importedFunctions++; }
      else if (kind === 1) { at++; const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 3) { at += 2; }
      else if (kind === 4) { at++; leb(); }
    }
  } else if (id === 10) {
    const n = leb();
    for (let i = 0; i < n; i++) {
      const len = leb();
      bodies.push({ index: importedFunctions + i, start: at, size: len });
      at += len;
    }
  }
  sections.push({ name, size, gz: gz(bytes.subarray(start, start + size)) });
  at = start + size;
}

const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
console.log(`${file}: ${kb(bytes.length)} raw, ${kb(gz(bytes))} gzipped`);
console.log('\nsections (gzipped alone):');
for (const s of sections.sort((a, b) => b.size - a.size)) console.log(`  ${s.name.padEnd(24)} ${kb(s.size)} ${kb(s.gz)}`);

if (names.size) {
  for (const b of bodies) b.name = names.get(b.index) || `f${b.index}`;
  console.log(`\n${top} biggest functions (of ${bodies.length}):`);
  for (const b of [...bodies].sort((x, y) => y.size - x.size).slice(0, top)) console.log(`  ${kb(b.size)}  ${b.name.slice(0, 150)}`);

  // Group: the leading namespace path, with templates collapsed, e.g. "pulse::kpi", "nlohmann", "std".
  const groupOf = (name) => {
    let n = name.replace(/\(.*$/, '');
    let depth = 0, flat = '';
    for (const c of n) {
      if (c === '<') depth++;
      else if (c === '>') depth--;
      else if (depth === 0) flat += c;
    }
    if (/^nlohmann/.test(flat)) return 'nlohmann::json';
    if (/^std::__2::basic_(o|i|io)stream|^std::__2::(locale|ctype|num_put|num_get|codecvt|money|time_put|time_get|messages|collate|numpunct|moneypunct)/.test(flat)) return 'libc++ iostream/locale';
    if (/^std::/.test(flat)) return 'std:: (' + flat.split('::').slice(2, 3).join('') + ')';
    if (/^emscripten::/.test(flat) || /^_embind/.test(flat)) return 'embind';
    const parts = flat.split('::');
    if (parts.length >= 3) return parts.slice(0, 3).join('::');
    if (parts.length === 2) return parts[0];
    return /^[a-z_0-9]+$/.test(flat) ? 'C library (' + (flat.length > 18 ? flat.slice(0, 18) : flat) + ')' : 'other';
  };
  const groups = new Map();
  for (const b of bodies) {
    const g = groupOf(b.name);
    const e = groups.get(g) || { size: 0, count: 0 };
    e.size += b.size;
    e.count++;
    groups.set(g, e);
  }
  const total = bodies.reduce((s, b) => s + b.size, 0);
  console.log(`\n${top} biggest groups (code total ${kb(total).trim()}):`);
  for (const [g, e] of [...groups].sort((x, y) => y[1].size - x[1].size).slice(0, top))
    console.log(`  ${kb(e.size)} ${(100 * e.size / total).toFixed(1).padStart(5)}%  ${String(e.count).padStart(5)} fns  ${g}`);
}
