// Rows asked ahead: the page's tables and details ask the worker for their rows after the
// report that holds them is drawn, each a round trip and a frame late (a re-filter of the
// customers' view: the table's page and the chosen customer came 40–70 ms after the view).
// A re-filter nearly always asks again what the last report's dashboards asked (the same
// sort, search, page and chosen customer), so the report call carries those requests and the
// worker answers them with the report (worker/worker.js); a table then takes its rows without
// a round trip. A request that differs (another sort, new codes to word) simply goes to the
// worker as before: the answers are only ever the worker's own for that same report.

/** Requests remembered: the most recently asked, whatever the dashboard. */
const REMEMBERED = 12;

/** A request as the worker's rows() takes it, without the report it is for. */
function withoutReport(request) {
  const rest = { ...request };
  delete rest.report_id;
  return rest;
}

function keyOf(request) {
  return JSON.stringify(withoutReport(request));
}

export class RowsAhead {
  constructor() {
    this.asked = new Map();  // key -> {dashboard, request}, oldest first
    this.answered = new WeakMap();  // report -> Map(key -> the worker's answer)
  }

  /** Remembers a request made by `dashboard` (an export of every row is not worth asking ahead). */
  note(request, dashboard) {
    if (request.limit === null && !request.columns) return;
    const key = keyOf(request);
    this.asked.delete(key);
    this.asked.set(key, { dashboard, request: withoutReport(request) });
    if (this.asked.size > REMEMBERED) this.asked.delete(this.asked.keys().next().value);
  }

  /** The requests to ask with the next report: `dashboard`'s, or every one (null) but those of
   *  `except` (a view already drawn from the report before, with the same settings). */
  requests(dashboard = null, except = null) {
    const out = [];
    for (const e of this.asked.values()) if ((dashboard === null || e.dashboard === dashboard) && (except === null || e.dashboard !== except)) out.push(e.request);
    return out;
  }

  /** Keeps the worker's answers to `requests`, given with `report`. */
  take(report, requests, answers) {
    if (!report || !Array.isArray(answers) || answers.length !== requests.length) return;
    this.answered.set(report, new Map(requests.map((r, i) => [keyOf(r), answers[i]])));
  }

  /** The worker's answer to `request` for `report` when it came with the report, else null. */
  answer(report, request) {
    const answers = report && this.answered.get(report);
    return (answers && answers.get(keyOf(request))) || null;
  }
}
