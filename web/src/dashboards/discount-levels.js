// "Discounts by level": a price cut on a whole catalog or product group, with the elasticity
// pooled over its products, each projected effect with its interval, and the engine's verdict
// (pays only when the whole margin-change interval is above 0).
import { esc } from '../format.js';
import { html } from '../html.js';
import { DataTable } from '../table.js';
import { C } from '../charts/palette.js';
import { withRange, elasticityText, rangeCsvColumns } from './common.js';

const VERDICT_COLORS = { pays: C.green, does_not_pay: C.red, uncertain: C.gray };

export function renderDiscountLevels(ctx, slot, levels) {
  const { t, fmt } = ctx;
  const tone = (v) => (v > 0 ? 'pos' : v < 0 ? 'neg' : '');
  const effect = (key, f, cls) => ({
    key, num: true, value: (l) => l[key],
    render: (l) => withRange(f, l[key], l[key + '_low'], l[key + '_high'], cls),
  });
  const ends = (key, label) => rangeCsvColumns(t, key, t(label), (l) => [l[key + '_low'], l[key + '_high']]);
  ctx.ui.catalogs.levels ||= {};
  new DataTable({
    id: 'discount_levels', t, fmt, state: ctx.ui.catalogs.levels, rows: levels, pageSize: 25, searchable: false,
    exportName: 'discount-levels', empty: t('cat.levels.none'), rowKey: (l) => `${l.level}/${l.catalog}/${l.group ?? ''}`,
    columns: [
      { key: 'level', label: t('col.level'), value: (l) => l.level, render: (l) => esc(t('level.' + l.level)), csv: (l) => t('level.' + l.level) },
      { key: 'catalog', label: t('col.catalog'), value: (l) => l.catalog, render: (l) => html`<b>${l.catalog ?? '—'}</b>` },
      { key: 'group', label: t('col.group'), value: (l) => l.group, hidden: !levels.some((l) => l.group) },
      { key: 'skus', label: t('col.skus'), num: true, value: (l) => l.skus, render: (l) => fmt.int(l.skus) },
      { key: 'elasticity', label: t('col.elasticity'), num: true, value: (l) => l.elasticity,
        render: (l) => esc(elasticityText(fmt, { slope: l.elasticity, ci_low: l.ci_low, ci_high: l.ci_high })) },
      { ...effect('projected_units_change_pct', fmt.pctSigned), label: t('col.proj_units') },
      { ...effect('projected_revenue_change', fmt.moneySigned, tone), label: t('col.proj_revenue') },
      { ...effect('projected_margin_change', fmt.moneySigned, tone), label: t('col.proj_margin') },
      { key: 'verdict', label: t('col.verdict'), value: (l) => l.verdict, csv: (l) => (l.verdict ? t('verdict.' + l.verdict) : null),
        render: (l) => (l.verdict ? html`<span class="badge" style="--c:${VERDICT_COLORS[l.verdict] || C.gray}"><i></i>${t('verdict.' + l.verdict)}</span>` : '—') },
      ...rangeCsvColumns(t, 'elasticity', t('col.elasticity'), (l) => [l.ci_low, l.ci_high]),
      ...ends('projected_units_change_pct', 'col.proj_units'), ...ends('projected_revenue_change', 'col.proj_revenue'), ...ends('projected_margin_change', 'col.proj_margin'),
    ],
  }).mount(slot);
}
