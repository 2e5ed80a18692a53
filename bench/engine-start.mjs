// Not a test: engine start in headless Chromium, from opening the page to the engine ready to
// take a file (the 'b2b-pulse:engine-ready' mark of EngineClient, ms since navigation), for the hosted page (dist/index.html:
// the page script compiles assets/pulse-engine.wasm as it streams in and posts the module to
// the worker) and the single file (dist/b2b-pulse.html from file://: the worker decodes and
// compiles the inlined base64 itself). Served with no-store, so every run compiles cold.
//   node bench/engine-start.mjs [runs=9] [--mbps N]   (after make web; --mbps throttles the hosted page's download)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launch, dist } from '../tests/browser/helpers.mjs';
import { ISOLATION_HEADERS } from '../web/isolation.mjs';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) || 9);
const mbps = args.includes('--mbps') ? Number(args[args.indexOf('--mbps') + 1]) : null;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// isolated: with COOP and COEP, as web/serve.mjs sends them (the page runs its shared-memory engine).
async function startServer(isolated) {
  const isolation = isolated ? ISOLATION_HEADERS : {};
  const server = http.createServer((req, res) => {
    let file = path.join(dist, path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (file.endsWith('/')) file += 'index.html';
    if (!file.startsWith(dist) || !fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store', ...isolation });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}
const plain = await startServer(false);
const isolated = await startServer(true);
const browser = await launch();

async function once(url, throttle) {
  const page = await browser.context.newPage();
  if (throttle) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 20, downloadThroughput: (throttle * 1e6) / 8, uploadThroughput: (throttle * 1e6) / 8,
    });
  }
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('b2b-pulse:engine-ready').length > 0, null, { timeout: 60000, polling: 5 });
  const t = await page.evaluate(() => ({
    ready: performance.getEntriesByName('b2b-pulse:engine-ready')[0].startTime,
    dom: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
  }));
  await page.close();
  return t;
}

const rows = [];
for (const [name, url, throttle] of [
  ['hosted page (index.html + assets/)', plain.origin + '/', mbps],
  ['hosted page, cross-origin isolated (the shared-memory engine)', isolated.origin + '/', mbps],
  ['single file (file://, wasm inlined)', 'file://' + path.join(dist, 'b2b-pulse.html'), null],
]) {
  await once(url, throttle);  // warm-up: the browser's own start
  const ready = [];
  const dom = [];
  for (let i = 0; i < runs; i++) {
    const t = await once(url, throttle);
    ready.push(t.ready);
    dom.push(t.dom);
  }
  rows.push(name);
  console.log(`${name}${throttle ? ` at ${throttle} Mbit/s` : ''}: engine ready ${median(ready).toFixed(0)} ms after opening ` +
    `(page drawn ${median(dom).toFixed(0)} ms; runs ${ready.map((x) => x.toFixed(0)).join(', ')})`);
}
await browser.close();
plain.server.close();
isolated.server.close();
