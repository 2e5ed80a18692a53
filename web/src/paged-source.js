// Where the dashboards get the big lists of a report (paged-fields.js): from the engine's worker,
// which kept them (report.paged, worker/report-store.js), or, for a report that carries them
// (one given to the element whole: a hand-made report in a test, an older worker), from a store
// on the page that summarizes, orders and pages them by the same code.
import { ReportStore } from './worker/report-store.js';
import { STALE } from './session.js';

const onPage = new WeakMap(); // a report given whole -> {store, paged}

function pageStore(report) {
  if (!onPage.has(report)) {
    const store = new ReportStore();
    const slim = store.takeReport(structuredClone(report), 'page');
    onPage.set(report, { store, paged: slim.paged });
  }
  return onPage.get(report);
}

/**
 * The lists of `report`: list(id) ({total, codes, summary} or null when the report has no such
 * list) and rows(request, dashboard) (a promise of {rows, matched, total} or STALE; request as
 * ReportStore.rows takes it, words included) asked of `session`'s worker or answered here.
 * ahead (rows-ahead.js, optional): the worker's answers that came with the report, and where
 * each request is remembered (by the dashboard that asked) to be asked with the next one.
 */
export function pagedSource(report, session, ahead = null) {
  const local = report && !report.paged ? pageStore(report) : null;
  const paged = local ? local.paged : report && report.paged;
  return {
    list: (id) => (paged && paged.lists[id]) || null,
    rows: (request, dashboard = null) => {
      if (!local) {
        if (!ahead) return session.rows({ ...request, report_id: paged.report_id });
        ahead.note(request, dashboard);
        const answer = ahead.answer(report, request);
        // A copy: the same request may come twice for one report (a table drawn again); columns
        // are only read.
        if (answer) return Promise.resolve(answer.stale ? STALE : answer.rows ? { ...answer, rows: answer.rows.slice() } : answer);
        return session.rows({ ...request, report_id: paged.report_id });
      }
      const answer = local.store.rows({ ...request, report_id: 'page' });
      return Promise.resolve(answer.stale ? STALE : answer);
    },
  };
}
