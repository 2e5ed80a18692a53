// A funnel as SVG: one narrowing bar per stage.
import { html } from '../html.js';
import { C } from './palette.js';
import { svgOpen, clip } from './svg.js';

/**
 * Funnel: centred bars shrinking stage by stage, with the conversion from the previous stage.
 * stages: [{label, value, display, color}]
 */
export function funnel(width, stages, { label = '', fmtPct } = {}) {
  const rowH = 46;
  const h = stages.length * rowH + 4;
  const top = Math.max(1, ...stages.map((s) => s.value || 0));
  // The stage names are bold (about 9 px a character at 12 px): the label column takes what the
  // longest needs, up to 40% of a narrow chart ("Ещё открыты" ran past a phone's left edge at 30%),
  // and a name still too long is cut with an ellipsis.
  const BOLD_CHAR = 9;
  const longest = Math.max(0, ...stages.map((st) => String(st.label ?? '').length));
  const lw = Math.round(Math.min(150, Math.max(width * 0.3, longest * BOLD_CHAR + 14), width * 0.4));
  const fits = Math.max(3, Math.floor((lw - 14) / BOLD_CHAR));
  const bw = width - lw - 16;
  const s = [svgOpen(width, h, label)];
  stages.forEach((st, i) => {
    const y = i * rowH + 2;
    const len = Math.max(3, ((st.value || 0) / top) * bw);
    const x = lw + (bw - len) / 2;
    s.push(html`<text x="${lw - 12}" y="${y + 19}" text-anchor="end" fill="${C.ink}" font-weight="600">${clip(st.label, fits)}</text>`);
    if (i > 0 && fmtPct && stages[i - 1].value) {
      s.push(html`<text x="${lw - 12}" y="${y + 35}" text-anchor="end" fill="${C.muted}" font-size="11">${fmtPct(st.value / (st.base ?? stages[i - 1].value))}</text>`);
    }
    s.push(html`<rect x="${x.toFixed(1)}" y="${y + 4}" width="${len.toFixed(1)}" height="${rowH - 12}" rx="4" fill="${st.color || C.accent}"/>`);
    const inside = len > 90;
    s.push(html`<text x="${inside ? lw + bw / 2 : x + len + 8}" y="${y + rowH / 2 + 2}" text-anchor="${inside ? 'middle' : 'start'}" fill="${inside ? '#fff' : C.ink}" font-weight="600">${st.display ?? st.value}</text>`);
  });
  return html`${s}</svg>`;
}
