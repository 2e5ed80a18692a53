// The page under a strict Content-Security-Policy (docs/reliability.md): the hosted page with
// the policy sent as an HTTP header on every response (no 'unsafe-eval', no inline script),
// and the single file from file:// under its own <meta> policy (its inline script allowed by
// hash). Both load the samples and draw "This week" and the four dashboards with no
// violation reported (securitypolicyviolation events in the page and in the engine's worker,
// console errors). Embind built without -sDYNAMIC_EXECUTION=0 fails here: its `new Function`
// is refused in the worker and the engine never starts.
// Run: node --test tests/browser/csp.test.mjs (after make web)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launch, waitState, engineKind, repo, dist } from './helpers.mjs';

// The policy a host serves the page with (the one of docs/reliability.md).
const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' blob:; worker-src 'self' blob:; " +
  "style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self' blob: data:; " +
  "object-src 'none'; base-uri 'self'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json',
  '.csv': 'text/csv', '.wasm': 'application/wasm' };
const VIEWS = ['attention', 'customers', 'catalogs', 'negotiations', 'sales_team'];
const SAMPLES = JSON.parse(fs.readFileSync(path.join(repo, 'tests/golden/samples.json'), 'utf8'));
const ENGINE = engineKind();

let browser, server;

/** dist/ on 127.0.0.1 with the policy on every response; resolves to {origin, hits, close}. */
function serveWithPolicy(dir) {
  const hits = [];
  const s = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    hits.push(rel);
    let file = path.join(dir, path.normalize(rel));
    if (file.endsWith('/')) file += 'index.html';
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-security-policy': POLICY }).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-security-policy': POLICY });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((ok) => s.listen(0, '127.0.0.1', () => ok({
    origin: `http://127.0.0.1:${s.address().port}`, hits, close: () => new Promise((done) => s.close(done)),
  })));
}

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/ is missing: run make web first');
  browser = await launch();
  server = await serveWithPolicy(dist);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page that records violations (document and workers) and console errors from the start. */
async function watchedPage() {
  const page = await browser.context.newPage();
  const problems = [];
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push('console: ' + m.text()));
  page.on('worker', (w) => {
    w.evaluate(() => self.addEventListener('securitypolicyviolation', (e) => console.error(`worker violation: ${e.violatedDirective}`))).catch(() => {});
  });
  return { page, problems, violations: () => page.evaluate(() => window.__violations) };
}

/** Opens each view in turn and checks it drew something of its own. */
async function assertDrawn(page) {
  for (const view of VIEWS) {
    await page.locator(`b2b-pulse [data-tab=${view}]`).click();
    const root = page.locator(`b2b-pulse [data-dashboard=${view}]`);
    await root.waitFor({ state: 'visible' });
    const drawn = await root.evaluate((el) => ({
      text: el.innerText.trim().length,
      items: el.querySelectorAll('[data-kpi], table tbody tr, canvas, svg, li').length,
    }));
    assert.ok(drawn.text > 40 && drawn.items > 0, `${view} drew nothing: ${JSON.stringify(drawn)}`);
  }
  if (ENGINE === 'wasm') {
    const tile = await page.locator('b2b-pulse [data-dashboard=customers] [data-kpi=customers] .tile-value').textContent();
    assert.equal(tile, new Intl.NumberFormat('en-US').format(SAMPLES.customers.summary.customers));
  }
}

test('the hosted page works under the strict policy sent as a header', async () => {
  const { page, problems, violations } = await watchedPage();
  const response = await page.goto(server.origin + '/');
  assert.equal(response.headers()['content-security-policy'], POLICY);
  await waitState(page, 'empty');
  await page.locator('b2b-pulse .welcome [data-action=load-samples]').click();
  await waitState(page, 'ready');
  await assertDrawn(page);
  assert.deepEqual(await violations(), []);
  assert.deepEqual(problems, []);
  assert.ok(!(await page.content()).includes('<script>'), 'no inline script in the hosted page');
  if (ENGINE === 'wasm' && fs.existsSync(path.join(dist, 'assets/pulse-engine.wasm')))
    assert.ok(server.hits.includes('/assets/pulse-engine.wasm'), 'the engine is fetched as its own file');
  await page.close();
});

test('the policy is really enforced: an inline script and eval are refused', async () => {
  const { page, violations } = await watchedPage();
  await page.goto(server.origin + '/');
  await waitState(page, 'empty');
  // DevTools' own evaluation is exempt from the policy: the eval is tried in a Blob worker,
  // as Embind's generated invokers would be in the engine's worker.
  const blocked = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = true';
    document.body.append(s);
    const src = "let ok; try { new Function('return 1')(); ok = true; } catch (e) { ok = false; } postMessage(ok);";
    const worker = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
    return new Promise((ok) => {
      worker.onmessage = (e) => ok({ inline: window.__inline === true, evaluated: e.data });
    });
  });
  assert.deepEqual(blocked, { inline: false, evaluated: false });
  await page.waitForTimeout(100);
  assert.ok((await violations()).some((v) => v.startsWith('script-src')), 'the inline script\'s refusal is reported');
  await page.close();
});

test('the single file works from file:// under its own policy (inline script by hash)', async () => {
  const { page, problems, violations } = await watchedPage();
  await page.goto('file://' + path.join(dist, 'b2b-pulse.html'));
  const policy = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  assert.match(policy, /script-src 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval' blob:;/);
  assert.doesNotMatch(policy, /'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  await waitState(page, 'empty');
  const files = ['workspace.json', ...SAMPLES.load.map((l) => l.file)].map((f) => path.join(repo, 'samples', f));
  await page.locator('b2b-pulse input[type=file][data-role=files]').setInputFiles(files);
  await waitState(page, 'ready');
  await assertDrawn(page);
  assert.deepEqual(await violations(), []);
  assert.deepEqual(problems, []);
  await page.close();
});
