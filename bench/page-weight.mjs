// Not a test: prints what the hosted page (dist/index.html) loads at open, each file gzipped,
// against the budget (web/page-weight.mjs). `make bench` runs it after `make web`.
//   node bench/page-weight.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import { pageWeight, kb } from '../web/page-weight.mjs';

const dist = path.resolve(process.argv[2] || 'dist');
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.log(`page weight: no ${path.relative(process.cwd(), dist) || dist}/index.html (make web builds it)`);
  process.exit(0);
}
const weight = pageWeight(dist);
console.log(`page weight: what ${path.basename(dist)}/index.html loads at open, gzip -9`);
for (const f of weight.files) {
  console.log(`  ${f.file.padEnd(28)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(10)} gzipped${f.missing ? '  MISSING' : ''}`);
}
console.log(`  ${'total'.padEnd(28)} ${''.padStart(14)} ${kb(weight.gzip).padStart(10)} gzipped: ` +
            `${weight.within ? 'within' : 'OVER'} the budget of ${kb(weight.budget)}`);
