// Building blocks the four dashboards share: header, KPI tiles, cards, badges, empty states.
import { wordMessage } from '../engine-messages.js';
import { html } from '../html.js';
import { icon } from '../table.js';
import { STATUS_COLORS, OUTCOME_COLORS, CLASS_COLORS } from '../charts/palette.js';
import { customerStatusLabel, customerStatusDefinition, dealStatusLabel, dealStatusDefinition } from '../status-labels.js';

export function header(ctx, key) {
  return html`<header class="dash-head"><div><h2>${ctx.t(key + '.title')}</h2><p class="question">${ctx.t(key + '.question')}</p></div>
    <p class="scope">${scopeText(ctx)}</p></header>`;
}

export function scopeText(ctx) {
  const r = ctx.report;
  const f = ctx.fmt;
  const parts = [];
  if (r.period) parts.push(`${f.date(r.period.from)} – ${f.date(r.period.to)}`);
  if (r.as_of) parts.push(`${ctx.t('filter.as_of')} ${f.date(r.as_of)}`);
  const fl = r.filters || {};
  if (fl.catalog) parts.push(`${ctx.t('filter.catalog')}: ${fl.catalog}`);
  if (fl.sales_rep) parts.push(`${ctx.t('filter.sales_rep')}: ${ctx.repName(fl.sales_rep)}`);
  if (fl.customer) parts.push(`${ctx.t('filter.customer')}: ${fl.customer}`);
  return parts.join(' · ');
}

/** A KPI tile. kpi: stable id for tests and portals (data-kpi); help: its definition, shown on
 *  hover and to keyboard and screen-reader users (the tile then takes focus); compared: its
 *  change against earlier periods (comparison.js). */
export function tile(kpi, label, value, sub, tone, help, compared) {
  return html`<div class="tile ${tone ? 'tone-' + tone : ''}" data-kpi="${kpi}"${help ? html` title="${help}" tabindex="0"` : ''}>
    <div class="tile-label">${label}</div>
    <div class="tile-value">${value}</div>
    ${sub ? html`<div class="tile-sub">${sub}</div>` : ''}
    ${compared || ''}
  </div>`;
}

export function tiles(list) {
  return html`<section class="tiles">${list}</section>`;
}

/** A card with a title, optional hint and a slot (data-slot) the dashboard fills. */
export function card(ctx, { slot, title, hint, chart = false, cls = '', extra = '' }) {
  return html`<section class="card ${cls}" data-card="${slot}">
    <div class="card-head"><h3>${title}</h3>${extra}
      ${chart ? html`<button type="button" class="btn btn-ghost btn-sm" data-png="${slot}" title="${ctx.t('export.png')}">${icon('image')} ${ctx.t('action.png')}</button>` : ''}
    </div>
    ${hint ? html`<p class="hint">${hint}</p>` : ''}
    <div class="${chart ? 'chart-slot' : 'slot'}" data-slot="${slot}"></div>
  </section>`;
}

/** Why a dashboard is empty, in the page's language: the report's section carries the engine's
 *  code and params beside its English `unavailable` text. */
function unavailableReason(ctx, key, reason) {
  const section = ctx.report && ctx.report[key];
  if (!section || !section.code || section.unavailable !== reason) return reason;
  return wordMessage(ctx.t, ctx.fmt, { code: section.code, params: section.params, text: reason });
}

export function unavailable(ctx, key, reason) {
  return html`<div class="unavailable" data-unavailable="${key}">
    <div class="unavailable-icon">${icon('chart')}</div>
    <h3>${ctx.t('unavailable.title')}</h3>
    <p>${ctx.t('unavailable.' + key)}</p>
    ${reason ? html`<p class="reason">${ctx.t('unavailable.reason', { reason: unavailableReason(ctx, key, reason) })}</p>` : ''}
    <div class="row-actions">
      <button type="button" class="btn" data-action="open-data">${ctx.t('action.open_data')}</button>
      ${ctx.canLoadSamples ? html`<button type="button" class="btn btn-ghost" data-action="load-samples">${ctx.t('action.load_samples')}</button>` : ''}
    </div>
  </div>`;
}

