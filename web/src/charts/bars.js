// Bar charts as SVG: horizontal bars, stacked bars, diverging won/lost bars, a share bar.
import { html } from '../html.js';
import { C } from './palette.js';
import { svgOpen, labelChars, clip } from './svg.js';

/**
 * Horizontal bars, one per row: label, bar, value. rows: [{key, label, value, display, color}].
 * Rows with a key are clickable (data-key) for filtering.
 */
export function hbars(width, rows, { label = '', rowH = 30, labelW, max } = {}) {
  if (width < 520) rowH = Math.max(rowH, 40); // a phone: each bar a 40-px tap target
  const vw = Math.min(170, Math.max(48, 12 + 7.2 * Math.max(...rows.map((r) => String(r.display ?? r.value).length))));
  const lw = labelW ?? Math.min(170, Math.round(width * 0.34));
  // On a phone, names that the label column would cut (two statuses both "На рассмотрении…")
  // go on a line of their own above their bar, which then starts at the left edge.
  const above = width < 520 && rows.some((r) => String(r.label ?? '').length > labelChars(lw));
  const g = above
    ? { rowH: 48, barX: 0, barY: 22, barH: 16, valueY: 35, bw: Math.max(20, width - vw - 8),
      nameX: 0, nameY: 14, anchor: 'start', chars: labelChars(width + 10) }
    : { rowH, barX: lw, barY: 7, barH: rowH - 14, valueY: rowH / 2 + 4, bw: Math.max(20, width - lw - vw - 12),
      nameX: lw - 10, nameY: rowH / 2 + 4, anchor: 'end', chars: labelChars(lw) };
  const h = rows.length * g.rowH + 6;
  const top = max ?? Math.max(1e-9, ...rows.map((r) => Math.abs(r.value || 0)));
  const s = [svgOpen(width, h, label)];
  rows.forEach((r, i) => {
    const y = i * g.rowH + 3;
    const len = Math.max(r.value ? 2 : 0, (Math.abs(r.value || 0) / top) * g.bw);
    s.push(html`<g ${r.key !== undefined ? html`data-key="${r.key}" class="hit"` : ''}>`);
    s.push(html`<rect x="0" y="${y}" width="${width}" height="${g.rowH}" fill="transparent"/>`);
    s.push(html`<text x="${g.nameX}" y="${y + g.nameY}" text-anchor="${g.anchor}" fill="${C.ink}">${clip(r.label, g.chars)}</text>`);
    s.push(html`<rect x="${g.barX}" y="${y + g.barY}" width="${g.bw}" height="${g.barH}" rx="3" fill="#f3f4f6"/>`);
    s.push(html`<rect x="${g.barX}" y="${y + g.barY}" width="${len.toFixed(1)}" height="${g.barH}" rx="3" fill="${r.color || C.accent}"/>`);
    s.push(html`<text x="${width - 4}" y="${y + g.valueY}" text-anchor="end" fill="${C.ink}" font-weight="600" style="font-variant-numeric:tabular-nums">${r.display ?? r.value}</text>`);
    if (r.sub) s.push(html`<title>${r.sub}</title>`);
    s.push(html`</g>`);
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

