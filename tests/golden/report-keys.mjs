// The keys of a report as paths: `customers.rows[].days_since_last_order` (an object's key after
// a dot, a list's items as `[]`), and `load[].mapping.*` for an object whose keys are data (a
// field or column name) rather than names the engine chose. tests/golden/schema.json lists them;
// docs/figures.md gives each its definition, code and test.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const goldenDir = path.join(repo, 'tests/golden');
export const schemaPath = path.join(goldenDir, 'schema.json');

/** The golden reports: every tests/golden/*.json but the schemas. */
export function goldenReports() {
  return fs.readdirSync(goldenDir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('schema.json'))
    .map((f) => ({ file: f, report: JSON.parse(fs.readFileSync(path.join(goldenDir, f), 'utf8')) }));
}

export function readSchema() {
  return JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
}

/** Every key path of `value`, objects under a path of `dataKeyed` counted as `path.*`. */
export function keyPaths(value, dataKeyed = [], prefix = '', out = new Set()) {
  if (Array.isArray(value)) {
    for (const item of value) keyPaths(item, dataKeyed, prefix + '[]', out);
  } else if (value && typeof value === 'object') {
    if (dataKeyed.includes(prefix)) {
      if (Object.keys(value).length) out.add(prefix + '.*');
      return out;
    }
    for (const [key, child] of Object.entries(value)) {
      const p = prefix ? `${prefix}.${key}` : key;
      out.add(p);
      keyPaths(child, dataKeyed, p, out);
    }
  }
  return out;
}
