// Customer profiles: how each customer company is doing and who is late against their rhythm.
import { esc, parseDay, daysBetween } from '../format.js';
import { html, setHtml } from '../html.js';
import { PagedTable } from '../paged-table.js';
import { fieldColumn } from '../paged-fields.js';
import { pageNames } from '../paged-words.js';
import { STALE } from '../session.js';
import { C, STATUS_COLORS } from '../charts/palette.js';
import { baseOpts, axis, bars, tooltipPlugin } from '../charts/uplot-options.js';
import { hbars } from '../charts/bars.js';
import { rfmGrid } from '../charts/rfm-grid.js';
import { timeline } from '../charts/timeline.js';
import { header, tiles, tile, card, unavailable, statusBadge, slotOf } from './common.js';
import { isUnavailable } from '../util.js';
import { atRiskTile, chanceColumns, shrinkTag, reasons, outlookStats, howNote } from './customer-outlook.js';
import { cohortToggle, renderCohorts } from './cohort-grid.js';
import { comparisonLine } from './comparison.js';
import { partialMonthsPlugin, partialTip, notePartialMonths } from './partial-months.js';
import { reveal } from '../sticky-offset.js';

const STATUSES = ['on_track', 'due', 'overdue', 'lapsed', 'unknown'];
// The customers stay in the engine's worker (paged-fields.js): the table asks for its pages,
// the detail for its customer; the counts below come summed up (paged-summaries.js).
const LIST = 'customers.rows';
const NO_SUMMARY = { rfm: Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]), shrinking: 0, first: null, has_chances: false };

