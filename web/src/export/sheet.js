// What a table exports: its rows as the table means them, not as the engine wrote them. Each
// column has a kind, said by the column (`kind`) or known from its key (KIND_BY_KEY):
//   money    rounded to cents, the currency in the header when the page knows it
//   percent  a share as a percentage (0.234 -> 23.4), the header says "%"
//   status   a customer's or a deal's status as its label in the page's language
//   rep      the rep's id, and their name in a column beside it
//   date     'YYYY-MM-DD' (a date cell in a workbook)
// Both the CSV and the XLSX writer take the sheet this module builds, so they agree.
import { customerStatusLabel, dealStatusLabel } from '../status-labels.js';

const MONEY = ['amount', 'aov', 'avg_deal_size', 'avg_price', 'expected_value', 'margin', 'pipeline_amount', 'revenue',
  'weighted_pipeline', 'won_amount', 'revenue_at_risk', 'projected_margin_change', 'projected_revenue_change',
  'expected_won_next_30d', 'original_amount'];
const PERCENT = ['margin_pct', 'median_share_where_top', 'revenue_share', 'revenue_share_here', 'win_probability',
  'win_rate', 'p_order_next', 'p_won_within_30d', 'p_close_within_30d', 'projected_units_change_pct', 'discount'];
const DATE = ['last_order', 'first_order', 'expected_next_order', 'expires_at', 'expected_close_date', 'created_at', 'closed_at'];
export const KIND_BY_KEY = Object.fromEntries([
  ...MONEY.map((k) => [k, 'money']), ...PERCENT.map((k) => [k, 'percent']), ...DATE.map((k) => [k, 'date']),
]);

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const round = (v, digits) => (isNum(v) ? Math.round(v * 10 ** digits) / 10 ** digits : null);

/** A column's kind: its own, else by its key; CSV-only interval ends (key_low, key_high) take
 *  their figure's kind. */
export function kindOf(col) {
  if (col.kind) return col.kind;
  return KIND_BY_KEY[col.key] || KIND_BY_KEY[String(col.key).replace(/_(low|high)$/, '')] || (col.num ? 'number' : 'text');
}

/**
 * The sheet of a table: {columns: [{label, type}], rows: [[value]]} where type is text, number,
 * money, percent or date and every value is a plain string or number (null when unknown).
 * columns: the table's (value, csv, csvLabel, label, kind, name); rows: the rows as shown;
 * view: {lang, currency, t} (t for the header words).
 */
export function buildSheet(columns, rows, view = {}) {
  // The page passes its translator; without one (Node tests) the English words.
  const english = { 'export.percent': '{label}, %', 'export.rep_name': '{label} (name)' };
  const fill = view.t || ((key, vars) => (english[key] || key).replace(/\{(\w+)\}/g, (m, k) => vars[k] ?? m));
  const out = [];
  for (const c of columns) {
    if (c.csv === false) continue;
    const label = c.csvLabel || c.label;
    const read = (r) => (c.csv ? c.csv(r) : c.value(r));
    const kind = kindOf(c);
    if (kind === 'money') {
      out.push({ label: view.currency ? `${label} (${view.currency})` : label, type: 'money', get: (r) => round(read(r), 2) });
    } else if (kind === 'percent') {
      out.push({ label: fill('export.percent', { label }), type: 'percent', get: (r) => round(isNum(read(r)) ? read(r) * 100 : null, 2) });
    } else if (kind === 'customerStatus' || kind === 'dealStatus') {
      const name = kind === 'dealStatus' ? dealStatusLabel : customerStatusLabel;
      out.push({ label, type: 'text', get: (r) => (read(r) ? name(view.lang || 'en', read(r)) : null) });
    } else if (kind === 'rep') {
      out.push({ label, type: 'text', get: (r) => read(r) ?? null });
      if (c.name) out.push({ label: fill('export.rep_name', { label }), type: 'text', get: (r) => (read(r) ? c.name(read(r)) : null) });
    } else if (kind === 'date') {
      out.push({ label, type: 'date', get: (r) => (read(r) ? String(read(r)).slice(0, 10) : null) });
    } else {
      out.push({ label, type: kind === 'number' ? 'number' : 'text', get: (r) => read(r) ?? null });
    }
  }
  return { columns: out.map(({ label, type }) => ({ label, type })), rows: rows.map((r) => out.map((c) => c.get(r))) };
}
