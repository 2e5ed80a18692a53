// The stage flow of the negotiations dashboard: for each funnel stage, how many deals reached
// it, the share that moved on to a later stage or were won, the share won and the median days
// spent in it; for the whole team or one rep (a select above the chart). Hidden when the
// report has no stage_flow (older engines).
import { html } from '../html.js';
import { C, FONT, STAGE_PALETTE } from '../charts/palette.js';
import { dealStatusLabel } from '../status-labels.js';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

export function hasStageFlow(data) {
  return !!data.stage_flow && Array.isArray(data.stage_flow.team) && data.stage_flow.team.length > 0;
}

/** The rep picker of the card's head ("" = the whole team). */
export function stageFlowPicker(ctx, data, selected) {
  const { t } = ctx;
  const reps = (data.stage_flow.by_rep || []).map((r) => r.sales_rep);
  if (!reps.length) return '';
  return html`<label class="small muted">${t('neg.flow.for')}
    <select data-flow-rep aria-label="${t('neg.flow.for')}">
      <option value="">${t('neg.flow.team')}</option>
      ${reps.map((r) => html`<option value="${r}" ${r === selected ? 'selected' : ''}>${ctx.repName(r)}</option>`)}
    </select></label>`;
}

/** The stages of the team, or of `rep` when it has a row. */
export function stageRows(data, rep) {
  const flow = data.stage_flow;
  const own = rep && (flow.by_rep || []).find((r) => r.sales_rep === rep);
  return own ? own.stages || [] : flow.team;
}

/** One row per stage: the label, a centred bar for the deals that reached it, and the shares
 *  and days beside it (under it on a narrow screen). */
export function stageFlowChart(ctx, stages, width) {
  const { t, fmt } = ctx;
  const narrow = width < 560;
  const rowH = narrow ? 58 : 40;
  // Wide enough for the longest stage name (Russian ones run long), at most 40% of the chart.
  const longest = Math.max(0, ...stages.map((st) => dealStatusLabel(ctx.lang, st.stage).length));
  const lw = narrow ? 0 : Math.min(Math.max(190, longest * 8 + 16), Math.round(width * 0.4));
  const sw = narrow ? 0 : Math.min(300, Math.round(width * 0.36));
  const bw = Math.max(60, width - lw - sw - 16);
  const top = Math.max(1, ...stages.map((s) => s.reached || 0));
  const h = stages.length * rowH + 4;
  const s = [html`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" role="img" aria-label="${t('neg.flow')}" font-family='${FONT}' font-size="12">`,
    html`<rect width="${width}" height="${h}" fill="#fff"/>`];
  stages.forEach((st, i) => {
    const y = i * rowH + 2;
    const name = dealStatusLabel(ctx.lang, st.stage);
    const len = Math.max(st.reached ? 3 : 0, ((st.reached || 0) / top) * bw);
    const barY = narrow ? y + 20 : y + 6;
    const barH = narrow ? 16 : rowH - 14;
    const x = lw + (bw - len) / 2;
    const figures = [
      t('neg.flow.next', { p: fmt.pct(st.to_next_share, 0) }),
      t('neg.flow.won', { p: fmt.pct(st.won_share, 0) }),
      isNum(st.median_days_in_stage) ? t('neg.flow.days', { days: t.n('n.days', st.median_days_in_stage, fmt.num(st.median_days_in_stage, st.median_days_in_stage % 1 ? 1 : 0)) }) : null,
    ].filter(Boolean).join(' · ');
    s.push(html`<g data-stage="${st.stage}"><title>${name}: ${t('neg.flow.reached', { n: fmt.int(st.reached) })} · ${figures}</title>`);
    if (narrow) s.push(html`<text x="0" y="${y + 13}" fill="${C.ink}" font-weight="600">${name}</text>`);
    else s.push(html`<text x="${lw - 10}" y="${y + rowH / 2 + 2}" text-anchor="end" fill="${C.ink}" font-weight="600">${name}</text>`);
    s.push(html`<rect x="${x.toFixed(1)}" y="${barY}" width="${len.toFixed(1)}" height="${barH}" rx="3" fill="${STAGE_PALETTE[(i + 2) % STAGE_PALETTE.length]}"/>`);
    const inside = len > 70;
    s.push(html`<text x="${inside ? lw + bw / 2 : x + len + 6}" y="${barY + barH / 2 + 4}" text-anchor="${inside ? 'middle' : 'start'}" fill="${inside ? '#fff' : C.ink}" font-weight="600" data-reached>${fmt.int(st.reached)}</text>`);
    if (narrow) s.push(html`<text x="0" y="${y + 50}" fill="${C.muted}" font-size="11" data-figures>${figures}</text>`);
    else s.push(html`<text x="${lw + bw + 12}" y="${y + rowH / 2 + 2}" fill="${C.muted}" font-size="11" data-figures>${figures}</text>`);
    s.push(html`</g>`);
  });
  return html`${s}</svg>`;
}
