// Charts: uPlot (canvas) for time series and the elasticity scatter, small SVG builders for
// bars, funnels and grids. Every chart is redrawn at its container's width and can be saved
// as a PNG with its title and legend.
import uPlot from 'uplot';
import { html, setHtml, appendHtml } from './html.js';
import { download, slug } from './util.js';
import { makeAccessible } from './chart-a11y.js';

export const FONT = 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif';

export const C = {
  ink: '#1c2024', muted: '#60646c', faint: '#8b8d98', grid: '#eceef2', axis: '#d3d6dc', bg: '#ffffff',
  accent: '#5b5bd6', accentSoft: '#e6e7fb', blue: '#0d74ce', teal: '#12a594', green: '#30a46c',
  amber: '#e2a336', orange: '#ef5f00', red: '#e5484d', redText: '#ce2c31', greenText: '#18794e', violet: '#8e4ec6', pink: '#d6409f', gray: '#b9bbc6',
};
export const STATUS_COLORS = { on_track: C.green, due: C.amber, overdue: C.orange, lapsed: C.red, unknown: C.gray };
export const OUTCOME_COLORS = { won: C.green, lost: C.red, open: C.blue };
export const CLASS_COLORS = { elastic: C.teal, inelastic: C.accent, positive: C.amber };
export const STAGE_PALETTE = ['#c2c4f5', '#9b9ef0', '#7c7fe6', '#5b5bd6', '#4241b0', '#2f2e85', '#8e4ec6', '#d6409f', '#12a594', '#e2a336'];

/** Keeps the charts of one element: redraws them at their container's width. */
export class ChartSet {
  constructor() {
    this.charts = new Set();
  }

  /** spec: {title, draw(width) -> svg string} or {title, uplot(width) -> {opts, data}, legend} */
  add(el, spec) {
    const chart = { el, spec, width: 0, u: null };
    el.classList.add('chart');
    this.charts.add(chart);
    el._chart = chart;
    // Drawn in one batch after the current task's DOM writes: every width is read in one
    // layout, then every chart is drawn, instead of a forced layout per chart.
    (this.pending ||= []).push(chart);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
    return chart;
  }

  flush() {
    this.scheduled = false;
    const list = (this.pending || []).filter((c) => c.el.isConnected);
    this.pending = [];
    const widths = list.map((c) => Math.floor(c.el.clientWidth));
    list.forEach((c, i) => this.draw(c, false, widths[i]));
  }

  draw(chart, force, width) {
    const w = width ?? Math.floor(chart.el.clientWidth);
    if (!w) return; // hidden: drawn when shown
    if (!force && w === chart.width && (chart.u || chart.svg)) return;
    chart.width = w;
    const s = chart.spec;
    if (s.draw) {
      chart.svg = s.draw(w);
      setHtml(chart.el, chart.svg);
    } else if (s.uplot) {
      if (chart.u) chart.u.destroy();
      setHtml(chart.el, html``);
      const { opts, data } = s.uplot(w);
      chart.u = new uPlot({ ...opts, width: w }, data, chart.el);
      if (s.legend && s.legend.length) {
        appendHtml(chart.el, 'beforeend', html`<div class="legend">${s.legend.map((l) =>
          html`<span><i style="background:${l.color}"></i>${l.label}</span>`)}</div>`);
      }
    }
    makeAccessible(chart.el, chart); // keyboard parts and a text alternative (chart-a11y.js)
  }

  resize() {
    const list = [];
    for (const c of this.charts) {
      if (!c.el.isConnected) this.remove(c);
      else list.push(c);
    }
    const widths = list.map((c) => Math.floor(c.el.clientWidth));
    list.forEach((c, i) => this.draw(c, false, widths[i]));
  }

  removeWithin(root) {
    for (const c of this.charts) if (root.contains(c.el) || !c.el.isConnected) this.remove(c);
  }

  remove(c) {
    if (c.u) c.u.destroy();
    c.u = null;
    this.charts.delete(c);
  }
}

