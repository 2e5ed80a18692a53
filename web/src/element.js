// <b2b-pulse>: the whole app as one custom element with a shadow root, so that a host portal's
// CSS neither leaks in nor out.
//
// Attributes: src (space-separated data or workspace URLs), lang (en|ru), from, to, as-of,
// catalog, sales-rep, customer (initial filters), tab, currency (ISO code for money),
// samples (URL of a workspace.json behind the "load the sample data" button), sync-hash
// (keep filters, tab and language in the page's URL hash).
// Contract: reflects data-state (empty|loading|ready|error); `report` property and `report`
// event carry the last SPEC §4 report; the file input is input[type=file][data-role=files];
// dashboards are [data-dashboard=attention|customers|catalogs|negotiations|sales_team] (attention:
// "This week", the first view).
import css from './styles.css';
import uplotCss from 'uplot/dist/uPlot.min.css';
import { translator, languages, locales } from './i18n.js';
import { formatter, esc } from './format.js';
import { EngineClient } from './engine-client.js';
import { ChartSet, exportPng } from './charts.js';
import { icon } from './table.js';
import { baseName, download, isUnavailable } from './util.js';
import { renderAttention } from './dashboards/attention.js';
import { renderCustomers } from './dashboards/customers.js';
import { renderCatalogs } from './dashboards/catalogs.js';
import { renderNegotiations } from './dashboards/negotiations.js';
import { renderSalesTeam } from './dashboards/sales-team.js';
import { renderDataPanel, wireDataPanel } from './data-panel.js';
import { dateGuessBanner, swapDateOrder } from './date-guess.js';

export const DASHBOARDS = ['attention', 'customers', 'catalogs', 'negotiations', 'sales_team'];
const TABS = [...DASHBOARDS, 'data'];
const RENDER = { attention: renderAttention, customers: renderCustomers, catalogs: renderCatalogs, negotiations: renderNegotiations, sales_team: renderSalesTeam };
const FILTERS = ['from', 'to', 'as_of', 'catalog', 'sales_rep', 'customer'];
const ATTR_FILTER = { from: 'from', to: 'to', 'as-of': 'as_of', catalog: 'catalog', 'sales-rep': 'sales_rep', customer: 'customer' };
const HASH_KEY = { from: 'from', to: 'to', as_of: 'as_of', catalog: 'catalog', sales_rep: 'rep', customer: 'customer' };
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const defaultOptions = () => ({ role: 'auto', columns: {}, delimiter: 'auto', decimal: 'auto', date_format: 'auto', encoding: 'auto' });
const freshUi = () => ({
  customers: { table: {} }, catalogs: { compare: {}, products: {}, discounts: {} },
  negotiations: { open: {} }, sales_team: { reps: {}, closing: {}, attention: {} },
});

