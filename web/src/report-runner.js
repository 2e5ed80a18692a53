// Asking the engine for the report: the settings (workspace settings and filters), the filter
// choices from the whole data when a filter is set on new data, and only the answer to the
// latest question is drawn (an older one that arrives late is dropped).
import { STALE } from './session.js';
import { FILTERS } from './filters.js';
import { memoryNotice, reportMemoryNotice } from './memory-limit.js';

/** The SPEC §5 settings: the workspace's, with the current filters. */
export function settings(host) {
  const s = { ...host.wsSettings };
  for (const k of FILTERS) s[k] = host.filters[k] || null;
  return s;
}

// The report keys each view draws from: asked for first on a re-filter, so that the view on
// screen redraws before the engine computes and sends the other dashboards (docs/architecture.md
// "Report by view"). "This week" (attention) reads the four dashboards' results, which the
// engine computes anyway for it; only its own list crosses to the page first. Catalogs reads
// its own section (which carries the margin of every line). Sales team reads the customers'
// and the open deals' lists beside its own section, not the catalogs, whose elasticity fits
// are the costliest part of a report on order lines (Online Retail's sales team redrew in
// 55 ms from the whole report, 22 ms from these three: docs/performance.md).
const VIEW_SECTIONS = {
  attention: ['attention'],
  customers: ['customers', 'comparisons'],
  catalogs: ['catalogs'],
  negotiations: ['negotiations', 'comparisons'],
  sales_team: ['sales_team', 'customers', 'negotiations'],
};

/** The sections to ask for first, or null when the whole report is asked for at once: the
 *  data tab, printing, and new data (the filter choices are read from the whole report). */
function viewSections(host) {
  if (host.printing || host.filterBar.stale || !host._report) return null;
  return VIEW_SECTIONS[host.tab] || null;
}

/**
 * Whether view `tab`, drawn from `report` (its sections), reads nothing else, so that the whole
 * report of the same settings need not draw it again: its sections are the same figures there.
 * This week's empty list says which files are missing from the customers' and the deals'
 * sections, which its own report does not carry.
 */
function drawnWhole(tab, report) {
  if (tab === 'attention') return Array.isArray(report.attention) && report.attention.length > 0;
  return tab in VIEW_SECTIONS;
}

export async function runReport(host) {
  if (!host.session || !host.session.engine || host.session.loading) return; // a load in progress ends with a report
  if (!host.hasData()) return host.settle();
  const seq = ++host._seq;
  host.scheduler.cancel(); // the hidden panels are drawn again from the new report anyway
  host.setState('loading');
  host.showProgressSoon(host.t('state.computing'));
  const f = host.filters;
  try {
    if (host.filterBar.stale && (f.catalog || f.sales_rep || f.customer)) {
      // Filter choices come from the whole data, not from the filtered view.
      const all = await host.session.report({ ...settings(host), catalog: null, sales_rep: null, customer: null });
      if (all === STALE || seq !== host._seq) return;
      host.filterBar.take(all.report);
    }
    const t0 = performance.now();
    const first = viewSections(host);
    // The view drawn from its sections and kept as drawn: {tab, reportId}.
    let drawn = null;
    const asked = settings(host);
    if (first) {
      const ahead = host.rowsAhead.requests(host.tab);
      const view = await host.session.report(asked, first, ahead);
      if (view === STALE || seq !== host._seq) return;
      host.rowsAhead.take(view.report, ahead, view.prefetched);
      host._report = view.report;
      host.filterBar.sync();
      // The view on screen is new: the dashboards behind the other tabs follow without a bar.
      host.hideProgress();
      const r0 = performance.now();
      host.scheduler.view();
      Object.assign(host.timings, { viewReport: view.ms, viewTake: view.takeMs, viewRender: performance.now() - r0, view: performance.now() - t0 });
      host.dispatchEvent(new CustomEvent('view', { detail: view.report, bubbles: true, composed: true }));
      // Its tables' next pages come from the whole report's lists (the worker answers the view's
      // report id from them), so the whole report leaves it as drawn. (A view without lists,
      // This week, has no id to answer.)
      if (drawnWhole(host.tab, view.report)) drawn = { tab: host.tab, reportId: view.report.paged ? view.report.paged.report_id : null };
    }
    // The settings the view was asked with, unless a change came in between (a new run then).
    const now = settings(host);
    const same = drawn && JSON.stringify(now) === JSON.stringify(asked) ? drawn : null;
    const ahead = host.rowsAhead.requests(null, same && same.tab);
    const answer = await host.session.report(now, undefined, ahead, same ? same.reportId : null);
    if (answer === STALE || seq !== host._seq) return;
    const { report, ms, takeMs, parseMs, heapBytes, pagesTouched } = answer;
    host.rowsAhead.take(report, ahead, answer.prefetched);
    Object.assign(host.timings, { report: ms, take: takeMs, parse: parseMs, roundtrip: performance.now() - t0, wasmHeap: heapBytes, pagesTouched });
    host._report = report;
    host.$('.app').classList.add('has-report');
    if (host.filterBar.stale) host.filterBar.take(report);
    else host.filterBar.sync(); // unset dates show this report's period, not the last one's (Reset)
    host.hideError();
    const r0 = performance.now();
    host.renderAll(same && host.tab === same.tab ? same.tab : null);
    host.timings.render = performance.now() - r0;
    host.timings.total = performance.now() - t0;
    host.hideProgress();
    host.setState('ready');
    host.updateStatus();
    host.dispatchEvent(new CustomEvent('report', { detail: report, bubbles: true, composed: true }));
    // A file that did not fit stays said over every report drawn while it is loaded.
    const notice = await memoryNotice(host.t, host.files);
    if (notice && seq === host._seq) host.showError(notice);
  } catch (err) {
    if (seq !== host._seq || !host._built) return;
    host.hideProgress();
    const memory = reportMemoryNotice(host.t, host.files, err);
    // Out of memory in the report: the files that stopped for memory first (their lines kept of
    // about how many), then the report's own sentence.
    const files = memory ? await memoryNotice(host.t, host.files).catch(() => '') : '';
    if (seq !== host._seq) return;
    host.showError(memory ? [files, memory].filter(Boolean).join(' ') : host.t('error.report', { reason: err.message || String(err) }));
    host.setState('error');
  }
}
