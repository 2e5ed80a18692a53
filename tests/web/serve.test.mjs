// web/serve.mjs, the server of `make demo`: every response isolates the page (COOP same-origin,
// COEP require-corp), so the page runs its shared-memory engine (web/README.md "Isolated
// pages"); --no-isolation serves it as a plain static host does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(repo, 'dist');
const skip = !fs.existsSync(path.join(dist, 'index.html')) && 'dist/index.html not built (make web)';

/** Starts web/serve.mjs with `flags` on a free port near a random one; resolves to {origin, stop}. */
function startServer(flags) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [path.join(repo, 'web/serve.mjs'), dist, String(port), ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/open\s+(http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve({ origin: m[1], stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`serve.mjs exited (${code}): ${out}`)));
  });
}

test('serve.mjs isolates the page by default, and not with --no-isolation', { skip }, async () => {
  for (const [flags, isolated] of [[[], true], [['--no-isolation'], false]]) {
    const server = await startServer(flags);
    try {
      for (const file of ['/', '/assets/b2b-pulse.js']) {
        const res = await fetch(server.origin + file);
        assert.equal(res.status, 200, file);
        await res.arrayBuffer();
        assert.equal(res.headers.get('cross-origin-opener-policy'), isolated ? 'same-origin' : null, `${file} ${flags}`);
        assert.equal(res.headers.get('cross-origin-embedder-policy'), isolated ? 'require-corp' : null, `${file} ${flags}`);
      }
    } finally {
      server.stop();
    }
  }
});
