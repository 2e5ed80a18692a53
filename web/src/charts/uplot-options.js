// uPlot (canvas) for time series and the elasticity scatter: the options every such chart shares.
import uPlot from 'uplot';
import { setHtml } from '../html.js';
import { FONT, C } from './palette.js';

/** Common uPlot options: fonts, grid, a cursor without drag-zoom, no built-in legend. */
export function baseOpts(height) {
  return {
    height,
    padding: [12, 8, 0, 4],
    legend: { show: false },
    cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 7 } },
    select: { show: false },
  };
}

export function axis(opts) {
  return {
    font: `11px ${FONT}`,
    labelFont: `600 11px ${FONT}`,
    stroke: C.muted,
    labelSize: 18,
    gap: 4,
    size: 52,
    grid: { stroke: C.grid, width: 1 },
    ticks: { stroke: C.axis, width: 1, size: 4 },
    ...opts,
  };
}

export const bars = (opts) => uPlot.paths.bars(opts);

/** Hover tooltip for uPlot charts: content(idx) -> markup (html``) or null. */
export function tooltipPlugin(content) {
  let tip;
  return {
    hooks: {
      init: (u) => {
        tip = document.createElement('div');
        tip.className = 'u-tip';
        tip.style.display = 'none';
        u.over.appendChild(tip);
        u.over.addEventListener('mouseleave', () => (tip.style.display = 'none'));
      },
      setCursor: (u) => {
        const { left, top, idx } = u.cursor;
        const html = idx === null || idx === undefined || left < 0 ? null : content(u, idx, left, top);
        if (!html) {
          tip.style.display = 'none';
          return;
        }
        setHtml(tip, html);
        tip.style.display = 'block';
        const ow = u.over.clientWidth;
        const tw = tip.offsetWidth;
        tip.style.left = Math.min(Math.max(0, left + 12), Math.max(0, ow - tw)) + 'px';
        tip.style.top = Math.max(0, (top ?? 0) - 10) + 'px';
      },
    },
  };
}