export class B2BPulseElement extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'src', 'from', 'to', 'as-of', 'catalog', 'sales-rep', 'customer', 'tab', 'currency', 'samples'];
  }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.files = [];
    this.filters = Object.fromEntries(FILTERS.map((k) => [k, null]));
    this.wsSettings = {};
    this.pendingOptions = new Map();
    this.ui = freshUi();
    this.choices = { catalogs: [], reps: [], customers: [] };
    this._report = null;
    this._seq = 0;
    this.timings = {};
    this.dataMessage = '';
    this.tab = 'attention';
    this.lang = 'en';
  }

  /** The last report (SPEC §4), or null. */
  get report() {
    return this._report;
  }

  get state() {
    return this.dataset.state;
  }

  connectedCallback() {
    if (this._built) return;
    this._built = true;
    this.lang = pickLang(this.getAttribute('lang'));
    this.tab = TABS.includes(this.getAttribute('tab')) ? this.getAttribute('tab') : 'attention';
    for (const [attr, key] of Object.entries(ATTR_FILTER)) if (this.hasAttribute(attr)) this.filters[key] = clean(key, this.getAttribute(attr));
    if (this.hasAttribute('sync-hash')) this.readHash();
    this.buildShell();
    this.setState('empty');
    this.startEngine();
    if (this.hasAttribute('sync-hash')) {
      this._onHash = () => {
        if (location.hash === this._lastHash) return;
        const before = JSON.stringify([this.filters, this.tab, this.lang]);
        this.readHash();
        if (JSON.stringify([this.filters, this.tab, this.lang]) === before) return;
        this.applyTexts();
        this.syncFilterInputs();
        this.showTab(this.tab);
        if (this.hasData()) this.runReport();
      };
      window.addEventListener('hashchange', this._onHash);
    }
    this._beforePrint = () => this.printMode(true);
    this._afterPrint = () => this.printMode(false);
    window.addEventListener('beforeprint', this._beforePrint);
    window.addEventListener('afterprint', this._afterPrint);
    const src = (this.getAttribute('src') || '').trim();
    if (src) this.loadUrls(src.split(/\s+/));
  }

  disconnectedCallback() {
    // Kept alive on purpose: moving the element in the DOM must not lose the loaded data.
  }

  attributeChangedCallback(name, old, value) {
    if (!this._built || old === value) return;
    if (name === 'lang') {
      const lang = pickLang(value);
      if (lang !== this.lang) {
        this.lang = lang;
        this.applyTexts();
        this.renderAll();
        this.writeHash();
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
      this.filters[ATTR_FILTER[name]] = clean(ATTR_FILTER[name], value);
      this.syncFilterInputs();
      if (this.hasData()) this.runReport();
    }
  }

  // ------------------------------------------------------------------------- public API

  /** Loads File/Blob objects (a workspace .json among them is applied as settings). */
  loadFiles(list) {
    return this.addFiles([...list]);
  }

  /** Fetches data files or a workspace.json (whose files are fetched relative to it). */
  async loadUrls(urls) {
    const base = document.baseURI;
    const blobs = [];
    this.setState('loading');
    for (const raw of urls) {
      let url;
      try {
        url = new URL(raw, base).href;
      } catch {
        this.showError(this.t('data.fetch_failed', { url: raw, reason: 'bad URL' }));
        continue;
      }
      this.showProgress(null, null, raw);
      try {
        const blob = await fetchBlob(url);
        const name = baseName(new URL(url).pathname);
        const ws = await asWorkspace(name, blob);
        if (ws) {
          this.applyWorkspaceSettings(ws);
          for (const f of ws.files || []) {
            const furl = new URL(f.path, url).href;
            this.showProgress(null, null, f.path);
            const fb = await fetchBlob(furl);
            blobs.push({ name: baseName(f.path), blob: fb });
          }
        } else blobs.push({ name, blob });
      } catch (err) {
        this.hideProgress();
        this.showError(this.t('data.fetch_failed', { url: raw, reason: err.message || String(err) }));
      }
    }
    this.hideProgress();
    if (blobs.length) await this.addEntries(blobs.map((b) => ({ name: b.name, source: b.blob, size: b.blob.size })));
    else this.settle();
  }

  /** Re-runs the report with these filters ({from, to, as_of, catalog, sales_rep, customer}). */
  setFilters(patch) {
    for (const [k, v] of Object.entries(patch)) if (FILTERS.includes(k)) this.filters[k] = clean(k, v);
    this.syncFilterInputs();
    // After the report: replaceState forces a style pass, which costs most while the DOM is dirty.
    clearTimeout(this._hashTimer);
    this._hashTimer = setTimeout(() => this.writeHash(), 120);
    if (this.hasData()) return this.runReport();
  }

  /** The workspace (SPEC §5) for the loaded files and current settings. */
  workspace() {
    return {
      files: this.files.map((f) => ({ path: f.name, ...f.options })),
      settings: this.settings(),
    };
  }

  // ------------------------------------------------------------------------------ shell

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

  buildShell() {
    const root = this.shadowRoot;
    root.innerHTML = `<style>${uplotCss}\n${css}</style>
      <div class="app" part="app">
        <header class="top">
          <div class="brand">${logo()}<span data-t="app.title"></span></div>
          <nav class="tabs" role="tablist">${TABS.map((k) => `<button type="button" role="tab" data-tab="${k}" class="${k === 'data' ? 'tab-data' : ''}"><span data-t="tab.${k}"></span>${k === 'data' ? '<b class="count" data-role="file-count"></b>' : ''}</button>`).join('')}</nav>
          <div class="top-actions">
            <div class="seg" role="group" data-role="lang">${languages.map((l) => `<button type="button" data-lang="${l}" aria-pressed="false">${l.toUpperCase()}</button>`).join('')}</div>
            <button type="button" class="btn btn-ghost btn-sm" data-action="share" data-title="action.share">${icon('link')}</button>
            <button type="button" class="btn btn-ghost btn-sm" data-action="print" data-title="action.print">${icon('print')}</button>
          </div>
        </header>
        <form class="filters" data-role="filters" autocomplete="off">
          <label><span data-t="filter.from"></span><input type="date" data-filter="from"></label>
          <label><span data-t="filter.to"></span><input type="date" data-filter="to"></label>
          <label><span data-t="filter.as_of"></span><input type="date" data-filter="as_of"></label>
          <label><span data-t="filter.catalog"></span><select data-filter="catalog"></select></label>
          <label><span data-t="filter.sales_rep"></span><select data-filter="sales_rep"></select></label>
          <label class="grow"><span data-t="filter.customer"></span><input type="search" data-filter="customer" list="pulse-customers" spellcheck="false"><datalist id="pulse-customers"></datalist></label>
          <button type="button" class="btn btn-ghost btn-sm" data-action="reset-filters" data-t="action.reset"></button>
        </form>
        <div class="progress" data-role="progress" hidden><div class="bar"><span></span></div><span class="label"></span></div>
        <div class="banner" data-role="banner" hidden role="alert"></div>
        <div class="banner dev" data-role="dev-banner" hidden></div>
        <div data-role="date-guess"></div>
        <main data-role="main">
          <section class="welcome" data-role="welcome" hidden></section>
          ${DASHBOARDS.map((k) => `<section class="dash" role="tabpanel" data-dashboard="${k}"></section>`).join('')}
          <section class="dash data-panel" role="tabpanel" data-panel="data"></section>
        </main>
        <footer class="foot"><span data-role="status"></span><span class="privacy">${icon('info')} <span data-t="app.privacy"></span></span></footer>
        <input type="file" data-role="files" multiple hidden accept=".csv,.tsv,.txt,.json,.ndjson,.jsonl,.gz,.xlsx,text/csv,application/json,application/gzip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
        <input type="file" data-role="workspace" hidden accept=".json,application/json">
        <div class="drop-overlay" data-role="drop-overlay" hidden><div>${icon('upload')}<span data-t="empty.drop"></span></div></div>
      </div>`;
    this.$ = (sel) => root.querySelector(sel);
    this.main = this.$('[data-role=main]');
    this.charts = new ChartSet();
    this.dirty = new Set();
    new ResizeObserver(() => this.charts.resize()).observe(this.main);
    wireDataPanel(this, this.$('[data-panel=data]'));
    this.wireEvents();
    this.applyTexts();
    this.syncFilterInputs();
    this.showTab(this.tab);
    this.renderWelcome();
  }

  applyTexts() {
    const t = this.t;
    const root = this.shadowRoot;
    root.querySelectorAll('[data-t]').forEach((el) => (el.textContent = t(el.dataset.t)));
    root.querySelectorAll('[data-title]').forEach((el) => {
      el.title = t(el.dataset.title);
      el.setAttribute('aria-label', t(el.dataset.title));
    });
    root.querySelectorAll('[data-lang]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === this.lang)));
    this.$('[data-role=lang]').setAttribute('aria-label', t('lang.label'));
    this.$('.app').setAttribute('lang', this.lang);
    this.fillChoices();
    this.renderWelcome();
    this.updateStatus();
  }

  wireEvents() {
    const root = this.shadowRoot;
    const filesInput = this.$('input[data-role=files]');
    filesInput.addEventListener('change', () => {
      const list = [...filesInput.files];
      filesInput.value = '';
      if (list.length) this.addFiles(list);
    });
    const wsInput = this.$('input[data-role=workspace]');
    wsInput.addEventListener('change', async () => {
      const f = wsInput.files[0];
      wsInput.value = '';
      if (f) this.addFiles([f]);
    });

    root.addEventListener('click', (e) => {
      const tab = e.target.closest('[data-tab]');
      if (tab) return this.showTab(tab.dataset.tab, true);
      const lang = e.target.closest('[data-lang]');
      if (lang) return this.setAttribute('lang', lang.dataset.lang);
      const png = e.target.closest('[data-png]');
      if (png) {
        const cardEl = png.closest('[data-card]');
        const chartEl = cardEl && cardEl.querySelector('.chart');
        if (chartEl) exportPng(chartEl, cardEl.querySelector('h3').textContent, this.lang);
        return;
      }
      const act = e.target.closest('[data-action]');
      if (!act) return;
      const a = act.dataset.action;
      if (a === 'choose-files') filesInput.click();
      else if (a === 'load-workspace') wsInput.click();
      else if (a === 'load-samples') this.loadSamples();
      else if (a === 'open-data') this.showTab('data', true);
      else if (a === 'save-workspace') download('workspace.json', new Blob([JSON.stringify(this.workspace(), null, 2) + '\n'], { type: 'application/json' }));
      else if (a === 'clear-files') this.clearFiles();
      else if (a === 'remove-file') this.removeFile(act.dataset.name);
      else if (a === 'apply-file') this.applyFileOptions(act.dataset.name);
      else if (a === 'swap-date-order') swapDateOrder(this, act.dataset.name);
      else if (a === 'reset-filters') this.setFilters(Object.fromEntries(FILTERS.map((k) => [k, null])));
      else if (a === 'filter-customer') this.setFilters({ customer: act.dataset.id });
      else if (a === 'print') this.print();
      else if (a === 'share') this.share(act);
    });
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.target.matches && e.target.matches('tr.clickable')) e.target.click();
      if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && e.target.matches && e.target.matches('[role=tab]')) {
        const i = TABS.indexOf(e.target.dataset.tab) + (e.key === 'ArrowRight' ? 1 : -1);
        const next = TABS[(i + TABS.length) % TABS.length];
        this.showTab(next, true);
        this.$(`[data-tab=${next}]`).focus();
      }
    });

    const form = this.$('[data-role=filters]');
    form.addEventListener('submit', (e) => e.preventDefault());
    form.addEventListener('change', (e) => {
      const k = e.target.dataset.filter;
      if (!k) return;
      let v = e.target.value.trim();
      if (k === 'customer' && v) v = this.resolveCustomer(v);
      this.setFilters({ [k]: v || null });
    });
    form.addEventListener('input', (e) => {
      // Clearing the search field (its × button) resets the customer filter at once.
      if (e.target.dataset.filter === 'customer' && !e.target.value && this.filters.customer) this.setFilters({ customer: null });
    });

    // Drop files anywhere on the element.
    const overlay = this.$('[data-role=drop-overlay]');
    let depth = 0;
    const hasFiles = (e) => e.dataTransfer && [...(e.dataTransfer.types || [])].includes('Files');
    this.addEventListener('dragenter', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      overlay.hidden = false;
    });
    this.addEventListener('dragover', (e) => {
      if (hasFiles(e)) e.preventDefault();
    });
    this.addEventListener('dragleave', () => {
      if (--depth <= 0) (depth = 0), (overlay.hidden = true);
    });
    this.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      overlay.hidden = true;
      const list = [...e.dataTransfer.files];
      if (list.length) this.addFiles(list);
    });
  }

  showTab(tab, user) {
    if (!TABS.includes(tab)) return;
    this.tab = tab;
    this.shadowRoot.querySelectorAll('[data-tab]').forEach((b) => {
      const on = b.dataset.tab === tab;
      b.classList.toggle('active', on);
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    });
    this.main.querySelectorAll('.dash').forEach((s) => s.classList.toggle('active', (s.dataset.dashboard || s.dataset.panel) === tab));
    if (this.dirty && this.dirty.has(tab)) this.renderPanel(tab);
    if (tab === 'data' && this.dataDirty) this.renderData();
    this.updateWelcome();
    requestAnimationFrame(() => this.charts.resize());
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

  // ---------------------------------------------------------------------------- engine

  startEngine() {
    try {
      this.engine = new EngineClient();
    } catch (err) {
      this.engineError(err);
      return;
    }
    const t0 = performance.now();
    this.engine.ready.then((info) => {
      this.engineKind = info.kind;
      this.timings.engineReady = performance.now() - t0;
      const dev = this.$('[data-role=dev-banner]');
      if (info.kind === 'fake') {
        dev.textContent = this.t('app.engine.fake');
        dev.hidden = false;
      }
    }, (err) => this.engineError(err));
  }

  engineError(err) {
    this.showError(this.t('error.engine', { reason: err.message || String(err) }));
    this.setState('error');
  }

  hasData() {
    return this.files.some((f) => f.load && !f.error);
  }

  /** Files picked or dropped: workspace JSONs are applied, the rest loaded. */
  async addFiles(list) {
    const entries = [];
    for (const file of list) {
      const ws = await asWorkspace(file.name, file);
      if (ws) {
        this.applyWorkspaceSettings(ws);
        continue;
      }
      entries.push({ name: file.name, source: file, size: file.size });
    }
    if (entries.length) await this.addEntries(entries);
    else if (this.hasData()) await (this._optionsChanged ? this.reloadAll() : this.runReport());
    else this.settle();
  }

  async addEntries(list) {
    let reset = false;
    const fresh = [];
    for (const { name, source, size } of list) {
      const options = this.pendingOptions.get(name) || defaultOptions();
      const old = this.files.findIndex((f) => f.name === name);
      const entry = { name, source, size, options: JSON.parse(JSON.stringify(options)), load: null, error: null, status: 'pending' };
      if (old >= 0) {
        this.files[old] = entry;
        reset = true;
      } else this.files.push(entry);
      fresh.push(entry);
    }
    if (reset || this._optionsChanged) return this.reloadAll();
    return this.loadEntries(fresh);
  }

  async reloadAll() {
    this._optionsChanged = false;
    this.setState('loading');
    try {
      await this.engine.clear();
    } catch (err) {
      return this.engineError(err);
    }
    for (const f of this.files) (f.load = null), (f.error = null), (f.status = 'pending');
    return this.loadEntries(this.files.slice());
  }

  async loadEntries(entries) {
    if (!this.engine) return;
    this._loading = (this._loading || 0) + 1;
    try {
      await this.loadEntriesNow(entries);
    } finally {
      this._loading--;
    }
    if (!this._loading) await this.afterLoad();
  }

  async loadEntriesNow(entries) {
    this.setState('loading');
    this.hideError();
    const total = entries.reduce((a, e) => a + (e.size || 0), 0);
    let done = 0;
    const t0 = performance.now();
    this.renderData();
    for (const e of entries) {
      e.status = 'loading';
      this.showProgress(done, total, e.name);
      try {
        e.load = await this.engine.load(e.name, e.source, e.options, (bytes) => this.showProgress(done + bytes, total, e.name));
        e.error = null;
      } catch (err) {
        e.load = err.load || null;
        e.error = err.message || String(err);
      }
      e.status = 'done';
      done += e.size || 0;
    }
    this.timings.load = performance.now() - t0;
  }

  async afterLoad() {
    this.hideProgress();
    this.choicesStale = true;
    this.ui = freshUi();
    if (!this.hasData()) {
      this._report = null;
      this.$('.app').classList.remove('has-report');
      this.renderAll();
      this.setState(this.files.length ? 'error' : 'empty');
      if (this.files.length) this.showTab('data', true);
      return;
    }
    await this.runReport();
  }

  async clearFiles() {
    this.files = [];
    this._report = null;
    this.$('.app').classList.remove('has-report');
    this.dataMessage = '';
    this.ui = freshUi();
    try {
      await this.engine.clear();
    } catch (err) {
      return this.engineError(err);
    }
    this.choices = { catalogs: [], reps: [], customers: [] };
    this.fillChoices();
    this.renderAll();
    this.setState('empty');
  }

  async removeFile(name) {
    this.files = this.files.filter((f) => f.name !== name);
    if (!this.files.length) return this.clearFiles();
    return this.reloadAll();
  }

  applyFileOptions(name) {
    const f = this.files.find((x) => x.name === name);
    if (!f || !f.draft) return;
    f.options = f.draft;
    f.draft = null;
    this.pendingOptions.set(f.name, f.options);
    return this.reloadAll();
  }

  async loadSamples() {
    const url = this.samplesUrl();
    if (url) return this.loadUrls([url]);
  }

  /** The samples workspace URL when it can be fetched from here (not from file://). */
  samplesUrl() {
    const s = this.getAttribute('samples');
    if (!s) return null;
    try {
      const u = new URL(s, document.baseURI);
      return u.protocol === 'file:' ? null : u.href;
    } catch {
      return null;
    }
  }

  applyWorkspaceSettings(ws) {
    let n = 0;
    for (const f of ws.files || []) {
      const name = baseName(f.path || '');
      if (!name) continue;
      const options = { ...defaultOptions(), ...pick(f, ['role', 'columns', 'delimiter', 'decimal', 'date_format', 'encoding', 'sheet']) };
      options.columns = { ...(options.columns || {}) };
      this.pendingOptions.set(name, options);
      const entry = this.files.find((x) => x.name === name);
      if (entry && JSON.stringify(entry.options) !== JSON.stringify(options)) {
        entry.options = options;
        this._optionsChanged = true;
      }
      n++;
    }
    const s = ws.settings || {};
    const rest = {};
    for (const [k, v] of Object.entries(s)) {
      // A filter the workspace leaves null keeps the current one (e.g. from a shared link).
      if (FILTERS.includes(k)) this.filters[k] = clean(k, v) ?? this.filters[k];
      else rest[k] = v;
    }
    this.wsSettings = rest;
    this.syncFilterInputs();
    this.writeHash();
    const missing = (ws.files || []).map((f) => baseName(f.path || '')).filter((nm) => nm && !this.files.some((x) => x.name === nm));
    this.dataMessage = this.t('data.ws_loaded', { n }) + (missing.length && this.files.length ? ' ' + this.t('data.ws_missing', { files: missing.join(', ') }) : '');
    this.renderData();
  }

  settings() {
    const s = { ...this.wsSettings };
    for (const k of FILTERS) s[k] = this.filters[k] || null;
    return s;
  }

  async runReport() {
    if (!this.engine || this._loading) return; // a load in progress ends with a report
    if (!this.hasData()) return this.settle();
    const seq = ++this._seq;
    clearTimeout(this._idle); // the hidden panels are drawn again from the new report anyway
    this.setState('loading');
    this.showProgress(null, null, null, this.t('state.computing'));
    try {
      if (this.choicesStale && (this.filters.catalog || this.filters.sales_rep || this.filters.customer)) {
        // Filter choices come from the whole data, not from the filtered view.
        const all = await this.engine.report({ ...this.settings(), catalog: null, sales_rep: null, customer: null });
        this.takeChoices(all.report);
      }
      const t0 = performance.now();
      const { report, ms, parseMs } = await this.engine.report(this.settings());
      if (seq !== this._seq) return;
      this.timings.report = ms;
      this.timings.parse = parseMs;
      this.timings.roundtrip = performance.now() - t0;
      this._report = report;
      this.$('.app').classList.add('has-report');
      if (this.choicesStale) this.takeChoices(report);
      this.hideError();
      const r0 = performance.now();
      this.renderAll();
      this.timings.render = performance.now() - r0;
      this.timings.total = performance.now() - t0;
      this.hideProgress();
      this.setState('ready');
      this.updateStatus();
      this.dispatchEvent(new CustomEvent('report', { detail: report, bubbles: true, composed: true }));
    } catch (err) {
      if (seq !== this._seq) return;
      this.hideProgress();
      this.showError(this.t('error.report', { reason: err.message || String(err) }));
      this.setState('error');
    }
  }

  takeChoices(report) {
    this.choicesStale = false;
    const cat = report.catalogs && !isUnavailable(report.catalogs) ? report.catalogs.catalogs.map((c) => c.catalog) : [];
    const custRows = report.customers && !isUnavailable(report.customers) ? report.customers.rows : [];
    const catalogs = new Set(cat);
    for (const r of custRows) if (r.catalog) catalogs.add(r.catalog);
    const reps = report.sales_team && !isUnavailable(report.sales_team) ? report.sales_team.reps.map((r) => ({ id: r.sales_rep, name: r.rep_name })) : [];
    this.choices = {
      catalogs: [...catalogs].sort((a, b) => a.localeCompare(b)),
      reps: reps.sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id)),
      customers: custRows.map((r) => ({ id: r.customer_id, name: r.customer_name })),
    };
    this.repNames = new Map(reps.map((r) => [r.id, r.name]));
    this.customerNames = new Map(custRows.map((r) => [r.customer_id, r.customer_name]));
    this.fillChoices();
  }

  // ---------------------------------------------------------------------------- render

  ctx() {
    return {
      t: this.t, fmt: this.fmt, lang: this.lang, report: this._report, charts: this.charts, ui: this.ui,
      pageSize: this._print ? 1000 : 25,
      canLoadSamples: !!this.samplesUrl(),
      repName: (id) => (id ? (this.repNames && this.repNames.get(id)) || id : '—'),
      customerName: (id) => (this.customerNames && this.customerNames.get(id)) || null,
      showCustomer: (id) => {
        this.ui.customers.selected = id;
        this.showTab('customers', true);
        this.renderOne('customers');
        const card = this.main.querySelector('[data-card="cust-detail"]');
        if (card) card.scrollIntoView({ block: 'start' });
      },
      // Shows dashboard k drawn from the current ui state (the caller set it) and returns it.
      openDashboard: (k) => {
        const drawn = !(this.dirty && this.dirty.has(k));
        this.showTab(k, true);
        if (drawn) this.renderOne(k);
        return this.main.querySelector(`[data-dashboard=${k}]`);
      },
    };
  }

  /** Draws the visible panel now and the others one by one in idle time. */
  renderAll() {
    if (!this.$) return;
    this.updateWelcome();
    this.$('[data-role=date-guess]').innerHTML = dateGuessBanner(this);  // a guessed day/month order
    this.charts.removeWithin(this.main);
    clearTimeout(this._idle);
    this.dirty = new Set(this._report ? DASHBOARDS : []);
    if (!this._report) for (const k of DASHBOARDS) this.main.querySelector(`[data-dashboard=${k}]`).innerHTML = '';
    this.timings.parts = {};
    this._drawStart = performance.now();
    this.dataDirty = true;
    if (this.tab === 'data') this.renderData();
    else if (this.dirty.has(this.tab)) this.renderPanel(this.tab);
    this.updateStatus();
    this.scheduleRest();
  }

  renderPanel(k) {
    const t0 = performance.now();
    this.renderOne(k);
    this.dirty.delete(k);
    this.timings.parts[k] = Math.round(performance.now() - t0);
    if (!this.dirty.size && this._report) {
      this.timings.allDrawn = performance.now() - this._drawStart;
      this.dispatchEvent(new CustomEvent('rendered', { detail: { ...this.timings } }));
    }
  }

  scheduleRest() {
    clearTimeout(this._idle);
    if (!this.dirty.size && !this.dataDirty) return;
    this._idle = setTimeout(() => {
      const k = this.dirty.values().next().value;
      if (k) this.renderPanel(k);
      else if (this.dataDirty) this.renderData();
      this.scheduleRest();
    }, 0);
  }

  renderOne(k) {
    const root = this.main.querySelector(`[data-dashboard=${k}]`);
    this.charts.removeWithin(root);
    try {
      RENDER[k](this.ctx(), root);
    } catch (err) {
      console.error(err);
      root.innerHTML = `<div class="unavailable"><h3>${esc(this.t('state.error'))}</h3><p class="reason">${esc(err.message)}</p></div>`;
    }
  }

  renderData() {
    if (!this.$) return;
    this.dataDirty = false;
    renderDataPanel(this, this.$('[data-panel=data]'));
    const n = this.files.length;
    const count = this.$('[data-role=file-count]');
    count.textContent = n ? String(n) : '';
    count.classList.toggle('bad', this.files.some((f) => f.error || (f.load && f.load.rows_skipped)));
  }

  renderWelcome() {
    const el = this.$ && this.$('[data-role=welcome]');
    if (!el) return;
    const t = this.t;
    const samples = this.samplesUrl();
    el.innerHTML = `<div class="welcome-card">
      <div class="welcome-ic">${icon('upload')}</div>
      <h2>${esc(t('empty.title'))}</h2>
      <p>${esc(t('empty.text'))}</p>
      <div class="row-actions center">
        <button type="button" class="btn btn-primary" data-action="choose-files">${esc(t('action.choose_files'))}</button>
        ${samples ? `<button type="button" class="btn" data-action="load-samples">${icon('sample')} ${esc(t('action.load_samples'))}</button>` : ''}
        <button type="button" class="btn btn-ghost" data-action="open-data">${icon('link')} ${esc(t('data.url'))}</button>
      </div>
      ${!samples && this.getAttribute('samples') ? `<p class="hint">${esc(t('empty.samples_note'))}</p>` : ''}
      <p class="privacy">${icon('info')} ${esc(t('app.privacy'))}</p>
    </div>`;
  }

  updateWelcome() {
    const el = this.$ && this.$('[data-role=welcome]');
    if (!el) return;
    const empty = !this._report && this.tab !== 'data';
    el.hidden = !empty;
    this.main.classList.toggle('is-empty', empty);
  }

  updateStatus() {
    const el = this.$ && this.$('[data-role=status]');
    if (!el) return;
    if (!this._report) {
      el.textContent = '';
      return;
    }
    const rows = this.files.reduce((a, f) => a + ((f.load && f.load.rows_loaded) || 0), 0);
    const ms = Math.round((this.timings.report || 0) + (this.timings.parse || 0) + (this.timings.render || 0));
    el.textContent = this.t('state.loaded', { files: this.fmt.int(this.files.filter((f) => !f.error).length), rows: this.fmt.int(rows), ms: this.fmt.int(ms) });
  }

  fillChoices() {
    if (!this.$) return;
    const t = this.t;
    const cat = this.$('select[data-filter=catalog]');
    const rep = this.$('select[data-filter=sales_rep]');
    const cur = this.filters;
    const catList = [...this.choices.catalogs];
    if (cur.catalog && !catList.includes(cur.catalog)) catList.push(cur.catalog);
    cat.innerHTML = `<option value="">${esc(t('filter.all_catalogs'))}</option>` + catList.map((c) => `<option value="${esc(c)}">${esc(c)}</option>`).join('');
    const repList = [...this.choices.reps];
    if (cur.sales_rep && !repList.some((r) => r.id === cur.sales_rep)) repList.push({ id: cur.sales_rep });
    rep.innerHTML = `<option value="">${esc(t('filter.all_reps'))}</option>` + repList.map((r) => `<option value="${esc(r.id)}">${esc(r.name ? `${r.name} (${r.id})` : r.id)}</option>`).join('');
    const dl = this.$('#pulse-customers');
    if (this._dlFor !== this.choices.customers) {
      this._dlFor = this.choices.customers;
      dl.innerHTML = this.choices.customers.slice(0, 5000).map((c) => `<option value="${esc(c.id)}">${esc(c.name || '')}</option>`).join('');
    }
    this.$('input[data-filter=customer]').placeholder = t('filter.any_customer');
    this.syncFilterInputs();
  }

  syncFilterInputs() {
    if (!this.$) return;
    const r = this._report;
    for (const k of FILTERS) {
      const el = this.$(`[data-filter=${k}]`);
      if (!el) continue;
      el.value = this.filters[k] || '';
      el.classList.toggle('set', !!this.filters[k]);
    }
    // Dates show the report's defaults as placeholders-in-values: a date input has no placeholder.
    if (r) {
      for (const [k, v] of [['from', r.period && r.period.from], ['to', r.period && r.period.to], ['as_of', r.as_of]]) {
        const el = this.$(`[data-filter=${k}]`);
        if (!this.filters[k] && v) el.value = v;
      }
    }
  }

  resolveCustomer(v) {
    const list = this.choices.customers;
    if (list.some((c) => c.id === v)) return v;
    const lower = v.toLowerCase();
    const byName = list.find((c) => (c.name || '').toLowerCase() === lower);
    return byName ? byName.id : v;
  }

  // ---------------------------------------------------------------------- hash & misc

  readHash() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ''));
    for (const [k, hk] of Object.entries(HASH_KEY)) if (p.has(hk)) this.filters[k] = clean(k, p.get(hk));
    if (TABS.includes(p.get('tab'))) this.tab = p.get('tab');
    if (languages.includes(p.get('lang'))) this.lang = p.get('lang');
  }

  writeHash() {
    if (!this.hasAttribute('sync-hash')) return;
    const p = new URLSearchParams();
    p.set('tab', this.tab);
    for (const [k, hk] of Object.entries(HASH_KEY)) if (this.filters[k]) p.set(hk, this.filters[k]);
    p.set('lang', this.lang);
    const hash = '#' + p.toString();
    if (hash !== location.hash) {
      history.replaceState(null, '', hash);
    }
    this._lastHash = location.hash;
  }

  async share(btn) {
    this.writeHash();
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      /* clipboard refused (file://, permissions): the hash is in the address bar anyway */
    }
    btn.classList.add('done');
    btn.title = this.t('action.shared');
    setTimeout(() => {
      btn.classList.remove('done');
      btn.title = this.t('action.share');
    }, 1600);
  }

  print() {
    this.printMode(true);
    window.print();
  }

  printMode(on) {
    if (!!this._print === on) return;
    this._print = on;
    this.$('.app').classList.toggle('printing', on);
    if (this._report) {
      // Tables print every row (up to a thousand), not only the page on screen.
      this.charts.removeWithin(this.main);
      for (const k of DASHBOARDS) this.renderPanel(k);
    }
  }

  showProgress(done, total, file, label) {
    const el = this.$('[data-role=progress]');
    el.hidden = false;
    const bar = el.querySelector('.bar');
    const known = total > 0 && done !== null;
    bar.classList.toggle('indeterminate', !known);
    bar.firstElementChild.style.width = known ? `${Math.min(100, (done / total) * 100).toFixed(1)}%` : '';
    el.querySelector('.label').textContent = label || (known
      ? this.t('data.progress', { file, done: this.fmt.bytes(done), total: this.fmt.bytes(total) })
      : this.t('state.loading', { file }));
    if (known) bar.setAttribute('aria-valuenow', String(Math.round((done / total) * 100)));
  }

  hideProgress() {
    this.$('[data-role=progress]').hidden = true;
  }

  showError(text) {
    const b = this.$('[data-role=banner]');
    b.textContent = text;
    b.hidden = false;
  }

  hideError() {
    this.$('[data-role=banner]').hidden = true;
  }
}

