// "Keep these files in this browser": with the user's consent, the loaded files are stored in
// IndexedDB (storage.js) and follow what is loaded (added, removed, cleared, options applied);
// when the page opens again they are loaded from there, and a note says so ("Restored 3 files
// kept in this browser on …"). "Forget this data" deletes everything stored and the consent.
// Storage failures (no room, blocked storage) are said in a sentence; they never stop the page.
import { html, setHtml } from './html.js';
import { locales } from './i18n.js';
import { icon } from './table.js';
import { readKept, writeKept, forgetKept } from './storage.js';

/** The element's keeping state (host.kept). state: off | saving | kept | error. */
export const freshKept = () => ({ consent: false, state: 'off', savedAt: null, restored: null, message: '', chain: Promise.resolve(), stored: new WeakSet(), written: null });

/** What a write would store, as text: the same after a restore, so nothing is written again
 *  and "kept on <date>" keeps its date. */
const signature = (files, settings) => JSON.stringify([files.map(({ name, size, options }) => [name, size, options]), settings]);

/** A count with its noun in the right plural form, and other placeholders ({date}). */
export function counted(host, key, n, vars = {}) {
  const form = new Intl.PluralRules(locales[host.lang] || 'en-US').select(n);
  const t = host.t;
  const found = t(`${key}.${form}`);
  return t(found === `${key}.${form}` ? `${key}.other` : `${key}.${form}`, { n: host.fmt.int(n), ...vars });
}

export function keptDate(host, ms) {
  return new Intl.DateTimeFormat(locales[host.lang] || 'en-US', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(ms));
}

function errorText(host, err, what = 'write') {
  const kind = (err && err.kind) || 'failed';
  if (what === 'read') return host.t('kept.error.read', { reason: (err && err.message) || String(err) });
  return host.t('kept.error.' + kind, { reason: (err && err.message) || String(err) });
}

/** At start: loads the kept files, when there are some and nothing else was asked for. */
export async function restoreKept(host) {
  const kept = host.kept;
  let stored;
  try {
    stored = await readKept();
  } catch (err) {
    if (err && err.kind === 'unavailable') return; // no storage here (file:// in some browsers): nothing was kept
    kept.state = 'error';
    kept.message = errorText(host, err, 'read');
    return host.renderData();
  }
  if (!host._built || !stored) return;
  kept.consent = true;
  kept.state = 'kept';
  kept.savedAt = stored.savedAt;
  kept.written = signature(stored.files, stored.settings || {});
  if (!stored.files.length || host.files.length) return host.renderData(); // the user was quicker
  for (const f of stored.files) {
    host.session.pendingOptions.set(f.name, f.options);
    kept.stored.add(f.blob);
  }
  host.wsSettings = { ...(stored.settings || {}), ...host.wsSettings };
  kept.restored = { n: stored.files.length, savedAt: stored.savedAt };
  renderKeptNote(host);
  await host.loadEntries(stored.files.map((f) => ({ name: f.name, source: f.blob, size: f.blob.size })));
}

/** After the loaded files changed: the store follows them (when the user consented). */
export function syncKept(host) {
  const kept = host.kept;
  if (!kept || !kept.consent) return Promise.resolve();
  const files = host.files.map((f) => ({ name: f.name, size: f.size, options: f.options, source: f.source }));
  const settings = { ...host.wsSettings };
  const written = signature(files, settings);
  if (written === kept.written && kept.state === 'kept') return kept.chain;
  kept.state = 'saving';
  host.renderData();
  kept.chain = kept.chain.then(async () => {
    try {
      await writeKept(files, settings, (f) => kept.stored.has(f.source));
      for (const f of files) kept.stored.add(f.source);
      if (!kept.consent) return; // forgotten meanwhile: forget() deletes what this wrote
      kept.state = 'kept';
      kept.savedAt = Date.now();
      kept.written = written;
      kept.message = '';
    } catch (err) {
      kept.state = 'error';
      kept.message = errorText(host, err);
      kept.stored = new WeakSet(); // the transaction was undone: nothing of it is there
      kept.written = null;
    }
    if (host._built) host.renderData();
  });
  return kept.chain;
}

/** The checkbox: on keeps what is loaded now (and what comes); off forgets everything. */
export function setKeep(host, on) {
  if (!on) return forget(host);
  host.kept.consent = true;
  host.kept.message = '';
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {}); // ask not to be evicted
  return syncKept(host);
}

/** "Forget this data": deletes the database; nothing of the files stays in this browser. */
export async function forget(host) {
  const kept = host.kept;
  kept.consent = false;
  kept.restored = null;
  kept.state = 'saving';
  host.renderData();
  await kept.chain; // a write under way finishes first, then everything goes
  kept.chain = forgetKept().then(() => {
    kept.state = 'off';
    kept.savedAt = null;
    kept.stored = new WeakSet();
    kept.written = null;
    kept.message = host.t('kept.forgotten');
  }, (err) => {
    kept.state = 'error';
    kept.message = errorText(host, err);
  });
  await kept.chain;
  if (host._built) {
    renderKeptNote(host);
    host.renderData();
  }
}

/** The note over the dashboards after a restore, with the way to forget. */
export function renderKeptNote(host) {
  const el = host.$ && host.$('[data-role=kept-note]');
  if (!el) return;
  const r = host.kept.restored;
  setHtml(el, r ? html`<div class="banner kept-note" role="status">${icon('info')}
    <span data-role="kept-restored">${counted(host, 'kept.restored', r.n, { date: keptDate(host, r.savedAt) })}</span>
    <button type="button" class="btn btn-ghost btn-sm" data-action="forget-kept">${icon('trash')} ${host.t('kept.forget')}</button></div>` : html``);
}