/** Draws the chart in `el` (a .chart) onto a white canvas with its title and legend, saves PNG. */
export async function exportPng(el, title, lang) {
  const chart = el._chart;
  if (!chart) return;
  const scale = 2;
  const pad = 20;
  const titleH = 34;
  let body; // {w, h, paint(ctx, x, y)}
  if (chart.u) {
    const u = chart.u;
    const cv = u.ctx.canvas;
    const w = u.width, h = u.height;
    const legend = (chart.spec.legend || []).filter(Boolean);
    const legH = legend.length ? 26 : 0;
    body = {
      w, h: h + legH,
      paint(ctx, x, y) {
        ctx.drawImage(cv, x, y, w, h);
        let lx = x;
        ctx.font = `12px ${FONT}`;
        ctx.textBaseline = 'middle';
        for (const item of legend) {
          ctx.fillStyle = item.color;
          ctx.fillRect(lx, y + h + 9, 12, 8);
          ctx.fillStyle = C.muted;
          ctx.fillText(item.label, lx + 17, y + h + 13);
          lx += 30 + ctx.measureText(item.label).width;
        }
      },
    };
  } else {
    const svg = chart.el.querySelector('svg');
    if (!svg) return;
    const w = svg.width.baseVal.value || chart.width;
    const h = svg.height.baseVal.value || 200;
    const xml = new XMLSerializer().serializeToString(svg);
    const url = URL.createObjectURL(new Blob([xml], { type: 'image/svg+xml' }));
    const img = new Image();
    await new Promise((ok, fail) => {
      img.onload = ok;
      img.onerror = fail;
      img.src = url;
    });
    body = { w, h, paint: (ctx, x, y) => ctx.drawImage(img, x, y, w, h), done: () => URL.revokeObjectURL(url) };
  }
  const canvas = document.createElement('canvas');
  canvas.width = (body.w + pad * 2) * scale;
  canvas.height = (body.h + pad * 2 + titleH) * scale;
  const ctx = canvas.getContext('2d');
  ctx.scale(scale, scale);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = C.ink;
  ctx.font = `600 15px ${FONT}`;
  ctx.textBaseline = 'top';
  ctx.fillText(title, pad, pad);
  body.paint(ctx, pad, pad + titleH);
  if (body.done) body.done();
  const blob = await new Promise((ok) => canvas.toBlob(ok, 'image/png'));
  download(`${slug(title)}${lang ? '-' + lang : ''}.png`, blob);
}

// ---------------------------------------------------------------------------------- uPlot

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

/** uPlot wants seconds for time axes; a month 'YYYY-MM' becomes its first day, UTC. */
export const monthTs = (m) => Date.UTC(+m.slice(0, 4), +m.slice(5, 7) - 1, 1) / 1000;

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

// ------------------------------------------------------------------------------------ SVG

const svgOpen = (w, h, label) =>
  html`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${label || ''}" font-family='${FONT}' font-size="12"><rect width="${w}" height="${h}" fill="#fff"/>`;

/** How many characters of a 12-px label fit left of a bar whose labels end at lw - 10 (8 px a
 *  character on average: "Pieter de Graaf" was cut at 14 and ran past the chart's left edge). */
const labelChars = (lw) => Math.max(3, Math.floor((lw - 10) / 8));

function clip(s, max) {
  s = String(s ?? '');
  return s.length > max ? s.slice(0, Math.max(1, max - 1)) + '…' : s;
}

/**
 * Horizontal bars, one per row: label, bar, value. rows: [{key, label, value, display, color}].
 * Rows with a key are clickable (data-key) for filtering.
 */
