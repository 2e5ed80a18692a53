// The element's frame: header with tabs and language, filter bar, progress and banners, the
// panels, the footer and the hidden file inputs; its texts in the current language, the
// welcome card, and the wiring of its controls to the element.
import css from './styles.css';
import uplotCss from 'uplot/dist/uPlot.min.css';
import { languages } from './i18n.js';
import { html, raw, setHtml } from './html.js';
import { icon } from './table.js';
import { exportPng } from './charts/chart-set.js';
import { operateChartKey } from './chart-a11y.js';
import { disclosureButton, toggleFilters } from './filter-disclosure.js';
import { download } from './util.js';
import { swapDateOrder } from './date-guess.js';
import { FILTERS, noFilters } from './filters.js';

const ACCEPT = '.csv,.tsv,.txt,.json,.ndjson,.jsonl,.gz,.xlsx,.parquet,text/csv,application/json,application/gzip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LOGO = raw('<svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><rect width="24" height="24" rx="6" fill="#5b5bd6"/><path d="M4 13h3.5l2-5 3 9 2.5-6 1.5 2H20" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>');

/** Writes the frame into the shadow root; tabs: every tab key, dashboards: those with a panel. */
export function buildShell(root, tabs, dashboards) {
  setHtml(root, html`<style>${raw(uplotCss)}\n${raw(css)}</style>
    <div class="app" part="app">
      <header class="top">
        <div class="brand">${LOGO}<span data-t="app.title"></span></div>
        <nav class="tabs" role="tablist">${tabs.map((k) => html`<button type="button" role="tab" data-tab="${k}" class="${k === 'data' ? 'tab-data' : ''}"><span data-t="tab.${k}"></span>${k === 'data' && html`<b class="count" data-role="file-count"></b>`}</button>`)}</nav>
        <div class="top-actions">
          <div class="seg" role="group" data-role="lang">${languages.map((l) => html`<button type="button" data-lang="${l}" aria-pressed="false">${l.toUpperCase()}</button>`)}</div>
          <button type="button" class="btn btn-ghost btn-sm" data-action="share" data-title="action.share">${icon('link')}</button>
          <button type="button" class="btn btn-ghost btn-sm" data-action="print" data-title="action.print">${icon('print')}</button>
        </div>
      </header>
      <form class="filters" data-role="filters" id="pulse-filter-fields" autocomplete="off">
        ${disclosureButton()}
        <label><span data-t="filter.from"></span><input type="date" data-filter="from"></label>
        <label><span data-t="filter.to"></span><input type="date" data-filter="to"></label>
        <label><span data-t="filter.as_of"></span><input type="date" data-filter="as_of"></label>
        <label><span data-t="filter.catalog"></span><select data-filter="catalog"></select></label>
        <label><span data-t="filter.sales_rep"></span><select data-filter="sales_rep"></select></label>
        <label class="grow"><span data-t="filter.customer"></span><input type="search" data-filter="customer" list="pulse-customers" spellcheck="false"><datalist id="pulse-customers"></datalist></label>
        <button type="button" class="btn btn-ghost btn-sm" data-action="reset-filters" data-t="action.reset"></button>
        <p class="filter-message" data-role="filter-message" role="alert" hidden></p>
      </form>
      <div class="progress" data-role="progress" hidden><div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100"><span></span></div><span class="label"></span></div>
      <div class="sr" data-role="announce" role="status" aria-live="polite"></div>
      <div class="banner" data-role="banner" hidden role="alert"></div>
      <div class="banner dev" data-role="dev-banner" hidden></div>
      <div data-role="date-guess"></div>
      <div data-role="kept-note"></div>
      <main data-role="main">
        <section class="welcome" data-role="welcome" hidden></section>
        ${dashboards.map((k) => html`<section class="dash" role="tabpanel" data-dashboard="${k}"></section>`)}
        <section class="dash data-panel" role="tabpanel" data-panel="data"></section>
      </main>
      <footer class="foot"><span data-role="status"></span><span class="privacy">${icon('info')} <span data-t="app.privacy"></span></span></footer>
      <input type="file" data-role="files" multiple hidden accept="${ACCEPT}">
      <input type="file" data-role="workspace" hidden accept=".json,application/json">
      <div class="drop-overlay" data-role="drop-overlay" hidden><div>${icon('upload')}<span data-t="empty.drop"></span></div></div>
    </div>`);
}

