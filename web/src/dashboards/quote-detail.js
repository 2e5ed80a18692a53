// A quote's own page (drill-down from any table or list that names a quote): who, how much,
// the discount negotiated, its dates, rounds and every status change with the days between.
// Figures come from the report's negotiations.deals (docs/kpi-deals.md, "deals"), which stays
// in the engine's worker (paged-fields.js): the one deal is fetched when the detail opens. An
// open quote adds its win chance from negotiations.open, which stays there too and is fetched
// alongside.
import { html, setHtml } from '../html.js';
import { ownStyle } from '../own-style.js';
import { daysBetween } from '../format.js';
import { dealStatusTag, outcomeBadge } from './common.js';
import { dealStatusLabel } from '../status-labels.js';
import { isUnavailable } from '../util.js';
import { STALE } from '../session.js';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

// Scoped to the detail's section (the shared stylesheet is not edited for one view); the
// section scrolls into view below the sticky header, not under it. Put into the shadow root
// once (own-style.js), not written again with every detail drawn.
const DETAIL_CSS = `
  .drill { scroll-margin-top: 120px; margin: 0 0 16px; }
  .drill-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 10px 16px; flex-wrap: wrap; margin: 0 0 10px; }
  .drill-head h3 { margin: 0; font-size: 18px; }
  .drill-head p { margin: 2px 0 0; }
  .drill-head .detail-actions { display: flex; gap: 6px; flex-wrap: wrap; }
  .drill-card h4 { margin: 16px 0 6px; font-size: 14px; }
  .drill-funnel { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; max-width: 560px; }
  .drill-funnel li { display: grid; grid-template-columns: minmax(120px, 220px) 1fr; gap: 10px; align-items: center; font-size: 13px; }
  table.history { border-collapse: collapse; font-size: 13px; }
  table.history th, table.history td { padding: 5px 12px 5px 0; border-bottom: 1px solid var(--line-2); text-align: left; }
  table.history .num { text-align: right; }
`;

/** Draws `content` into a detail's element `el`, its rules in place. */
export function setDetailHtml(el, content) {
  ownStyle(el, 'detail', DETAIL_CSS);
  setHtml(el, content);
}

/** The head shared by both details: title, a line under it, actions, and the close button. */
export function detailHead(ctx, title, sub, actions) {
  return html`<div class="drill-head"><div><h3 tabindex="-1">${title}</h3>${sub ? html`<p class="muted">${sub}</p>` : ''}</div>
    <div class="detail-actions">${actions}<button type="button" class="btn btn-sm" data-drill-act="close">← ${ctx.t('drill.back')}</button></div></div>`;
}

export const stat = (label, value, key) => html`<div class="stat" data-stat="${key || ''}"><span>${label}</span><b>${value}</b></div>`;

export function renderQuoteDetail(ctx, el, id) {
  const { t } = ctx;
  const neg = ctx.report.negotiations;
  if (isUnavailable(neg) || (Array.isArray(neg.deals) && Array.isArray(neg.open)) || !ctx.pagedList('negotiations.deals')) {
    const deals = isUnavailable(neg) ? [] : neg.deals || [];
    const open = isUnavailable(neg) ? null : (neg.open || []).find((d) => d.deal_id === id) || null;
    return drawQuote(ctx, el, id, deals.find((x) => x.deal_id === id) || open, open);
  }
  // The deal with its history, and its win chance when it is open, are asked of the worker
  // (both lists stay there); the head is drawn meanwhile, so the heading takes the focus at
  // once (drill.js) and keeps it when the rest arrives.
  const pending = `${ctx.report.paged.report_id}:${id}`;
  setDetailHtml(el, html`${detailHead(ctx, t('drill.quote', { id }), '', '')}<p class="muted" data-role="drill-loading" data-pending="${pending}">${t('drill.loading')}</p>`);
  const one = (list) => (ctx.pagedList(list)
    ? ctx.listRows({ list, where: { deal_id: id }, offset: 0, limit: 1 }).then((a) => (a === STALE ? STALE : a.rows[0] || null))
    : Promise.resolve(null));
  Promise.all([one('negotiations.deals'), one('negotiations.open')]).then(([deal, open]) => {
    const placeholder = el.querySelector('[data-role=drill-loading]');
    if (deal === STALE || open === STALE || !placeholder || placeholder.dataset.pending !== pending) return; // another detail or report since
    const root = el.getRootNode();
    const focused = root.activeElement && el.contains(root.activeElement);
    drawQuote(ctx, el, id, deal || open, open);
    if (focused) el.querySelector('h3').focus({ preventScroll: true });
  }, (err) => {
    setDetailHtml(el, html`${detailHead(ctx, t('drill.quote', { id }), '', '')}<p class="note" data-role="drill-missing">${err.message || String(err)}</p>`);
  });
}

