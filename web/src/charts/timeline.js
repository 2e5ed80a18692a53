// One customer's orders on a timeline, as SVG.
import { html } from '../html.js';
import { C } from './palette.js';
import { svgOpen } from './svg.js';

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
