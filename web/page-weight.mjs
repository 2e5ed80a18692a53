// What the hosted page (dist/index.html) loads when it opens, gzipped, and the budget it must
// stay within (issue #14 point 6). One place for the budget: web/build.mjs warns over it,
// bench/page-weight.mjs prints it (`make bench`) and tests/web/page-weight.test.mjs fails over it.
//
// "Loads at open" is read from the files themselves, not from a list the build keeps:
//   - index.html, and every local file it names in src= or href= (scripts, stylesheets);
//   - from each such script, the files it imports statically (`import ... from "./x.js"`,
//     `import "./x.js"`, esbuild's split chunks) and every .wasm file it names (the page script
//     fetches and compiles the engine's wasm as it runs: web/src/engine-client.js);
//   - NOT what a script loads only on demand through `import("./x.js")`, such as a reader
//     chunk fetched when a file of its kind is picked: that is no part of opening the page.
// Sizes are gzip -9 of each file alone, as a server with gzip on would send it.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Everything the hosted page loads at open, gzipped, at most: the target of issue #14 point 6. */
export const PAGE_BUDGET_GZIP = 300 * 1024;
/**
 * Until the page is within the budget (docs/performance.md "What the page weighs" says what is
 * left), the ceiling it must not grow past: the weight measured when the check was added
 * (472 KB, with the parallel ingest and the Parquet reader then in progress) plus a little room,
 * raised once to 488 KB when the engine's last English sentences became codes (480.7 KB measured;
 * docs/performance.md says why), lowered to 466 KB when one language at open and one sort per
 * element type landed (464.1 KB as `make web` built the shared tree at 15:49, + 2 KB), raised to
 * 468 KB for Parquet's columnar entry and the report's smaller memory (467.2 KB measured; the
 * wasm +2.9 KB: docs/performance.md says what), raised to 469 KB for the hardening of a NUL byte
 * in a row and of XML tokens cut over many chunks (468.0 KB measured, 41 bytes under 468: the
 * wasm +0.5 KB), lowered to 467 KB when catalog_report's and customer_profiles' sorts became
 * sort_by (-8.2 KB of wasm), which paid for the compact columns and price points of the same
 * session (+5.5 KB: 465.5 KB measured; docs/performance.md "Compact columns"), lowered to 463 KB
 * when the load's problem lists, the ABC order and the competing risks' sort became sort_by
 * too (-6.5 KB of wasm), which paid for the report's faster JSON writer and its hand-over as
 * bytes of the same session (+1.2 KB: 461.3 KB measured; docs/performance.md "Re-filter: the
 * report's JSON"), lowered to 462 KB when a table's 40 columns became a vector (the
 * array's unrolled constructors: -1.5 KB of wasm), which paid for each text column's own index
 * in front of the string pool of the same session (+0.9 KB: 461.6 KB measured;
 * docs/performance.md "A text column's own index"), raised to 463 KB for the reader worker that
 * reads a big file beside the engine (+0.7 KB of script: 462.3 KB measured; the 2.18 GB file's
 * load 17.2 → 14.4 s, docs/performance.md "Reading the file"), lowered to 461 KB when a range's
 * image code (the parallel load's, off by default) was compiled for size (-2.4 KB of wasm),
 * which paid for the rows asked ahead and the memory touched before the first file of the same
 * session (460.6 KB measured; 460.7 KB with the stream readers held; 460.5 KB with the lists as
 * columns and four more sorts through sort_by, "Lists as columns"), lowered to 459 KB when the
 * writer's keys given as literals stopped calling strlen at each of their call sites (457.8 KB:
 * -2.7 KB of wasm), raised to 463 KB for the lists kept in the engine (+3.0 KB of wasm: the kept
 * tables and the two calls that read them; 462.1 KB measured; a re-filter of the customers'
 * view 92 → 56 ms to the view redrawn, docs/performance.md "Lists kept in the engine"), raised
 * to 465 KB for the object columns of the kept lists (+1.0 KB of wasm, +0.4 KB of script: a
 * product's elasticity read field by field, not parsed as 1.4 MB of JSON; 464.0 KB measured; a
 * re-filter of the catalogs' view 225 → 183 ms, docs/performance.md "Object columns"), raised
 * to 466 KB for two engine files compiled for speed, product_points.cpp and
 * seasonal_adjustment.cpp (+7.3 KB raw wasm, +1.3 KB gzipped with the facts' lines placed as
 * read, which took 8.5 KB raw off; 465.5 KB measured): the 2.18 GB file's first report under
 * Node 6.4 → 5.5 s, a catalogs-only re-filter 42–57 → 30–32 ms (docs/performance.md "Lines
 * placed as read"), lowered to 461 KB when the parallel load's ranges and forks
 * (parallel_csv.cpp, table_builder_fork.cpp: off by default in the page) were compiled for
 * size (-5.9 KB of wasm), which paid for the load's cheaper cells of the same session (+0.4 KB:
 * 459.9 KB measured; docs/performance.md "The load's cells"), raised to 462 KB for the isolated
 * page's engine: the page script choosing the shared-memory engine when the page is
 * cross-origin isolated, and the plain one where that cannot start (+0.4 KB of script: 461.1 KB
 * measured; the 2.18 GB file 17.1 → 15.0 s on an isolated page, docs/performance.md "Fresh
 * pages touched on the other core"), raised to 464 KB for the catalogs' faster re-filter: a
 * positive line summed once, a SKU without enough weeks in the period skipped before its series,
 * numbers sorted directly (+3.8 KB raw wasm, +2.0 KB gzipped: 463.1 KB measured; the catalogs'
 * section re-filtered 21.1 → 17.9 ms natively, This week's 22.8 → 18.8 ms, docs/performance.md
 * "The catalogs' re-filter, leaner"), raised to 465 KB for the engine's first run ahead of the
 * file (web/src/worker/warm-up.js and its start in engine-client.js: +0.7 KB of script; a file
 * picked 1.5 s after the page is ready drawn 1,857 → 1,228 ms, docs/performance.md "The engine's
 * first run, ahead of the file") and the warning for a settings key that names no setting
 * (pulse.warning.008, +0.5 KB of wasm): 464.4 KB measured, lowered to 453 KB when the page's
 * engine was built without the parallel load's entry, which only a host that turns that load on
 * fetches with its own worker (assets/pulse-*-ranges.*: -13.2 KB, 464.9 -> 451.7 KB measured;
 * docs/performance.md "The parallel load's code out of the page's engine"), raised to 457 KB for
 * big workbooks: the sheet reader's per-cell files at -O3, numbers read without strtod and
 * printf, a sheet inflated a piece at a time with its own progress (+4.1 KB of wasm, +1.0 KB of
 * script: 456.8 KB measured; a 541,909-line workbook picked -> drawn 4.35 -> 1.70 s,
 * docs/performance.md "Big workbooks"). Lower it as cuts land; never raise it without saying why there.
 */
