// What the SVG chart builders share: the opening tag and label clipping.
import { html } from '../html.js';
import { FONT } from './palette.js';

export const svgOpen = (w, h, label) =>
  html`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${label || ''}" font-family='${FONT}' font-size="12"><rect width="${w}" height="${h}" fill="#fff"/>`;

/** How many characters of a 12-px label fit left of a bar whose labels end at lw - 10 (8 px a
 *  character on average: "Pieter de Graaf" was cut at 14 and ran past the chart's left edge). */
export const labelChars = (lw) => Math.max(3, Math.floor((lw - 10) / 8));

export function clip(s, max) {
  s = String(s ?? '');
  return s.length > max ? s.slice(0, Math.max(1, max - 1)) + '…' : s;
}
