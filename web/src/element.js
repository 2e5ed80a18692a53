// <b2b-pulse>: the whole app as one custom element with a shadow root, so that a host portal's
// CSS neither leaks in nor out. This file wires the parts: session.js (files and the engine
// calls), loading.js (what the user does with files), report-runner.js, filters.js,
// url-state.js, shell.js (the frame), render-scheduler.js, print-share.js; html.js builds markup.
//
// Attributes: src (space-separated data or workspace URLs), lang (en|ru), from, to, as-of,
// catalog, sales-rep, customer (initial filters), tab, currency (ISO code for money),
// samples (URL of a workspace.json behind the "load the sample data" button), sync-hash
// (keep filters, tab and language in the page's URL hash).
// Contract: reflects data-state (empty|loading|ready|error); `report` property and `report`
// event carry the last SPEC §4 report; the file input is input[type=file][data-role=files];
// dashboards are [data-dashboard=attention|customers|catalogs|negotiations|sales_team] (attention:
// "This week", the first view). Removed from the page (and not put back in the same task), the
// element releases its worker, listeners, observers and timers (dispose()).
import { translator, languages, locales } from './i18n.js';
import { buildWhenWorded, pickLang, whenWorded } from './language-switch.js';
import { formatter } from './format.js';
import { ChartSet } from './charts/chart-set.js';
import { setHtml, html } from './html.js';
import { renderDataPanel, wireDataPanel } from './data-panel.js';
import { dateGuessBanner } from './date-guess.js';
import { Session, STALE } from './session.js';
import { wordsFor } from './paged-words.js';
import { pagedSource } from './paged-source.js';
import { RowsAhead } from './rows-ahead.js';
import { FilterBar, FILTERS, ATTR_FILTER, cleanFilter, noFilters } from './filters.js';
import { UrlState } from './url-state.js';
import { buildShell, applyTexts, renderWelcome, showProgress, updateStatus, wireShell } from './shell.js';
import { RenderScheduler, DASHBOARDS, dashboardContext } from './render-scheduler.js';
import { loadFiles, loadUrls, loadEntries, clearFiles, removeFile, applyFileOptions, applyWorkspaceSettings, freshUi, startEngine, engineError, loadSamples, samplesUrl } from './loading.js';
import { runReport, settings } from './report-runner.js';
import { followPrinting, print, printMode, share } from './print-share.js';
import { followStickyHeader } from './sticky-offset.js';
import { freshKept, restoreKept, renderKeptNote } from './kept-files.js';
import { wireStorage } from './storage-panel.js';
import { Drill } from './drill.js';

// How long work may take before the progress bar shows (showProgressSoon): about what a
// person reads as instant.
const PROGRESS_DELAY_MS = 150;
import { mountChips, renderChips } from './chips.js';

export { DASHBOARDS };
const TABS = [...DASHBOARDS, 'data'];

