// The filter bar: period, as-of date, catalog, sales rep and customer. The choices in its lists
// come from the whole data (not from the filtered view), the date inputs show the report's
// defaults when no date is set, and a customer typed by name is resolved to its id.
import { html, setHtml } from './html.js';
import { isUnavailable } from './util.js';
import { updateDisclosure } from './filter-disclosure.js';

export const FILTERS = ['from', 'to', 'as_of', 'catalog', 'sales_rep', 'customer'];
/** Attribute of the element -> filter. */
export const ATTR_FILTER = { from: 'from', to: 'to', 'as-of': 'as_of', catalog: 'catalog', 'sales-rep': 'sales_rep', customer: 'customer' };
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export const noFilters = () => Object.fromEntries(FILTERS.map((k) => [k, null]));

/** A filter value as kept: trimmed, null when empty, dates only as YYYY-MM-DD. */
export function cleanFilter(key, v) {
  if (v === null || v === undefined) return null;
  v = String(v).trim();
  if (!v) return null;
  if ((key === 'from' || key === 'to' || key === 'as_of') && !DATE_RE.test(v)) return null;
  return v;
}

export class FilterBar {
  /** host: {filters, report, t, setFilters(patch)}; $: query in the shadow root. */
  constructor(host, $) {
    this.host = host;
    this.$ = $;
    this.choices = { catalogs: [], reps: [], customers: [] };
    this.stale = false; // the choices predate the loaded data: refresh them from the next report
    this.repNames = new Map();
    this.customerNames = new Map();
  }

  wire(signal) {
    const form = this.$('[data-role=filters]');
    form.addEventListener('submit', (e) => e.preventDefault(), { signal });
    form.addEventListener('change', (e) => {
      const k = e.target.dataset.filter;
      if (!k) return;
      let v = e.target.value.trim();
      const patch = { [k]: v || null };
      if (k === 'from' || k === 'to') {
        if (!this.datesInOrder()) return void (this.refused = { [k]: v });
        Object.assign(patch, this.refused); // the other date, refused before, is in order now
        patch[k] = v || null;
      }
      this.refused = null;
      if (k === 'customer' && v) {
        patch.customer = this.resolveCustomer(v);
        if (patch.customer === null) return;
      }
      this.host.setFilters(patch);
    }, { signal });
    form.addEventListener('input', (e) => {
      // Clearing the search field (its × button) resets the customer filter at once.
      if (e.target.dataset.filter === 'customer' && !e.target.value && this.host.filters.customer) this.host.setFilters({ customer: null });
    }, { signal });
  }

  /** From after To (as the two fields show them) is refused at the field: the report of an
   *  empty period would read "Customers 0" beside statuses that do not depend on the period. */
  datesInOrder() {
    const fromEl = this.$('[data-filter=from]');
    const toEl = this.$('[data-filter=to]');
    const bad = !!(fromEl.value && toEl.value && fromEl.value > toEl.value);
    for (const el of [fromEl, toEl]) el.toggleAttribute('aria-invalid', bad);
    if (!bad) return true;
    const fmt = this.host.fmt;
    this.say(this.host.t('filter.from_after_to', { from: fmt.date(fromEl.value), to: fmt.date(toEl.value) }), 'from');
    return false;
  }

  /** A message under the filter bar (empty: none); field: the filter it is about; matches: customers to pick from. */
  say(text, field, matches = []) {
    const el = this.$('[data-role=filter-message]');
    // The same message again (the field's change on blur, as the user clicks a match) leaves the
    // buttons in place: redrawn, the click would land on nothing.
    const key = [text, field, ...matches.map((c) => c.id)].join('\u0001');
    if (!el || el.dataset.key === key) return;
    el.dataset.key = key;
    el.hidden = !text;
    el.dataset.field = field || '';
    setHtml(el, text ? html`<span>${text}</span>${matches.map((c) => html` <button type="button" class="chip" data-action="filter-customer" data-id="${c.id}">${c.name ? `${c.name} (${c.id})` : c.id}</button>`)}` : html``);
  }

  reset() {
    this.choices = { catalogs: [], reps: [], customers: [] };
    this.fill();
  }

