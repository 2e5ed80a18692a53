// "This week": what needs action across the four dashboards, ranked by the money at stake
// (the engine's `attention` list, docs/kpi.md "Attention list"). The engine gives codes and
// figures; each sentence is worded here in the page's language. A rep narrows it to their own
// items with "My list"; each item opens its row in its dashboard.
import { html, setHtml } from '../html.js';
import { ownStyle } from '../own-style.js';
import { header, tiles, tile, unavailable } from './common.js';
import { isUnavailable } from '../util.js';
import { chanceText } from './customer-outlook.js';

const KIND_TONE = {
  customer_at_risk: 'var(--red)', customer_shrinking: 'var(--orange)', quote_expiring: 'var(--amber)',
  deal_slipping: 'var(--amber)', rep_stale_pipeline: 'var(--accent)', discount_candidate: 'var(--green)',
};
const CATALOG_OWNER = '\u0000catalog'; // the select's value for items without a rep (owner null)
const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

// Scoped to this dashboard's markup: the shared stylesheet is not edited for one view. Put
// into the shadow root once (own-style.js), not written again with every redraw.
const CSS = `
  .attn-bar { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; margin: 0 0 10px; }
  .attn-bar label { display: inline-flex; gap: 6px; align-items: center; font-size: 13px; color: var(--muted); }
  .attn-bar select { font: inherit; font-size: 13px; padding: 3px 6px; border: 1px solid var(--line); border-radius: 6px; background: var(--card); color: var(--ink); max-width: 60vw; }
  .attn-list { list-style: none; margin: 0; padding: 0; background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); }
  .attn-item { display: grid; grid-template-columns: 2.2em 1fr auto; gap: 4px 12px; padding: 10px 14px; border-top: 1px solid var(--line-2); align-items: start; }
  .attn-item:first-child { border-top: 0; }
  .attn-rank { color: var(--faint); font-variant-numeric: tabular-nums; text-align: right; padding-top: 1px; }
  .attn-body { min-width: 0; }
  .attn-kind { display: inline-flex; align-items: center; gap: 5px; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
  .attn-kind i { width: 8px; height: 8px; border-radius: 50%; background: var(--c); display: inline-block; }
  .attn-reason { margin: 2px 0 4px; color: var(--ink); line-height: 1.4; overflow-wrap: anywhere; }
  .attn-meta { font-size: 12px; color: var(--muted); display: flex; gap: 10px; flex-wrap: wrap; align-items: center; }
  .attn-amount { text-align: right; font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .attn-amount small { display: block; font-weight: 400; font-size: 11px; color: var(--faint); }
  .attn-open { border: 0; background: none; padding: 0; color: var(--accent-2); font: inherit; font-size: 12px; cursor: pointer; text-decoration: underline; }
  .attn-empty { padding: 28px 16px; text-align: center; color: var(--muted); }
  .attn-more { margin: 10px 0 0; }
  @media (max-width: 560px) {
    .attn-item { grid-template-columns: 1.6em 1fr; }
    .attn-amount { grid-column: 2; text-align: left; }
    .attn-amount small { display: inline; margin-left: 6px; }
  }
`;

