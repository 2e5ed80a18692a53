// The two headers that make a page cross-origin isolated, so that it runs the engine built over a
// shared memory (web/README.md "Isolated pages"). One place for web/serve.mjs, the _headers file
// web/build.mjs writes, and the servers of the browser tests and the benchmarks.
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The headers as a _headers file (the format Netlify and Cloudflare Pages read), for every path. */
export function isolationHeadersFile() {
  return '/*\n' + Object.entries(ISOLATION_HEADERS).map(([name, value]) => `  ${name}: ${value}\n`).join('');
}
