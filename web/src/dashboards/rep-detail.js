// A rep's own page (drill-down from the reps table, the funnel chart, a quote or the "This
// week" list): their figures, their open deals by stage and every deal of theirs in the
// period, each row opening its quote. "Show only this rep" narrows the whole page instead.
import { html } from '../html.js';
import { DataTable } from '../table.js';
import { PagedTable } from '../paged-table.js';
import { PAGED_LISTS } from '../paged-fields.js';
import { pageNames } from '../paged-words.js';
import { ratioBar, dealStatusTag, outcomeBadge } from './common.js';
import { dealStatusLabel } from '../status-labels.js';
import { isUnavailable } from '../util.js';
import { detailHead, stat, setDetailHtml } from './quote-detail.js';

export function renderRepDetail(ctx, el, id) {
  const { t, fmt } = ctx;
  const team = ctx.report.sales_team;
  const r = isUnavailable(team) ? null : (team.reps || []).find((x) => x.sales_rep === id);
  const name = ctx.repName(id);
  if (!r) {
    setDetailHtml(el, html`${detailHead(ctx, t('drill.rep', { name }), '', '')}<p class="note" data-role="drill-missing">${t('drill.rep_not_found')}</p>`);
    return;
  }
  const neg = ctx.report.negotiations;
  // The deal list stays in the worker (paged-fields.js) when the report says so; a report
  // that still carries it (the fake engine) is listed from its rows.
  const paged = !isUnavailable(neg) && !Array.isArray(neg.deals) && ctx.pagedList('negotiations.deals');
  const list = isUnavailable(neg) ? null : neg.deals || (paged ? [] : null);
  const stages = (r.open_by_stage || []).filter((s) => s.count > 0);
  const most = Math.max(1, ...stages.map((s) => s.count));
  const sub = [r.sales_rep !== name ? r.sales_rep : '', r.team && `${t('drill.rep.team')}: ${r.team}`, r.manager && `${t('drill.rep.manager')}: ${r.manager}`].filter(Boolean).join(' · ');
  const actions = ctx.report.filters && ctx.report.filters.sales_rep === id ? ''
    : html`<button type="button" class="btn btn-ghost btn-sm" data-drill-act="filter" data-filter="sales_rep" data-id="${id}">${t('drill.filter_rep')}</button>`;
  setDetailHtml(el, html`<div class="card drill-card" data-detail="rep" data-id="${id}">
    ${detailHead(ctx, t('drill.rep', { name: r.rep_name || name }), sub, actions)}
    <div class="stats">
      ${stat(t('col.won'), fmt.int(r.won), 'won')}
      ${stat(t('col.lost'), fmt.int(r.lost), 'lost')}
      ${stat(t('col.win_rate'), fmt.pct(r.win_rate, 0), 'win_rate')}
      ${stat(t('col.won_amount'), fmt.money(r.won_amount), 'won_amount')}
      ${stat(t('col.pipeline'), fmt.money(r.pipeline_amount), 'pipeline_amount')}
      ${stat(t('col.weighted'), fmt.money(r.weighted_pipeline), 'weighted_pipeline')}
      ${stat(t('col.closing_soon'), fmt.int(r.closing_soon), 'closing_soon')}
      ${stat(t('col.stale'), fmt.int(r.stale), 'stale')}
      ${stat(t('col.customers'), fmt.int(r.customers), 'customers')}
      ${stat(t('col.customers_overdue'), fmt.int(r.customers_overdue), 'customers_overdue')}
    </div>
    <h4>${t('drill.funnel')}</h4>
    ${stages.length ? html`<ul class="drill-funnel" data-role="rep-funnel">${stages.map((s) => html`<li data-stage="${s.stage}"><span>${dealStatusLabel(ctx.lang, s.stage)}</span>${ratioBar(s.count / most, fmt.int(s.count))}</li>`)}</ul>`
    : html`<p class="muted">${t('drill.funnel.none')}</p>`}
    <h4>${t('drill.deals')}</h4>
    ${list ? html`<div class="slot" data-slot="rep-deals"></div>` : html`<p class="muted">${t('drill.no_deal_list')}</p>`}
  </div>`);
  if (!list) return;
  // Sorted and searched by the same fields as the worker sorts them (paged-fields.js).
  const f = PAGED_LISTS['negotiations.deals'].fields;
  const names = pageNames('negotiations.deals', ctx.lang, ctx.customerName);
  const Table = paged ? PagedTable : DataTable;
  new Table({
    id: 'rep_deals', t, fmt, rows: paged ? undefined : list.filter((d) => d.sales_rep === id), pageSize: 10,
    fetchRows: ctx.listRows, list: 'negotiations.deals', where: { sales_rep: id }, exportName: `deals-${id}`, empty: t('drill.deals.none'),
    searchPlaceholder: t('neg.open.search'), sort: { key: 'created_at', dir: 'desc' }, rowKey: (d) => d.deal_id,
    onRowClick: (d) => ctx.openQuote(d.deal_id),
    columns: [
      { key: 'deal_id', label: t('col.deal'), value: f.deal_id.value, render: (d) => html`<code>${d.deal_id}</code>` },
      { key: 'customer_id', label: t('col.customer'), value: f.customer_id.value, render: (d) => ctx.customerName(d.customer_id) || d.customer_id || '—',
        searchText: (d) => f.customer_id.searchText(d, names) },
      { key: 'status', label: t('col.status'), kind: 'dealStatus', value: f.status.value, render: (d) => dealStatusTag(ctx, d.status), searchText: (d) => f.status.searchText(d, names) },
      { key: 'outcome', label: t('drill.outcome'), value: f.outcome.value, render: (d) => outcomeBadge(ctx, d.outcome), csv: (d) => t('neg.outcome.' + d.outcome) },
      { key: 'amount', label: t('col.amount'), num: true, value: f.amount.value, render: (d) => fmt.money(d.amount) },
      { key: 'discount', label: t('drill.discount'), num: true, value: f.discount.value, render: (d) => fmt.pct(d.discount) },
      { key: 'rounds', label: t('drill.rounds'), num: true, value: f.rounds.value, render: (d) => fmt.int(d.rounds) },
      { key: 'created_at', label: t('drill.created'), cls: 'nowrap', value: f.created_at.value, render: (d) => fmt.dateShort(d.created_at) },
      { key: 'closed_at', label: t('drill.closed'), cls: 'nowrap', value: f.closed_at.value, render: (d) => fmt.dateShort(d.closed_at) },
    ],
  }).mount(el.querySelector('[data-slot=rep-deals]'));
}
