// On a phone the filter bar folds into one line: a button that says which filters are set and
// opens the fields under it (a disclosure: aria-expanded, aria-controls). Wider screens never
// see the button (styles.css), and print shows the set filters, not the button.
import { html } from './html.js';
import { FILTERS } from './filters.js';

/** The button, first in the filter form. */
export function disclosureButton() {
  return html`<button type="button" class="filters-toggle" data-action="toggle-filters" aria-expanded="false" aria-controls="pulse-filter-fields"><b data-role="filters-toggle-label"></b><span data-role="filters-summary"></span></button>`;
}

/** The set filters in a few words: "Premium · Markus Huber · from Nov 1, 2024". */
export function filterSummary(host) {
  const { filters: f, fmt, filterBar } = host;
  const date = (v) => (fmt && fmt.date ? fmt.date(v) : v);
  const words = FILTERS.filter((k) => f[k]).map((k) => {
    if (k === 'sales_rep') return (filterBar && filterBar.repNames.get(f[k])) || f[k];
    if (k === 'customer') return (filterBar && filterBar.customerNames.get(f[k])) || f[k];
    if (k === 'from' || k === 'to' || k === 'as_of') return `${host.t('filter.' + k)} ${date(f[k])}`;
    return f[k];
  });
  return words.join(' · ');
}

/** The button's words, after the filters or the language changed. */
export function updateDisclosure(host, $) {
  const button = $('.filters-toggle');
  if (!button) return;
  const t = host.t;
  const summary = filterSummary(host);
  $('[data-role=filters-toggle-label]').textContent = t('filter.toggle');
  $('[data-role=filters-summary]').textContent = summary || t('filter.toggle.none');
  button.title = t(button.getAttribute('aria-expanded') === 'true' ? 'filter.toggle.hide' : 'filter.toggle.show');
}

/** Opens or closes the fields. */
export function toggleFilters(host, button) {
  const form = button.closest('form');
  const open = !form.classList.contains('open');
  form.classList.toggle('open', open);
  button.setAttribute('aria-expanded', String(open));
  button.title = host.t(open ? 'filter.toggle.hide' : 'filter.toggle.show');
}