export function hbars(width, rows, { label = '', rowH = 30, labelW, max } = {}) {
  if (width < 520) rowH = Math.max(rowH, 40); // a phone: each bar a 40-px tap target
  const lw = labelW ?? Math.min(170, Math.round(width * 0.34));
  const vw = Math.min(170, Math.max(48, 12 + 7.2 * Math.max(...rows.map((r) => String(r.display ?? r.value).length))));
  const bw = Math.max(20, width - lw - vw - 12);
  const h = rows.length * rowH + 6;
  const top = max ?? Math.max(1e-9, ...rows.map((r) => Math.abs(r.value || 0)));
  const s = [svgOpen(width, h, label)];
  rows.forEach((r, i) => {
    const y = i * rowH + 3;
    const len = Math.max(r.value ? 2 : 0, (Math.abs(r.value || 0) / top) * bw);
    s.push(html`<g ${r.key !== undefined ? html`data-key="${r.key}" class="hit"` : ''}>`);
    s.push(html`<rect x="0" y="${y}" width="${width}" height="${rowH}" fill="transparent"/>`);
    s.push(html`<text x="${lw - 10}" y="${y + rowH / 2 + 4}" text-anchor="end" fill="${C.ink}">${clip(r.label, labelChars(lw))}</text>`);
    s.push(html`<rect x="${lw}" y="${y + 7}" width="${bw}" height="${rowH - 14}" rx="3" fill="#f3f4f6"/>`);
    s.push(html`<rect x="${lw}" y="${y + 7}" width="${len.toFixed(1)}" height="${rowH - 14}" rx="3" fill="${r.color || C.accent}"/>`);
    s.push(html`<text x="${width - 4}" y="${y + rowH / 2 + 4}" text-anchor="end" fill="${C.ink}" font-weight="600" style="font-variant-numeric:tabular-nums">${r.display ?? r.value}</text>`);
    if (r.sub) s.push(html`<title>${r.sub}</title>`);
    s.push(html`</g>`);
  });
  return html`${s}</svg>`;
}

/**
 * Funnel: centred bars shrinking stage by stage, with the conversion from the previous stage.
 * stages: [{label, value, display, color}]
 */
export function funnel(width, stages, { label = '', fmtPct } = {}) {
  const rowH = 46;
  const h = stages.length * rowH + 4;
  const top = Math.max(1, ...stages.map((s) => s.value || 0));
  const lw = Math.min(150, Math.round(width * 0.3));
  const bw = width - lw - 16;
  const s = [svgOpen(width, h, label)];
  stages.forEach((st, i) => {
    const y = i * rowH + 2;
    const len = Math.max(3, ((st.value || 0) / top) * bw);
    const x = lw + (bw - len) / 2;
    s.push(html`<text x="${lw - 12}" y="${y + 19}" text-anchor="end" fill="${C.ink}" font-weight="600">${st.label}</text>`);
    if (i > 0 && fmtPct && stages[i - 1].value) {
      s.push(html`<text x="${lw - 12}" y="${y + 35}" text-anchor="end" fill="${C.muted}" font-size="11">${fmtPct(st.value / (st.base ?? stages[i - 1].value))}</text>`);
    }
    s.push(html`<rect x="${x.toFixed(1)}" y="${y + 4}" width="${len.toFixed(1)}" height="${rowH - 12}" rx="4" fill="${st.color || C.accent}"/>`);
    const inside = len > 90;
    s.push(html`<text x="${inside ? lw + bw / 2 : x + len + 8}" y="${y + rowH / 2 + 2}" text-anchor="${inside ? 'middle' : 'start'}" fill="${inside ? '#fff' : C.ink}" font-weight="600">${st.display ?? st.value}</text>`);
  });
  return html`${s}</svg>`;
}

/**
 * Stacked horizontal bars per row (e.g. open deals by stage per rep), with a legend on top.
 * rows: [{key, label, total, display, segments: [value...]}], series: [{label, color}]
 */
