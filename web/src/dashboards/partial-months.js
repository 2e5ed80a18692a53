// Partial months on the monthly charts: a month the period covers only in part (the engine's
// `partial` on every monthly row, docs/kpi.md "Comparisons") is drawn hatched and lighter, its
// tooltip says so, and a note under the chart names it. Otherwise a period ending on the 3rd
// shows its last month as a collapse.
import { html, appendHtml } from '../html.js';

/** A uPlot plugin that veils and hatches the columns of the partial months, over the series. */
export function partialMonthsPlugin(monthly) {
  const partial = monthly.map((m, i) => (m && m.partial ? i : -1)).filter((i) => i >= 0);
  return {
    hooks: {
      draw: (u) => {
        if (!partial.length) return;
        const { ctx } = u;
        const { top, height } = u.bbox;
        for (const i of partial) {
          ctx.save();
          const x0 = Math.round(u.valToPos(i - 0.5, 'x', true));
          const x1 = Math.round(u.valToPos(i + 0.5, 'x', true));
          ctx.beginPath();
          ctx.rect(x0, top, x1 - x0, height);
          ctx.clip();
          ctx.fillStyle = 'rgba(255, 255, 255, 0.45)';
          ctx.fillRect(x0, top, x1 - x0, height);
          ctx.strokeStyle = 'rgba(96, 100, 108, 0.35)';
          ctx.lineWidth = 1;
          ctx.beginPath();
          for (let x = x0 - height; x < x1; x += 7) {
            ctx.moveTo(x, top + height);
            ctx.lineTo(x + height, top);
          }
          ctx.stroke();
          ctx.restore(); // the clip is this column's only
        }
      },
    },
  };
}

/** The tooltip of month i, with "partial month" when it is one. */
export function partialTip(ctx, monthly, tip) {
  return (i) => (monthly[i] && monthly[i].partial ? html`${tip(i)}<br><i>${ctx.t('partial.month')}</i>` : tip(i));
}

/** After the chart slot: which months are partial and why they do not compare (nothing when none). */
export function notePartialMonths(ctx, slot, monthly) {
  const months = monthly.filter((m) => m.partial).map((m) => m.month);
  const period = ctx.report.period;
  if (!months.length || !slot || !period) return;
  const { t, fmt } = ctx;
  appendHtml(slot, 'afterend', html`<p class="hint partial-note" data-partial-months="${months.join(' ')}">${t('partial.note', {
    months: months.map((m) => fmt.month(m)).join(', '), from: fmt.date(period.from), to: fmt.date(period.to),
  })}</p>`);
}