export function renderCustomers(ctx, root) {
  const { t, fmt } = ctx;
  const data = ctx.report.customers;
  if (isUnavailable(data)) {
    setHtml(root, html`${header(ctx, 'cust')}${unavailable(ctx, 'customers', data && data.unavailable)}`);
    return;
  }
  const ui = ctx.ui.customers;
  const s = data.summary;
  const list = ctx.pagedList(LIST);
  const sum = (list && list.summary) || NO_SUMMARY;
  const sc = s.status_counts || {};
  const late = (sc.overdue || 0) + (sc.lapsed || 0);
  const total = list ? list.total : 0;
  const known = total || 1;
  const shrinking = sum.shrinking;

  setHtml(root, html`${header(ctx, 'cust')}${tiles([
    tile('customers', t('cust.customers'), fmt.int(s.customers), t('cust.customers.sub', { repeat: fmt.int(s.repeat_customers) }), '', '', comparisonLine(ctx, 'customers', s.customers)),
    tile('revenue', t('cust.revenue'), fmt.moneyShort(s.revenue), t('cust.revenue.sub', { orders: fmt.int(s.orders) }), '', '', comparisonLine(ctx, 'revenue', s.revenue)),
    tile('aov', t('cust.aov'), fmt.money(s.aov), s.margin_pct !== null && s.margin_pct !== undefined ? t('cust.aov.sub', { margin: fmt.pct(s.margin_pct) }) : '', '', '', comparisonLine(ctx, 'aov', s.aov)),
    tile('repeat_rate', t('cust.repeat_rate'), fmt.pct(s.repeat_rate), t('cust.repeat_rate.sub'), '', '', comparisonLine(ctx, 'repeat_rate', s.repeat_rate)),
    tile('overdue', t('cust.overdue'), fmt.int(late), t('cust.overdue.sub', { share: fmt.pct(late / known) }), late ? 'warn' : ''),
    atRiskTile(ctx, data, tile),
  ].filter(Boolean))}${howNote(ctx, data)}${s.unattributed_revenue ? html`<p class="note">${t('cust.unattributed', { value: fmt.money(s.unattributed_revenue) })}</p>` : ''}
  <div class="grid">
    <div class="span-8">${card(ctx, { slot: 'cust-monthly', title: t('cust.monthly'), chart: true })}</div>
    <div class="span-4">${card(ctx, { slot: 'cust-status', title: t('cust.by_status'), hint: t('cust.by_status.hint'), chart: true })}</div>
    <div class="span-4">${card(ctx, { slot: 'cust-rfm', title: t('cust.rfm'), hint: t('cust.rfm.hint'), chart: true })}</div>
    <div class="span-8">${card(ctx, { slot: 'cust-detail', title: t('cust.detail'), cls: 'detail-card' })}</div>
    <div class="span-12">${card(ctx, { slot: 'cust-table', title: t('cust.table') })}</div>
    ${data.cohorts ? html`<div class="span-12">${card(ctx, { slot: 'cust-cohorts', title: t('cust.cohorts'), hint: t('cust.cohorts.hint'), extra: cohortToggle(ctx) })}</div>` : ''}
  </div>`);

  // Monthly revenue (bars) and orders (line).
  const monthly = data.monthly || [];
  const unit = fmt.currency ? ` (${fmt.currency})` : '';
  ctx.charts.add(slotOf(root, 'cust-monthly'), {
    legend: [{ label: t('chart.revenue') + unit, color: C.accent }, { label: t('chart.orders'), color: C.teal }],
    uplot: (w) => ({
      data: [monthly.map((_, i) => i), monthly.map((m) => m.revenue), monthly.map((m) => m.orders)],
      opts: monthOpts(ctx, monthly, 260, [
        { label: t('chart.revenue'), scale: 'y', stroke: C.accent, fill: C.accent + 'cc', width: 0, paths: bars({ size: [0.7, 28] }), points: { show: false } },
        { label: t('chart.orders'), scale: 'n', stroke: C.teal, width: 2, points: { show: false } },
      ], [
        axis({ scale: 'y', label: t('chart.revenue') + unit, values: (u, v) => v.map((x) => fmt.axisMoney(x)), size: 60 }),
        axis({ scale: 'n', side: 1, label: t('chart.orders'), values: (u, v) => v.map((x) => fmt.int(x)), grid: { show: false }, size: 50 }),
      ], (i) => html`<b>${fmt.month(monthly[i].month)}</b><br>${t('chart.revenue')}: ${fmt.money(monthly[i].revenue)}<br>${t('chart.orders')}: ${fmt.int(monthly[i].orders)}<br>${t('chart.customers')}: ${fmt.int(monthly[i].active_customers)}`, w),
    }),
  });

  notePartialMonths(ctx, slotOf(root, 'cust-monthly'), monthly);

  // Customers by status.
  const statusEl = slotOf(root, 'cust-status');
  ctx.charts.add(statusEl, {
    draw: (w) => hbars(w, STATUSES.map((k) => ({
      key: k, label: t('status.' + k), value: sc[k] || 0, color: STATUS_COLORS[k],
      display: `${fmt.int(sc[k] || 0)} · ${fmt.pct((sc[k] || 0) / known, 0)}`,
    })), { label: t('cust.by_status'), rowH: 34, labelW: Math.min(110, w * 0.34) }),
  });
  statusEl.addEventListener('click', (e) => {
    const g = e.target.closest('[data-key]');
    if (!g) return;
    ui.status = ui.status === g.dataset.key ? null : g.dataset.key;
    ui.rfm = null;
    table.refresh();
    root.querySelector('[data-card="cust-table"]').scrollIntoView({ block: 'start', behavior: 'smooth' });
  });

  // RFM grid.
  const counts = sum.rfm;
  const rfmEl = slotOf(root, 'cust-rfm');
  const rfmChart = ctx.charts.add(rfmEl, {
    draw: (w) => rfmGrid(w, counts, { label: t('cust.rfm'), rLabel: t('cust.rfm.r'), fLabel: t('cust.rfm.f'), selected: ui.rfm, fmt: fmt.int }),
  });
  rfmEl.addEventListener('click', (e) => {
    const g = e.target.closest('[data-key]');
    if (!g) return;
    ui.rfm = ui.rfm === g.dataset.key ? null : g.dataset.key;
    ui.status = null;
    ctx.charts.draw(rfmChart, true);
    table.refresh();
  });

  // The table: sorted and searched by the fields the worker sorts them by (paged-fields.js).
  const names = pageNames(LIST, ctx.lang, ctx.customerName, ctx.repName);
  const field = fieldColumn(LIST, names);
  const table = new PagedTable({
    id: 'customers', t, fmt, state: ui.table, pageSize: ctx.pageSize, fetchRows: ctx.listRows, list: LIST, total,
    exportName: 'customers', searchPlaceholder: t('cust.search'),
    sort: { key: 'revenue', dir: 'desc' },
    rowKey: (r) => r.customer_id,
    rowClass: (r) => (r.customer_id === ui.selected ? 'selected' : ''),
    onRowClick: (r) => {
      ctx.remember(() => (ui.selected = r.customer_id));
      renderDetail(ctx, root, table, sum.first);
      table.update();
      reveal(root.querySelector('[data-card="cust-detail"]'));
    },
    where: () => ({ ...(ui.status && { status: ui.status }), ...(ui.rfm && { rfm_rf: ui.rfm }), ...(ui.shrinking && { shrinking: true }) }),
    chips: () => [
      { key: '', label: t('cust.filter.all'), active: !ui.status && !ui.rfm && !ui.shrinking },
      ...STATUSES.filter((k) => sc[k]).map((k) => ({ key: k, label: t('status.' + k), count: fmt.int(sc[k]), active: ui.status === k, dot: STATUS_COLORS[k] })),
      ...(shrinking ? [{ key: 'shrinking', label: t('cust.filter.shrinking'), count: fmt.int(shrinking), active: !!ui.shrinking }] : []),
      ...(ui.rfm ? [{ key: 'rfm:' + ui.rfm, label: t('cust.filter.rfm', { r: ui.rfm[0], f: ui.rfm[2] }), active: true }] : []),
    ],
    onChip: (key) => {
      if (key.startsWith('rfm:')) ui.rfm = null;
      else if (key === 'shrinking') ui.shrinking = !ui.shrinking;
      else {
        if (!key) ui.shrinking = false;
        ui.status = key && ui.status !== key ? key : null;
        ui.rfm = null;
      }
      ctx.charts.draw(rfmChart, true);
    },
    columns: [
      { ...field('customer'), label: t('col.customer'),
        render: (r) => html`<span class="two"><b>${r.customer_name || r.customer_id}</b>${r.customer_name ? html`<small>${r.customer_id}</small>` : ''}</span>`, csv: (r) => r.customer_name },
      { ...field('customer_id'), label: t('col.customer_id'), hidden: true },
      { ...field('catalog'), label: t('col.catalog') },
      { ...field('sales_rep'), label: t('col.sales_rep'), kind: 'rep', name: ctx.repName, cls: 'nowrap', render: (r) => esc(ctx.repName(r.sales_rep)) },
      { ...field('status'), label: t('col.status'), kind: 'customerStatus', render: (r) => html`${statusBadge(ctx, r.status)}${shrinkTag(ctx, r)}` },
      ...chanceColumns(ctx, data, sum.has_chances),
      { ...field('orders'), label: t('col.orders'), num: true, render: (r) => fmt.int(r.orders) },
      { ...field('revenue'), label: t('col.revenue'), num: true, render: (r) => fmt.money(r.revenue) },
      { ...field('aov'), label: t('col.aov'), num: true, cls: 'no-print', render: (r) => fmt.money(r.aov) },
      { ...field('margin_pct'), label: t('col.margin_pct'), num: true, cls: 'no-print', render: (r) => fmt.pct(r.margin_pct) },
      { ...field('last_order'), label: t('col.last_order'), render: (r) => fmt.dateShort(r.last_order), cls: 'nowrap' },
      { ...field('days_since_last_order'), label: t('col.days_since'), num: true, render: (r) => fmt.int(r.days_since_last_order) },
      { ...field('median_interval_days'), label: t('col.interval'), num: true, render: (r) => (r.median_interval_days === null ? '—' : t('unit.days', { n: fmt.num(r.median_interval_days, r.median_interval_days % 1 ? 1 : 0) })) },
      { ...field('expected_next_order'), label: t('col.expected_next'), render: (r) => fmt.dateShort(r.expected_next_order), cls: 'nowrap' },
      { ...field('overdue_ratio'), label: t('col.overdue_ratio'), num: true, render: (r) => fmt.num2(r.overdue_ratio) },
      // AOV, margin and RFM are in the customer's detail: printed on A4 they leave the room to the follow-up columns.
      { ...field('rfm'), label: t('col.rfm'), cls: 'no-print', render: (r) => (r.rfm ? html`<code>${r.rfm}</code>` : '—') },
    ],
  }).mount(slotOf(root, 'cust-table'));

  // Start with the biggest customer that is late, else the biggest one (the worker's pick); a
  // chosen customer this report does not have falls back to it when its row is asked for.
  if (!ui.selected && sum.first) {
    ui.selected = sum.first;
    table.update();
  }
  renderDetail(ctx, root, table, sum.first);

  if (data.cohorts) {
    const slot = slotOf(root, 'cust-cohorts');
    renderCohorts(ctx, slot, data.cohorts);
    root.querySelector('[data-role=cohort-mode]').addEventListener('click', (e) => {
      const b = e.target.closest('[data-mode]');
      if (!b) return;
      ui.cohortMode = b.dataset.mode;
      for (const x of e.currentTarget.children) x.setAttribute('aria-pressed', String(x === b));
      renderCohorts(ctx, slot, data.cohorts);
    });
  }
}

