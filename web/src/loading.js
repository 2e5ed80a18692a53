// What the user does with files, and what the page shows meanwhile: pick, drop or fetch files
// (a workspace JSON among them sets options and settings), remove one, clear them all, apply a
// file's edited options. The session (session.js) orders the engine calls; this side keeps the
// element's state, progress, banners and panels in step, and asks for the report at the end.
import { baseName } from './util.js';
import { fetchBlob, asWorkspace } from './session.js';
import { FILTERS, cleanFilter } from './filters.js';
import { memoryNotice } from './memory-limit.js';
import { syncKept } from './kept-files.js';

/** The dashboards' own state (table sorts, selections): reset when the data changes. */
export const freshUi = () => ({
  customers: { table: {} }, catalogs: { compare: {}, products: {}, discounts: {} },
  negotiations: { open: {} }, sales_team: { reps: {}, closing: {}, attention: {} },
});

/** Loads File/Blob objects (a workspace .json among them is applied as settings). */
export async function loadFiles(host, list) {
  const entries = [];
  for (const file of [...list]) {
    const ws = await asWorkspace(file.name, file);
    if (ws) applyWorkspaceSettings(host, ws);
    else entries.push({ name: file.name, source: file, size: file.size });
  }
  if (entries.length) return loadEntries(host, entries);
  if (!host.hasData()) return host.settle();
  return host.session.optionsChanged ? loaded(host, host.session.reload()) : host.runReport();
}

/** Fetches data files or a workspace.json (whose files are fetched relative to it). */
export async function loadUrls(host, urls) {
  const blobs = [];
  host.setState('loading');
  for (const rawUrl of urls) {
    let url;
    try {
      url = new URL(rawUrl, document.baseURI).href;
    } catch {
      host.showError(host.t('data.fetch_failed', { url: rawUrl, reason: 'bad URL' }));
      continue;
    }
    host.showProgress(null, null, rawUrl);
    try {
      const blob = await fetchBlob(url);
      const name = baseName(new URL(url).pathname);
      const ws = await asWorkspace(name, blob);
      if (ws) {
        applyWorkspaceSettings(host, ws);
        for (const f of ws.files || []) {
          host.showProgress(null, null, f.path);
          blobs.push({ name: baseName(f.path), blob: await fetchBlob(new URL(f.path, url).href) });
        }
      } else blobs.push({ name, blob });
    } catch (err) {
      host.hideProgress();
      host.showError(host.t('data.fetch_failed', { url: rawUrl, reason: err.message || String(err) }));
    }
  }
  if (!host._built) return; // removed while fetching
  host.hideProgress();
  if (blobs.length) await loadEntries(host, blobs.map((b) => ({ name: b.name, source: b.blob, size: b.blob.size })));
  else host.settle();
}

/** Loads [{name, source (File/Blob), size}] (files picked, fetched, or kept in this browser). */
export function loadEntries(host, entries) {
  return loaded(host, host.session.add(entries));
}

/** After a session's load: the report when it was the last batch of its generation. */
async function loaded(host, last) {
  host.setState('loading');
  host.hideError();
  host.renderData();
  try {
    if (!(await last) || !host._built) return;
  } catch (err) {
    return engineError(host, err);
  }
  syncKept(host); // the files kept in this browser follow the loaded ones
  host.timings.load = host.session.loadMs;
  host.hideProgress();
  host.filterBar.stale = true;
  host.ui = freshUi();
  if (!host.hasData()) {
    host._report = null;
    host.$('.app').classList.remove('has-report');
    host.renderAll();
    host.setState(host.files.length ? 'error' : 'empty');
    if (host.files.length) host.showTab('data', true);
    const notice = await memoryNotice(host.t, host.files); // a file too big for this browser, kept nothing
    if (notice && host._built) host.showError(notice);
    return;
  }
  await host.runReport();
}

export async function clearFiles(host) {
  const cleared = host.session.clear();
  host._report = null;
  host.$('.app').classList.remove('has-report');
  host.dataMessage = '';
  host.ui = freshUi();
  host.hideProgress();
  try {
    await cleared;
  } catch (err) {
    return engineError(host, err);
  }
  if (!host._built) return;
  syncKept(host);
  host.filterBar.reset();
  host.renderAll();
  if (!host.session.loading) host.setState('empty'); // else files picked since end with a report
}

export function removeFile(host, name) {
  if (host.files.length === 1 && host.files[0].name === name) return host.clearFiles();
  return loaded(host, host.session.remove(name));
}

export function applyFileOptions(host, name) {
  const reload = host.session.applyDraft(name);
  if (reload) return loaded(host, reload);
}

export function applyWorkspaceSettings(host, ws) {
  const { n, missing } = host.session.applyWorkspaceFiles(ws);
  const rest = {};
  for (const [k, v] of Object.entries(ws.settings || {})) {
    // A filter the workspace leaves null keeps the current one (e.g. from a shared link).
    if (FILTERS.includes(k)) host.filters[k] = cleanFilter(k, v) ?? host.filters[k];
    else rest[k] = v;
  }
  host.wsSettings = rest;
  host.filterBar.sync();
  host.writeHash();
  host.dataMessage = host.t('data.ws_loaded', { n }) + (missing.length && host.files.length ? ' ' + host.t('data.ws_missing', { files: missing.join(', ') }) : '');
  host.renderData();
}

/** Starts the engine worker; the development engine says so in a banner. */
export function startEngine(host) {
  const t0 = performance.now();
  let ready;
  try {
    ready = host.session.start();
  } catch (err) {
    return engineError(host, err);
  }
  ready.then((info) => {
    host.engineKind = info.kind;
    host.schema = info.schema || null;  // roles and fields, for the Data panel
    host.timings.engineReady = performance.now() - t0;
    // The engine's first run ahead (worker/warm-up.js): {lines, ms}, or null when not run.
    const warm = host.session.engine && host.session.engine.warmedUp;
    if (warm) warm.then((w) => (host.timings.warmUp = w));
    if (info.kind === 'fake' && host._built) {
      const dev = host.$('[data-role=dev-banner]');
      dev.textContent = host.t('app.engine.fake');
      dev.hidden = false;
    }
  }, (err) => host._built && engineError(host, err));
}

export function engineError(host, err) {
  host.showError(host.t('error.engine', { reason: err.message || String(err) }));
  host.setState('error');
}

export function loadSamples(host) {
  const url = samplesUrl(host);
  if (url) return host.loadUrls([url]);
}

/** The samples workspace URL when it can be fetched from here (not from file://). */
export function samplesUrl(host) {
  const s = host.getAttribute('samples');
  if (!s) return null;
  try {
    const u = new URL(s, document.baseURI);
    return u.protocol === 'file:' ? null : u.href;
  } catch {
    return null;
  }
}