/** Every static text of the frame in the host's language. */
export function applyTexts(host) {
  const { t, $ } = host;
  const root = host.shadowRoot;
  root.querySelectorAll('[data-t]').forEach((el) => (el.textContent = t(el.dataset.t)));
  root.querySelectorAll('[data-title]').forEach((el) => {
    el.title = t(el.dataset.title);
    el.setAttribute('aria-label', t(el.dataset.title));
  });
  root.querySelectorAll('[data-lang]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === host.lang)));
  $('[data-role=lang]').setAttribute('aria-label', t('lang.label'));
  $('.app').setAttribute('lang', host.lang);
}

/** The card shown before any data: pick files, load the samples, or open the data panel. */
export function renderWelcome(host) {
  const { t, $ } = host;
  const samples = host.samplesUrl();
  setHtml($('[data-role=welcome]'), html`<div class="welcome-card">
    <div class="welcome-ic">${icon('upload')}</div>
    <h2>${t('empty.title')}</h2>
    <p>${t('empty.text')}</p>
    <div class="row-actions center">
      <button type="button" class="btn btn-primary" data-action="choose-files">${t('action.choose_files')}</button>
      ${samples && html`<button type="button" class="btn" data-action="load-samples">${icon('sample')} ${t('action.load_samples')}</button>`}
      <button type="button" class="btn btn-ghost" data-action="open-url">${icon('link')} ${t('data.url')}</button>
    </div>
    ${linkFilters(host)}
    ${!samples && host.getAttribute('samples') && html`<p class="hint">${t('empty.samples_note')}</p>`}
    <p class="privacy">${icon('info')} ${t('app.privacy')}</p>
  </div>`);
}

/** A shared link's filters, said before any data: the link shows nothing until the same files
 *  are loaded, and without this the welcome card gave no sign that it carried anything. */
function linkFilters(host) {
  const { t, filters } = host;
  const named = FILTERS.filter((k) => filters[k]).map((k) => `${t('filter.' + k)}: ${filters[k]}`);
  return named.length ? html`<p class="link-filters" data-role="link-filters" role="status">${icon('info')} ${t('filter.link', { filters: named.join(' · ') })}</p>` : '';
}

/** The progress bar: bytes done of total for a file, or an indeterminate bar with a label.
 *  stage 'unpack': a workbook's parts inflating into the engine, said as such. */
export function showProgress(host, done, total, file, label, stage) {
  const el = host.$('[data-role=progress]');
  el.hidden = false;
  const bar = el.querySelector('.bar');
  const known = total > 0 && done !== null;
  bar.classList.toggle('indeterminate', !known);
  bar.firstElementChild.style.width = known ? `${Math.min(100, (done / total) * 100).toFixed(1)}%` : '';
  const unpacking = stage === 'unpack';
  const text = label || (known
    ? host.t(unpacking ? 'data.progress.unpack' : 'data.progress', { file, done: host.fmt.bytes(done), total: host.fmt.bytes(total) })
    : host.t('state.loading', { file }));
  el.querySelector('.label').textContent = text;
  bar.setAttribute('aria-label', text);
  if (known) bar.setAttribute('aria-valuenow', String(Math.round((done / total) * 100)));
  else bar.removeAttribute('aria-valuenow');
  // Screen readers hear each step once (a file started, a stage), not every percent.
  announce(host, label || host.t(unpacking ? 'state.unpacking' : 'state.loading', { file }));
}

/** Says text in the polite live region (once: the same text again is not repeated). */
export function announce(host, text) {
  const live = host.$('[data-role=announce]');
  if (live && text && live.textContent !== text) live.textContent = text;
}

/** The footer: files and rows loaded, and what the last report cost. */
export function updateStatus(host) {
  const el = host.$('[data-role=status]');
  if (!host._report) {
    el.textContent = '';
    return;
  }
  const rows = host.files.reduce((a, f) => a + ((f.load && f.load.rows_loaded) || 0), 0);
  const ms = Math.round((host.timings.report || 0) + (host.timings.parse || 0) + (host.timings.render || 0));
  el.textContent = host.t('state.loaded', { files: host.fmt.int(host.files.filter((f) => !f.error).length), rows: host.fmt.int(rows), ms: host.fmt.int(ms) });
  announce(host, el.textContent); // the end of a load, for screen readers
}

/** Connects the frame's controls to the host; every listener goes when signal aborts. */
export function wireShell(host, tabs, signal) {
  const $ = host.$;
  const on = (target, type, fn) => target.addEventListener(type, fn, { signal });
  const filesInput = $('input[data-role=files]');
  on(filesInput, 'change', () => {
    const list = [...filesInput.files];
    filesInput.value = '';
    if (list.length) host.loadFiles(list);
  });
  const wsInput = $('input[data-role=workspace]');
  on(wsInput, 'change', () => {
    const f = wsInput.files[0];
    wsInput.value = '';
    if (f) host.loadFiles([f]);
  });

  const ACTIONS = {
    'choose-files': () => filesInput.click(),
    'load-workspace': () => wsInput.click(),
    'load-samples': () => host.loadSamples(),
    'open-data': () => host.showTab('data', true),
    'open-url': () => {
      host.showTab('data', true);
      host.$('[data-panel=data] #url-in')?.focus();
    },
    'save-workspace': () => download('workspace.json', new Blob([JSON.stringify(host.workspace(), null, 2) + '\n'], { type: 'application/json' })),
    'clear-files': () => host.clearFiles(),
    'remove-file': (el) => host.removeFile(el.dataset.name),
    'apply-file': (el) => host.applyFileOptions(el.dataset.name),
    'swap-date-order': (el) => swapDateOrder(host, el.dataset.name),
    'reset-filters': () => host.setFilters(noFilters()),
    'filter-customer': (el) => host.setFilters({ customer: el.dataset.id }),
    'toggle-filters': (el) => toggleFilters(host, el),
    print: () => host.print(),
    share: (el) => host.share(el),
  };
  on(host.shadowRoot, 'click', (e) => {
    const tab = e.target.closest('[data-tab]');
    if (tab) return host.showTab(tab.dataset.tab, true);
    const lang = e.target.closest('[data-lang]');
    if (lang) return host.setAttribute('lang', lang.dataset.lang);
    const png = e.target.closest('[data-png]');
    if (png) {
      const cardEl = png.closest('[data-card]');
      const chartEl = cardEl && cardEl.querySelector('.chart');
      if (chartEl) exportPng(chartEl, cardEl.querySelector('h3').textContent, host.lang);
      return;
    }
    const act = e.target.closest('[data-action]');
    if (act && ACTIONS[act.dataset.action]) ACTIONS[act.dataset.action](act);
  });
  on(host.shadowRoot, 'keydown', (e) => {
    if (operateChartKey(e)) return;
    // A clickable row (it opens a detail or narrows the page) answers Enter and Space, as a button does.
    if ((e.key === 'Enter' || e.key === ' ') && e.target.matches && e.target.matches('tr.clickable')) {
      e.preventDefault(); // Space would scroll the page
      e.target.click();
    }
    if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && e.target.matches && e.target.matches('[role=tab]')) {
      const i = tabs.indexOf(e.target.dataset.tab) + (e.key === 'ArrowRight' ? 1 : -1);
      const next = tabs[(i + tabs.length) % tabs.length];
      host.showTab(next, true);
      $(`[data-tab=${next}]`).focus();
    }
  });

  // Drop files anywhere on the element.
  const overlay = $('[data-role=drop-overlay]');
  let depth = 0;
  const hasFiles = (e) => e.dataTransfer && [...(e.dataTransfer.types || [])].includes('Files');
  on(host, 'dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    overlay.hidden = false;
  });
  on(host, 'dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  on(host, 'dragleave', () => {
    if (--depth <= 0) (depth = 0), (overlay.hidden = true);
  });
  on(host, 'drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const list = [...e.dataTransfer.files];
    if (list.length) host.loadFiles(list);
  });
}