export function statusBadge(ctx, status) {
  if (!status) return '—';
  const help = customerStatusDefinition(ctx.lang, status);
  return html`<span class="badge" style="--c:${STATUS_COLORS[status] || '#999'}"${help ? html` title="${help}"` : ''}><i></i>${customerStatusLabel(ctx.lang, status)}</span>`;
}

/** A deal's status (Magento or CRM code) as words, its meaning on hover. */
export function dealStatusTag(ctx, status) {
  if (status === null || status === undefined || status === '') return '—';
  const help = dealStatusDefinition(ctx.lang, status);
  return html`<span class="tag" data-status="${status}"${help ? html` title="${help}"` : ''}>${dealStatusLabel(ctx.lang, status)}</span>`;
}

export function outcomeBadge(ctx, outcome) {
  return html`<span class="badge" style="--c:${OUTCOME_COLORS[outcome] || '#999'}"><i></i>${ctx.t('neg.outcome.' + outcome)}</span>`;
}

/** An elasticity class. An engine that gives intervals says `uncertain` itself; before that, a
 *  fit with a standard error of 0.5 or more is shown faint (unreliable). */
export function classBadge(ctx, klass, stdError, hasInterval) {
  if (!klass) return '—';
  const unsure = klass === 'uncertain' || (!hasInterval && (stdError === null || stdError === undefined || stdError >= 0.5));
  return html`<span class="badge ${unsure ? 'faint' : ''}" style="--c:${CLASS_COLORS[klass] || '#999'}" ${unsure ? html`title="${ctx.t('cat.scatter.uncertain')}"` : ''}><i></i>${ctx.t('class.' + klass)}</span>`;
}

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

/** A figure with its interval under it: "+16,597" over "[+12,396, +20,909]"; the figure alone
 *  when the engine gives no interval. f formats one number; cls(v) adds a class to the figure. */
export function withRange(f, v, lo, hi, cls) {
  if (!isNum(v)) return '—';
  const main = html`<span class="${cls ? cls(v) : ''}">${f(v)}</span>`;
  return isNum(lo) && isNum(hi) ? html`<span class="two num-range">${main}<small>[${f(lo)}, ${f(hi)}]</small></span>` : main;
}

// The elasticity a product's class and projections use (the estimate pooled within its catalog
// when the engine gives one): one rule for the page and the worker, which sorts by it.
export { usedFit } from '../paged-fields.js';

/** Two CSV-only columns with the ends of a figure's interval (raw numbers, as every export). */
export function rangeCsvColumns(t, key, label, ends) {
  return ['low', 'high'].map((end, i) => ({ key: `${key}_${end}`, label: t('col.' + end, { col: label }), hidden: true, num: true, value: (r) => ends(r)[i] ?? null }));
}

/** An elasticity on one line: "-1.8 [-2.4, -1.2]" (or "-1.82" without an interval). */
export function elasticityText(fmt, e) {
  if (!e || !isNum(e.slope)) return '—';
  return isNum(e.ci_low) && isNum(e.ci_high) ? `${fmt.num(e.slope, 1)} [${fmt.num(e.ci_low, 1)}, ${fmt.num(e.ci_high, 1)}]` : fmt.num2(e.slope);
}

export function abcBadge(abc) {
  return abc ? html`<span class="abc abc-${abc}">${abc}</span>` : '—';
}

/** A small inline bar for a 0..1 ratio inside a table cell. */
export function ratioBar(value, text, color) {
  if (value === null || value === undefined) return '—';
  const w = Math.max(0, Math.min(1, value)) * 100;
  return html`<span class="ratio"><span class="ratio-track"><span style="width:${w.toFixed(1)}%;${color ? 'background:' + color : ''}"></span></span>${text}</span>`;
}

export function slotOf(root, name) {
  return root.querySelector(`[data-slot="${name}"]`);
}
