// The win chances of the negotiations dashboard: the open-deal columns (win chance with its
// definition, the less certain ones marked, expected close date, 30-day chances) and the
// calibration chart that says how far to trust them (the deals of 90 days ago, predicted
// against what happened). Every part hides when the report lacks its fields (older engines).
import { html, join } from '../html.js';
import { C, FONT } from '../charts/palette.js';
import { ratioBar } from './common.js';
import { chanceText } from './customer-outlook.js';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const daysN = (ctx, n) => ctx.t.n('n.days', n, ctx.fmt.int(n));
const dealsN = (ctx, n) => ctx.t.n('n.deals', n, ctx.fmt.int(n));

/** The win-chance column: a bar and the chance; a chance read past the data's reach (the
 *  deal is older than almost every deal learnt from) is faint and marked "≈". */
export function winChanceColumn(ctx) {
  const { t, fmt } = ctx;
  return {
    key: 'win_probability', label: t('col.win_probability'), title: t('col.win_probability.help'), num: true,
    value: (d) => d.win_probability,
    render: (d) => (d.win_probability_tail && isNum(d.win_probability)
      ? html`<span class="faint-chance" data-tail title="${t('neg.chance.tail')}">≈ ${ratioBar(d.win_probability, chanceText(fmt, d.win_probability), C.gray)}</span>`
      : ratioBar(d.win_probability, chanceText(fmt, d.win_probability))),
  };
}

/** Expected close date and the 30-day chances, when the engine gives them: has(field) says
 *  whether some open deal carries the field (the open list's summary, paged-summaries.js). */
export function timingColumns(ctx, has) {
  const { t, fmt } = ctx;
  const out = [];
  if (has('expected_close_date')) {
    out.push({ key: 'expected_close_date', label: t('col.expected_close'), title: t('col.expected_close.help'), cls: 'nowrap',
      value: (d) => d.expected_close_date, render: (d) => fmt.dateShort(d.expected_close_date) });
  }
  if (has('p_won_within_30d')) {
    out.push({ key: 'p_won_within_30d', label: t('col.p_won_30d'), title: t('col.p_won_30d.help'), num: true,
      value: (d) => d.p_won_within_30d, render: (d) => chanceText(fmt, d.p_won_within_30d) });
  }
  if (has('p_close_within_30d')) {
    out.push({ key: 'p_close_within_30d', label: t('col.p_close_30d'), title: t('col.p_close_30d.help'), num: true, hidden: true,
      value: (d) => d.p_close_within_30d, render: (d) => chanceText(fmt, d.p_close_within_30d) });
  }
  if (has('win_probability_tail')) {
    out.push({ key: 'win_probability_tail', label: t('col.chance_tail'), hidden: true, value: (d) => (d.win_probability_tail ? 1 : 0) });
  }
  return out;
}

/** True when the report carries a calibration (bins or the reason there are none). */
export function hasCalibration(data) {
  return !!data.calibration && typeof data.calibration === 'object';
}

/** The calibration card's body: the chart slot, the verdict in words and a text table. */
export function calibrationBody(ctx, data) {
  const { t, fmt } = ctx;
  const c = data.calibration;
  const asOf = ctx.report.as_of;
  const scope = { cutoff: fmt.date(c.cutoff), as_of: fmt.date(asOf), days: daysN(ctx, c.lookback_days ?? 90) };
  if (!Array.isArray(c.bins) || !c.bins.length) {
    return html`<p class="note" data-calibration-none>${t('neg.calib.none', { ...scope, n: dealsN(ctx, c.scored ?? 0) })}</p>`;
  }
  const verdict = isNum(c.brier) && isNum(c.brier_constant)
    ? t(c.brier < c.brier_constant - 0.002 ? 'neg.calib.better' : 'neg.calib.rough')
    : '';
  const rows = c.bins.map((b, i) => join([html`<tr><th scope="row">${t('neg.calib.band', { i: i + 1 })}</th><td>${fmt.pct(b.p_min, 0)} – ${fmt.pct(b.p_max, 0)}</td>`,
    html`<td>${fmt.pct(b.mean_predicted, 0)}</td><td>${fmt.pct(b.observed_share, 0)}</td><td>${fmt.int(b.count)}</td></tr>`]));
  return html`<p class="hint">${t('neg.calib.hint', scope)}</p>
    <div class="chart-slot" data-slot="neg-calibration-chart"></div>
    <div class="legend"><span><i style="height:0;border-radius:0;border-top:2px dashed ${C.faint}"></i>${t('neg.calib.diag')}</span>
      <span><i style="width:10px;height:10px;border-radius:50%;background:${C.accent}"></i>${t('neg.calib.dot')}</span></div>
    <p class="note" style="margin-top:8px" data-calibration-score>${t('neg.calib.score', {
      scored: dealsN(ctx, c.scored), undecided: fmt.int(c.undecided ?? 0), brier: fmt.num(c.brier, 3),
      share: fmt.pct(c.observed_share, 0), constant: fmt.num(c.brier_constant, 3) })} ${verdict}</p>
    <details class="how"><summary>${t('neg.calib.table')}</summary>
      <div class="dt-scroll"><table data-table="calibration"><thead><tr><th scope="col">${t('neg.calib.band_col')}</th><th scope="col">${t('neg.calib.range')}</th>
      <th scope="col">${t('neg.calib.predicted')}</th><th scope="col">${t('neg.calib.observed')}</th><th scope="col">${t('neg.calib.count')}</th></tr></thead>
      <tbody>${rows}</tbody></table></div></details>`;
}

