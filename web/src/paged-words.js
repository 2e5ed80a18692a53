// The words the page's tables search codes by (a deal status by its label in the page's
// language), for the lists the worker pages (paged-fields.js `worded`). The worker carries no
// texts: the page words the codes report.paged lists and sends them with each request, so both
// match the same words.
import { dealStatusLabel } from './status-labels.js';

const WORDERS = {
  'negotiations.deals': { status: dealStatusLabel },
};

/** names for paged-fields.js on the page: word(field, code) in lang. */
export function pageNames(list, lang, customerName) {
  return { customerName, word: (field, code) => WORDERS[list][field](lang, code) };
}

/** {field: {code: words}} for every code of list's worded fields that the report lists. */
export function wordsFor(list, paged, lang) {
  const out = {};
  for (const [field, codes] of Object.entries((paged && paged.codes) || {})) {
    out[field] = Object.fromEntries(codes.map((c) => [c, WORDERS[list][field](lang, c)]));
  }
  return out;
}
