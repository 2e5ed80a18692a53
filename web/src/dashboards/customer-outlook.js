// The forward-looking part of the customers dashboard: the chance of an order in the next H
// days, the revenue at risk, shrinking customers and the reasons a customer is flagged, said
// in words. Every part hides itself when the report does not carry its fields (an engine
// without a fitted return model, or an older one).
import { html } from '../html.js';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

/** H, the forecast horizon in days (setting horizon_days; 90 by default). */
export function horizonDays(data) {
  const s = data.summary || {};
  return s.horizon_days ?? (data.model && data.model.horizon_days) ?? 90;
}

const daysN = (ctx, n) => ctx.t.n('n.days', n, ctx.fmt.num(n, n % 1 ? 1 : 0));
const daysGen = (ctx, n) => ctx.t.n('n.days_gen', n, ctx.fmt.num(n, n % 1 ? 1 : 0));

/** A chance as a whole percentage; above 99.5% and below 0.5% as ">99%" and "<1%", so that a
 *  customer with some revenue at risk never reads "100%". */
export function chanceText(fmt, p) {
  if (!isNum(p)) return fmt.pct(p);
  if (p >= 0.995 && p < 1) return '>' + fmt.pct(0.99, 0);
  if (p > 0 && p < 0.005) return '<' + fmt.pct(0.01, 0);
  return fmt.pct(p, 0);
}


/** The tile: total revenue at risk, with the expected revenue of the next H days under it. */
export function atRiskTile(ctx, data, tile) {
  const s = data.summary || {};
  if (!isNum(s.revenue_at_risk)) return null;
  const { t, fmt } = ctx;
  const H = horizonDays(data);
  const sub = isNum(s.expected_revenue_next) ? t('cust.at_risk.sub', { days: daysN(ctx, H), value: fmt.moneyShort(s.expected_revenue_next) }) : '';
  return tile('revenue_at_risk', t('cust.at_risk'), fmt.moneyShort(s.revenue_at_risk), sub, s.revenue_at_risk > 0 ? 'warn' : '',
    t('cust.at_risk.help', { days: daysN(ctx, H) }));
}

/** The table's two new columns, or none without chances (hasChances: the engine gave
 *  per-customer chances, a return model was fitted; paged-summaries.js). */
export function chanceColumns(ctx, data, hasChances) {
  if (!hasChances) return [];
  const { t, fmt } = ctx;
  const H = daysN(ctx, horizonDays(data));
  return [
    { key: 'p_order_next', label: t('col.p_order_next'), title: t('col.p_order_next.help', { days: H }), num: true,
      value: (r) => r.p_order_next, render: (r) => chanceText(fmt, r.p_order_next) },
    { key: 'revenue_at_risk', label: t('col.revenue_at_risk'), title: t('col.revenue_at_risk.help', { days: H }), num: true,
      value: (r) => r.revenue_at_risk, render: (r) => fmt.money(r.revenue_at_risk) },
  ];
}

/** A small badge for a shrinking customer: "−42% order size", with the figures on hover. */
export function shrinkTag(ctx, r) {
  if (!r.shrinking || !isNum(r.order_value_drop)) return '';
  const { t, fmt } = ctx;
  return html` <span class="tag warn" data-shrinking title="${t('cust.shrink.help', { recent: fmt.money(r.recent_order_value), usual: fmt.money(r.usual_order_value) })}">${t('cust.shrink', { drop: fmt.pct(r.order_value_drop, 0) })}</span>`;
}

/** Why the customer is flagged, as sentences: rhythm, chance and risk, seasonality, shrinking. */
export function reasons(ctx, r, data) {
  const { t, fmt } = ctx;
  const out = [];
  const since = isNum(r.days_since_last_order) ? daysN(ctx, r.days_since_last_order) : '—';
  if (isNum(r.median_interval_days) && r.median_interval_days > 0) out.push(t('cust.why.rhythm', { interval: daysN(ctx, r.median_interval_days), since }));
  else out.push(t('cust.why.no_rhythm', { since }));
  if (r.status_basis === 'activity' && isNum(r.p_active)) out.push(t('cust.why.activity', { p: chanceText(fmt, r.p_active) }));
  if (isNum(r.p_order_next)) {
    const H = horizonDays(data);
    // English reads "the next 90 days"; Russian "в течение 90 дней" wants the genitive.
    const days = ctx.lang === 'ru' ? daysGen(ctx, H) : daysN(ctx, H);
    out.push(isNum(r.revenue_at_risk) && r.revenue_at_risk > 0
      ? t('cust.why.chance_risk', { p: chanceText(fmt, r.p_order_next), days, risk: fmt.money(r.revenue_at_risk) })
      : t('cust.why.chance', { p: chanceText(fmt, r.p_order_next), days }));
  }
  if (r.seasonal_pause === true || r.seasonal_pause === false) {
    const ev = r.seasonal_evidence || {};
    const own = ev.customer_history_covers !== false;
    const key = `cust.why.seasonal_${own ? '' : 'cat_'}${r.seasonal_pause ? 'yes' : 'no'}`;
    out.push(t(key, { from: fmt.date(ev.year_ago_from), to: fmt.date(ev.year_ago_to) }));
  }
  if (r.shrinking && isNum(r.order_value_drop)) {
    out.push(t('cust.why.shrinking', { recent: fmt.money(r.recent_order_value), usual: fmt.money(r.usual_order_value), drop: fmt.pct(r.order_value_drop, 0) }));
  }
  return out;
}

/** The detail's forward-looking figures as [label, value] pairs (none without a model). */
export function outlookStats(ctx, r, data) {
  const { t, fmt } = ctx;
  if (!isNum(r.p_order_next)) return [];
  return [
    [t('cust.p_order_next', { days: daysN(ctx, horizonDays(data)) }), chanceText(fmt, r.p_order_next)],
    [t('cust.p_active'), chanceText(fmt, r.p_active)],
    [t('cust.at_risk'), fmt.money(r.revenue_at_risk)],
  ];
}

/** The model's name as its papers write it: bg_nbd, mbg_cnbd_k (or mbg_cnbd_3, k in the name). */
function modelName(m) {
  const name = String(m.name || '');
  if (name === 'bg_nbd') return 'BG/NBD (Fader, Hardie & Lee, 2005)';
  const k = /^mbg_cnbd_(\d+|k)$/.exec(name);
  if (k) return `MBG/CNBD-${m.k ?? k[1]} (Platzer & Reutterer, 2016)`;
  return name;
}

/** "How is this computed?": the fitted model with its parameters, the rule for revenue at risk
 *  and where the backtest is. Empty without a model. */
export function howNote(ctx, data) {
  const m = data.model;
  if (!m || typeof m !== 'object') return '';
  const { t, fmt } = ctx;
  const g = (v) => (isNum(v) ? fmt.num(v, Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 1 ? 2 : 3) : '—');
  const params = [['r', m.r], ['α', m.alpha], ['a', m.a], ['b', m.b]].filter(([, v]) => v !== undefined).map(([k, v]) => `${k} = ${g(v)}`).join(', ');
  const H = daysN(ctx, horizonDays(data));
  const customers = isNum(m.customers) ? t.n('n.customers_gen', m.customers, fmt.int(m.customers)) : '—';
  return html`<details class="how" data-how>
    <summary>${t('cust.how')}</summary>
    <p>${t('cust.how.model', { model: modelName(m), customers, params, ll: fmt.num(m.log_likelihood, 1) })}</p>
    <p>${t('cust.how.risk', { days: H })}</p>
    <p>${t('cust.how.backtest')}</p>
  </details>`;
}
