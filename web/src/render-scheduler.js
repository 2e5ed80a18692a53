// Drawing the dashboards: the visible one at once, the others one per task in idle time, so a
// re-filter shows its answer before the hidden panels are redrawn. Counts what each part cost
// and says `rendered` once every dashboard is drawn.
import { html, setHtml } from './html.js';
import { describeAll } from './definitions.js';
import { wordsFor } from './paged-words.js';
import { pagedSource } from './paged-source.js';
import { renderAttention } from './dashboards/attention.js';
import { renderCustomers } from './dashboards/customers.js';
import { renderCatalogs } from './dashboards/catalogs.js';
import { renderNegotiations } from './dashboards/negotiations.js';
import { renderSalesTeam } from './dashboards/sales-team.js';

export const DASHBOARDS = ['attention', 'customers', 'catalogs', 'negotiations', 'sales_team'];
const RENDER = { attention: renderAttention, customers: renderCustomers, catalogs: renderCatalogs, negotiations: renderNegotiations, sales_team: renderSalesTeam };

/** What a dashboard renderer gets: texts, formats, the report, its ui state, navigation. */
export function dashboardContext(host) {
  const { filterBar } = host;
  const report = host._report;
  const lists = pagedSource(report, host.session, host.rowsAhead);
  return {
    t: host.t, fmt: host.fmt, lang: host.lang, report, charts: host.charts, ui: host.ui,
    pageSize: host.printing ? 1000 : 25,
    canLoadSamples: !!host.samplesUrl(),
    repName: (id) => (id ? filterBar.repNames.get(id) || id : '—'),
    customerName: (id) => filterBar.customerNames.get(id) || null,
    // The big lists, kept by the worker (paged-source.js): list `id` of this report ({total,
    // codes, summary} or null), and its rows by filter, sort, search and page (paged-table.js).
    pagedList: (id) => lists.list(id),
    // Remembered by the dashboard asking (the one being drawn, else the one on screen), to be
    // asked with the next report (rows-ahead.js).
    listRows: (request) => lists.rows({ ...request, words: wordsFor(request.list, lists.list(request.list), host.lang, (id) => filterBar.repNames.get(id) || id) },
      (host.scheduler && host.scheduler.drawing) || host.tab),
    showCustomer: (id) => {
      // A step Back undoes (drill.js): the page returns to where the customer was chosen from.
      host.drill.remember(() => {
        host.ui.customers.selected = id;
        host.showTab('customers');
      });
      host.scheduler.one('customers');
      const card = host.main.querySelector('[data-card="cust-detail"]');
      if (card) card.scrollIntoView({ block: 'start' });
    },
    // A quote's or a rep's own page, as a step in the browser's history (drill.js).
    openQuote: (id) => host.drill.open('quote', id),
    // A change of the view (a chosen customer or catalog) as a step Back undoes.
    remember: (change) => host.drill.remember(change),
    openRep: (id) => host.drill.open('rep', id),
    // Shows dashboard k drawn from the current ui state (the caller set it) and returns it.
    // With detail ({kind, id}), its quote or rep page opens above the dashboard. Either way a
    // step Back undoes (drill.js).
    openDashboard: (k, detail) => {
      const drawn = !host.scheduler.dirty.has(k);
      if (detail) host.drill.open(detail.kind, detail.id);
      else host.drill.remember(() => host.showTab(k));
      if (drawn) host.scheduler.one(k);
      return host.scheduler.panel(k);
    },
  };
}

export class RenderScheduler {
  /** host: the element ({report, tab, timings, files, charts, ctx(), t, dispatchEvent}); main: the
   *  <main> holding the panels; onDrawn(): after each full redraw request (banners, status). */
  constructor(host, main) {
    this.host = host;
    this.main = main;
    this.dirty = new Set(); // dashboards not drawn from the current report yet
    this.dataDirty = true; // the data panel, likewise (drawn on first showing: its URL field, before any file)
    this.idle = null;
  }

  cancel() {
    clearTimeout(this.idle);
    this.idle = null;
  }

  panel(k) {
    return this.main.querySelector(`[data-dashboard=${k}]`);
  }

  /**
   * Draws the visible panel now and the others one by one in idle time. kept: a dashboard
   * view() drew from the sections of this same report (report-runner.js), left as drawn: a
   * second drawing of the view on screen cost a re-filter of the catalogs 30 ms of layout and
   * 47 ms of frame and commit on the page's thread (docs/performance.md).
   */
  all(kept = null) {
    const host = this.host;
    this.viewOnly = false;
    this.cancel();
    if (kept && host.report) {
      for (const k of DASHBOARDS) if (k !== kept) host.charts.removeWithin(this.panel(k));
    } else host.charts.removeWithin(this.main);
    this.dirty = new Set(host.report ? DASHBOARDS.filter((k) => k !== kept) : []);
    if (!host.report) for (const k of DASHBOARDS) setHtml(this.panel(k), html``);
    host.timings.parts = {};
    this.drawStart = performance.now();
    this.dataDirty = true;
    if (host.tab === 'data') this.data();
    else if (this.dirty.has(host.tab)) this.draw(host.tab);
    this.scheduleRest();
  }

  /**
   * Draws only the visible dashboard, from a report of its sections (report-runner.js): the
   * others are not in that report, so they wait for the whole one, which calls all().
   */
  view() {
    const host = this.host;
    this.cancel();
    this.viewOnly = true;
    this.dirty = new Set(DASHBOARDS);
    host.timings.parts = {};
    this.drawStart = performance.now();
    if (this.dirty.has(host.tab)) this.draw(host.tab);
  }

  /** Draws dashboard k if the current report is not drawn on it yet. */
  show(k) {
    if (this.viewOnly) return; // the report holds the view's sections only: all() draws k
    if (this.dirty.has(k)) this.draw(k);
    if (k === 'data' && this.dataDirty) this.data();
  }

  /** Draws dashboard k now and says `rendered` when it was the last one. */
  draw(k) {
    const host = this.host;
    const t0 = performance.now();
    this.one(k);
    this.dirty.delete(k);
    host.timings.parts[k] = Math.round(performance.now() - t0);
    if (!this.dirty.size && host.report) {
      host.timings.allDrawn = performance.now() - this.drawStart;
      host.dispatchEvent(new CustomEvent('rendered', { detail: { ...host.timings } }));
    }
  }

  scheduleRest() {
    this.cancel();
    if (!this.dirty.size && !this.dataDirty) return;
    this.idle = setTimeout(() => {
      const k = this.dirty.values().next().value;
      if (k) this.draw(k);
      else if (this.dataDirty) this.data();
      this.scheduleRest();
    }, 0);
  }

  /** Draws dashboard k from the current ui state (whether or not it was dirty). */
  one(k) {
    const host = this.host;
    const root = this.panel(k);
    host.charts.removeWithin(root);
    this.drawing = k; // the rows its tables ask for now are k's (rows-ahead.js)
    try {
      RENDER[k](host.ctx(), root);
      describeAll(root, host.lang); // every tile and header: its definition on hover and focus
    } catch (err) {
      console.error(err);
      setHtml(root, html`<div class="unavailable"><h3>${host.t('state.error')}</h3><p class="reason">${err.message}</p></div>`);
    } finally {
      this.drawing = null;
    }
  }

  data() {
    this.dataDirty = false;
    this.host.renderData();
  }

  /** Every dashboard drawn now (printing shows all rows of every table). */
  everything() {
    this.host.charts.removeWithin(this.main);
    for (const k of DASHBOARDS) this.draw(k);
  }
}