// ------------------------------------------------------------------------------- helpers

function pickLang(v) {
  if (v && languages.includes(v)) return v;
  const nav = (navigator.language || 'en').slice(0, 2);
  return languages.includes(nav) ? nav : 'en';
}

function clean(key, v) {
  if (v === null || v === undefined) return null;
  v = String(v).trim();
  if (!v) return null;
  if ((key === 'from' || key === 'to' || key === 'as_of') && !DATE_RE.test(v)) return null;
  return v;
}

function pick(o, keys) {
  const r = {};
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) r[k] = o[k];
  return r;
}

async function fetchBlob(url) {
  const resp = await fetch(url, { credentials: 'same-origin' });
  if (!resp.ok) throw new Error(`HTTP ${resp.status}`);
  return resp.blob();
}

/** A small .json whose top level has "files" or "settings" is a workspace, not data. */
async function asWorkspace(name, blob) {
  if (!/\.json$/i.test(name) || blob.size > 2_000_000) return null;
  try {
    const doc = JSON.parse(await blob.text());
    if (doc && typeof doc === 'object' && !Array.isArray(doc) && (Array.isArray(doc.files) || (doc.settings && typeof doc.settings === 'object')) && !Array.isArray(doc.items)) return doc;
  } catch {
    /* not JSON, or JSON data: let the engine read it */
  }
  return null;
}

function logo() {
  return `<svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><rect width="24" height="24" rx="6" fill="#5b5bd6"/><path d="M4 13h3.5l2-5 3 9 2.5-6 1.5 2H20" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
}

if (!customElements.get('b2b-pulse')) customElements.define('b2b-pulse', B2BPulseElement);