export function renderAttention(ctx, root) {
  const { t, fmt } = ctx;
  const r = ctx.report;
  const ui = (ctx.ui.attention ||= {});
  if (!Array.isArray(r.attention)) {
    setHtml(root, html`${header(ctx, 'attn')}${unavailable(ctx, 'attention', t('attn.no_field'))}`);
    return;
  }
  const items = r.attention;
  const owners = [...new Set(items.map((a) => a.owner ?? CATALOG_OWNER))];
  if (ui.owner && !owners.includes(ui.owner)) ui.owner = null;
  const ownerLabel = (o) => (o === CATALOG_OWNER || o === null ? t('attn.owner.catalog') : ctx.repName(o));
  owners.sort((a, b) => (a === CATALOG_OWNER) - (b === CATALOG_OWNER) || ownerLabel(a).localeCompare(ownerLabel(b)));
  const mine = items.filter((a) => !ui.owner || (a.owner ?? CATALOG_OWNER) === ui.owner);
  const atStake = mine.reduce((s, a) => s + (isNum(a.amount_at_stake) ? a.amount_at_stake : 0), 0);
  const total = isNum(r.attention_total) ? r.attention_total : items.length;

  const select = html`<label><span>${t('attn.mine')}</span><select data-role="attn-owner">
      <option value="">${t('attn.everyone')}</option>
      ${owners.map((o) => html`<option value="${o}" ${o === ui.owner ? 'selected' : ''}>${ownerLabel(o)}</option>`)}
    </select></label>`;
  const capped = total > items.length ? html`<span class="muted">${t('attn.capped', { shown: fmt.int(items.length), total: fmt.int(total) })}</span>` : '';
  // The list's first items, more on request: its 200 items were 2,400 elements to build and lay
  // out on every re-filter, where the week's work starts at the top (docs/performance.md "A
  // redraw's own stylesheet"). Two table pages at a time; a printed page has every item.
  const step = 2 * ctx.pageSize;
  const limit = Math.max(step, ui.limit || 0);
  const visible = mine.slice(0, limit);
  const rest = mine.length - visible.length;
  const more = rest > 0
    ? html`<button type="button" class="btn btn-ghost btn-sm attn-more" data-role="attn-more">${t('attn.more', { n: fmt.int(Math.min(step, rest)), rest: fmt.int(rest) })}</button>`
    : '';

  ownStyle(root, 'attention', CSS);
  setHtml(root, html`${header(ctx, 'attn')}${tiles([
    tile('attention_items', t('attn.items'), fmt.int(mine.length), ui.owner ? ownerLabel(ui.owner) : t('attn.items.sub', { total: fmt.int(total) })),
    tile('attention_at_stake', t('attn.at_stake'), fmt.moneyShort(atStake), t('attn.at_stake.sub'), atStake > 0 ? 'warn' : ''),
  ])}${items.length ? html`<div class="attn-bar">${select}${capped}</div>` : ''}${
    mine.length ? html`<ol class="attn-list" data-role="attention-list">${visible.map((a, i) => itemHtml(ctx, a, i, ownerLabel))}</ol>${more}`
      : html`<div class="attn-list attn-empty" data-role="attention-empty">${emptyText(ctx, items.length)}</div>`}`);

  const pick = root.querySelector('[data-role=attn-owner]');
  if (pick) pick.addEventListener('change', () => {
    ui.owner = pick.value || null;
    ui.limit = 0;
    renderAttention(ctx, root);
    const again = root.querySelector('[data-role=attn-owner]');
    if (again) again.focus();
  });
  root.querySelectorAll('[data-attn-open]').forEach((btn) => btn.addEventListener('click', () => openLink(ctx, mine[Number(btn.dataset.attnOpen)].link)));
  const next = root.querySelector('[data-role=attn-more]');
  if (next) next.addEventListener('click', () => {
    ui.limit = limit + step;
    renderAttention(ctx, root);
    // The keyboard goes on where the new items start (their first link), else to the button.
    const first = root.querySelector(`[data-attn-open="${limit}"]`) || root.querySelector('[data-role=attn-more]');
    if (first) first.focus();
  });
}

function itemHtml(ctx, a, i, ownerLabel) {
  const { t, fmt } = ctx;
  const dash = a.link && a.link.dashboard;
  return html`<li class="attn-item" data-kind="${a.kind}" data-owner="${a.owner ?? ''}" data-subject="${a.subject}" data-amount="${isNum(a.amount_at_stake) ? a.amount_at_stake : ''}">
    <span class="attn-rank">${fmt.int(i + 1)}</span>
    <div class="attn-body">
      <span class="attn-kind" style="--c:${KIND_TONE[a.kind] || 'var(--faint)'}"><i></i>${t('attn.kind.' + a.kind)}</span>
      <p class="attn-reason" data-reason="${a.reason_code}">${sentence(ctx, a)}</p>
      <div class="attn-meta"><span data-role="owner">${t('attn.owner')}: <b>${ownerLabel(a.owner)}</b></span>
        ${dash ? html`<button type="button" class="attn-open" data-attn-open="${i}" data-link="${dash}">${t('attn.open.' + dash)} →</button>` : ''}</div>
    </div>
    <div class="attn-amount" data-role="amount">${isNum(a.amount_at_stake) ? fmt.money(a.amount_at_stake) : '—'}<small>${t('attn.amount.' + a.kind)}</small></div>
  </li>`;
}

function emptyText(ctx, count) {
  const { t, report: r } = ctx;
  if (count) return t('attn.none_mine');
  const missing = [];
  if (isUnavailable(r.customers)) missing.push(t('attn.load.orders'));
  if (isUnavailable(r.negotiations)) missing.push(t('attn.load.deals'));
  return missing.length ? `${t('attn.none')} ${t('attn.load', { what: missing.join('; ') })}` : t('attn.none');
}

