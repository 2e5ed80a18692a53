// The sales team's forward-looking parts: pipeline velocity (its four factors and the revenue
// per day, against the previous period of the same length) and the slipping deals (expiry
// passed, still open). Each part hides when the report
// lacks its fields (older engines).
import { daysBetween } from '../format.js';
import { html } from '../html.js';
import { DataTable } from '../table.js';
import { dealStatusTag } from './common.js';
import { dealStatusLabel } from '../status-labels.js';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

// The factors in the formula's order; for the cycle, fewer days is the better direction.
const FACTORS = [
  { key: 'open_qualified', fmt: (f, v) => f.int(v) },
  { key: 'win_rate', fmt: (f, v) => f.pct(v, 0) },
  { key: 'avg_deal_size', fmt: (f, v) => f.moneyShort(v) },
  { key: 'cycle_days_median', fmt: (f, v) => f.num(v, v % 1 ? 1 : 0), lowerIsBetter: true },
  { key: 'revenue_per_day', fmt: (f, v) => f.moneyShort(v) },
];

export function hasVelocity(data) {
  return !!(data.velocity && data.velocity.team && data.velocity.team.current);
}

/** "▲ +12%" (green when better) against the previous value; "" when either is unknown. */
export function delta(ctx, now, before, lowerIsBetter) {
  if (!isNum(now) || !isNum(before)) return '';
  if (now === before) return html`<span class="muted" data-delta="0" title="${ctx.t('team.vel.same')}">=</span>`;
  const up = now > before;
  const good = up !== !!lowerIsBetter;
  const rel = before !== 0 ? ctx.fmt.pctSigned((now - before) / Math.abs(before)) : ctx.t('team.vel.from_zero');
  return html`<span class="${good ? 'pos' : 'neg'}" data-delta="${up ? 1 : -1}">${up ? '▲' : '▼'} ${rel}</span>`;
}

/** The team's velocity: one stat per factor, the previous value and the change under it. */
export function velocityBody(ctx, data) {
  const { t, fmt } = ctx;
  const v = data.velocity;
  const cur = v.team.current || {}, prev = v.team.previous || {};
  const hasPrev = FACTORS.some((f) => isNum(prev[f.key]) && (f.key !== 'open_qualified' || prev[f.key] > 0));
  const stats = FACTORS.map((f) => html`<div class="stat" data-factor="${f.key}" title="${t('team.vel.' + f.key + '.help')}">
      <span>${t('team.vel.' + f.key)}</span><b data-value>${f.fmt(fmt, cur[f.key])}</b>
      ${hasPrev ? html`<small class="muted">${t('team.vel.before', { v: f.fmt(fmt, prev[f.key]) })} ${delta(ctx, cur[f.key], prev[f.key], f.lowerIsBetter)}</small>` : ''}
    </div>`);
  const period = v.previous_from && v.previous_to ? t('team.vel.previous', { from: fmt.date(v.previous_from), to: fmt.date(v.previous_to) }) : '';
  return html`<p class="hint">${t('team.vel.formula')}</p>
    <div class="stats" data-velocity>${stats}</div>
    <p class="note" style="margin-top:8px">${hasPrev ? period : t('team.vel.no_previous')}</p>
    ${(data.reps || []).some((r) => r.velocity && r.velocity.current) ? html`<div data-slot="team-velocity-reps"></div>` : ''}`;
}

/** Per rep: the four factors and the revenue per day, with its change against before. */
export function velocityTable(ctx, data, el, state) {
  if (!el) return null;
  const { t, fmt } = ctx;
  const rows = (data.reps || []).filter((r) => r.velocity && r.velocity.current);
  const cur = (r, k) => r.velocity.current[k];
  const prev = (r, k) => (r.velocity.previous ? r.velocity.previous[k] : null);
  return new DataTable({
    id: 'velocity', t, fmt, state, rows, pageSize: 50, searchable: false, exportName: 'pipeline-velocity',
    sort: { key: 'revenue_per_day', dir: 'desc' }, rowKey: (r) => r.sales_rep,
    columns: [
      { key: 'rep', label: t('col.rep'), cls: 'nowrap', value: (r) => r.rep_name || r.sales_rep, render: (r) => r.rep_name || r.sales_rep },
      ...FACTORS.map((f) => ({ key: f.key, label: t('team.vel.' + f.key), title: t('team.vel.' + f.key + '.help'), num: true, cls: 'nowrap',
        value: (r) => cur(r, f.key), render: (r) => html`${f.fmt(fmt, cur(r, f.key))} ${delta(ctx, cur(r, f.key), prev(r, f.key), f.lowerIsBetter)}` })),
      ...FACTORS.map((f) => ({ key: 'previous_' + f.key, label: t('team.vel.before', { v: t('team.vel.' + f.key) }), hidden: true, value: (r) => prev(r, f.key) })),
    ],
  }).mount(el);
}

