// Charts for keyboard and screen-reader users. After a chart is drawn:
// - its clickable parts (SVG groups with data-key: status bars, RFM cells, catalog and rep bars)
//   become buttons in the tab order, named by their label and figure; Enter or Space clicks
//   them (operateChartKey, from the shell's keydown), and the focus stays on the same part
//   when the click redraws the chart;
// - every chart gets a text alternative: an SVG chart is described by its own labels and
//   figures line by line, a uPlot (canvas) chart by a hidden table of its series, or a
//   sentence when it has too many points for a table.
import { html, setHtml } from './html.js';

const MAX_TABLE_ROWS = 60;

/** Makes the chart drawn in el operable and described; chart: ChartSet's record. */
export function makeAccessible(el, chart) {
  const svg = el.querySelector(':scope > svg');
  if (svg) return describeSvg(el, svg);
  if (chart.u) describeUplot(el, chart.u);
}

function describeSvg(el, svg) {
  const hits = svg.querySelectorAll('g[data-key]');
  // Named by their own texts (label and figure) or their <title>: an aria-label would have to
  // repeat the visible text word for word (WCAG 2.5.3, label in name).
  for (const g of hits) {
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
  }
  // A picture with buttons inside is a group (role=img would hide them from screen readers).
  if (hits.length) svg.setAttribute('role', 'group');
  setAlternative(el, svg, html`${linesOf(svg).join('; ')}`);
}

/** The SVG's texts read as lines: texts on the same baseline (label, figure) together, top
 *  to bottom, left to right. */
function linesOf(svg) {
  const rows = new Map();
  for (const t of svg.querySelectorAll('text')) {
    const s = t.textContent.trim();
    if (!s) continue;
    const y = Math.round(+(t.getAttribute('y') || 0) / 6);
    const x = +(t.getAttribute('x') || 0);
    if (!rows.has(y)) rows.set(y, []);
    rows.get(y).push([x, s]);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0])
    .map(([, items]) => items.sort((a, b) => a[0] - b[0]).map((i) => i[1]).join(' '));
}

function describeUplot(el, u) {
  const x = u.data[0] || [];
  const series = u.series.slice(1).map((s, i) => ({ s, values: u.data[i + 1] || [] })).filter((d) => d.s.label);
  const axisOf = (scale) => u.axes.find((a) => a.scale === scale);
  const format = (axis, v) => {
    if (v === null || v === undefined || Number.isNaN(v)) return '—';
    try {
      const out = axis && typeof axis.values === 'function' ? axis.values(u, [v], 0, 0, 0) : null;
      return String(out && out[0] !== undefined && out[0] !== null ? out[0] : v).replace(/\n/g, ' ');
    } catch {
      return String(v);
    }
  };
  if (x.length <= MAX_TABLE_ROWS) {
    const xAxis = axisOf('x');
    const xName = u.series[0].label || '';
    setAlternative(el, u.root, html`<table><thead><tr><th scope="col">${xName}</th>${series.map((d) => html`<th scope="col">${d.s.label}</th>`)}</tr></thead>
      <tbody>${x.map((xv, i) => html`<tr><th scope="row">${format(xAxis, xv)}</th>${series.map((d) => html`<td>${format(axisOf(d.s.scale), d.values[i])}</td>`)}</tr>`)}</tbody></table>`);
  } else {
    // Too many points to read one by one (a scatter of products): how many in each series.
    const counts = series.map((d) => `${d.s.label}: ${d.values.filter((v) => v !== null && v !== undefined).length}`);
    setAlternative(el, u.root, html`${counts.join('; ')}`);
  }
}

/** Puts the text alternative in a visually hidden element beside the picture, which points to it. */
function setAlternative(el, picture, markup) {
  let alt = el.querySelector(':scope > .chart-alt');
  if (!alt) {
    alt = document.createElement('div');
    alt.className = 'sr chart-alt';
    alt.id = 'chart-alt-' + (++counter).toString(36);
    el.append(alt);
  }
  setHtml(alt, markup);
  picture.setAttribute('aria-describedby', alt.id);
}

let counter = 0;

/** Enter or Space on a chart's part clicks it; the focus comes back to the part of the same key
 *  when the click redrew the chart. Returns true when the key was used. */
export function operateChartKey(e) {
  if (e.key !== 'Enter' && e.key !== ' ') return false;
  const part = e.target.closest && e.target.closest('g[data-key][role=button]');
  if (!part) return false;
  e.preventDefault();
  const chartEl = part.closest('.chart');
  const key = part.getAttribute('data-key');
  part.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  if (!part.isConnected && chartEl) {
    const again = [...chartEl.querySelectorAll('g[data-key][role=button]')].find((g) => g.getAttribute('data-key') === key);
    if (again) again.focus();
  }
  return true;
}
