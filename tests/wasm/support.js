// Shared by the wasm tests: where things are, a fresh engine, the native CLI's report, and a
// deep comparison that lets numbers differ by rounding (wasm's libm is not glibc's).
'use strict';
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const WASM_DIR = process.env.PULSE_WASM_DIR || path.join(ROOT, 'build/wasm-release/wasm');
const CLI = process.env.PULSE_CLI || path.join(ROOT, 'build/bin/b2b-pulse');
// The optional shared datasets: ../shared beside the repository, or $PULSE_SHARED_DIR.
const DATASETS = path.join(path.resolve(ROOT, process.env.PULSE_SHARED_DIR || '../shared'), 'datasets');
const SAMPLES = path.join(ROOT, 'samples');

function requireBuilt(file, how) {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run ${how}`);
  return file;
}

const { createPulse, PulseError } = require(path.join(ROOT, 'wasm/pulse.js'));

/** A fresh instance of the raw module (createPulseModule's result). */
async function newModule() {
  return require(requireBuilt(path.join(WASM_DIR, 'pulse-engine.js'), 'make wasm'))();
}

/** fflate from web/node_modules (the page bundles the same), for .xlsx files: {unzipSync,
 *  Inflate}, or {} when `npm ci` in web/ was not run (workbooks are refused, other files load). */
function fflate() {
  try {
    const { unzipSync, Inflate } = require(path.join(ROOT, 'web/node_modules/fflate'));
    return { unzipSync, Inflate };
  } catch (_) {
    return {};
  }
}

/** A Pulse over a fresh instance of the module (each instance has its own memory), with what
 *  the page gives it to read workbooks; `unzip` replaces that ({unzipSync} alone: parts
 *  inflated whole). */
async function newPulse(unzip = fflate()) {
  const factory = require(requireBuilt(path.join(WASM_DIR, 'pulse-engine.js'), 'make wasm'));
  return createPulse(factory, undefined, unzip);
}

/** The native CLI's report for the given arguments, parsed. */
function nativeReport(args) {
  requireBuilt(CLI, 'make build');
  const out = execFileSync(CLI, ['report', ...args], { cwd: ROOT, maxBuffer: 1 << 30 });
  return JSON.parse(out.toString('utf8'));
}

/** A file read from disk by chunks, as the browser reads a File. */
function fileChunks(file, chunkSize = 4 << 20) {
  return fs.createReadStream(file, { highWaterMark: chunkSize });
}

/** Loads every file of a workspace the way the CLI's --config does; returns the load reports. */
async function loadWorkspace(pulse, workspaceFile, loadOptions = {}) {
  const ws = JSON.parse(fs.readFileSync(workspaceFile, 'utf8'));
  const loads = [];
  for (const entry of ws.files) {
    const file = path.resolve(path.dirname(workspaceFile), entry.path);
    loads.push(await pulse.loadFile(entry.path, fileChunks(file), { options: entry, ...loadOptions }));
  }
  return { ws, loads };
}

/**
 * Deep equality where numbers may differ by `rel` relative, fails naming the first path.
 * `abs` covers figures near zero computed as 1 - a/b (r², shares), whose rounding error is
 * absolute (~1e-16), not relative.
 */
function assertClose(actual, expected, { rel = 1e-9, abs = 1e-12 } = {}, where = '$') {
  const tol = { rel, abs };
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = abs + rel * Math.max(Math.abs(expected), Math.abs(actual));
    if (!(actual === expected || Math.abs(actual - expected) <= tolerance))
      assert.fail(`${where}: ${actual} != ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => assertClose(actual[i], e, tol, `${where}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${where}: expected an object`);
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${where}: keys`);
    for (const key of Object.keys(expected)) assertClose(actual[key], expected[key], tol, `${where}.${key}`);
    return;
  }
  assert.equal(actual, expected, where);
}

module.exports = {
  ROOT, WASM_DIR, DATASETS, SAMPLES, PulseError, newModule, newPulse, fflate, nativeReport, fileChunks, loadWorkspace, assertClose,
};
