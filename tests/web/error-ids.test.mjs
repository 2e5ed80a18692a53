// The registry (core/include/pulse/error_ids.h and message_codes.h) is the one list of what the
// engine, the CLI and the wasm API can report: an id used anywhere must be in it, every id in it
// must be explained in docs/errors.md, and the page must word every id it can meet in English
// and Russian (web/src/strings/engine-messages.js), or a Russian user reads the engine's English.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as messages from '../../web/src/strings/engine-messages.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');
// Errors, and the notes, warnings and unavailable reasons that are not errors.
const REGISTRIES = ['core/include/pulse/error_ids.h', 'core/include/pulse/message_codes.h'];

/** {constant name: id} from the registry's `inline constexpr char kName[] = "pulse.x.NNN";` */
export function parseRegistry(text) {
  const ids = new Map();
  for (const m of text.matchAll(/constexpr\s+char\s+(k\w+)\[\]\s*=\s*"([^"]+)"/g)) ids.set(m[1], m[2]);
  return ids;
}

// An id as code writes it: pulse.<area>.<three digits>.
const ID = /\bpulse\.[a-z]+\.\d{3}\b/g;

function sourceFiles(dir, exts) {
  const out = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel, exts));
    else if (exts.some((e) => entry.name.endsWith(e))) out.push(rel);
  }
  return out;
}

const registry = new Map(REGISTRIES.flatMap((file) => [...parseRegistry(read(file))]));
const ids = new Set(registry.values());
const cpp = ['core', 'cli', 'wasm'].flatMap((d) => sourceFiles(d, ['.cpp', '.h'])).filter((f) => !REGISTRIES.includes(f));
const js = [...sourceFiles('wasm', ['.js']), ...sourceFiles('web/src', ['.js'])];

test('the registry parses, and no id is listed twice', () => {
  assert.ok(registry.size >= 80, `only ${registry.size} ids parsed from ${REGISTRIES}`);
  const seen = new Map();
  for (const [name, id] of registry) {
    assert.ok(!seen.has(id), `${id} is both ${seen.get(id)} and ${name}`);
    seen.set(id, name);
  }
});

test('every id written in the code is in the registry', () => {
  const unknown = [];
  for (const file of [...cpp, ...js]) {
    for (const m of read(file).matchAll(ID)) if (!ids.has(m[0])) unknown.push(`${file}: ${m[0]}`);
  }
  assert.deepEqual(unknown, []);
});

test('C++ names the registry constant, never the id as a literal', () => {
  const literals = [];
  for (const file of cpp) {
    read(file).split('\n').forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      if (/"\[?pulse\.[a-z]+\.\w+/.test(code)) literals.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(literals, []);
});

test('every message the engine builds (a note, a warning, a skipped row, an unavailable reason) has a registry code', () => {
  // Message(code, text) with a constant of the registry: a message without a code would reach a
  // Russian page as the engine's English sentence.
  const uncoded = [];
  let built = 0;
  for (const file of cpp) {
    for (const m of read(file).matchAll(/\bMessage\(\s*([^)\s,]*)/g)) {
      if (m[1] === '' || /^std::|^const$/.test(m[1])) continue; // the default, a declaration
      built++;
      const name = /^ids::(k\w+)$/.exec(m[1]);
      if (!name || !registry.has(name[1])) uncoded.push(`${file}: Message(${m[1]}`);
    }
  }
  assert.ok(built >= 30, `only ${built} messages found in the C++`);
  assert.deepEqual(uncoded, []);
});

test('docs/errors.md explains every id in the registry, and no other', () => {
  const documented = new Set([...read('docs/errors.md').matchAll(/\|\s*`(pulse\.[a-z]+\.\d{3})`/g)].map((m) => m[1]));
  assert.deepEqual([...ids].filter((id) => !documented.has(id)), [], 'in the registry, not in docs/errors.md');
  assert.deepEqual([...documented].filter((id) => !ids.has(id)), [], 'in docs/errors.md, not in the registry');
});

test('the page words every id it can meet, in English and Russian', () => {
  // The CLI's own ids never reach the page. A counted message may have plural forms instead.
  const shown = [...ids].filter((id) => !id.startsWith('pulse.cli.'));
  const worded = (dict, id) => typeof dict['engine.' + id] === 'string' || typeof dict['engine.' + id + '.other'] === 'string';
  for (const lang of ['en', 'ru']) {
    const missing = shown.filter((id) => !worded(messages[lang], id));
    assert.deepEqual(missing, [], `${lang}: no wording in web/src/strings/engine-messages.js`);
  }
});

test('a message with plural forms has every form its language needs', () => {
  const forms = { en: ['one', 'other'], ru: ['one', 'few', 'many', 'other'] };
  for (const lang of ['en', 'ru']) {
    const plural = Object.keys(messages[lang]).filter((k) => k.endsWith('.other')).map((k) => k.slice(0, -'.other'.length));
    assert.ok(plural.length >= 6, `${lang}: only ${plural.length} plural messages`);
    for (const key of plural) for (const f of forms[lang]) assert.equal(typeof messages[lang][`${key}.${f}`], 'string', `${lang} ${key}.${f}`);
  }
});
