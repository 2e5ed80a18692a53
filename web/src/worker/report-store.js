// The worker's side of the paged lists: the big lists of the last report (paged-fields.js)
// stay here and the page gets the report without them, with each list's count in
// report.paged; the page's tables and details then ask for rows by list, filter, sort, search
// and page, and only those rows cross to the page. One report is kept: a request for rows of
// an older one (a newer report or a clear came in between) is answered {stale: true}.
import { PAGED_LISTS, pagedColumns, whereTest } from '../paged-fields.js';
import { summarize } from '../paged-summaries.js';
import { orderRows } from '../table-order.js';
import { isKeptList, keptRows, pickedColumns, plainRows, valuesOf } from './kept-lists.js';

export class ReportStore {
  constructor() {
    this.clear();
  }

  clear() {
    this.reportId = null;
    this.sameAs = null; // an earlier report of the same settings, answered from these lists too
    this.lists = new Map(); // list id -> the full array
    this.customerName = () => null; // from the report's customers
    this.lastView = null; // {key, rows}: the last sorted and searched rows, for the next page
  }

  /**
   * Takes the engine's report (JSON text) as report `reportId`; returns the report the page
   * gets: the same object without the paged lists, and report.paged = {report_id, lists:
   * {id: {total, codes, summary}}} saying which lists stayed here (summary: paged-summaries.js). Null when the text has none of the lists
   * (no deals loaded): the page then takes the text as it is, not parsed twice here and there.
   * keptLists: the engine's keptLists() for a report that kept its lists (kept-lists.js).
   * sameAs: the id of the report before, asked with the same settings for some of its sections
   * (the view on screen, drawn from it and not drawn again): its tables' next pages are this
   * report's rows, the same lists computed again with the rest.
   */
  take(text, reportId, keptLists = null, sameAs = null) {
    this.clear();
    if (!Object.values(PAGED_LISTS).some((spec) => mayHold(text, spec.path))) return null;
    const report = this.takeReport(JSON.parse(text), reportId, keptLists);
    this.sameAs = sameAs;
    return report;
  }

  /** take() for a report already parsed (paged-source.js: a report given whole to the page);
   *  the object itself loses its lists and gains `paged`. */
  takeReport(report, reportId, keptLists = null) {
    this.clear();
    this.reportId = reportId;
    const lists = {};
    const kept = [];
    for (const [id, spec] of Object.entries(PAGED_LISTS)) {
      const parent = spec.path.slice(0, -1).reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), report);
      const last = spec.path[spec.path.length - 1];
      if (!parent || typeof parent !== 'object') continue;
      // The page's engine keeps the lists (kept-lists.js); a report given whole
      // (paged-source.js) has them as rows.
      const list = Array.isArray(parent[last]) ? parent[last] : keptLists && isKeptList(parent[last]) ? keptRows(parent[last], keptLists) : null;
      if (!list) continue;
      this.lists.set(id, list);
      kept.push([id, parent, last]);
      // The codes of the fields searched by their words, for the page to word (paged-words.js).
      const codes = {};
      for (const f of spec.worded || []) codes[f] = [...new Set(valuesOf(list, f))].filter((v) => v !== null && v !== undefined).sort();
      lists[id] = { total: list.length, codes, summary: summarize(id, list, report) };
    }
    // Cut after every summary is made: one list's summary may read another (the sales team's
    // attention rows are customers).
    for (const [, parent, last] of kept) delete parent[last];
    // The customers' names by id, for a search of the deals by customer: made when first asked.
    const customers = this.lists.get('customers.rows') || [];
    let byId = null;
    this.customerName = (id) => (byId || (byId = new Map(customers.map((c) => [c.customer_id, c.customer_name])))).get(id) || null;
    report.paged = { report_id: reportId, lists };
    return report;
  }

  /**
   * Rows of a paged list: {report_id, list, where ({field: value}, all equal), sort ({key,
   * dir}), query, words ({field: {code: words}}: how the page words the codes it searches),
   * offset, limit (null: all), columns (optional: the values to send instead of rows, for a
   * chart that needs a few of every row: 'key' or 'key.member' paths, pickedColumns)}. Answers
   * {rows, matched (after where and search), total (after where), offset} ({columns, count, ...}
   * when columns were asked), or {stale: true} for a report no longer kept.
   */
  rows(req) {
    const kept = req.report_id === this.reportId || (this.sameAs !== null && req.report_id === this.sameAs);
    if (!kept || !this.lists.has(req.list)) return { stale: true };
    const where = req.where || {};
    const words = req.words || {};
    const key = JSON.stringify([req.list, where, req.sort || null, String(req.query || '').trim().toLowerCase(), words]);
    if (!this.lastView || this.lastView.key !== key) {
      const all = this.lists.get(req.list);
      const base = Object.keys(where).length ? all.filter(whereTest(req.list, where)) : all;
      const word = (field, code) => (words[field] && words[field][code]) ?? '';
      const columns = pagedColumns(req.list, { customerName: this.customerName, word });
      this.lastView = { key, total: base.length, rows: orderRows(base, columns, { sort: req.sort, query: req.query }) };
    }
    const { rows, total } = this.lastView;
    const offset = Math.max(0, Math.floor(Number(req.offset) || 0));
    const limit = req.limit === null || req.limit === undefined ? rows.length : Math.max(0, Math.floor(Number(req.limit) || 0));
    const page = rows.slice(offset, offset + limit);
    if (Array.isArray(req.columns)) return { columns: pickedColumns(page, req.columns), count: page.length, matched: rows.length, total, offset };
    return { rows: plainRows(page), matched: rows.length, total, offset };
  }
}

/** Whether the JSON text may hold a list at path: its last key followed by '[' (rows) or
 *  '{' (kept), a cheap test that avoids parsing a report without it; a match elsewhere
 *  only costs the parse. */
function mayHold(text, path) {
  return new RegExp(`"${path[path.length - 1]}"\\s*:\\s*[[{]`).test(text);
}
