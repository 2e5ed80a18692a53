// The recency x frequency grid as SVG.
import { html } from '../html.js';
import { C } from './palette.js';
import { svgOpen } from './svg.js';

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