export function stackedBars(width, rows, series, { label = '', fmt = String } = {}) {
  const rowH = width < 520 ? 40 : 30; // a phone: each bar a 40-px tap target
  const legendLines = [];
  let line = [], lx = 0;
  for (const [i, se] of series.entries()) {
    const w = 22 + se.label.length * 6.6;
    if (lx + w > width && line.length) {
      legendLines.push(line);
      line = [];
      lx = 0;
    }
    line.push({ ...se, i, x: lx });
    lx += w + 12;
  }
  if (line.length) legendLines.push(line);
  const legH = legendLines.length * 20 + 8;
  const lw = Math.min(160, Math.round(width * 0.3));
  const vw = Math.min(170, Math.max(48, 12 + 7.2 * Math.max(...rows.map((r) => String(r.display ?? r.total).length))));
  const bw = Math.max(20, width - lw - vw - 8);
  const h = legH + rows.length * rowH + 4;
  const top = Math.max(1e-9, ...rows.map((r) => r.total || 0));
  const s = [svgOpen(width, h, label)];
  legendLines.forEach((ln, li) => {
    for (const it of ln) {
      s.push(html`<rect x="${it.x}" y="${li * 20 + 4}" width="12" height="10" rx="2" fill="${it.color}"/>`);
      s.push(html`<text x="${it.x + 17}" y="${li * 20 + 13}" fill="${C.muted}" font-size="11">${it.label}</text>`);
    }
  });
  rows.forEach((r, i) => {
    const y = legH + i * rowH;
    s.push(html`<g ${r.key !== undefined ? html`data-key="${r.key}" class="hit"` : ''}><rect x="0" y="${y}" width="${width}" height="${rowH}" fill="transparent"/>`);
    s.push(html`<text x="${lw - 10}" y="${y + rowH / 2 + 4}" text-anchor="end" fill="${C.ink}">${clip(r.label, labelChars(lw))}</text>`);
    s.push(html`<rect x="${lw}" y="${y + 7}" width="${bw}" height="${rowH - 14}" rx="3" fill="#f3f4f6"/>`);
    let x = lw;
    r.segments.forEach((v, si) => {
      if (!v) return;
      const len = (v / top) * bw;
      s.push(html`<rect x="${x.toFixed(1)}" y="${y + 7}" width="${Math.max(1, len - 1).toFixed(1)}" height="${rowH - 14}" fill="${series[si].color}"><title>${series[si].label}: ${fmt(v)}</title></rect>`);
      x += len;
    });
    s.push(html`<text x="${width - 4}" y="${y + rowH / 2 + 4}" text-anchor="end" fill="${C.ink}" font-weight="600">${r.display ?? fmt(r.total)}</text></g>`);
  });
  return html`${s}</svg>`;
}

/**
 * Won (right, green) and lost (left, red) per row around a centre line, win rate at the end.
 * rows: [{label, won, lost, note}]
 */
export function divergingBars(width, rows, { label = '', wonLabel = 'won', lostLabel = 'lost', fmt = String } = {}) {
  const rowH = 28;
  const legH = 24;
  const lw = Math.min(150, Math.round(width * 0.28));
  const nw = 56;
  const span = Math.max(40, width - lw - nw - 10);
  const half = span / 2;
  const cx = lw + half;
  const top = Math.max(1, ...rows.map((r) => Math.max(r.won || 0, r.lost || 0)));
  const h = legH + rows.length * rowH + 4;
  const s = [svgOpen(width, h, label)];
  s.push(html`<text x="${cx - 8}" y="14" text-anchor="end" fill="${C.redText}" font-weight="600" font-size="11">← ${lostLabel}</text>`);
  s.push(html`<text x="${cx + 8}" y="14" fill="${C.greenText}" font-weight="600" font-size="11">${wonLabel} →</text>`);
  rows.forEach((r, i) => {
    const y = legH + i * rowH;
    const wl = Math.max(0, ((r.won || 0) / top) * (half - 34));
    const ll = Math.max(0, ((r.lost || 0) / top) * (half - 34));
    s.push(html`<text x="${lw - 10}" y="${y + rowH / 2 + 4}" text-anchor="end" fill="${C.ink}">${clip(r.label, labelChars(lw))}</text>`);
    s.push(html`<rect x="${(cx - ll).toFixed(1)}" y="${y + 6}" width="${ll.toFixed(1)}" height="${rowH - 12}" rx="2" fill="${C.red}" opacity="0.85"/>`);
    s.push(html`<rect x="${cx}" y="${y + 6}" width="${wl.toFixed(1)}" height="${rowH - 12}" rx="2" fill="${C.green}"/>`);
    s.push(html`<text x="${(cx - ll - 4).toFixed(1)}" y="${y + rowH / 2 + 4}" text-anchor="end" fill="${C.muted}" font-size="11">${fmt(r.lost)}</text>`);
    s.push(html`<text x="${(cx + wl + 4).toFixed(1)}" y="${y + rowH / 2 + 4}" fill="${C.muted}" font-size="11">${fmt(r.won)}</text>`);
    s.push(html`<text x="${width - 4}" y="${y + rowH / 2 + 4}" text-anchor="end" fill="${C.ink}" font-weight="600">${r.note ?? ''}</text>`);
  });
  s.push(html`<line x1="${cx}" x2="${cx}" y1="${legH - 2}" y2="${h - 2}" stroke="${C.axis}"/>`);
  return html`${s}</svg>`;
}