/** Per-rep columns of the reps table: expected wins in 30 days and slipping deals. */
export function repColumns(ctx, reps) {
  const { t, fmt } = ctx;
  const has = (k) => reps.some((r) => r[k] !== undefined);
  const out = [];
  if (has('expected_won_next_30d')) {
    out.push({ key: 'expected_won_next_30d', label: t('col.expected_30d'), title: t('col.expected_30d.help'), num: true,
      value: (r) => r.expected_won_next_30d, render: (r) => fmt.money(r.expected_won_next_30d) });
  }
  if (has('slipping')) {
    out.push({ key: 'slipping', label: t('col.slipping'), title: t('col.slipping.help'), num: true,
      value: (r) => r.slipping, render: (r) => (r.slipping ? html`<span class="neg">${fmt.int(r.slipping)}</span>` : fmt.int(r.slipping)) });
  }
  return out;
}

export function hasSlipping(data) {
  return Array.isArray(data.slipping);
}

/** The slipping deals, most days past first; follows the selected rep like the other lists. */
export function slippingTable(ctx, data, el, { state, repChip, onChip, selectedRep }) {
  const { t, fmt } = ctx;
  // The slipping deals name no customer: the open list's summary pairs them (the open deals
  // stay in the engine's worker, paged-summaries.js).
  const open = ctx.pagedList('negotiations.open');
  const customerOf = new Map((open && open.summary && open.summary.slipping_customers) || []);
  const asOf = ctx.report.as_of;
  return new DataTable({
    id: 'slipping', t, fmt, state, rows: data.slipping, pageSize: 10, exportName: 'slipping-deals', empty: t('team.slipping.none'),
    searchPlaceholder: t('neg.open.search'), sort: { key: 'days_past', dir: 'desc' }, rowKey: (d) => d.deal_id,
    filter: (d) => !selectedRep() || d.sales_rep === selectedRep(), chips: repChip, onChip,
    onRowClick: (d) => ctx.openQuote(d.deal_id),
    columns: [
      { key: 'deal_id', label: t('col.deal'), value: (d) => d.deal_id, render: (d) => html`<code>${d.deal_id}</code>` },
      { key: 'customer_id', label: t('col.customer'), value: (d) => customerOf.get(d.deal_id) || null,
        render: (d) => { const c = customerOf.get(d.deal_id); return c ? ctx.customerName(c) || c : '—'; } },
      { key: 'sales_rep', label: t('col.rep'), kind: 'rep', name: ctx.repName, cls: 'nowrap', value: (d) => d.sales_rep, render: (d) => ctx.repName(d.sales_rep) },
      { key: 'status', label: t('col.status'), kind: 'dealStatus', value: (d) => d.status, render: (d) => dealStatusTag(ctx, d.status), searchText: (d) => dealStatusLabel(ctx.lang, d.status) },
      { key: 'amount', label: t('col.amount'), num: true, value: (d) => d.amount, render: (d) => fmt.money(d.amount) },
      { key: 'expires_at', label: t('col.expires_at'), cls: 'nowrap', value: (d) => d.expires_at, render: (d) => fmt.dateShort(d.expires_at) },
      { key: 'days_past', label: t('col.days_past'), num: true, cls: 'nowrap', value: (d) => d.days_past ?? (d.expires_at ? daysBetween(d.expires_at, asOf) : null),
        render: (d) => html`<span class="tag bad">${t.n('n.days', d.days_past, fmt.int(d.days_past))}</span>` },
    ],
  }).mount(el);
}
