// The words the page's tables search codes by (a deal or customer status by its label in the
// page's language, a rep by name), for the lists the worker pages (paged-fields.js `worded`).
// The worker carries no texts: the page words the codes report.paged lists and sends them with
// each request, so both match the same words.
import { dealStatusLabel, customerStatusLabel } from './status-labels.js';

// field -> (code, {lang, repName}) -> words
const WORDERS = {
  'negotiations.deals': { status: (code, p) => dealStatusLabel(p.lang, code) },
  'negotiations.open': {
    status: (code, p) => dealStatusLabel(p.lang, code),
    sales_rep: (code, p) => (p.repName ? p.repName(code) : code),
  },
  'customers.rows': {
    status: (code, p) => customerStatusLabel(p.lang, code),
    sales_rep: (code, p) => (p.repName ? p.repName(code) : code),
  },
  'catalogs.products': {},
};

/** names for paged-fields.js on the page: word(field, code) in lang, reps by repName(id). */
export function pageNames(list, lang, customerName, repName = null) {
  const p = { lang, repName };
  return { customerName, word: (field, code) => WORDERS[list][field](code, p) };
}

/** {field: {code: words}} for every code of list's worded fields that the report lists. */
export function wordsFor(list, paged, lang, repName = null) {
  const p = { lang, repName };
  const out = {};
  for (const [field, codes] of Object.entries((paged && paged.codes) || {})) {
    out[field] = Object.fromEntries(codes.map((c) => [c, WORDERS[list][field](c, p)]));
  }
  return out;
}
