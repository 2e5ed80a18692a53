// ESLint's recommended rules over the page and the JS tests (`make lint`). The config sits in
// web/ because ESLint and its packages are web/'s devDependencies; the Makefile runs ESLint
// from the repository's root with `--config web/eslint.config.mjs`, so the paths below are
// relative to the root.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    // Generated or installed, never linted: the built page, the installed packages.
    ignores: ['**/node_modules/**', 'build/**', 'dist/**'],
  },
  js.configs.recommended,
  {
    rules: {
      // `catch (_) {}` and `_`-prefixed arguments say "deliberately unused".
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // The page: browser ES modules; worker/ runs in a dedicated Web Worker.
    files: ['web/src/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.browser },
    },
  },
  {
    files: ['web/src/worker/**/*.js'],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    // The page's build and static server; the repository's Node scripts.
    files: ['web/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },
  {
    // The engine's JS API: a CommonJS module under Node, a plain script in a worker.
    files: ['wasm/pulse.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { ...globals.node, ...globals.worker },
    },
  },
  {
    // The wasm module under Node (node --test, CommonJS).
    files: ['tests/wasm/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    // The page's modules under Node; the SQL engines' tests (tests/sql).
    files: ['tests/web/**/*.mjs', 'tests/sql/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },
  {
    // The development stand-in for the engine (build.mjs --fake-engine): bundled into the worker.
    files: ['tests/browser/fake-engine.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.worker } },
  },
  {
    // Checks of the goldens and the docs against each other (node --test).
    files: ['tests/golden/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },
  {
    // Benchmarks: Node scripts driving Chromium (page.evaluate() callbacks run in the page),
    // and bench/duckdb/page.mjs, the DuckDB-Wasm page they open.
    files: ['bench/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['bench/duckdb/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Playwright tests: Node modules whose page.evaluate() callbacks run in the browser.
    files: ['tests/browser/**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
  },
];
