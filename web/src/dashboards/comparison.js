// "Compared with what?" on the KPI tiles: the change of a tile's figure against the previous
// period of the same length and the same dates a year earlier (the report's `comparisons`,
// docs/kpi.md "Comparisons"), each with its definition on hover. A comparison the engine leaves
// null (the data begins later) is not shown; with neither, the tile says "no earlier data".
import { html } from '../html.js';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

/**
 * How each comparable tile reads its figure from a period's summary.
 * section: customers | negotiations; rate: a share, compared in percentage points;
 * lowerIsBetter: a fall is good news (time to close, discount given).
 * Status counts and open deals are left out: they are taken at the as-of date, not over the
 * period, so the earlier periods carry the same figure.
 */
const TILES = {
  customers: { section: 'customers', field: 'customers' },
  revenue: { section: 'customers', field: 'revenue' },
  aov: { section: 'customers', field: 'aov' },
  repeat_rate: { section: 'customers', field: 'repeat_rate', rate: true },
  win_rate: { section: 'negotiations', field: 'win_rate', rate: true },
  won_amount: { section: 'negotiations', field: 'won_amount' },
  cycle_days: { section: 'negotiations', field: 'cycle_days_median', lowerIsBetter: true },
  negotiation: { section: 'negotiations', field: 'negotiation_days_median', lowerIsBetter: true },
  avg_discount: { section: 'negotiations', field: 'avg_discount', rate: true, lowerIsBetter: true },
};

/** The change of `now` against `before`: {text, sign} or null when either is missing (or a
 *  relative change from 0). Rates change in percentage points, other figures in percent. */
export function change(fmt, t, now, before, rate) {
  if (!isNum(now) || !isNum(before)) return null;
  const plus = (v, text) => (v > 0 ? '+' : v < 0 ? '−' : '±') + text;
  if (rate) {
    const pp = (now - before) * 100;
    return { sign: Math.sign(Math.round(pp * 10)), text: t('cmp.pp', { n: plus(pp, fmt.num(Math.abs(pp), 1)) }) };
  }
  if (before === 0) return null;
  const rel = now / before - 1;
  return { sign: Math.sign(Math.round(rel * 1000)), text: plus(rel, fmt.pct(Math.abs(rel))) };
}

/** The comparison lines under tile `kpi` (its figure `now`), or '' for a tile not compared. */
export function comparisonLine(ctx, kpi, now) {
  const spec = TILES[kpi];
  const cmp = ctx.report.comparisons;
  if (!spec || !cmp) return '';
  const { t, fmt } = ctx;
  const parts = [];
  for (const kind of ['previous', 'year_ago']) {
    const period = cmp[kind];
    const summary = period && period[spec.section];
    if (!summary) continue;
    const c = change(fmt, t, now, summary[spec.field], spec.rate);
    if (!c) continue;
    const good = spec.lowerIsBetter ? -c.sign : c.sign;
    const def = t(`cmp.${kind}.def`, { from: fmt.date(period.from), to: fmt.date(period.to) }) + (spec.rate ? ' ' + t('cmp.rate.def') : '');
    parts.push(html`<span class="cmp ${good > 0 ? 'up' : good < 0 ? 'down' : ''}" data-cmp="${kind}" title="${def}">${t('cmp.' + kind, { change: c.text })}</span>`);
  }
  if (!parts.length) {
    if (cmp.previous || cmp.year_ago) return ''; // compared elsewhere, this figure is missing
    return html`<div class="tile-cmp" data-cmp-for="${kpi}"><span class="cmp none" data-cmp="none" title="${t('cmp.none.def')}">${t('cmp.none')}</span></div>`;
  }
  return html`<div class="tile-cmp" data-cmp-for="${kpi}">${parts}</div>`;
}