function drawQuote(ctx, el, id, d, open) {
  const { t, fmt } = ctx;
  if (!d) {
    setDetailHtml(el, html`${detailHead(ctx, t('drill.quote', { id }), '', '')}<p class="note" data-role="drill-missing">${t('drill.not_found')}</p>`);
    return;
  }
  const days = (n) => (isNum(n) ? t('unit.days_long', { n: fmt.num(n, n % 1 ? 1 : 0) }) : '—');
  const customer = d.customer_id ? ctx.customerName(d.customer_id) || d.customer_id : null;
  const outcome = d.outcome || 'open';
  const history = d.history || [];
  const sub = [customer, d.sales_rep ? ctx.repName(d.sales_rep) : null].filter(Boolean).join(' · ');
  const actions = html`${d.customer_id ? html`<button type="button" class="btn btn-ghost btn-sm" data-drill-act="customer" data-id="${d.customer_id}">${t('drill.open_customer')}: ${customer}</button>` : ''}
    ${d.sales_rep ? html`<button type="button" class="btn btn-ghost btn-sm" data-drill-act="rep" data-id="${d.sales_rep}">${t('drill.open_rep')}: ${ctx.repName(d.sales_rep)}</button>` : ''}`;
  const stats = [
    stat(t('col.status'), dealStatusTag(ctx, d.status), 'status'),
    stat(t('drill.outcome'), outcomeBadge(ctx, outcome), 'outcome'),
    stat(t('drill.amount'), fmt.money(d.amount), 'amount'),
    d.original_amount !== undefined ? stat(t('drill.original'), fmt.money(d.original_amount), 'original_amount') : '',
    d.discount !== undefined ? stat(t('drill.discount'), fmt.pct(d.discount), 'discount') : '',
    d.created_at !== undefined ? stat(t('drill.created'), fmt.date(d.created_at), 'created_at') : '',
    outcome !== 'open' ? stat(t('drill.closed'), fmt.date(d.closed_at), 'closed_at') : stat(t('drill.expires'), fmt.date(d.expires_at), 'expires_at'),
    outcome !== 'open' ? stat(t('drill.cycle'), days(d.cycle_days), 'cycle_days') : stat(t('drill.age'), days(open && open.age_days), 'age_days'),
    d.rounds !== undefined ? stat(t('drill.rounds'), fmt.int(d.rounds), 'rounds') : '',
    d.negotiation_days !== undefined ? stat(t('drill.negotiation_days'), days(d.negotiation_days), 'negotiation_days') : '',
    d.last_activity !== undefined ? stat(t('drill.last_activity'), fmt.date(d.last_activity), 'last_activity') : '',
    open ? stat(t('drill.win_chance'), fmt.pct(open.win_probability, 0), 'win_probability') : '',
    open ? stat(t('drill.expected_value'), fmt.money(open.expected_value), 'expected_value') : '',
  ];
  setDetailHtml(el, html`<div class="card drill-card" data-detail="quote" data-id="${d.deal_id}">
    ${detailHead(ctx, t('drill.quote', { id: d.deal_id }), sub, actions)}
    <div class="stats">${stats}</div>
    <h4>${t('drill.history')}</h4>
    ${history.length ? html`<table class="history" data-role="quote-history"><thead><tr><th scope="col">${t('drill.history.date')}</th><th scope="col">${t('drill.history.status')}</th><th scope="col" class="num">${t('drill.history.after')}</th></tr></thead>
      <tbody>${history.map((e, i) => html`<tr data-status="${e.status}"><td class="nowrap">${fmt.date(e.date)}</td><td title="${dealStatusLabel(ctx.lang, e.status)}">${dealStatusTag(ctx, e.status)}</td>
        <td class="num">${i && e.date && history[i - 1].date ? fmt.int(daysBetween(history[i - 1].date, e.date)) : '—'}</td></tr>`)}</tbody></table>`
    : html`<p class="muted" data-role="quote-history-none">${t('drill.history.none')}</p>`}
  </div>`);
}
