// The view in the page's URL hash (attribute sync-hash): tab, filters and language, so that a
// view can be shared as a link (#tab=catalogs&catalog=Premium&from=2026-07-01&lang=ru).
import { cleanFilter } from './filters.js';
import { parseDetail, detailText } from './drill.js';

/** Filter -> its key in the hash. */
const HASH_KEY = { from: 'from', to: 'to', as_of: 'as_of', catalog: 'catalog', sales_rep: 'rep', customer: 'customer' };

export class UrlState {
  /** view: {filters, tab, lang} (read and written in place); tabs and languages: the allowed values. */
  constructor(view, tabs, languages) {
    this.view = view;
    this.tabs = tabs;
    this.languages = languages;
    this.lastHash = null;
  }

  /** Reads the hash into the view; a value the page does not know is ignored. */
  read() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ''));
    const v = this.view;
    for (const [k, hk] of Object.entries(HASH_KEY)) if (p.has(hk)) v.filters[k] = cleanFilter(k, p.get(hk));
    if (this.tabs.includes(p.get('tab'))) v.tab = p.get('tab');
    if (this.languages.includes(p.get('lang'))) v.lang = p.get('lang');
    v.detail = parseDetail(p.get('detail')); // an open quote or rep (drill.js)
  }

  /** The view as a hash. */
  hash() {
    const v = this.view;
    const p = new URLSearchParams();
    p.set('tab', v.tab);
    for (const [k, hk] of Object.entries(HASH_KEY)) if (v.filters[k]) p.set(hk, v.filters[k]);
    if (v.detail) p.set('detail', detailText(v.detail));
    p.set('lang', v.lang);
    return '#' + p.toString();
  }

  /** Writes the view into the hash without a history entry (the entry keeps its state: the
   *  place Back returns to, drill.js). */
  write() {
    const hash = this.hash();
    if (hash !== location.hash) history.replaceState(history.state, '', hash);
    this.lastHash = location.hash;
  }

  /** Calls onChange() when the user edits the hash (not when we wrote it) and the view changed. */
  listen(onChange, signal) {
    window.addEventListener('hashchange', () => {
      if (location.hash === this.lastHash) return;
      const v = this.view;
      const before = JSON.stringify([v.filters, v.tab, v.lang, v.detail]);
      this.read();
      if (JSON.stringify([v.filters, v.tab, v.lang, v.detail]) !== before) onChange();
    }, { signal });
  }
}
