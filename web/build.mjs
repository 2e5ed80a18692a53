// Builds the page: dist/index.html + dist/assets/ (any static host), the single
// self-contained dist/b2b-pulse.html (works from file://), dist/samples/ and dist/embed.html.
//
//   node web/build.mjs                 # with the wasm engine from build/wasm-release/wasm/
//   node web/build.mjs --fake-engine   # DEVELOPMENT ONLY: canned sample report, no wasm
//
// The engine's worker code (Emscripten glue, pulse.js, our worker) is bundled into the page
// script as text and started from a Blob URL at run time. Where the wasm goes differs:
//   hosted   dist/assets/pulse-engine.wasm, its own file: the page script starts compiling it
//            (WebAssembly.compileStreaming) as it runs and posts the compiled module to the
//            worker; gzip takes it ~30% smaller than base64 in a script, and nothing evals.
//   single   dist/b2b-pulse.html: the wasm inlined as base64 in the page script (file://
//            cannot fetch a file), which the engine's worker compiles from a data: URL and
//            hands back as a module, the script inline under a Content-Security-Policy that
//            allows it by hash.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pageWeight, PAGE_BUDGET_GZIP } from './page-weight.mjs';
import { isolationHeadersFile } from './isolation.mjs';

const web = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(web, '..');
const args = process.argv.slice(2);
const fake = args.includes('--fake-engine') || process.env.B2B_PULSE_FAKE_ENGINE === '1';
const out = path.resolve(repo, argValue('--out') || 'dist');
const engineDir = path.resolve(repo, argValue('--engine-dir') || process.env.PULSE_WASM_DIR || 'build/wasm-release/wasm');
// The shared-memory engine (wasm/CMakeLists.txt, PULSE_WASM_SHARED_MEMORY): without it the
// hosted page runs the engine above whether isolated or not.
const sharedEngineDir = path.resolve(repo, argValue('--shared-engine-dir') || process.env.PULSE_WASM_SHARED_DIR || 'build/wasm-shared/wasm');

function argValue(name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : null;
}

/** The Emscripten builds of the engine: inline (wasm as base64) and split (glue + .wasm). */
function findEngine() {
  const script = path.join(engineDir, 'pulse-engine.js');  // wasm/CMakeLists.txt: OUTPUT_NAME
  const api = [path.join(engineDir, 'pulse.js'), path.join(repo, 'wasm/pulse.js')].find((p) => fs.existsSync(p));
  if (!fs.existsSync(script) || !api) return null;
  const splitScript = path.join(engineDir, 'split/pulse-engine.js');
  const splitWasm = path.join(engineDir, 'split/pulse-engine.wasm');
  const split = fs.existsSync(splitScript) && fs.existsSync(splitWasm) ? { script: splitScript, wasm: splitWasm } : null;
  // The same with the parallel load's entry (split/ is built without it): for a host page that
  // turns that load on, and inlined in the single file, which keeps every entry.
  const rangesScript = path.join(engineDir, 'split-ranges/pulse-engine.js');
  const rangesWasm = path.join(engineDir, 'split-ranges/pulse-engine.wasm');
  const ranges = split && fs.existsSync(rangesScript) && fs.existsSync(rangesWasm) ? { script: rangesScript, wasm: rangesWasm } : null;
  // The same engine over a shared memory (preset wasm-shared), for a cross-origin isolated page.
  const sharedScript = path.join(sharedEngineDir, 'shared/pulse-engine.js');
  const sharedWasm = path.join(sharedEngineDir, 'shared/pulse-engine.wasm');
  const shared = fs.existsSync(sharedScript) && fs.existsSync(sharedWasm) ? { script: sharedScript, wasm: sharedWasm } : null;
  return { script, api, split, ranges, shared };
}

// Content-Security-Policy of each output. Neither needs 'unsafe-eval' (the module is linked
// with -sDYNAMIC_EXECUTION=0, so Embind builds no code from strings) nor 'unsafe-inline'
// scripts. The hosted page's <meta> keeps connect-src open so that a URL typed in the data
// panel can be fetched; a host that sends the stricter header (docs/reliability.md) narrows it.
const CSP_COMMON = "worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; " +
  "object-src 'none'; base-uri 'self'";
const hostedCsp = () => `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' blob:; ${CSP_COMMON}; connect-src * blob: data:`;
const singleCsp = (hash) => `default-src 'self'; script-src 'sha256-${hash}' 'wasm-unsafe-eval' blob:; ${CSP_COMMON}; connect-src * blob: data:`;

