// One-line definitions of every KPI tile and column header, EN and RU, as docs/kpi.md and
// docs/kpi-deals.md define them. Shown on hover (title) and to keyboard and screen-reader users
// (the element takes focus and is described by a hidden copy: aria-describedby), so a sales
// team can read what a figure means without opening the docs.
// Keys: tile.<data-kpi>; col.<table id>.<column key> where a column means something of its own
// in that table, else col.<column key>. The Russian ones are in definitions-ru.js.

import { ru as RU } from './definitions-ru.js';

const EN = {
  // This week
  'tile.attention_items': 'Things to do this week: customers at risk or shrinking, quotes expiring, deals slipping, stale pipelines, discounts that pay.',
  'tile.attention_at_stake': 'Money at stake, summed over the listed actions: revenue at risk, expected value of the deals, margin a discount brings.',
  // Customers
  'tile.customers': 'Customers with at least one order in the period; below, those with two or more.',
  'tile.revenue': 'Net revenue of the orders in the period (quantity × price of the lines, returns subtracted).',
  'tile.aov': 'Average order value: revenue ÷ orders in the period.',
  'tile.repeat_rate': 'Share of the period\'s customers who ordered on two or more days.',
  'tile.overdue': 'Customers whose status is overdue or lapsed: late against their own rhythm or much less likely to order.',
  'tile.revenue_at_risk': 'Each customer\'s revenue of a normal 90 days × the chance of no order in the next 90 days, summed.',
  'col.customer': 'The customer (its name, or its id when no name is known).',
  'col.customer_id': 'The customer the deal is with.',
  'col.catalog': 'The catalog (price list or customer group) the sale belongs to.',
  'col.sales_rep': 'The sales rep responsible for the customer or deal.',
  'col.rep': 'The sales rep.',
  'col.status': 'Where it stands now (see the status labels).',
  'col.customers.status': 'The worse of the rhythm band (days since ÷ usual interval) and the activity band (chance to order now vs. at its last order): on track, due, overdue, lapsed.',
  'col.p_order_next': 'Chance of at least one order in the next 90 days, from the return model.',
  'col.revenue_at_risk': 'Revenue over a normal 90 days × the chance of no order in the next 90 days.',
  'col.orders': 'Distinct orders in the period.',
  'col.revenue': 'Net revenue in the period (lines\' quantity × price, returns subtracted).',
  'col.aov': 'Average order value: revenue ÷ orders.',
  'col.margin': 'Revenue minus cost of the lines whose cost is known.',
  'col.margin_pct': 'Margin ÷ revenue of the lines whose cost is known.',
  'col.last_order': 'Day of the customer\'s last order up to the as-of date.',
  'col.days_since_last_order': 'Days from the last order to the as-of date.',
  'col.days': 'Days from the last order to the as-of date.',
  'col.median_interval_days': 'Median gap in days between the customer\'s consecutive order days (needs 3 order days).',
  'col.expected_next_order': 'Last order + usual interval: when the next order is due.',
  'col.overdue_ratio': 'Days since the last order ÷ usual interval: 1 = due today, 1.5 = overdue, 3 = lapsed.',
  'col.rfm': 'Recency, frequency, monetary scores 1–5 among the period\'s customers; higher is better.',
  'col.cohort': 'Customers grouped by the month of their first order.',
  'col.cohort_customers': 'Customers whose first order was in that month.',
  'col.cohort_month': 'Months since the cohort\'s first month: the share of its customers who ordered in that month.',
  // Catalogs
  'tile.catalogs': 'Catalogs with at least one sale in the period.',
  'tile.catalog_revenue': 'Net revenue of all catalogs in the period.',
  'tile.skus': 'Distinct products (SKUs) sold in the period.',
  'tile.margin_pct': 'Margin ÷ revenue over the lines whose cost is known.',
  'tile.elastic': 'Products whose demand falls more than price rises (elasticity interval below −1), of those fitted.',
  'col.revenue_share': 'Share of the total revenue (of all catalogs, or of its catalog for a product).',
  'col.customers': 'Distinct customers who bought it in the period.',
  'col.skus': 'Distinct products (SKUs) sold.',
  'col.units': 'Units sold (quantity of the positive lines).',
  'col.sku': 'Product code (SKU).',
  'col.product_name': 'Product name, the latest one seen for the SKU.',
  'col.abc': 'ABC class in its catalog: A = the top 80% of revenue, B = the next 15%, C = the rest.',
  'col.avg_price': 'Revenue ÷ units sold.',
  'col.elasticity': 'Slope of ln quantity on ln price by week, pooled within the catalog: −2 means 1% cheaper sells 2% more.',
  'col.std_error': 'Standard error of the elasticity: the smaller, the surer.',
  'col.r2': 'Share of the weekly quantity\'s variation the price explains (0–1).',
  'col.class': 'Elastic (interval below −1), inelastic (above −1), or uncertain (the interval spans −1).',
  'col.level': 'The group a discount is judged for (catalog or product group).',
  'col.group': 'The product group within the catalog, when the data gives one.',
  'col.projected_units_change_pct': 'Units expected to change with a 10% price cut, from the elasticity.',
  'col.projected_revenue_change': 'Revenue expected to change with a 10% price cut.',
  'col.projected_margin_change': 'Margin expected to change with a 10% price cut (costs unchanged).',
  'col.verdict': 'Whether a 10% cut pays: its whole margin-change interval above 0, below 0, or unclear.',
  'col.reason_code': 'Why the product is listed.',
  'col.top_in': 'Other catalogs where it is in the top 20% by revenue.',
  'col.median_share_where_top': 'Median revenue share in the catalogs where it is top.',
  'col.revenue_share_here': 'Its revenue share in this catalog.',
  'col.sold_in': 'Catalogs it sells in.',
  // Negotiations
  'tile.win_rate': 'Won ÷ (won + lost) over the deals closed in the period.',
  'tile.won_amount': 'Amount of the deals won in the period; below, the average won deal.',
  'tile.cycle_days': 'Median days from creation to close of the deals won; below, of the deals lost.',
  'tile.negotiation': 'Median days from a deal\'s first to its last history event; below, mean rounds sent.',
  'tile.avg_discount': 'Mean of 1 − final amount ÷ first quoted amount over the won deals.',
  'tile.open': 'Deals still open at the as-of date; below, those expiring within 14 days.',
  'col.deal_id': 'The deal (quote or opportunity) id.',
  'col.amount': 'The deal\'s amount (its latest quoted total).',
  'col.age_days': 'Days from the deal\'s creation to the as-of date.',
  'col.win_probability': 'Chance this deal is won in the end, learnt from closed deals of the same age.',
  'col.expected_value': 'Amount × chance of being won.',
  'col.expected_close_date': 'By this date half of the deals like this one are decided.',
  'col.p_won_within_30d': 'Chance this deal is won within the next 30 days.',
  'col.expires_at': 'The deal\'s expiry date (or expected close date).',
  'col.days_past': 'Days since the expiry date passed, deal still open.',
  // Sales team
  'tile.reps': 'Sales reps with deals, customers or orders in the filters.',
  'tile.pipeline': 'Amount of the open deals; below, weighted by each deal\'s chance to be won.',
  'tile.team_win_rate': 'Won ÷ (won + lost) over the whole team\'s deals closed in the period.',
  'tile.expected_won_30d': 'Sum over the open deals of amount × chance of being won within the next 30 days.',
  'tile.closing_soon': 'Open deals whose expiry or expected close falls within the next 14 days.',
  'tile.slipping': 'Open deals whose expiry date has passed: still open, past their deadline.',
  'tile.attention': 'Customers overdue or lapsed, summed over the reps.',
  'col.open_qualified': 'Open deals past the first stage of the funnel.',
  'col.win_rate': 'Won ÷ (won + lost), deals closed in the period.',
  'col.avg_deal_size': 'Won amount ÷ won deals with an amount, in the period.',
  'col.cycle_days_median': 'Median days from creation to close of the deals won in the period.',
  'col.revenue_per_day': 'What the open pipeline is expected to bring per day at this pace.',
  'col.won': 'Deals won in the period.',
  'col.lost': 'Deals lost in the period.',
  'col.won_amount': 'Amount of the deals won in the period.',
  'col.pipeline_amount': 'Amount of the rep\'s open deals.',
  'col.weighted_pipeline': 'Open deals\' amount × their chance to be won, summed.',
  'col.closing_soon': 'Open deals expiring or expected to close within 14 days.',
  'col.stale': 'Open deals with no event or update for 30 days.',
  'col.customers_overdue': 'The rep\'s customers that are overdue or lapsed.',
  'col.expected_won_next_30d': 'Sum over the open deals of amount × chance of being won within the next 30 days.',
  'col.slipping': 'Open deals whose expiry date has passed.',
};