/**
 * RFM grid: recency score (rows, 5 at the top) × frequency score (columns), count per cell.
 * counts[r-1][f-1]; selected: 'r,f'
 */
export function rfmGrid(width, counts, { label = '', rLabel = 'R', fLabel = 'F', selected = null, fmt = String } = {}) {
  const left = 34, bottom = 34;
  const size = Math.max(8, Math.min(Math.floor((width - left - 8) / 5), 58)); // never negative while a card is laid out
  const gw = size * 5;
  const h = gw + bottom + 6;
  const max = Math.max(1, ...counts.flat());
  const s = [svgOpen(width, h, label)];
  const ox = left + Math.max(0, (width - left - gw) / 2 - 10);
  for (let r = 5; r >= 1; r--) {
    const y = (5 - r) * size + 2;
    s.push(html`<text x="${ox - 8}" y="${y + size / 2 + 4}" text-anchor="end" fill="${C.muted}" font-size="11">${r}</text>`);
    for (let f = 1; f <= 5; f++) {
      const x = ox + (f - 1) * size;
      const n = counts[r - 1][f - 1];
      const a = n ? 0.12 + 0.88 * (n / max) : 0;
      const sel = selected === `${r},${f}`;
      s.push(html`<g data-key="${r},${f}" class="hit"><rect x="${x + 1}" y="${y + 1}" width="${size - 2}" height="${size - 2}" rx="4" fill="${n ? C.accent : '#f3f4f6'}" fill-opacity="${n ? a.toFixed(2) : 1}" ${sel && html`stroke="${C.ink}" stroke-width="2"`}/>`);
      if (n) s.push(html`<text x="${x + size / 2}" y="${y + size / 2 + 4}" text-anchor="middle" fill="${a > 0.55 ? '#fff' : C.ink}" font-weight="600">${fmt(n)}</text>`);
      s.push(html`<title>R${r} F${f}: ${fmt(n)}</title></g>`);
    }
  }
  for (let f = 1; f <= 5; f++) s.push(html`<text x="${ox + (f - 0.5) * size}" y="${gw + 16}" text-anchor="middle" fill="${C.muted}" font-size="11">${f}</text>`);
  s.push(html`<text x="${ox + gw / 2}" y="${gw + 31}" text-anchor="middle" fill="${C.muted}" font-size="11" font-weight="600">${fLabel} →</text>`);
  s.push(html`<text transform="translate(11 ${gw / 2}) rotate(-90)" text-anchor="middle" fill="${C.muted}" font-size="11" font-weight="600">${rLabel} →</text>`);
  return html`${s}</svg>`;
}

/** One horizontal stacked bar with labelled parts (e.g. ABC mix of revenue). parts: [{label, value, color, display}] */
export function shareBar(width, parts, { label = '' } = {}) {
  const h = 58;
  const total = parts.reduce((a, p) => a + Math.max(0, p.value || 0), 0) || 1;
  const s = [svgOpen(width, h, label)];
  let x = 0;
  for (const p of parts) {
    const w = (Math.max(0, p.value || 0) / total) * width;
    if (w <= 0) continue;
    s.push(html`<rect x="${x.toFixed(1)}" y="4" width="${Math.max(1, w - 2).toFixed(1)}" height="22" rx="3" fill="${p.color}"/>`);
    if (w > 70) s.push(html`<text x="${(x + 6).toFixed(1)}" y="19" fill="#fff" font-weight="600" font-size="11">${p.short ?? p.label}</text>`);
    x += w;
  }
  let lx = 0;
  for (const p of parts) {
    s.push(html`<rect x="${lx}" y="38" width="10" height="10" rx="2" fill="${p.color}"/><text x="${lx + 15}" y="47" fill="${C.muted}" font-size="11">${p.label} ${p.display ?? ''}</text>`);
    lx += 40 + (String(p.label).length + String(p.display ?? '').length) * 6.2;
  }
  return html`${s}</svg>`;
}

/**
 * A customer's timeline: first order … last order, then the expected next order and as-of,
 * with the late stretch in red. days: {first, last, next, asOf} as day numbers; labels.
 */
