// Drill-down with the browser's Back button: opening a quote or a rep, choosing a customer
// from another dashboard, or narrowing the page from a row is a step in the browser's
// history. Each step remembers where the user was (tab, filters, the open detail, the chosen
// customer), so Back puts that view back. With sync-hash the open detail is also in the hash
// (#tab=negotiations&detail=quote:Q-10001), so the link opens it again.
import { html, setHtml } from './html.js';
import { renderQuoteDetail } from './dashboards/quote-detail.js';
import { renderRepDetail } from './dashboards/rep-detail.js';

/** A detail and the dashboard it opens on. */
export const DETAIL_HOME = { quote: 'negotiations', rep: 'sales_team' };
const RENDER = { quote: renderQuoteDetail, rep: renderRepDetail };

/** 'quote:Q-1' -> {kind, id}; null for anything else. */
export function parseDetail(text) {
  const m = /^(quote|rep):(.+)$/s.exec(String(text || ''));
  return m ? { kind: m[1], id: m[2] } : null;
}

export const detailText = (d) => (d ? `${d.kind}:${d.id}` : '');

export class Drill {
  /** host: the element (tab, filters, detail, ui, urlState, setFilters, showTab, ctx()). */
  constructor(host, main, signal) {
    this.host = host;
    // The detail's own section, above the dashboards in the same scroll.
    this.el = document.createElement('section');
    this.el.className = 'drill';
    this.el.dataset.role = 'drill';
    this.el.hidden = true;
    main.prepend(this.el);
    window.addEventListener('popstate', (e) => this.onPop(e), { signal });
    this.el.addEventListener('click', (e) => {
      const act = e.target.closest('[data-drill-act]');
      if (!act) return;
      const a = act.dataset.drillAct;
      if (a === 'close') this.close();
      else if (a === 'quote') this.open('quote', act.dataset.id);
      else if (a === 'rep') this.open('rep', act.dataset.id);
      else if (a === 'customer') host.ctx().showCustomer(act.dataset.id);
      else if (a === 'filter') this.narrow({ [act.dataset.filter]: act.dataset.id });
    });
  }

  /** Where the user is now. */
  snapshot() {
    const h = this.host;
    return { tab: h.tab, filters: { ...h.filters }, detail: h.detail, customer: h.ui.customers.selected ?? null,
      catalog: h.ui.catalogs.catalog ?? null };
  }

  /** A new step in the history; change() moves the view, after the current place is saved. */
  step(change) {
    const h = this.host;
    history.replaceState({ ...(history.state || {}), pulse: this.snapshot() }, '', location.href);
    change();
    const url = h.hasAttribute('sync-hash') ? h.urlState.hash() : location.href;
    history.pushState({ pulse: this.snapshot() }, '', url);
    if (h.urlState) h.urlState.lastHash = location.hash;
  }

  /** Opens the detail of a quote or a rep on its dashboard. */
  open(kind, id) {
    if (!RENDER[kind] || id === undefined || id === null || id === '') return;
    const h = this.host;
    this.step(() => {
      h.detail = { kind, id: String(id) };
      h.showTab(DETAIL_HOME[kind]);
    });
    this.render();
    this.el.scrollIntoView({ block: 'start' });
    const heading = this.el.querySelector('h3');
    if (heading) heading.focus({ preventScroll: true });
  }

  /** Closes the detail: back to where it was opened from when this page opened it. */
  close() {
    if (history.state && history.state.pulse && history.state.pulse.detail) history.back();
    else this.step(() => (this.host.detail = null)), this.render();
  }

  /** Narrows the page's filters (a rep, a customer, a catalog) as a step Back undoes. */
  narrow(patch) {
    const h = this.host;
    this.step(() => {
      Object.assign(h.filters, patch); // setFilters below cleans them and re-runs the report
      h.detail = null;
    });
    h.setFilters(patch);
    this.render();
  }

  /** Remembers the current place before another part moves the view (showCustomer). */
  remember(change) {
    this.step(change);
  }

  onPop(e) {
    const s = e.state && e.state.pulse;
    if (!s) return; // an entry the page did not make (the hash listener handles typed hashes)
    const h = this.host;
    const filtersChanged = JSON.stringify(s.filters) !== JSON.stringify(h.filters);
    const customerChanged = (s.customer ?? null) !== (h.ui.customers.selected ?? null);
    const catalogChanged = (s.catalog ?? null) !== (h.ui.catalogs.catalog ?? null);
    h.detail = s.detail || null;
    h.ui.customers.selected = s.customer ?? null;
    h.ui.catalogs.catalog = s.catalog ?? null;
    h.showTab(s.tab);
    if (filtersChanged) h.setFilters(s.filters);
    else if (h.report) {
      if (customerChanged) h.scheduler.one('customers');
      if (catalogChanged) h.scheduler.one('catalogs');
    }
    this.render();
  }

  /** Draws the open detail when its dashboard is shown, hides it otherwise. */
  render() {
    const h = this.host;
    const d = h.detail;
    const show = !!(d && h.report && RENDER[d.kind] && h.tab === DETAIL_HOME[d.kind]);
    this.el.hidden = !show;
    if (!show) {
      if (this.drawn) setHtml(this.el, html``), (this.drawn = null);
      return;
    }
    const key = [detailText(d), h.lang, h.report && h.report.generated_at, h._seq].join('|');
    if (this.drawn === key && h.report === this.drawnReport) return;
    this.drawn = key;
    this.drawnReport = h.report;
    h.charts.removeWithin(this.el);
    RENDER[d.kind](h.ctx(), this.el, d.id);
  }
}
