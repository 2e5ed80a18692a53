// The page's active filters as chips above the dashboards: "Catalog: Premium ×", "Rep: Anna
// Ivanova ×". Each × removes its filter as a step Back undoes (drill.js), so narrowing the
// page from a row is always visible and one click (or Enter) away from undone.
import { html, setHtml } from './html.js';
import { ownStyle } from './own-style.js';
import { FILTERS } from './filters.js';

/** The chips' words for a filter value: a date as the page writes dates, a rep or a customer
 *  by name when the data names them. */
function chipValue(host, key, v) {
  if (key === 'from' || key === 'to' || key === 'as_of') return host.fmt.date(v);
  if (key === 'sales_rep') return (host.filterBar && host.filterBar.repNames.get(v)) || v;
  if (key === 'customer') return (host.filterBar && host.filterBar.customerNames.get(v)) || v;
  return v;
}

// Scoped here rather than in the shared stylesheet: the row and its label; the chips
// themselves look like the tables' chips (.chip). Put into the shadow root once (own-style.js).
const CSS = `
  .filter-chips { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 8px 24px 0; }
  .filter-chips .chips-label { font-size: 12px; color: var(--muted); margin-right: 2px; }
`;

/** Draws the chips into el (hidden when no filter is set). */
export function renderChips(host, el) {
  const t = host.t;
  const active = FILTERS.filter((k) => host.filters[k]);
  el.hidden = !active.length;
  el.setAttribute('aria-label', t('drill.chips'));
  ownStyle(el, 'chips', CSS);
  setHtml(el, active.length ? html`<span class="chips-label">${t('drill.chips')}</span>${active.map((k) => {
    const text = t('filter.chip.' + k, { v: chipValue(host, k, host.filters[k]) });
    return html`<button type="button" class="chip active" data-filter-chip="${k}" aria-label="${t('drill.remove', { what: text })}">${text} <span aria-hidden="true">×</span></button>`;
  })}` : html``);
}

/** Puts the chips' row above the dashboards (main) and wires it: a click (Enter and Space
 *  are clicks on a button) removes that filter. Returns the row. */
export function mountChips(host, main, signal) {
  const el = document.createElement('div');
  el.className = 'filter-chips';
  el.dataset.role = 'chips';
  el.setAttribute('role', 'group');
  el.hidden = true;
  main.before(el);
  el.addEventListener('click', (e) => {
    const chip = e.target.closest('[data-filter-chip]');
    if (chip) host.drill.narrow({ [chip.dataset.filterChip]: null });
  }, { signal });
  return el;
}
