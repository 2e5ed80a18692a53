// A tiny static file server for dist/ (make demo-web): no dependencies, GET and HEAD only,
// localhost only. usage: node web/serve.mjs [dir=dist] [port=8080] [--csp] [--no-isolation]
// --csp sends the strict Content-Security-Policy of docs/reliability.md with every response.
// Every response isolates the page (COOP same-origin, COEP require-corp), so that the engine runs
// over a shared memory and its fresh pages are touched on another core (docs/performance.md
// "Fresh pages touched on the other core"); --no-isolation serves the page as a plain host does.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { ISOLATION_HEADERS } from './isolation.mjs';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const root = path.resolve(positional[0] || 'dist');
const wanted = Number(positional[1] || process.env.PORT || 8080);
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' blob:; worker-src 'self' blob:; " +
  "style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self' blob: data:; object-src 'none'; base-uri 'self'";
const csp = process.argv.includes('--csp') ? { 'content-security-policy': CSP } : {};
const isolation = process.argv.includes('--no-isolation') ? {} : ISOLATION_HEADERS;
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.tsv': 'text/tab-separated-values',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

const server = http.createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  let rel;
  try {
    rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = path.join(root, path.normalize(rel));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  fs.stat(file, (err, st) => {
    if (!err && st.isDirectory()) file = path.join(file, 'index.html');
    fs.stat(file, (err2, st2) => {
      if (err2 || !st2.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      res.writeHead(200, {
        'content-type': types[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'content-length': st2.size,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        ...csp,
        ...isolation,
      });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
    });
  });
});

function listen(port, tries) {
  server.once('error', (err) => {
    if (err.code === 'EADDRINUSE' && tries > 0) listen(port + 1, tries - 1);
    else throw err;
  });
  server.listen(port, '127.0.0.1', () => {
    const { port: p } = server.address();
    console.log(`B2B Pulse: serving ${root}${csp['content-security-policy'] ? ' with the strict Content-Security-Policy' : ''}` +
      `${isolation === ISOLATION_HEADERS ? ', cross-origin isolated' : ''}`);
    console.log(`  open   http://127.0.0.1:${p}/`);
    console.log(`  embed  http://127.0.0.1:${p}/embed.html`);
    console.log(`  single file (works offline, from disk): ${path.join(root, 'b2b-pulse.html')}`);
    console.log('  Ctrl+C to stop');
  });
}
listen(wanted, 20);