function withCsp(html, policy) {
  const meta = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;
  if (!meta.test(html)) throw new Error('web/index.html: no Content-Security-Policy <meta> to fill');
  return html.replace(meta, () => `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
}

const cssText = {
  name: 'css-text',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (a) => {
      const src = await fs.promises.readFile(a.path, 'utf8');
      const { code } = await esbuild.transform(src, { loader: 'css', minify: true });
      return { contents: `export default ${JSON.stringify(code)};`, loader: 'js' };
    });
  },
};

/** The worker's code: our worker bundled, after the engine's glue (`glueScript`) and pulse.js.
 *  parquetInline: hyparquet bundled into the worker (single file), else fetched when needed.
 *  sharedMemory: the glue's memory is shared, and the worker touches its pages (page-toucher.js). */
async function buildWorker(engine, glueScript, parquetInline = true, sharedMemory = false) {
  // The fake lives with the tests (tests/browser/fake-engine.js): the shipped sources never import test data.
  const adapter = fake ? path.join(repo, 'tests/browser/fake-engine.js') : path.join(web, 'src/worker/real-engine.js');
  const r = await esbuild.build({
    entryPoints: [path.join(web, 'src/worker/worker.js')],
    bundle: true, format: 'iife', minify: true, write: false, target: 'es2020', legalComments: 'none', metafile: true,
    plugins: [{
      name: 'engine-adapter',
      setup(b) {
        b.onResolve({ filter: /^pulse-engine-adapter$/ }, () => ({ path: adapter }));
        b.onResolve({ filter: /^pulse-page-toucher$/ }, () => (sharedMemory
          ? { path: path.join(web, 'src/worker/page-toucher.js') } : { path: 'no-page-toucher', namespace: 'virtual' }));
        b.onLoad({ filter: /^no-page-toucher$/, namespace: 'virtual' }, () => ({ contents: 'export const startPageToucher = () => null;', loader: 'js' }));
        b.onResolve({ filter: /^pulse-parquet-library$/ }, () => ({
          path: path.join(web, 'src/worker', parquetInline ? 'parquet-library-inline.js' : 'parquet-library-hosted.js'),
        }));
      },
    }],
  });
  let code = r.outputFiles[0].text;
  let glueBytes = 0;
  if (!fake) {
    // Both are plain scripts that define globals (createPulseModule; createPulse).
    const glue = fs.readFileSync(glueScript, 'utf8') + '\n;\n' + fs.readFileSync(engine.api, 'utf8');
    const min = await esbuild.transform(glue, { minify: true, target: 'es2020', legalComments: 'none' });
    glueBytes = min.code.length;
    code = min.code + '\n;' + code;
  }
  return { code, glueBytes, metafile: r.metafile };
}

/** The hosted page's Parquet reader (hyparquet), a script the worker loads only for a Parquet file. */
async function buildParquetReader() {
  const r = await esbuild.build({
    entryPoints: [path.join(web, 'src/worker/parquet-library-entry.js')],
    bundle: true, format: 'iife', globalName: 'pulseParquetLibrary', minify: true, write: false, target: 'es2020',
    legalComments: 'eof', metafile: true,
  });
  return { text: r.outputFiles[0].text, metafile: r.metafile };
}

// The languages the hosted page fetches when it is first shown in them (language-loader.js):
// its script carries the English words only. Each is a JSON file next to the script.
const FETCHED_LANGUAGES = ['ru'];
const languageFile = (lang) => `lang-${lang}.json`;
// Where the page's words are: one module per area in strings/ (each exports en and ru) and the
// tile and column definitions of each language other than English (definitions-<lang>.js).
const wordModules = () => [
  ...fs.readdirSync(path.join(web, 'src/strings')).filter((f) => f.endsWith('.js')).map((f) => path.join(web, 'src/strings', f)),
  ...FETCHED_LANGUAGES.map((lang) => path.join(web, `src/definitions-${lang}.js`)),
];

/** The words of lang the hosted page fetches: { strings, definitions }, as the page merges them (i18n.js). */
async function languagePack(lang) {
  const strings = {};
  for (const file of wordModules().filter((f) => path.dirname(f).endsWith('strings'))) Object.assign(strings, (await import(pathToFileURL(file).href))[lang]);
  const { [lang]: definitions } = await import(pathToFileURL(path.join(web, `src/definitions-${lang}.js`)).href);
  return { strings, definitions };
}

/** esbuild plugin: the word modules with the fetched languages' words left out ({}), the rest as data. */
const withoutFetchedLanguages = {
  name: 'without-fetched-languages',
  setup(b) {
    const modules = new Set(wordModules());
    b.onLoad({ filter: /[\\/]web[\\/]src[\\/](strings[\\/][^\\/]+|definitions-[a-z]+)\.js$/ }, async (a) => {
      if (!modules.has(a.path)) return undefined;
      const exports = await import(pathToFileURL(a.path).href);
      const contents = Object.entries(exports)
        .map(([name, value]) => `export const ${name} = ${FETCHED_LANGUAGES.includes(name) ? '{}' : JSON.stringify(value)};`).join('\n');
      return { contents, loader: 'js' };
    });
  },
};

/** The page script; `wasmFile` is the engine's .wasm next to it, or null when the script or the
 *  worker has it inlined (`wasmInline`: its bytes as base64 in the page script, or null);
 *  `parquetFile` the Parquet reader next to it, or null when the worker has it bundled;
 *  `hosted`: the script of dist/index.html, which fetches the languages other than English;
 *  `sharedFiles`: {worker, wasm} next to it, the engine a cross-origin isolated page runs, or null;
 *  `rangesFiles`: {worker, wasm} next to it, the plain engine with the parallel load's entry, which
 *  a host page that turns that load on runs, or null. */
async function buildApp(workerCode, wasmFile, parquetFile = null, hosted = false, sharedFiles = null, wasmInline = null, rangesFiles = null) {
  const languageFiles = hosted ? Object.fromEntries(FETCHED_LANGUAGES.map((lang) => [lang, languageFile(lang)])) : null;
  const r = await esbuild.build({
    entryPoints: [path.join(web, 'src/main.js')],
    bundle: true, format: 'iife', minify: true, write: false, target: ['chrome100', 'firefox100', 'safari15'],
    legalComments: 'eof', charset: 'utf8', metafile: true,
    define: {
      PULSE_WASM_FILE: JSON.stringify(wasmFile), PULSE_WASM_INLINE: JSON.stringify(wasmInline), PULSE_PARQUET_FILE: JSON.stringify(parquetFile),
      PULSE_LANGUAGE_FILES: JSON.stringify(languageFiles), PULSE_SHARED_ENGINE: JSON.stringify(sharedFiles),
      PULSE_RANGES_ENGINE: JSON.stringify(rangesFiles),
    },
    plugins: [cssText, ...(hosted ? [withoutFetchedLanguages] : []), {
      name: 'worker-source',
      setup(b) {
        b.onResolve({ filter: /^virtual:worker-source$/ }, () => ({ path: 'worker-source', namespace: 'virtual' }));
        b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({ contents: `export default ${JSON.stringify(workerCode)};`, loader: 'js' }));
      },
    }],
  });
  return { text: r.outputFiles[0].text, metafile: r.metafile };
}

/** Script text that is safe inside an inline <script> element. */
function inlineSafe(js) {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1) + ' KB';

/** Minified bytes per source group (esbuild metafile): what the page script is made of. */
function modulesOf(...metafiles) {
  const groups = {};
  for (const meta of metafiles) {
    for (const output of Object.values(meta.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        let name = input.replace(/^.*node_modules\/(@[^/]+\/[^/]+|[^/]+)\/.*$/, '$1');
        if (name === input) name = input.replace(/^(\.\.\/)*(web\/)?/, '');
        if (name === 'virtual:worker-source') continue;  // counted as the worker's own parts
        groups[name] = (groups[name] || 0) + bytesInOutput;
      }
    }
  }
  return Object.fromEntries(Object.entries(groups).sort((a, b) => b[1] - a[1]));
}

async function main() {
  const t0 = Date.now();
  const engine = fake ? null : findEngine();
  if (!fake && !engine) {
    console.error(`build.mjs: no wasm engine in ${engineDir} (pulse-engine.js + pulse.js).\n` +
      '  Build it first (cmake --preset wasm-release && cmake --build --preset wasm-release),\n' +
      '  or build the page against canned data with --fake-engine (development only).');
    process.exit(2);
  }
  if (engine && !engine.split) console.warn('build.mjs: no split/pulse-engine.wasm: the hosted page inlines the wasm too (bigger).');
  const separate = engine && engine.split;

  // Two workers and two page scripts when the wasm can be a file of its own. The single file's
  // page script then carries the wasm as base64, which its engine's worker compiles and hands
  // back, so that the range helpers and the warm-up share one compiled module as the hosted
  // page's do.
  // The single file keeps every entry: the module with the parallel load's (split-ranges/).
  const whole = separate ? engine.ranges || engine.split : null;
  const singleWorker = await buildWorker(engine, whole ? whole.script : engine && engine.script);
  const single = await buildApp(singleWorker.code, null, null, false, null, whole ? fs.readFileSync(whole.wasm).toString('base64') : null);
  const hostedWorker = separate ? await buildWorker(engine, engine.split.script, false) : singleWorker;
  // The hosted page's engine for a host that turns the parallel load on: a worker and a wasm of
  // its own, fetched only by such a page.
  const rangesWorker = separate && engine.ranges ? await buildWorker(engine, engine.ranges.script, false) : null;
  const rangesFiles = rangesWorker ? { worker: 'pulse-worker-ranges.js', wasm: 'pulse-engine-ranges.wasm' } : null;
  const rangesWasm = rangesWorker ? fs.readFileSync(engine.ranges.wasm) : null;
  // The isolated page's engine: its worker a script of its own, fetched only by such a page.
  const sharedWorker = separate && engine.shared ? await buildWorker(engine, engine.shared.script, false, true) : null;
  const sharedFiles = sharedWorker ? { worker: 'pulse-worker-shared.js', wasm: 'pulse-engine-shared.wasm' } : null;
  const hosted = separate ? await buildApp(hostedWorker.code, 'pulse-engine.wasm', 'parquet-reader.js', true, sharedFiles, null, rangesFiles) : single;
  const sharedWasm = sharedWorker ? fs.readFileSync(engine.shared.wasm) : null;
  const languages = separate ? await Promise.all(FETCHED_LANGUAGES.map(async (lang) => [languageFile(lang), JSON.stringify(await languagePack(lang))])) : [];
  const parquetReader = separate ? await buildParquetReader() : null;
  const wasm = separate ? fs.readFileSync(engine.split.wasm) : null;

  const template = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(out, 'assets/b2b-pulse.js'), hosted.text);
  if (wasm) fs.writeFileSync(path.join(out, 'assets/pulse-engine.wasm'), wasm);
  if (parquetReader) fs.writeFileSync(path.join(out, 'assets/parquet-reader.js'), parquetReader.text);
  if (sharedWorker) {
    fs.writeFileSync(path.join(out, 'assets', sharedFiles.worker), sharedWorker.code);
    fs.writeFileSync(path.join(out, 'assets', sharedFiles.wasm), sharedWasm);
  }
  if (rangesWorker) {
    fs.writeFileSync(path.join(out, 'assets', rangesFiles.worker), rangesWorker.code);
    fs.writeFileSync(path.join(out, 'assets', rangesFiles.wasm), rangesWasm);
  }
  for (const [file, text] of languages) fs.writeFileSync(path.join(out, 'assets', file), text);
  const index = withCsp(template, hostedCsp()).replace('<!--APP-->', '<script src="assets/b2b-pulse.js"></script>');
  fs.writeFileSync(path.join(out, 'index.html'), index);
  // Hosts that read a _headers file (Netlify, Cloudflare Pages) isolate the page with it, so that
  // it runs the shared-memory engine (web/README.md "Isolated pages"); others ignore the file.
  if (sharedWorker) fs.writeFileSync(path.join(out, '_headers'), isolationHeadersFile());
  const inlineScript = inlineSafe(single.text);
  const hash = crypto.createHash('sha256').update(inlineScript, 'utf8').digest('base64');
  const singleHtml = withCsp(template, singleCsp(hash))
    .replace('<title>B2B Pulse</title>', '<title>B2B Pulse (offline)</title>')
    .replace('<!--APP-->', () => `<script>${inlineScript}</script>`);
  fs.writeFileSync(path.join(out, 'b2b-pulse.html'), singleHtml);

  // The samples behind the "load the sample data" button (fetched only when clicked).
  const samples = path.join(repo, 'samples');
  const ws = JSON.parse(fs.readFileSync(path.join(samples, 'workspace.json'), 'utf8'));
  fs.mkdirSync(path.join(out, 'samples'), { recursive: true });
  fs.copyFileSync(path.join(samples, 'workspace.json'), path.join(out, 'samples/workspace.json'));
  for (const f of ws.files) fs.copyFileSync(path.join(samples, f.path), path.join(out, 'samples', path.basename(f.path)));

  // The portal demo, pointed at dist's own copies.
  const embed = path.join(samples, 'embed.html');
  if (fs.existsSync(embed)) {
    fs.writeFileSync(path.join(out, 'embed.html'), fs.readFileSync(embed, 'utf8')
      .replaceAll('../dist/assets/', 'assets/')
      .replaceAll('src="workspace.json"', 'src="samples/workspace.json"'));
  }

  // Sizes: each file the hosted page loads, and its parts (the page code without the worker,
  // the worker with the engine's glue, the wasm), gzipped alone.
  const sizes = { 'index.html': gz(Buffer.from(index)), 'assets/b2b-pulse.js': gz(Buffer.from(hosted.text)) };
  if (wasm) sizes['assets/pulse-engine.wasm'] = gz(wasm);
  // What index.html loads at open, read back from dist/ (web/page-weight.mjs): the budget's figure.
  const atOpen = pageWeight(out);
  const page = atOpen.gzip;
  const pageAlone = gz(Buffer.from((await buildApp('', separate ? 'pulse-engine.wasm' : null, null, Boolean(separate), null, null, rangesFiles)).text));
  const singleGz = gz(Buffer.from(singleHtml));
  const report = {
    engine: fake ? 'FAKE (development only: canned sample report)' : path.relative(repo, engine.script),
    wasm: separate ? path.relative(repo, engine.split.wasm) : 'inlined',
    built_ms: Date.now() - t0,
    raw: {
      'assets/b2b-pulse.js': hosted.text.length, 'b2b-pulse.html': singleHtml.length, worker: hostedWorker.code.length,
      ...(wasm ? { 'assets/pulse-engine.wasm': wasm.length } : {}),
    },
    gzip: { ...sizes, page_total: page, 'b2b-pulse.html': singleGz },
    parts_gzip: {
      page: pageAlone, worker: gz(Buffer.from(hostedWorker.code)), 'worker: engine glue + pulse.js': gz(Buffer.from(hostedWorker.code.slice(0, hostedWorker.glueBytes))),
      ...(wasm ? { wasm: sizes['assets/pulse-engine.wasm'] } : {}),
    },
    // Fetched only when a Parquet file is dropped, or the page is first shown in that language: not part of page_total.
    on_demand_gzip: {
      ...(parquetReader ? { 'assets/parquet-reader.js': gz(Buffer.from(parquetReader.text)) } : {}),
      ...Object.fromEntries(languages.map(([file, text]) => ['assets/' + file, gz(Buffer.from(text))])),
    },
    // A host page that turns the parallel load on loads these instead of the page script's worker
    // and assets/pulse-engine.wasm.
    ...(rangesWorker ? {
      parallel_gzip: { [`assets/${rangesFiles.worker}`]: gz(Buffer.from(rangesWorker.code)), [`assets/${rangesFiles.wasm}`]: gz(rangesWasm) },
    } : {}),
    // A cross-origin isolated page (web/serve.mjs) loads these instead of assets/pulse-engine.wasm,
    // besides the page script (whose own worker it then leaves unused).
    ...(sharedWorker ? {
      isolated_gzip: {
        [`assets/${sharedFiles.worker}`]: gz(Buffer.from(sharedWorker.code)), [`assets/${sharedFiles.wasm}`]: gz(sharedWasm),
        page_total: pageWeight(out, 'index.html', { isolated: true }).gzip,
      },
    } : {}),
    modules_raw: modulesOf(hosted.metafile, hostedWorker.metafile),
    loads_at_open_gzip: Object.fromEntries(atOpen.files.map((f) => [f.file, f.gzip])),
    budget: { page_total_gzip: PAGE_BUDGET_GZIP, within: atOpen.within },
    csp: { 'index.html': hostedCsp(), 'b2b-pulse.html': singleCsp(hash) },
  };
  fs.writeFileSync(path.join(out, 'build-info.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`web: ${path.relative(repo, out)}/ built in ${report.built_ms} ms with engine ${report.engine}`);
  console.log(`  everything the page loads at open: ${kb(page)} gzipped (${atOpen.files.map((f) => `${f.file} ${kb(f.gzip)}`).join(', ')})`);
  console.log(`  single file ${path.relative(repo, out)}/b2b-pulse.html: ${kb(singleHtml.length)} raw, ${kb(singleGz)} gzipped`);
  if (report.isolated_gzip) console.log(`  a cross-origin isolated page loads ${kb(report.isolated_gzip.page_total)} (its engine over a shared memory: assets/${sharedFiles.worker}, assets/${sharedFiles.wasm})`);
  if (!atOpen.within) console.warn(`  WARNING: over the budget of ${kb(PAGE_BUDGET_GZIP)} gzipped (dist/build-info.json lists the parts)`);
  if (fake) console.warn('  WARNING: --fake-engine: figures are canned, not computed from the files. Development only.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