export class B2BPulseElement extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'src', 'from', 'to', 'as-of', 'catalog', 'sales-rep', 'customer', 'tab', 'currency', 'samples'];
  }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.filters = noFilters();
    this.wsSettings = {};
    this.ui = freshUi();
    this._report = null;
    this._seq = 0;
    this.timings = {};
    this.dataMessage = '';
    this.tab = 'attention';
    this.detail = null; // an open quote or rep ({kind, id}, drill.js)
    // No this.lang here: it is the element's `lang` attribute, and a constructor that sets an
    // attribute makes document.createElement('b2b-pulse') throw. connectedCallback sets it.
  }

  /** The last report (SPEC §4), or null. */
  get report() {
    return this._report;
  }

  get state() {
    return this.dataset.state;
  }

  /** Rows of a list the last report left in the worker (report.paged.lists; web/README.md):
   *  {list, where, sort, query, offset, limit (null: all)} -> {rows, matched, total}, or null
   *  when the report changed in between or does not have that list. */
  async listRows(request) {
    const lists = pagedSource(this._report, this.session, this.rowsAhead);
    if (!this._report || !lists.list(request.list) || !this.session) return null;
    const repName = (id) => (this.filterBar && this.filterBar.repNames.get(id)) || id;
    const answer = await lists.rows({ ...request, words: wordsFor(request.list, lists.list(request.list), this.lang, repName) });
    return answer === STALE ? null : answer;
  }

  /** The loaded files: [{name, size, options, load, error, status}]. */
  get files() {
    return this.session ? this.session.files : [];
  }

  connectedCallback() {
    clearTimeout(this._disposeTimer); // moved within the page: keep everything
    if (this._built) return;
    // Opened in a language whose words the hosted page fetches: built once they are here, so that
    // it is never worded in English first (language-switch.js).
    if (!buildWhenWorded(this, () => this.connectedCallback())) return;
    this._built = true;
    this.lifetime = new AbortController();
    const signal = this.lifetime.signal;
    this.lang = pickLang(this.getAttribute('lang'));
    this.tab = TABS.includes(this.getAttribute('tab')) ? this.getAttribute('tab') : 'attention';
    for (const [attr, key] of Object.entries(ATTR_FILTER)) if (this.hasAttribute(attr)) this.filters[key] = cleanFilter(key, this.getAttribute(attr));
    this.urlState = new UrlState(this, TABS, languages);
    if (this.hasAttribute('sync-hash')) this.urlState.read();
    this.session = new Session((done, total, name, stage) => this.showProgress(done, total, name, null, stage));
    this.kept = freshKept(); // files kept in this browser, with consent (kept-files.js)

    buildShell(this.shadowRoot, TABS, DASHBOARDS);
    const root = this.shadowRoot;
    this.$ = (sel) => root.querySelector(sel);
    this.main = this.$('[data-role=main]');
    this.charts = new ChartSet();
    this.scheduler = new RenderScheduler(this, this.main);
    this.rowsAhead = new RowsAhead(); // rows asked with the next report (rows-ahead.js)
    this.drill = new Drill(this, this.main, signal);
    this.chips = mountChips(this, this.main, signal);
    this.filterBar = new FilterBar(this, this.$);
    this.resizeObserver = new ResizeObserver(() => this.charts.resize());
    this.resizeObserver.observe(this.main);
    wireDataPanel(this, this.$('[data-panel=data]'), signal);
    wireStorage(this, this.$('[data-panel=data]'), signal);
    wireShell(this, TABS, signal);
    this.filterBar.wire(signal);
    this.applyTexts();
    this.filterBar.sync();
    this.showTab(this.tab);
    this.setState('empty');
    startEngine(this);
    if (this.hasAttribute('sync-hash')) {
      this.urlState.listen(() => whenWorded(this, () => {
        this.applyTexts();
        this.filterBar.sync();
        this.showTab(this.tab);
        if (this.hasData()) this.runReport();
        else this.drill.render();
      }), signal);
    }
    followPrinting(this, signal);
    followStickyHeader(this.shadowRoot, signal);
    const src = (this.getAttribute('src') || '').trim();
    if (src) this.loadUrls(src.split(/\s+/));
    else restoreKept(this); // the files kept in this browser, if the user asked for that
  }

  disconnectedCallback() {
    // Moving the element (removed and inserted in the same task) must not lose the loaded data.
    clearTimeout(this._disposeTimer);
    this._disposeTimer = setTimeout(() => this.isConnected || this.dispose(), 0);
  }

  /** Releases the worker, window listeners, observers, charts and timers. Connected again, the
   *  element starts afresh (no files). */
  dispose() {
    if (!this._built) return;
    this._built = false;
    clearTimeout(this._disposeTimer);
    clearTimeout(this._hashTimer);
    clearTimeout(this.shareTimer);
    this.lifetime.abort();
    this.resizeObserver.disconnect();
    this.scheduler.cancel();
    this.charts.removeWithin(this.main);
    this.session.dispose();
    this.session = null;
    this._report = null;
    this.ui = freshUi();
    this._textLang = null; // connected again, the frame is worded afresh
    setHtml(this.shadowRoot, html``);
    this.$ = this.main = this.charts = this.scheduler = this.filterBar = this.resizeObserver = this.drill = this.chips = null;
    delete this.dataset.state;
  }

  attributeChangedCallback(name, old, value) {
    if (!this._built || old === value) return;
    if (name === 'lang') {
      // `lang` is HTMLElement's own property and reflects this attribute: by the time we are
      // called this.lang already says the new value, so compare with the language the page was
      // last worded in. Re-words the frame and redraws every panel from the report it holds.
      const lang = pickLang(value);
      if (lang !== value) this.lang = lang; // an unknown code: the attribute says what is shown
      else if (this._textLang && lang !== this._textLang) {
        whenWorded(this, () => {
          this.applyTexts();
          this.renderAll();
          this.writeHash();
        });
      }
    } else if (name === 'tab') {
      if (TABS.includes(value)) this.showTab(value);
    } else if (name === 'currency') {
      this.applyTexts();
      this.renderAll();
    } else if (name === 'src') {
      const src = (value || '').trim();
      if (src) this.loadUrls(src.split(/\s+/));
    } else if (name === 'samples') {
      this.renderData();
    } else if (ATTR_FILTER[name]) {
      this.filters[ATTR_FILTER[name]] = cleanFilter(ATTR_FILTER[name], value);
      this.filterBar.sync();
      if (this.hasData()) this.runReport();
    }
  }

  // ------------------------------------------------------------------------- public API

  /** Loads File/Blob objects (a workspace .json among them is applied as settings). */
  loadFiles(list) {
    return loadFiles(this, list);
  }

  /** Fetches data files or a workspace.json (whose files are fetched relative to it). */
  loadUrls(urls) {
    return loadUrls(this, urls);
  }

  /** Re-runs the report with these filters ({from, to, as_of, catalog, sales_rep, customer}). */
  setFilters(patch) {
    for (const [k, v] of Object.entries(patch)) if (FILTERS.includes(k)) this.filters[k] = cleanFilter(k, v);
    this.filterBar.sync();
    renderChips(this, this.chips);
    // After the report: replaceState forces a style pass, which costs most while the DOM is dirty.
    clearTimeout(this._hashTimer);
    this._hashTimer = setTimeout(() => this.writeHash(), 120);
    if (this.hasData()) return this.runReport();
  }

  /** The workspace (SPEC §5) for the loaded files and current settings. */
  workspace() {
    return { files: this.files.map((f) => ({ path: f.name, ...f.options })), settings: this.settings() };
  }

  // ------------------------------------------------------------------------------ frame

  get t() {
    return translator(this.lang);
  }

  get fmt() {
    const key = this.lang + '|' + (this.getAttribute('currency') || '');
    if (this._fmtKey !== key) {
      this._fmtKey = key;
      this._fmt = formatter(locales[this.lang], this.getAttribute('currency') || null);
    }
    return this._fmt;
  }

  applyTexts() {
    this._textLang = this.lang;
    applyTexts(this);
    renderKeptNote(this);
    this.filterBar.fill();
    renderWelcome(this);
    this.updateStatus();
  }

  showTab(tab, user) {
    if (!TABS.includes(tab)) return;
    if (user) this.detail = null; // a tab chosen by the user shows its dashboard, not a detail
    this.tab = tab;
    if (tab !== 'data') this.lastDashboard = tab; // what a saved view records
    this.shadowRoot.querySelectorAll('[data-tab]').forEach((b) => {
      const on = b.dataset.tab === tab;
      b.classList.toggle('active', on);
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    });
    this.main.querySelectorAll('.dash').forEach((s) => s.classList.toggle('active', (s.dataset.dashboard || s.dataset.panel) === tab));
    this.scheduler.show(tab);
    if (this.drill) this.drill.render(); // a quote or rep detail shows on its own dashboard
    this.updateWelcome();
    requestAnimationFrame(() => this.charts && this.charts.resize());
    if (user) this.writeHash();
  }

  setState(state) {
    if (this.dataset.state !== state) this.dataset.state = state;
    this.$ && this.$('.app').setAttribute('data-app-state', state);
  }

  settle() {
    this.setState(this._report && this.hasData() ? 'ready' : this.files.some((f) => f.error) ? 'error' : 'empty');
    this.updateWelcome();
  }

  writeHash() {
    if (this._built && this.hasAttribute('sync-hash')) this.urlState.write();
  }

  showProgress(done, total, file, label, stage) {
    clearTimeout(this._progressSoon);
    if (this._built) showProgress(this, done, total, file, label, stage);
  }

  /** The progress bar saying `label`, once PROGRESS_DELAY_MS pass without hideProgress: work
   *  done sooner (a re-filter, tens of milliseconds) draws no bar that would push the
   *  dashboards down and back up (docs/performance.md "A re-filter draws no progress bar"). */
  showProgressSoon(label) {
    clearTimeout(this._progressSoon);
    this._progressSoon = setTimeout(() => this.showProgress(null, null, null, label), PROGRESS_DELAY_MS);
  }

  hideProgress() {
    clearTimeout(this._progressSoon);
    if (this._built) this.$('[data-role=progress]').hidden = true;
  }

  showError(text) {
    if (!this._built) return;
    const b = this.$('[data-role=banner]');
    b.textContent = text;
    b.hidden = false;
  }

  hideError() {
    this.$('[data-role=banner]').hidden = true;
  }

  hasData() {
    return !!this.session && this.session.hasData();
  }

  // ---------------------------------------------------------------------------- render

  /** Draws every dashboard from the current report; kept: a view already drawn from it (its
   *  sections, with the same settings: report-runner.js), left as it is. */
  renderAll(kept = null) {
    if (!this._built) return;
    this.updateWelcome();
    setHtml(this.$('[data-role=date-guess]'), dateGuessBanner(this)); // a guessed day/month order
    this.scheduler.all(kept);
    this.drill.render();
    renderChips(this, this.chips);
    this.updateStatus();
  }

  renderData() {
    if (!this._built) return;
    this.scheduler.dataDirty = false;
    renderDataPanel(this, this.$('[data-panel=data]'));
    const n = this.files.length;
    const count = this.$('[data-role=file-count]');
    count.textContent = n ? String(n) : '';
    count.classList.toggle('bad', this.files.some((f) => f.error || (f.load && (f.load.rows_skipped || f.load.stopped)))); // a partial load too
  }

  updateWelcome() {
    const empty = !this._report && this.tab !== 'data';
    this.$('[data-role=welcome]').hidden = !empty;
    this.main.classList.toggle('is-empty', empty);
  }
}

// The parts that live in modules, as methods (the panels, the data panel and tests call them):
// element.name(...args) is name(element, ...args).
const PARTS = {
  loadEntries, clearFiles, removeFile, applyFileOptions, applyWorkspaceSettings, loadSamples, samplesUrl, engineError,
  settings, runReport, ctx: dashboardContext, updateStatus, share, print, printMode,
};
for (const [name, fn] of Object.entries(PARTS)) {
  Object.defineProperty(B2BPulseElement.prototype, name, { value(...args) { return fn(this, ...args); }, writable: true, configurable: true });
}

if (!customElements.get('b2b-pulse')) customElements.define('b2b-pulse', B2BPulseElement);