/** The x axis and cursor for monthly charts: one slot per month, labelled 'Mar 2025'. */
export function monthOpts(ctx, monthly, height, series, axes, tip, width = 800) {
  const n = monthly.length;
  // At most 8 labels, and one per ~64 px of a narrow chart (a phone), so that they do not overlap.
  const step = Math.max(1, Math.ceil(n / Math.min(8, Math.max(2, Math.floor((width - 110) / 64)))));
  return {
    ...baseOpts(height),
    scales: { x: { time: false, range: () => [-0.6, n - 0.4] }, y: { range: (u, lo, hi) => [Math.min(0, lo), hi > 0 ? hi * 1.08 : 1] }, n: { range: (u, lo, hi) => [0, hi > 0 ? hi * 1.1 : 1] }, p: { range: () => [0, 1] } },
    series: [{ label: ctx.t('chart.month') }, ...series],
    axes: [
      axis({ scale: 'x', size: 36, grid: { show: false }, splits: () => monthly.map((_, i) => i).filter((i) => i % step === 0),
        // The year under the first tick and under every tick that starts a new year.
        values: (u, splits) => {
          let year = null;
          return splits.map((i) => {
            const m = monthly[i] && monthly[i].month;
            if (!m) return '';
            const d = parseDay(m + '-01');
            const y = m.slice(0, 4);
            const label = y !== year ? ctx.fmt.monthShort(d) + '\n' + ctx.fmt.year(d) : ctx.fmt.monthShort(d);
            year = y;
            return label;
          });
        } }),
      ...axes,
    ],
    plugins: [tooltipPlugin((u, i) => (monthly[i] ? partialTip(ctx, monthly, tip)(i) : null)), partialMonthsPlugin(monthly)],
  };
}

