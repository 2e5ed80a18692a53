// The assortment of the chosen catalog: gaps (SKUs that are top sellers in most other
// catalogs but missing or weak here) and drop candidates (SKUs that neither sell nor earn here
// and are top nowhere else). The engine sends the strongest few of each with their totals.
import { esc } from '../format.js';
import { html, appendHtml } from '../html.js';
import { DataTable } from '../table.js';
import { abcBadge } from './common.js';

export function renderAssortment(ctx, gapsSlot, dropsSlot, a) {
  const { t, fmt } = ctx;
  const ui = ctx.ui.catalogs;
  const product = { key: 'sku', label: t('col.product'), value: (x) => x.product_name || x.sku, searchText: (x) => `${x.sku} ${x.product_name || ''}`,
    render: (x) => html`<span class="two"><b>${x.product_name || x.sku}</b><small>${x.sku}</small></span>`, csv: (x) => x.sku };
  const reasonWords = (x) => (x.reason_code ? (t('reason.' + x.reason_code) === 'reason.' + x.reason_code ? x.reason_code : t('reason.' + x.reason_code)) : null);
  const reason = { key: 'reason_code', label: t('col.reason'), cls: 'nowrap', value: (x) => x.reason_code,
    render: (x) => esc(reasonWords(x) ?? '—'), csv: reasonWords }; // the export says the reason in words, too
  const shown = (list, total) => (total > list.length ? html`<p class="hint">${t('cat.shown', { shown: fmt.int(list.length), total: fmt.int(total) })}</p>` : '');

  const gaps = a.gaps || [];
  new DataTable({
    id: 'assortment_gaps', t, fmt, state: (ui.gaps ||= {}), rows: gaps, pageSize: 10, searchable: false,
    exportName: `assortment-gaps-${a.catalog}`, empty: t('cat.gaps.none'), rowKey: (x) => x.sku,
    columns: [
      product, reason,
      { key: 'top_in', label: t('col.top_in'), title: t('col.top_in.help'), num: true, value: (x) => x.top_in, render: (x) => esc(t('cat.of', { a: fmt.int(x.top_in), b: fmt.int(x.other_catalogs) })) },
      { key: 'median_share_where_top', label: t('col.share_where_top'), title: t('col.share_where_top.help'), num: true, value: (x) => x.median_share_where_top, render: (x) => fmt.pct(x.median_share_where_top, 2) },
      { key: 'revenue_share_here', label: t('col.share_here'), num: true, value: (x) => x.revenue_share_here, render: (x) => fmt.pct(x.revenue_share_here, 2) },
    ],
  }).mount(gapsSlot);
  appendHtml(gapsSlot, 'beforeend', html`${shown(gaps, a.gaps_total)}`);

  const drops = a.drop_candidates || [];
  new DataTable({
    id: 'assortment_drops', t, fmt, state: (ui.drops ||= {}), rows: drops, pageSize: 10, searchable: false,
    exportName: `assortment-drops-${a.catalog}`, empty: t('cat.drops.none'), rowKey: (x) => x.sku,
    columns: [
      product, reason,
      { key: 'revenue', label: t('col.revenue'), num: true, value: (x) => x.revenue, render: (x) => fmt.money(x.revenue) },
      { key: 'units', label: t('col.units'), num: true, value: (x) => x.units, render: (x) => fmt.int(x.units) },
      { key: 'margin', label: t('col.margin'), num: true, value: (x) => x.margin, render: (x) => fmt.money(x.margin) },
      { key: 'abc', label: t('col.abc'), value: (x) => x.abc, render: (x) => abcBadge(x.abc) },
      { key: 'sold_in', label: t('col.sold_in'), num: true, value: (x) => x.sold_in, render: (x) => fmt.int(x.sold_in) },
    ],
  }).mount(dropsSlot);
  appendHtml(dropsSlot, 'beforeend', html`${shown(drops, a.drop_candidates_total)}`);
}
