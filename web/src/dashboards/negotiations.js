// Negotiations: quote-to-order conversion, time to close, and which open quotes will be won.
import { esc, daysBetween } from '../format.js';
import { html, setHtml, appendHtml } from '../html.js';
import { DataTable } from '../table.js';
import { PagedTable } from '../paged-table.js';
import { fieldColumn } from '../paged-fields.js';
import { pageNames } from '../paged-words.js';
import { C, OUTCOME_COLORS } from '../charts/palette.js';
import { axis, bars } from '../charts/uplot-options.js';
import { hbars } from '../charts/bars.js';
import { funnel } from '../charts/funnel.js';
import { header, tiles, tile, card, unavailable, slotOf, dealStatusTag } from './common.js';
import { dealStatusLabel } from '../status-labels.js';
import { monthOpts } from './customers.js';
import { comparisonLine } from './comparison.js';
import { notePartialMonths } from './partial-months.js';
import { isUnavailable } from '../util.js';
import { winChanceColumn, timingColumns, hasCalibration, calibrationBody, calibrationChart } from './deal-chances.js';
import { hasStageFlow, stageFlowPicker, stageRows, stageFlowChart } from './deal-flow.js';

// The open deals stay in the engine's worker (paged-fields.js).
const OPEN = 'negotiations.open';

