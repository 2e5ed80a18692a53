// The page's strings live in one module per area (web/src/strings/): a key defined in two
// modules would silently shadow the other, and an English key without Russian leaves a
// Russian page with an English sentence.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../web/src/strings');
const modules = await Promise.all(
  fs.readdirSync(dir).filter((f) => f.endsWith('.js')).map(async (f) => [f, await import(path.join(dir, f))]),
);

test('every key is defined in exactly one strings module, in each language', () => {
  for (const lang of ['en', 'ru']) {
    const owner = new Map();
    for (const [file, mod] of modules) {
      for (const key of Object.keys(mod[lang] || {})) {
        assert.ok(!owner.has(key), `${lang} '${key}' is in both ${owner.get(key)} and ${file}`);
        owner.set(key, file);
      }
    }
  }
});

test('every English string has a Russian one', () => {
  const ru = new Set(modules.flatMap(([, m]) => Object.keys(m.ru || {})));
  const missing = modules.flatMap(([, m]) => Object.keys(m.en || {})).filter((k) => !ru.has(k));
  assert.deepEqual(missing, []);
});
