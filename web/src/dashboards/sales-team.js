// Sales team: per rep, the funnel by stage, won and lost, deal size, what closes soon and
// which customers need attention.
import { dealStatusLabel } from '../status-labels.js';
import { esc, daysBetween } from '../format.js';
import { html, setHtml } from '../html.js';
import { DataTable } from '../table.js';
import { PagedTable } from '../paged-table.js';
import { fieldColumn } from '../paged-fields.js';
import { pageNames } from '../paged-words.js';
import { STAGE_PALETTE } from '../charts/palette.js';
import { stackedBars, divergingBars } from '../charts/bars.js';
import { header, tiles, tile, card, unavailable, statusBadge, ratioBar, slotOf } from './common.js';
import { isUnavailable } from '../util.js';
import { hasVelocity, velocityBody, velocityTable, repColumns, hasSlipping, slippingTable } from './team-velocity.js';

const OPEN = 'negotiations.open';

export function renderSalesTeam(ctx, root) {
  const { t, fmt } = ctx;
  const data = ctx.report.sales_team;
  if (isUnavailable(data)) {
    setHtml(root, html`${header(ctx, 'team')}${unavailable(ctx, 'sales_team', data && data.unavailable)}`);
    return;
  }
  const ui = ctx.ui.sales_team;
  const reps = data.reps || [];
  if (ui.rep && !reps.some((r) => r.sales_rep === ui.rep)) ui.rep = null;
  // The team's figures are the engine's (sales_team.summary): the page adds nothing up, and
  // a report without the summary shows dashes.
  const totals = data.summary || {};
  const velocity = hasVelocity(data), slipping = hasSlipping(data);
  ui.slipping ||= {};
  const hasDeals = reps.some((r) => (r.won || 0) + (r.lost || 0) + (r.open_by_stage || []).reduce((a, s) => a + s.count, 0) > 0);
  // The open deals stay in the engine's worker too: the closing-soon list asks for its pages.
  const openList = isUnavailable(ctx.report.negotiations) ? null : ctx.pagedList(OPEN);
  // The customers stay in the engine's worker, which sends the few this list shows.
  const custList = isUnavailable(ctx.report.customers) ? null : ctx.pagedList('customers.rows');
  const byId = new Map(((custList && custList.summary && custList.summary.attention) || []).map((c) => [c.customer_id, c]));
  const attention = [];
  for (const r of reps) for (const id of r.attention || []) attention.push({ rep: r.sales_rep, id, c: byId.get(id) || null });

  setHtml(root, html`${header(ctx, 'team')}${tiles([
    tile('reps', t('team.reps'), fmt.int(totals.reps), ''),
    tile('pipeline', t('team.pipeline'), fmt.moneyShort(totals.pipeline_amount), t('team.pipeline.sub', { value: fmt.moneyShort(totals.weighted_pipeline) })),
    tile('team_win_rate', t('team.win_rate'), fmt.pct(totals.win_rate), t('neg.win_rate.sub', { won: fmt.int(totals.won), lost: fmt.int(totals.lost) })),
    ...(totals.expected_won_next_30d !== undefined ? [tile('expected_won_30d', t('team.expected_30d'), fmt.moneyShort(totals.expected_won_next_30d), t('team.expected_30d.sub'), '', t('col.expected_30d.help'))] : []),
    tile('closing_soon', t('team.closing'), fmt.int(totals.closing_soon), t('team.closing.sub')),
    ...(slipping ? [tile('slipping', t('team.slipping'), fmt.int(data.slipping.length), t('team.slipping.sub'), data.slipping.length ? 'warn' : '', t('col.slipping.help'))] : []),
    tile('attention', t('team.attention'), fmt.int(totals.customers_overdue), t('team.attention.sub'), totals.customers_overdue ? 'warn' : ''),
  ])}<div class="grid">
    ${hasDeals ? html`<div class="span-7">${card(ctx, { slot: 'team-funnel', title: t('team.funnel'), hint: t('team.funnel.hint'), chart: true })}</div>
    <div class="span-5">${card(ctx, { slot: 'team-wonlost', title: t('team.wonlost'), chart: true })}</div>` : html`<div class="span-12"><p class="note">${t('team.no_deals')}</p></div>`}
    ${velocity ? html`<div class="span-12">${card(ctx, { slot: 'team-velocity', title: t('team.velocity') })}</div>` : ''}
    <div class="span-12">${card(ctx, { slot: 'team-reps', title: t('team.table') })}</div>
    ${slipping ? html`<div class="span-12">${card(ctx, { slot: 'team-slipping', title: t('team.slipping_table'), hint: t('team.slipping.hint') })}</div>` : ''}
    <div class="span-6">${card(ctx, { slot: 'team-closing', title: t('team.closing_table') })}</div>
    <div class="span-6">${card(ctx, { slot: 'team-attention', title: t('team.attention_table') })}</div>
  </div>`);

  const label = (r) => r.rep_name || r.sales_rep;
  if (hasDeals) {
    const stages = (reps.find((r) => r.open_by_stage && r.open_by_stage.length) || { open_by_stage: [] }).open_by_stage.map((s) => s.stage);
    const series = stages.map((s, i) => ({ label: dealStatusLabel(ctx.lang, s), color: STAGE_PALETTE[i % STAGE_PALETTE.length] }));
    ctx.charts.add(slotOf(root, 'team-funnel'), {
      draw: (w) => stackedBars(w, reps.map((r) => {
        const seg = stages.map((s) => ((r.open_by_stage || []).find((x) => x.stage === s) || { count: 0 }).count);
        const total = seg.reduce((a, b) => a + b, 0);
        return { key: r.sales_rep, label: label(r), segments: seg, total, display: `${fmt.int(total)} · ${fmt.moneyShort(r.pipeline_amount)}` };
      }), series, { label: t('team.funnel'), fmt: fmt.int }),
    });
    ctx.charts.add(slotOf(root, 'team-wonlost'), {
      draw: (w) => divergingBars(w, reps.map((r) => ({ label: label(r), won: r.won, lost: r.lost, note: fmt.pct(r.win_rate, 0) })),
        { label: t('team.wonlost'), wonLabel: t('chart.won'), lostLabel: t('chart.lost'), fmt: fmt.int }),
    });
    for (const slot of ['team-funnel']) {
      slotOf(root, slot).addEventListener('click', (e) => {
        const g = e.target.closest('[data-key]');
        if (g) openRep(g.dataset.key);
      });
    }
  }

  const repsTable = new DataTable({
    id: 'reps', t, fmt, state: ui.reps, rows: reps, pageSize: 50, searchable: reps.length > 12, exportName: 'sales-reps',
    searchPlaceholder: t('cust.search'), rowKey: (r) => r.sales_rep, rowClass: (r) => (r.sales_rep === ui.rep ? 'selected' : ''),
    onRowClick: (r) => openRep(r.sales_rep),
    columns: [
      { key: 'rep', label: t('col.rep'), value: (r) => label(r), searchText: (r) => `${r.sales_rep} ${r.rep_name || ''} ${r.team || ''} ${r.manager || ''}`,
        render: (r) => html`<span class="two"><b>${label(r)}</b><small>${[r.sales_rep !== label(r) ? r.sales_rep : '', r.team, r.manager].filter(Boolean).join(' · ')}</small></span>`, csv: (r) => r.rep_name },
      { key: 'sales_rep', label: 'sales_rep', value: (r) => r.sales_rep, hidden: true },
      { key: 'team', label: t('col.team'), value: (r) => r.team, hidden: true },
      { key: 'won', label: t('col.won'), num: true, value: (r) => r.won, render: (r) => fmt.int(r.won) },
      { key: 'lost', label: t('col.lost'), num: true, value: (r) => r.lost, render: (r) => fmt.int(r.lost) },
      { key: 'win_rate', label: t('col.win_rate'), num: true, value: (r) => r.win_rate, render: (r) => ratioBar(r.win_rate, fmt.pct(r.win_rate, 0)) },
      { key: 'won_amount', label: t('col.won_amount'), num: true, value: (r) => r.won_amount, render: (r) => fmt.money(r.won_amount) },
      { key: 'avg_deal_size', label: t('col.avg_deal'), num: true, value: (r) => r.avg_deal_size, render: (r) => fmt.money(r.avg_deal_size) },
      { key: 'cycle_days_median', label: t('col.cycle'), num: true, value: (r) => r.cycle_days_median, render: (r) => fmt.num(r.cycle_days_median, 0) },
      { key: 'pipeline_amount', label: t('col.pipeline'), num: true, value: (r) => r.pipeline_amount, render: (r) => fmt.money(r.pipeline_amount) },
      { key: 'weighted_pipeline', label: t('col.weighted'), num: true, value: (r) => r.weighted_pipeline, render: (r) => fmt.money(r.weighted_pipeline) },
      { key: 'closing_soon', label: t('col.closing_soon'), num: true, value: (r) => r.closing_soon, render: (r) => (r.closing_soon ? html`<b>${fmt.int(r.closing_soon)}</b>` : fmt.int(r.closing_soon)) },
      { key: 'stale', label: t('col.stale'), num: true, value: (r) => r.stale, render: (r) => fmt.int(r.stale) },
      { key: 'revenue', label: t('col.revenue'), num: true, value: (r) => r.revenue, render: (r) => fmt.money(r.revenue) },
      { key: 'orders', label: t('col.orders'), num: true, value: (r) => r.orders, render: (r) => fmt.int(r.orders) },
      { key: 'customers', label: t('col.customers'), num: true, value: (r) => r.customers, render: (r) => fmt.int(r.customers) },
      { key: 'customers_overdue', label: t('col.customers_overdue'), num: true, value: (r) => r.customers_overdue, render: (r) => (r.customers_overdue ? html`<span class="neg">${fmt.int(r.customers_overdue)}</span>` : fmt.int(r.customers_overdue)) },
      ...repColumns(ctx, reps),
    ],
  }).mount(slotOf(root, 'team-reps'));
  if (velocity) {
    setHtml(slotOf(root, 'team-velocity'), velocityBody(ctx, data));
    velocityTable(ctx, data, slotOf(root, 'team-velocity-reps'), (ui.velocity ||= {}));
  }

  const repChip = () => (ui.rep ? [{ key: 'rep', label: ctx.repName(ui.rep), active: true }] : []);
  const asOf = ctx.report.as_of;
  // The deals expiring soon, asked of the worker (`expiring_soon`, and the chosen rep, filter
  // there); sorted and searched by the open list's fields (paged-fields.js).
  const names = pageNames(OPEN, ctx.lang, ctx.customerName, ctx.repName);
  const field = fieldColumn(OPEN, names);
  const Closing = openList ? PagedTable : DataTable;
  const closingTable = new Closing({
    id: 'closing_soon', t, fmt, state: ui.closing, rows: openList ? undefined : [], pageSize: 10, exportName: 'closing-soon', empty: t('team.closing.none'),
    fetchRows: ctx.listRows, list: OPEN, where: () => ({ expiring_soon: true, ...(ui.rep && { sales_rep: ui.rep }) }),
    total: openList && openList.summary ? openList.summary.expiring_soon : undefined,
    searchPlaceholder: t('neg.open.search'), sort: { key: 'expires_at', dir: 'asc' }, rowKey: (d) => d.deal_id,
    chips: repChip, onChip: () => selectRep(null),
    onRowClick: (d) => ctx.openQuote(d.deal_id),
    columns: [
      { ...field('deal_id'), label: t('col.deal'), render: (d) => html`<code>${d.deal_id}</code>` },
      { ...field('customer_id'), label: t('col.customer'), render: (d) => esc(ctx.customerName(d.customer_id) || d.customer_id || '—') },
      { ...field('sales_rep'), label: t('col.rep'), kind: 'rep', name: ctx.repName, cls: 'nowrap', render: (d) => esc(ctx.repName(d.sales_rep)) },
      { ...field('amount'), label: t('col.amount'), num: true, render: (d) => fmt.money(d.amount) },
      { ...field('win_probability'), label: t('col.win_probability'), num: true, render: (d) => fmt.pct(d.win_probability, 0) },
      { ...field('expires_at'), label: t('col.expires_at'), cls: 'nowrap', render: (d) => {
        const n = d.expires_at ? daysBetween(asOf, d.expires_at) : null;
        return html`${fmt.dateShort(d.expires_at)}${n !== null ? html` <span class="tag warn">${n <= 0 ? t('unit.today') : t('unit.in_days', { n: fmt.int(n) })}</span>` : ''}`;
      } },
    ],
  }).mount(slotOf(root, 'team-closing'));

  const attentionTable = new DataTable({
    id: 'attention', t, fmt, state: ui.attention, rows: attention, pageSize: 10, exportName: 'customers-needing-attention', empty: t('team.attention.none'),
    searchPlaceholder: t('cust.search'), sort: { key: 'revenue', dir: 'desc' }, rowKey: (a) => a.rep + '/' + a.id,
    filter: (a) => !ui.rep || a.rep === ui.rep, chips: repChip, onChip: () => selectRep(null),
    onRowClick: (a) => ctx.showCustomer(a.id),
    columns: [
      { key: 'customer', label: t('col.customer'), value: (a) => (a.c && a.c.customer_name) || a.id, searchText: (a) => `${a.id} ${(a.c && a.c.customer_name) || ''}`,
        render: (a) => html`<span class="two"><b>${(a.c && a.c.customer_name) || a.id}</b>${a.c && a.c.customer_name ? html`<small>${a.id}</small>` : ''}</span>` },
      { key: 'rep', label: t('col.rep'), kind: 'rep', name: ctx.repName, cls: 'nowrap', value: (a) => a.rep, render: (a) => esc(ctx.repName(a.rep)) },
      { key: 'status', label: t('col.status'), kind: 'customerStatus', value: (a) => a.c && a.c.status, render: (a) => statusBadge(ctx, a.c && a.c.status) },
      { key: 'days', label: t('col.days_since'), num: true, value: (a) => a.c && a.c.days_since_last_order, render: (a) => fmt.int(a.c && a.c.days_since_last_order) },
      { key: 'ratio', label: t('col.overdue_ratio'), num: true, hidden: true, value: (a) => a.c && a.c.overdue_ratio, render: (a) => fmt.num2(a.c && a.c.overdue_ratio) },
      { key: 'revenue', label: t('col.revenue'), num: true, value: (a) => a.c && a.c.revenue, render: (a) => fmt.money(a.c && a.c.revenue) },
    ],
  }).mount(slotOf(root, 'team-attention'));

  const slippingList = slipping
    ? slippingTable(ctx, data, slotOf(root, 'team-slipping'), { state: ui.slipping, repChip, onChip: () => selectRep(null), selectedRep: () => ui.rep })
    : null;

  // A rep's own page (drill.js); the lists below follow the rep too.
  function openRep(rep) {
    if (ui.rep !== rep) selectRep(rep);
    ctx.openRep(rep);
  }

  function selectRep(rep) {
    ui.rep = rep && ui.rep !== rep ? rep : null;
    repsTable.update();
    closingTable.refresh();
    attentionTable.refresh();
    slippingList?.refresh();
  }
}
