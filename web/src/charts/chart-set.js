// The charts of one element, redrawn at their container's width, and a chart saved as a PNG
// with its title and legend.
import uPlot from 'uplot';
import { html, setHtml, appendHtml } from '../html.js';
import { download, slug } from '../util.js';
import { makeAccessible } from '../chart-a11y.js';
import { FONT, C } from './palette.js';

// Where there are no frames (a hidden page keeps them waiting; a test's DOM has none), after the
// current task.
const nextFrame = (run) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : queueMicrotask(run));

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
    // Drawn in one batch at the next frame: every width is read in one layout, then every chart
    // is drawn, instead of a forced layout per chart. At the frame rather than after the current
    // task: a re-filter draws its view, then the table's rows and the chosen customer's detail
    // as the worker's answers come, and each batch read at once forced a layout of the whole
    // page (about 9 ms each, several a re-filter: docs/performance.md "Charts drawn at the
    // frame").
    (this.pending ||= []).push(chart);
    if (!this.scheduled) {
      this.scheduled = true;
      nextFrame(() => this.flush());
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