/** One sentence from the reason code and its figures. */
export function sentence(ctx, a) {
  const { t, fmt } = ctx;
  const p = a.params || {};
  const days = (n) => (isNum(n) ? t.n('n.days', n, fmt.int(n)) : '—');
  // A deal's customer and amount, each left out when unknown.
  const dealParts = () => ({ for: p.customer_id ? t('attn.for', { customer: ctx.customerName(p.customer_id) || p.customer_id }) : '',
    amount: isNum(p.amount) ? ` (${fmt.money(p.amount)})` : '' });
  const name = p.customer_name || a.subject;
  const chance = chanceText(fmt, p.p_order_next);
  const horizon = days(p.horizon_days);
  switch (a.reason_code) {
    case 'due':
    case 'overdue':
    case 'lapsed': {
      const usual = isNum(p.usual_interval_days) ? t('attn.usual', { interval: days(Math.round(p.usual_interval_days)) }) : '';
      const s = t('attn.reason.' + a.reason_code, { name, days: days(p.days_since), usual, chance, horizon });
      return p.seasonal_pause === true ? `${s} ${t('attn.seasonal')}` : s;
    }
    case 'low_order_chance':
      return t('attn.reason.low_order_chance', { name, days: days(p.days_since), chance, horizon });
    case 'order_value_drop':
      return t('attn.reason.order_value_drop', { name, recent: fmt.money(p.recent_order_value), usual: fmt.money(p.usual_order_value),
        drop: fmt.pct(p.order_value_drop, 0), orders: fmt.num(p.expected_orders, 1), horizon });
    case 'expires_soon':
      return t(p.days_left === 0 ? 'attn.reason.expires_today' : 'attn.reason.expires_soon', { deal: a.subject, ...dealParts(),
        days: days(p.days_left), chance: chanceText(fmt, p.win_probability) });
    case 'expiry_passed':
      return t('attn.reason.expiry_passed', { deal: a.subject, ...dealParts(),
        days: days(p.days_past), date: fmt.date(p.expires_at), chance: chanceText(fmt, p.win_probability) });
    case 'pipeline_stale':
    case 'deals_stale':
      return t('attn.reason.' + a.reason_code, { rep: p.rep_name || ctx.repName(a.subject), stale: fmt.int(p.stale_deals), open: fmt.int(p.open_deals),
        stale_days: days(p.stale_days), days: days(p.days_since_activity), amount: fmt.money(p.stale_amount) });
    case 'cut_pays':
      return t('attn.reason.cut_pays', { cut: fmt.pct(p.cut, 0), product: p.product_name || a.subject, sku: a.subject, catalog: p.catalog || '—',
        gain: fmt.money(p.margin_change_low), point: fmt.money(p.margin_change) });
    default:
      return t('attn.reason.other', { subject: a.subject });
  }
}

/** Opens the item's row: its dashboard, with the row chosen, found and scrolled to. */
function openLink(ctx, link) {
  if (!link) return;
  const ui = ctx.ui;
  let rowSel = null;
  if (link.dashboard === 'customers') return ctx.showCustomer(link.customer_id);
  if (link.dashboard === 'negotiations') {
    Object.assign((ui.negotiations.open ||= {}), { query: link.deal_id, page: 0 });
    ui.negotiations.chosen = link.deal_id; // marked when the worker sends the row (negotiations.js)
    rowSel = `[data-table=open_deals] tr[data-key="${cssEsc(link.deal_id)}"]`;
  } else if (link.dashboard === 'sales_team') {
    ui.sales_team.rep = link.sales_rep;
    rowSel = `[data-table=reps] tr[data-key="${cssEsc(link.sales_rep)}"]`;
  } else if (link.dashboard === 'catalogs') {
    ui.catalogs.catalog = link.catalog;
    Object.assign((ui.catalogs.products ||= {}), { query: link.sku, page: 0 });
    rowSel = `[data-table=discount_candidates] tr[data-key="${cssEsc(link.catalog + '/' + link.sku)}"]`;
  } else return;
  // A quote or a rep opens its own page above the row (drill.js: Back returns to this list).
  const detail = link.dashboard === 'negotiations' ? { kind: 'quote', id: link.deal_id }
    : link.dashboard === 'sales_team' ? { kind: 'rep', id: link.sales_rep } : null;
  const root = ctx.openDashboard(link.dashboard, detail);
  const row = root && root.querySelector(rowSel);
  if (row) row.classList.add('selected');
  if (row && !detail) row.scrollIntoView({ block: 'center' });
}

const cssEsc = (s) => String(s ?? '').replace(/["\\]/g, '\\$&');