/** Reliability diagram: won share against the predicted chance per band, the diagonal where a
 *  calibrated chance lies, dots sized by the deals in the band. */
export function calibrationChart(ctx, bins, width) {
  const { t, fmt } = ctx;
  const narrow = width < 420;
  const left = 46, right = 24, top = 10, bottom = 40;
  const plot = Math.max(120, Math.min(width - left - right, narrow ? 300 : 340));
  const h = top + plot + bottom;
  const X = (p) => left + p * plot, Y = (p) => top + (1 - p) * plot;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const label = t('neg.calib.aria', { n: bins.length });
  const s = [html`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" role="img" aria-label="${label}" font-family='${FONT}' font-size="11">`,
    html`<rect width="${width}" height="${h}" fill="#fff"/>`];
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    s.push(html`<line x1="${X(0)}" x2="${X(1)}" y1="${Y(v)}" y2="${Y(v)}" stroke="${C.grid}"/>`);
    s.push(html`<line x1="${X(v)}" x2="${X(v)}" y1="${Y(0)}" y2="${Y(1)}" stroke="${C.grid}"/>`);
    s.push(html`<text x="${left - 6}" y="${Y(v) + 4}" text-anchor="end" fill="${C.muted}">${fmt.pct(v, 0)}</text>`);
    s.push(html`<text x="${X(v)}" y="${Y(0) + 15}" text-anchor="middle" fill="${C.muted}">${fmt.pct(v, 0)}</text>`);
  }
  s.push(html`<line x1="${X(0)}" y1="${Y(0)}" x2="${X(1)}" y2="${Y(1)}" stroke="${C.faint}" stroke-dasharray="5 4" data-diagonal><title>${t('neg.calib.diag')}</title></line>`);
  s.push(html`<text x="${X(0.5)}" y="${h - 6}" text-anchor="middle" fill="${C.muted}" font-weight="600">${t('neg.calib.x')}</text>`);
  s.push(html`<text transform="translate(11 ${Y(0.5)}) rotate(-90)" text-anchor="middle" fill="${C.muted}" font-weight="600">${t('neg.calib.y')}</text>`);
  s.push(html`<polyline fill="none" stroke="${C.accent}" stroke-width="1.5" points="${bins.map((b) => `${X(b.mean_predicted).toFixed(1)},${Y(b.observed_share).toFixed(1)}`).join(' ')}"/>`);
  bins.forEach((b, i) => {
    const r = 4 + 6 * Math.sqrt(b.count / max);
    s.push(join([html`<circle data-band="${i + 1}" cx="${X(b.mean_predicted).toFixed(1)}" cy="${Y(b.observed_share).toFixed(1)}" r="${r.toFixed(1)}" fill="${C.accent}" fill-opacity="0.75" stroke="#fff">`,
      html`<title>${t('neg.calib.band', { i: i + 1 })}: ${t('neg.calib.point', { p: fmt.pct(b.mean_predicted, 0), o: fmt.pct(b.observed_share, 0), n: dealsN(ctx, b.count) })}</title></circle>`]));
  });
  s.push(html`</svg>`);
  return join(s);
}