export const PAGE_CEILING_GZIP = 457 * 1024;

export const gzipSize = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;

/** The engine a cross-origin isolated page runs instead (web/build.mjs `sharedFiles`: its worker
 *  and its wasm over a shared memory): a plain host's page never fetches these files, an isolated
 *  page fetches them instead of the plain wasm (web/src/engine-client.js). */
const ISOLATED_ONLY = /-shared\.(?:wasm|js)$/;
/** The engine with the parallel load's entry (web/build.mjs `rangesFiles`): fetched instead of
 *  the plain wasm only by a page whose host turns that load on (globalThis.B2B_PULSE_PARALLEL),
 *  which no page does by default. */
const PARALLEL_ONLY = /-ranges\.(?:wasm|js)$/;

const isLocal = (ref) => !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(ref);

/** Local files named by src= / href= in the page (data: URLs, links to other sites and anchors excluded). */
function htmlReferences(text) {
  const refs = [];
  for (const m of text.matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="([^"]+)"/gi)) {
    if (isLocal(m[1])) refs.push(m[1]);
  }
  return refs;
}

/** Files a script needs as it runs: static imports and the .wasm files it names; isolated: the
 *  isolated page's engine files in place of the plain wasm. */
function scriptReferences(text, isolated) {
  const refs = [];
  if (isolated) {
    for (const m of text.matchAll(/["']([^"'\s]+-shared\.(?:wasm|js))["']/g)) {
      if (isLocal(m[1])) refs.push(m[1]);
    }
  }
  // Static imports only: `from "./x.js"` and a bare `import "./x.js"` (not `import("./x.js")`).
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*)["']([^"']+\.m?js)["']/g)) {
    if (isLocal(m[1])) refs.push(m[1]);
  }
  for (const m of text.matchAll(/["']([^"'\s]+\.wasm)["']/g)) {
    if (isLocal(m[1]) && !ISOLATED_ONLY.test(m[1]) && !PARALLEL_ONLY.test(m[1]) && !isolated) refs.push(m[1]);
  }
  return refs;
}

/**
 * The files dist/index.html loads at open: [{ file, raw, gzip }] (paths relative to `dist`) and
 * their total gzip. A file named but absent is listed with `missing: true` (a broken build shows).
 * isolated: as a cross-origin isolated page loads them (the shared-memory engine's files).
 */
export function pageWeight(dist, entry = 'index.html', { isolated = false } = {}) {
  const files = [];
  const seen = new Set();
  const visit = (file, fromDir) => {
    const abs = path.resolve(fromDir, file.split(/[?#]/)[0]);
    const rel = path.relative(dist, abs);
    if (seen.has(rel)) return;
    seen.add(rel);
    if (!fs.existsSync(abs)) {
      files.push({ file: rel, raw: 0, gzip: 0, missing: true });
      return;
    }
    const bytes = fs.readFileSync(abs);
    files.push({ file: rel, raw: bytes.length, gzip: gzipSize(bytes) });
    if (/\.html?$/.test(rel)) {
      for (const ref of htmlReferences(bytes.toString('utf8'))) visit(ref, path.dirname(abs));
    } else if (/\.m?js$/.test(rel)) {
      // A script's own references are relative to its folder (esbuild's chunks; the wasm is
      // fetched relative to the script: engine-client.js engineUrl).
      for (const ref of scriptReferences(bytes.toString('utf8'), isolated)) visit(ref, path.dirname(abs));
    }
  };
  visit(entry, dist);
  const gzip = files.reduce((sum, f) => sum + f.gzip, 0);
  return { files, gzip, budget: PAGE_BUDGET_GZIP, within: gzip <= PAGE_BUDGET_GZIP, belowCeiling: gzip <= PAGE_CEILING_GZIP };
}

export const kb = (n) => (n / 1024).toFixed(1) + ' KB';