export function renderNegotiations(ctx, root) {
  const { t, fmt } = ctx;
  const data = ctx.report.negotiations;
  if (isUnavailable(data)) {
    setHtml(root, html`${header(ctx, 'neg')}${unavailable(ctx, 'negotiations', data && data.unavailable)}`);
    return;
  }
  const ui = ctx.ui.negotiations;
  const s = data.summary || {};
  const days = (n) => (n === null || n === undefined ? '—' : t('unit.days_long', { n: fmt.num(n, n % 1 ? 1 : 0) }));
  const has = (k) => s[k] !== undefined && s[k] !== null;

  const list = [
    tile('win_rate', t('neg.win_rate'), fmt.pct(s.win_rate), t('neg.win_rate.sub', { won: fmt.int(s.won), lost: fmt.int(s.lost) }), '', '', comparisonLine(ctx, 'win_rate', s.win_rate)),
    tile('won_amount', t('neg.won_amount'), fmt.moneyShort(s.won_amount), t('neg.won_amount.sub', { avg: fmt.money(s.avg_deal_size) }), '', '', comparisonLine(ctx, 'won_amount', s.won_amount)),
    tile('cycle_days', t('neg.cycle'), days(s.cycle_days_median), t('neg.cycle.sub', { lost: days(s.lost_cycle_days_median) }), '', '', comparisonLine(ctx, 'cycle_days', s.cycle_days_median)),
  ];
  if (has('negotiation_days_median') || has('rounds_mean')) {
    list.push(tile('negotiation', t('neg.negotiation'), days(s.negotiation_days_median), has('rounds_mean') ? t('neg.negotiation.sub', { rounds: fmt.num(s.rounds_mean, 1) }) : '', '', '', comparisonLine(ctx, 'negotiation', s.negotiation_days_median)));
  }
  list.push(tile('avg_discount', t('neg.discount'), fmt.pct(s.avg_discount), t('neg.discount.sub'), '', '', comparisonLine(ctx, 'avg_discount', s.avg_discount)));
  list.push(tile('open', t('neg.open'), fmt.int(s.open), has('expiring_soon') ? t('neg.open.sub', { n: fmt.int(s.expiring_soon) }) : '', s.expiring_soon ? 'warn' : ''));

  const monthly = data.monthly || [];
  const hasCycle = monthly.some((m) => m.cycle_days_median !== undefined);
  const flow = hasStageFlow(data);
  const calib = hasCalibration(data);
  if (flow && ui.flowRep && !(data.stage_flow.by_rep || []).some((r) => r.sales_rep === ui.flowRep)) ui.flowRep = null;
  const flowSpan = calib ? 7 : 12;

  setHtml(root, html`${header(ctx, 'neg')}${tiles(list)}<div class="grid">
    <div class="span-5">${card(ctx, { slot: 'neg-funnel', title: t('neg.funnel'), chart: true })}</div>
    <div class="span-7">${card(ctx, { slot: 'neg-status', title: t('neg.by_status'), chart: true })}</div>
    <div class="span-${hasCycle ? 7 : 12}">${card(ctx, { slot: 'neg-monthly', title: t('neg.monthly'), hint: t('neg.monthly.hint'), chart: true })}</div>
    ${hasCycle ? html`<div class="span-5">${card(ctx, { slot: 'neg-cycle', title: t('neg.monthly.cycle'), chart: true })}</div>` : ''}
    ${flow ? html`<div class="span-${flowSpan}">${card(ctx, { slot: 'neg-flow', title: t('neg.flow'), hint: t('neg.flow.hint'), chart: true, extra: stageFlowPicker(ctx, data, ui.flowRep) })}</div>` : ''}
    ${calib ? html`<div class="span-${flow ? 5 : 12}">${card(ctx, { slot: 'neg-calibration', title: t('neg.calib') })}</div>` : ''}
    <div class="span-12">${card(ctx, { slot: 'neg-open', title: t('neg.open_table') })}</div>
  </div>`);
  if (!hasCycle && has('cycle_days_median')) {
    appendHtml(slotOf(root, 'neg-monthly'), 'afterend', html`<p class="hint">${t('neg.monthly.no_cycle', { days: days(s.cycle_days_median) })}</p>`);
  }

  // Outcome funnel: every deal, those decided, those won.
  const decided = (s.won || 0) + (s.lost || 0);
  ctx.charts.add(slotOf(root, 'neg-funnel'), {
    draw: (w) => funnel(w, [
      { label: t('neg.funnel.all'), value: s.deals || 0, display: fmt.int(s.deals), color: '#9b9ef0' },
      { label: t('neg.funnel.decided'), value: decided, display: fmt.int(decided), color: C.accent },
      { label: t('neg.funnel.won'), value: s.won || 0, display: `${fmt.int(s.won)} · ${fmt.pct(s.win_rate, 0)}`, color: C.green },
      { label: t('neg.funnel.open'), value: s.open || 0, display: fmt.int(s.open), color: C.blue, base: s.deals || 1 },
    ], { label: t('neg.funnel'), fmtPct: (v) => fmt.pct(v, 0) }),
  });

  // Deals by status, coloured by outcome.
  const byStatus = data.by_status || [];
  ctx.charts.add(slotOf(root, 'neg-status'), {
    draw: (w) => hbars(w, byStatus.map((b) => ({
      label: dealStatusLabel(ctx.lang, b.status), value: b.count, color: OUTCOME_COLORS[b.outcome],
      display: `${fmt.int(b.count)} · ${fmt.moneyShort(b.amount)}`, sub: t('neg.outcome.' + b.outcome),
    })), { label: t('neg.by_status'), rowH: 26, labelW: Math.min(Math.max(190, 7 * Math.max(0, ...byStatus.map((b) => dealStatusLabel(ctx.lang, b.status).length)) + 14), w * 0.42) }),
  });

  // Win rate and outcomes by close month.
  ctx.charts.add(slotOf(root, 'neg-monthly'), {
    legend: [{ label: t('chart.won'), color: C.green }, { label: t('chart.lost'), color: C.red }, { label: t('chart.created'), color: C.faint }, { label: t('chart.win_rate'), color: C.accent }],
    uplot: () => ({
      data: [monthly.map((_, i) => i), monthly.map((m) => m.won), monthly.map((m) => m.lost), monthly.map((m) => m.created), monthly.map((m) => m.win_rate)],
      opts: monthOpts(ctx, monthly, 260, [
        { label: t('chart.won'), scale: 'n', stroke: C.green, fill: C.green + 'd0', width: 0, paths: bars({ size: [0.38, 16], align: -1 }), points: { show: false } },
        { label: t('chart.lost'), scale: 'n', stroke: C.red, fill: C.red + 'b0', width: 0, paths: bars({ size: [0.38, 16], align: 1 }), points: { show: false } },
        { label: t('chart.created'), scale: 'n', stroke: C.faint, width: 1.5, dash: [4, 4], points: { show: false } },
        { label: t('chart.win_rate'), scale: 'p', stroke: C.accent, width: 2.5, points: { show: false } },
      ], [
        axis({ scale: 'n', label: t('chart.deals'), values: (u, v) => v.map((x) => fmt.int(x)), size: 50 }),
        axis({ scale: 'p', side: 1, label: t('chart.win_rate'), values: (u, v) => v.map((x) => fmt.pct(x, 0)), grid: { show: false }, size: 50 }),
      ], (i) => {
        const m = monthly[i];
        return html`<b>${fmt.month(m.month)}</b><br>${t('chart.win_rate')}: ${fmt.pct(m.win_rate)}<br>${t('chart.won')}: ${fmt.int(m.won)} · ${fmt.money(m.won_amount)}<br>${t('chart.lost')}: ${fmt.int(m.lost)}<br>${t('chart.created')}: ${fmt.int(m.created)}`;
      }),
    }),
  });

  if (hasCycle) {
    ctx.charts.add(slotOf(root, 'neg-cycle'), {
      legend: [{ label: t('chart.cycle'), color: C.violet }],
      uplot: () => ({
        data: [monthly.map((_, i) => i), monthly.map((m) => m.cycle_days_median)],
        opts: monthOpts(ctx, monthly, 260, [
          { label: t('chart.cycle'), scale: 'n', stroke: C.violet, width: 2.5, points: { show: true, size: 5 } },
        ], [axis({ scale: 'n', label: t('chart.days'), values: (u, v) => v.map((x) => fmt.int(x)) })],
        (i) => html`<b>${fmt.month(monthly[i].month)}</b><br>${t('chart.cycle')}: ${days(monthly[i].cycle_days_median)}`),
      }),
    });
  }

  notePartialMonths(ctx, slotOf(root, 'neg-monthly'), monthly);
  if (hasCycle) notePartialMonths(ctx, slotOf(root, 'neg-cycle'), monthly);

  // Stage flow, team or one rep.
  if (flow) {
    const chart = ctx.charts.add(slotOf(root, 'neg-flow'), { draw: (w) => stageFlowChart(ctx, stageRows(data, ui.flowRep), w) });
    root.querySelector('[data-flow-rep]')?.addEventListener('change', (e) => {
      ui.flowRep = e.target.value || null;
      ctx.charts.draw(chart, true);
    });
  }

  // How far to trust the chances: the deals of 90 days ago against what became of them.
  if (calib) {
    const slot = slotOf(root, 'neg-calibration');
    setHtml(slot, calibrationBody(ctx, data));
    const chartSlot = slot.querySelector('[data-slot=neg-calibration-chart]');
    if (chartSlot) ctx.charts.add(chartSlot, { draw: (w) => calibrationChart(ctx, data.calibration.bins, w) });
  }

  // Open quotes: they stay in the engine's worker (paged-fields.js), which sorts, searches and
  // pages them by the same fields; which optional columns to show comes summed up.
  const asOf = ctx.report.as_of;
  const openList = ctx.pagedList(OPEN);
  const names = pageNames(OPEN, ctx.lang, ctx.customerName, ctx.repName);
  const field = fieldColumn(OPEN, names);
  const carried = (openList && openList.summary && openList.summary.fields) || {};
  const Table = openList ? PagedTable : DataTable;
  new Table({
    id: 'open_deals', t, fmt, state: ui.open, rows: openList ? undefined : [], fetchRows: ctx.listRows, list: OPEN,
    pageSize: ctx.pageSize, exportName: 'open-quotes',
    searchPlaceholder: t('neg.open.search'), sort: { key: 'expected_value', dir: 'desc' }, rowKey: (d) => d.deal_id,
    // The quote a "This week" item opened stays marked (attention.js), its row arriving later.
    rowClass: (d) => [d.expiring_soon ? 'warn-row' : '', d.deal_id === ui.chosen ? 'selected' : ''].filter(Boolean).join(' '),
    onRowClick: (d) => ctx.openQuote(d.deal_id),
    columns: [
      { ...field('deal_id'), label: t('col.deal'), render: (d) => html`<code>${d.deal_id}</code>` },
      { ...field('customer_id'), label: t('col.customer'),
        render: (d) => (d.customer_id ? html`<span class="two"><b>${ctx.customerName(d.customer_id) || d.customer_id}</b>${ctx.customerName(d.customer_id) ? html`<small>${d.customer_id}</small>` : ''}</span>` : '—') },
      { ...field('sales_rep'), label: t('col.rep'), kind: 'rep', name: ctx.repName, cls: 'nowrap', render: (d) => esc(ctx.repName(d.sales_rep)) },
      { ...field('status'), label: t('col.status'), kind: 'dealStatus', render: (d) => dealStatusTag(ctx, d.status) },
      { ...field('amount'), label: t('col.amount'), num: true, render: (d) => fmt.money(d.amount) },
      { ...field('age_days'), label: t('col.age'), num: true, render: (d) => fmt.int(d.age_days) },
      { ...winChanceColumn(ctx), ...field('win_probability') },
      { ...field('expected_value'), label: t('col.expected_value'), num: true, render: (d) => fmt.money(d.expected_value) },
      ...timingColumns(ctx, (k) => !!carried[k]).map((c) => ({ ...c, ...field(c.key) })),
      { ...field('expires_at'), label: t('col.expires_at'), cls: 'nowrap', render: (d) => {
        if (!d.expires_at) return '—';
        const n = daysBetween(asOf, d.expires_at);
        const rel = n < 0 ? html`<span class="tag bad">${t('neg.expired')}</span>` : html`<span class="tag ${d.expiring_soon ? 'warn' : ''}">${n === 0 ? t('unit.today') : t('unit.in_days', { n: fmt.int(n) })}</span>`;
        return html`${fmt.dateShort(d.expires_at)} ${rel}`;
      } },
    ],
  }).mount(slotOf(root, 'neg-open'));
}