export function timeline(width, d, labels) {
  const h = 96;
  const lo = d.first, hi = Math.max(d.asOf, d.next ?? d.asOf);
  const span = Math.max(1, hi - lo);
  const x0 = 18, x1 = width - 18;
  const X = (v) => x0 + ((v - lo) / span) * (x1 - x0);
  const y = 44;
  const s = [svgOpen(width, h, labels.title)];
  s.push(html`<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}" stroke="#eceef2" stroke-width="6" stroke-linecap="round"/>`);
  s.push(html`<line x1="${X(d.first)}" x2="${X(d.last)}" y1="${y}" y2="${y}" stroke="${C.accent}" stroke-width="6" stroke-linecap="round"/>`);
  // The usual rhythm, drawn back from the last order as ticks.
  if (d.interval > 0) {
    const n = Math.min(400, Math.floor((d.last - d.first) / d.interval));
    for (let i = 1; i <= n; i++) {
      const v = d.last - i * d.interval;
      s.push(html`<line x1="${X(v).toFixed(1)}" x2="${X(v).toFixed(1)}" y1="${y - 3}" y2="${y + 3}" stroke="#fff" stroke-opacity="0.7"/>`);
    }
  }
  if (d.next !== null && d.next !== undefined) {
    const late = d.asOf > d.next;
    s.push(html`<line x1="${X(d.last)}" x2="${X(d.next)}" y1="${y}" y2="${y}" stroke="${C.accent}" stroke-width="2" stroke-dasharray="4 3"/>`);
    if (late) s.push(html`<line x1="${X(d.next)}" x2="${X(d.asOf)}" y1="${y}" y2="${y}" stroke="${C.red}" stroke-width="6" stroke-linecap="round"/>`);
    s.push(html`<circle cx="${X(d.next)}" cy="${y}" r="6" fill="#fff" stroke="${late ? C.red : C.accent}" stroke-width="2"/>`);
  }
  const mark = (v, text, sub, above, color, anchor) => {
    const x = X(v);
    const ty = above ? y - 26 : y + 26;
    return [html`<circle cx="${x}" cy="${y}" r="${above ? 5 : 4}" fill="${color}"/>`,
      html`<text x="${x}" y="${ty}" text-anchor="${anchor}" fill="${C.ink}" font-size="11" font-weight="600">${text}</text>`,
      html`<text x="${x}" y="${ty + 13}" text-anchor="${anchor}" fill="${C.muted}" font-size="11">${sub}</text>`];
  };
  const anchorOf = (v) => (X(v) < x0 + 60 ? 'start' : X(v) > x1 - 60 ? 'end' : 'middle');
  s.push(mark(d.first, labels.first, labels.firstDate, false, C.accent, 'start'));
  s.push(mark(d.last, labels.last, labels.lastDate, true, C.accent, anchorOf(d.last)));
  if (d.next !== null && d.next !== undefined && Math.abs(X(d.next) - X(d.asOf)) > 110 && X(d.next) - X(d.first) > 110) {
    s.push(html`<text x="${X(d.next)}" y="${y + 26}" text-anchor="${anchorOf(d.next)}" fill="${C.ink}" font-size="11" font-weight="600">${labels.next}</text>`,
      html`<text x="${X(d.next)}" y="${y + 39}" text-anchor="${anchorOf(d.next)}" fill="${C.muted}" font-size="11">${labels.nextDate}</text>`);
  }
  s.push(html`<line x1="${X(d.asOf)}" x2="${X(d.asOf)}" y1="${y - 10}" y2="${y + 10}" stroke="${C.ink}" stroke-width="2"/>`);
  if (X(d.asOf) - X(d.first) > 120) {
    const a = anchorOf(d.asOf) === 'start' ? 'start' : 'end';
    s.push(html`<text x="${X(d.asOf)}" y="${y + 26}" text-anchor="${a}" fill="${C.ink}" font-size="11" font-weight="600">${labels.asOf}</text>`,
      html`<text x="${X(d.asOf)}" y="${y + 39}" text-anchor="${a}" fill="${C.muted}" font-size="11">${labels.asOfDate}</text>`);
  }
  return html`${s}</svg>`;
}