  /** The lists' choices from a report of the whole data. */
  take(report) {
    this.stale = false;
    const cat = report.catalogs && !isUnavailable(report.catalogs) ? report.catalogs.catalogs.map((c) => c.catalog) : [];
    // The customers stay in the engine's worker: their ids, names and catalogs come summed up
    // (paged-summaries.js).
    const paged = report.customers && !isUnavailable(report.customers) && report.paged && report.paged.lists['customers.rows'];
    const cust = (paged && paged.summary) || { ids: [], names: [], catalogs: [] };
    const catalogs = new Set([...cat, ...cust.catalogs]);
    const names = new Map(cust.names);
    const reps = report.sales_team && !isUnavailable(report.sales_team) ? report.sales_team.reps.map((r) => ({ id: r.sales_rep, name: r.rep_name })) : [];
    this.choices = {
      catalogs: [...catalogs].sort((a, b) => a.localeCompare(b)),
      reps: reps.sort((a, b) => (a.name || a.id).localeCompare(b.name || b.id)),
      customers: cust.ids.map((id) => ({ id, name: names.get(id) || null })),
    };
    this.repNames = new Map(reps.map((r) => [r.id, r.name]));
    this.customerNames = names;
    this.fill();
  }

  /** Fills the catalog and rep lists and the customers' datalist (a set filter stays listed). */
  fill() {
    const t = this.host.t;
    const cur = this.host.filters;
    const catList = [...this.choices.catalogs];
    if (cur.catalog && !catList.includes(cur.catalog)) catList.push(cur.catalog);
    setHtml(this.$('select[data-filter=catalog]'), html`<option value="">${t('filter.all_catalogs')}</option>${catList.map((c) => html`<option value="${c}">${c}</option>`)}`);
    const repList = [...this.choices.reps];
    if (cur.sales_rep && !repList.some((r) => r.id === cur.sales_rep)) repList.push({ id: cur.sales_rep });
    setHtml(this.$('select[data-filter=sales_rep]'), html`<option value="">${t('filter.all_reps')}</option>${repList.map((r) => html`<option value="${r.id}">${r.name ? `${r.name} (${r.id})` : r.id}</option>`)}`);
    if (this.datalistFor !== this.choices.customers) {
      this.datalistFor = this.choices.customers;
      setHtml(this.$('#pulse-customers'), html`${this.choices.customers.slice(0, 5000).map((c) => html`<option value="${c.id}">${c.name || ''}</option>`)}`);
    }
    this.$('input[data-filter=customer]').placeholder = t('filter.any_customer');
    this.sync();
  }

  /** The inputs show the filters; unset dates show the report's own period and as-of date. */
  sync() {
    const { filters, report: r } = this.host;
    for (const k of FILTERS) {
      const el = this.$(`[data-filter=${k}]`);
      if (!el) continue;
      el.value = filters[k] || '';
      el.classList.toggle('set', !!filters[k]);
      el.removeAttribute('aria-invalid');
    }
    this.refused = null;
    this.say('');
    // Dates show the report's defaults as placeholders-in-values: a date input has no placeholder.
    if (r) {
      for (const [k, v] of [['from', r.period && r.period.from], ['to', r.period && r.period.to], ['as_of', r.as_of]]) {
        const el = this.$(`[data-filter=${k}]`);
        if (!filters[k] && v) el.value = v;
      }
    }
    updateDisclosure(this.host, this.$); // the phone's one-line summary of the set filters
  }

  /** A customer typed in the search field: its id, found by id or by name (any case); a part of
   *  a name or id that matches one customer is that customer. Null (and a message) when none or
   *  several match: the list to pick from is shown instead of a silent "0 customers". */
  resolveCustomer(v) {
    const list = this.choices.customers;
    if (!list.length || list.some((c) => c.id === v)) return v;
    const lower = v.toLowerCase();
    const byName = list.find((c) => (c.name || '').toLowerCase() === lower);
    if (byName) return byName.id;
    const matches = list.filter((c) => c.id.toLowerCase().includes(lower) || (c.name || '').toLowerCase().includes(lower));
    if (matches.length === 1) return matches[0].id;
    const t = this.host.t;
    if (!matches.length) this.say(t('filter.no_customer', { text: v }), 'customer');
    else this.say(t('filter.customer_matches', { text: v, n: matches.length }), 'customer', matches.slice(0, 12));
    this.$('input[data-filter=customer]').setAttribute('aria-invalid', 'true');
    return null;
  }
}