/** The definitions by language. The hosted page's script holds the English ones only and the
 *  others arrive with their language's words (language-loader.js fills them in). */
export const definitionsByLanguage = { en: EN, ru: RU };

/** The definition of key in lang ('' when there is none). */
export function definition(lang, key) {
  return (definitionsByLanguage[lang] || EN)[key] ?? EN[key] ?? '';
}

/** A column's definition: its table's own, else the column key's. */
export function columnDefinition(lang, table, key) {
  return definition(lang, `col.${table}.${key}`) || definition(lang, `col.${key}`);
}

let counter = 0;

/** Gives el its definition: title on hover, and for the keyboard a tab stop (unless focusable
 *  is false: a grid that has its own) described by a hidden copy of the text. */
export function describe(el, text, focusable = true) {
  if (!text) return;
  el.title = text;
  let hint = el.querySelector(':scope > .def-hint');
  if (!hint) {
    hint = document.createElement('span');
    hint.className = 'def-hint';
    hint.hidden = true;
    hint.id = 'def-' + (++counter).toString(36);
    el.append(hint);
  }
  hint.textContent = text;
  el.setAttribute('aria-describedby', hint.id);
  if (focusable && el.tabIndex < 0) el.tabIndex = 0;
}

/** Every KPI tile and column header inside root described in lang (tiles that carry their own
 *  help keep it; a header's title that only repeats its label is replaced). */
export function describeAll(root, lang) {
  for (const el of root.querySelectorAll('.tile[data-kpi]')) {
    const own = el.getAttribute('title');
    describe(el, own || definition(lang, 'tile.' + el.dataset.kpi));
  }
  for (const th of root.querySelectorAll('table[data-table] th')) {
    const table = th.closest('table').dataset.table;
    const label = [...th.childNodes].filter((n) => !n.classList?.contains('def-hint')).map((n) => n.textContent).join('').trim();
    const own = th.getAttribute('title');
    const grid = th.closest('[role=grid]');
    let text = own && own !== label ? own : columnDefinition(lang, table, th.dataset.sort || th.dataset.col || '');
    if (!text && table === 'cohorts') text = definition(lang, th.scope === 'row' ? 'col.cohort' : /^\d+$/.test(label) ? 'col.cohort_month' : th.cellIndex === 0 ? 'col.cohort' : 'col.cohort_customers');
    // A sortable header's button takes the focus, and says the definition when it does.
    const button = th.querySelector(':scope > .th-sort');
    describe(th, text, !grid && !button);
    if (button && th.hasAttribute('aria-describedby')) button.setAttribute('aria-describedby', th.getAttribute('aria-describedby'));
  }
}
