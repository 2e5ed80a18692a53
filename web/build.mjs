// Builds the page: dist/index.html + dist/assets/b2b-pulse.js (any static host), the single
// self-contained dist/b2b-pulse.html (works from file://), dist/samples/ and dist/embed.html.
//
//   node web/build.mjs                 # with the wasm engine from build/wasm-release/wasm/
//   node web/build.mjs --fake-engine   # DEVELOPMENT ONLY: canned sample report, no wasm
//
// The engine's worker code (pulse-engine.js with the wasm inlined, pulse.js, our worker) is
// bundled into the page script as text and started from a Blob URL at run time.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const web = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(web, '..');
const args = process.argv.slice(2);
const fake = args.includes('--fake-engine') || process.env.B2B_PULSE_FAKE_ENGINE === '1';
const out = path.resolve(repo, argValue('--out') || 'dist');
const engineDir = path.resolve(repo, argValue('--engine-dir') || process.env.PULSE_WASM_DIR || 'build/wasm-release/wasm');

function argValue(name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : null;
}

function findEngine() {
  const candidates = ['pulse-engine.js', 'pulse_engine.js', 'pulse-wasm.js', 'pulse.engine.js'];
  const script = candidates.map((n) => path.join(engineDir, n)).find((p) => fs.existsSync(p));
  const api = [path.join(engineDir, 'pulse.js'), path.join(repo, 'wasm/pulse.js')].find((p) => fs.existsSync(p));
  return script && api ? { script, api } : null;
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

async function buildWorker() {
  const adapter = path.join(web, 'src/worker', fake ? 'fake-engine.js' : 'real-engine.js');
  const r = await esbuild.build({
    entryPoints: [path.join(web, 'src/worker/worker.js')],
    bundle: true, format: 'iife', minify: true, write: false, target: 'es2020', legalComments: 'none',
    plugins: [{
      name: 'engine-adapter',
      setup(b) {
        b.onResolve({ filter: /^pulse-engine-adapter$/ }, () => ({ path: adapter }));
      },
    }],
  });
  let code = r.outputFiles[0].text;
  let engine = null;
  if (!fake) {
    engine = findEngine();
    if (!engine) {
      console.error(`build.mjs: no wasm engine in ${engineDir} (pulse-engine.js + pulse.js).\n` +
        '  Build it first (cmake --preset wasm-release && cmake --build --preset wasm-release),\n' +
        '  or build the page against canned data with --fake-engine (development only).');
      process.exit(2);
    }
    // Both are plain scripts that define globals (createPulseModule; createPulse).
    const glue = fs.readFileSync(engine.script, 'utf8') + '\n;\n' + fs.readFileSync(engine.api, 'utf8');
    const min = await esbuild.transform(glue, { minify: true, target: 'es2020', legalComments: 'none' });
    code = min.code + '\n;' + code;
  }
  return { code, engine };
}

async function buildApp(workerCode) {
  const r = await esbuild.build({
    entryPoints: [path.join(web, 'src/main.js')],
    bundle: true, format: 'iife', minify: true, write: false, target: ['chrome100', 'firefox100', 'safari15'],
    legalComments: 'eof', charset: 'utf8',
    plugins: [cssText, {
      name: 'worker-source',
      setup(b) {
        b.onResolve({ filter: /^virtual:worker-source$/ }, () => ({ path: 'worker-source', namespace: 'virtual' }));
        b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({ contents: `export default ${JSON.stringify(workerCode)};`, loader: 'js' }));
      },
    }],
  });
  return r.outputFiles[0].text;
}

/** Script text that is safe inside an inline <script> element. */
function inlineSafe(js) {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1) + ' KB';

async function main() {
  const t0 = Date.now();
  const { code: workerCode, engine } = await buildWorker();
  const app = await buildApp(workerCode);
  const template = fs.readFileSync(path.join(web, 'index.html'), 'utf8');

  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(out, 'assets/b2b-pulse.js'), app);
  fs.writeFileSync(path.join(out, 'index.html'), template.replace('<!--APP-->', '<script src="assets/b2b-pulse.js"></script>'));
  const single = template
    .replace('<title>B2B Pulse</title>', '<title>B2B Pulse (offline)</title>')
    .replace('<!--APP-->', () => `<script>${inlineSafe(app)}</script>`);
  fs.writeFileSync(path.join(out, 'b2b-pulse.html'), single);

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

  const idx = fs.readFileSync(path.join(out, 'index.html'));
  const sizes = { 'index.html': gz(idx), 'assets/b2b-pulse.js': gz(Buffer.from(app)) };
  const page = sizes['index.html'] + sizes['assets/b2b-pulse.js'];
  const singleGz = gz(Buffer.from(single));
  const report = {
    engine: fake ? 'FAKE (development only: canned sample report)' : path.relative(repo, engine.script),
    built_ms: Date.now() - t0,
    raw: { 'assets/b2b-pulse.js': app.length, 'b2b-pulse.html': single.length, worker: workerCode.length },
    gzip: { ...sizes, page_total: page, 'b2b-pulse.html': singleGz },
  };
  fs.writeFileSync(path.join(out, 'build-info.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`web: ${path.relative(repo, out)}/ built in ${report.built_ms} ms with engine ${report.engine}`);
  console.log(`  everything the page loads: ${kb(page)} gzipped (index.html + assets/b2b-pulse.js; worker and wasm inside)`);
  console.log(`  single file ${path.relative(repo, out)}/b2b-pulse.html: ${kb(single.length)} raw, ${kb(singleGz)} gzipped`);
  if (fake) console.warn('  WARNING: --fake-engine: figures are canned, not computed from the files. Development only.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