/** The chosen customer's detail: its row is asked of the worker; a customer this report does
 *  not have gives way to `first` (the table redraws its selected row). */
function renderDetail(ctx, root, table, first) {
  const ui = ctx.ui.customers;
  const slot = slotOf(root, 'cust-detail');
  const id = ui.selected;
  const asked = String((Number(slot.dataset.asked) || 0) + 1);
  slot.dataset.asked = asked;
  slot.dataset.detailReady = '';
  const fetched = id === null || id === undefined || !ctx.pagedList(LIST)
    ? Promise.resolve(null)
    : ctx.listRows({ list: LIST, where: { customer_id: id }, offset: 0, limit: 1 }).then((a) => (a === STALE ? STALE : a.rows[0] || null));
  fetched.then((r) => {
    if (r === STALE || slot.dataset.asked !== asked || !slot.isConnected) return; // a newer report or choice draws it
    if (!r && first && id !== first) {
      ui.selected = first;
      table.update();
      return renderDetail(ctx, root, table, null);
    }
    drawDetail(ctx, slot, r);
    slot.dataset.detailReady = asked;
  }, (err) => console.error(err));
}

function drawDetail(ctx, slot, r) {
  const { t, fmt } = ctx;
  ctx.charts.removeWithin(slot);
  if (!r) {
    setHtml(slot, html`<p class="muted">—</p>`);
    return;
  }
  const asOf = ctx.report.as_of;
  const late = r.expected_next_order && asOf > r.expected_next_order ? daysBetween(r.expected_next_order, asOf) : 0;
  const days = (n) => (n === null || n === undefined ? '—' : t('unit.days_long', { n: fmt.num(n, n % 1 ? 1 : 0) }));
  const stat = (label, value, tone) => html`<div class="stat ${tone ? 'tone-' + tone : ''}"><span>${label}</span><b>${value}</b></div>`;
  const rfm = r.rfm ? t('cust.rfm_scores', { r: r.rfm[0], f: r.rfm[1], m: r.rfm[2] }) : '';
  setHtml(slot, html`
    <div class="detail-head" data-customer="${r.customer_id}">
      <div><h4>${r.customer_name || r.customer_id}</h4>
        <p class="muted">${[r.customer_name ? r.customer_id : null, r.catalog, r.sales_rep ? ctx.repName(r.sales_rep) : null].filter(Boolean).join(' · ')}</p></div>
      <div class="detail-actions">${statusBadge(ctx, r.status)}
        <button type="button" class="btn btn-ghost btn-sm" data-action="filter-customer" data-id="${r.customer_id}">${t('action.filter_customer')}</button></div>
    </div>
    <p class="rhythm" data-why>${reasons(ctx, r, ctx.report.customers).join(' ')}</p>
    <div class="chart-slot timeline" data-slot="cust-timeline"></div>
    <div class="stats">
      ${stat(t('cust.first_order'), fmt.date(r.first_order))}
      ${stat(t('cust.last_order'), fmt.date(r.last_order))}
      ${stat(t('cust.usual_interval'), days(r.median_interval_days))}
      ${stat(t('cust.expected_next'), fmt.date(r.expected_next_order))}
      ${stat(t('cust.days_since'), fmt.int(r.days_since_last_order))}
      ${stat(t('cust.days_late'), r.expected_next_order ? (late ? fmt.int(late) : t('cust.not_late')) : '—', late ? (r.status === 'due' ? 'warn' : 'bad') : '')}
      ${stat(t('col.orders'), fmt.int(r.orders))}
      ${stat(t('col.revenue'), fmt.money(r.revenue))}
      ${stat(t('col.aov'), fmt.money(r.aov))}
      ${stat(t('col.margin_pct'), fmt.pct(r.margin_pct))}
      ${outlookStats(ctx, r, ctx.report.customers).map(([k, v]) => stat(k, v))}
    </div>
    ${rfm ? html`<p class="muted small">${rfm}</p>` : ''}`);
  if (r.first_order && r.last_order) {
    const day = (s) => Math.round(parseDay(s) / 86400000);
    ctx.charts.add(slotOf(slot, 'cust-timeline'), {
      draw: (w) => timeline(w, {
        first: day(r.first_order), last: day(r.last_order), asOf: day(asOf),
        next: r.expected_next_order ? day(r.expected_next_order) : null, interval: r.median_interval_days || 0,
      }, {
        title: t('cust.timeline'), first: t('cust.first_order'), firstDate: fmt.date(r.first_order),
        last: t('cust.last_order'), lastDate: fmt.date(r.last_order), next: t('cust.expected_next'),
        nextDate: fmt.date(r.expected_next_order), asOf: t('cust.today'), asOfDate: fmt.date(asOf),
      }),
    });
  }
}
