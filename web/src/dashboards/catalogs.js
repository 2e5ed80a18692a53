// Product catalogs: catalogs side by side, products with ABC and elasticity, discount candidates.
import { html, setHtml, appendHtml } from '../html.js';
import { esc } from '../format.js';
import { DataTable } from '../table.js';
import { PagedTable } from '../paged-table.js';
import { PAGED_LISTS, rowsOfColumns } from '../paged-fields.js';
import { STALE } from '../session.js';
import { C, CLASS_COLORS } from '../charts/palette.js';
import { baseOpts, axis, tooltipPlugin } from '../charts/uplot-options.js';
import { hbars } from '../charts/bars.js';
import { DOT_CLASSES as CLASSES, dotGroups } from '../charts/elasticity-groups.js';
import { header, tiles, tile, card, unavailable, classBadge, abcBadge, ratioBar, slotOf, withRange, elasticityText, usedFit, rangeCsvColumns } from './common.js';
import { isUnavailable } from '../util.js';
import { renderDiscountLevels } from './discount-levels.js';
import { renderAssortment } from './assortment.js';

const isDecade = (v) => v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;
const decades = (u, splits) => splits.map((v) => (isDecade(v) ? v : null));
const ABC_COLORS = { A: C.accent, B: '#9b9ef0', C: '#cfd0f3' };
// The products stay in the engine's worker (paged-fields.js): the table asks for its pages,
// the chart for its dots; the counts come summed up (paged-summaries.js).
const LIST = 'catalogs.products';
// What the elasticity chart reads of each product: its place, its tooltip and its colour
// (drawScatter; usedFit and elasticityText read the fit's keys).
const SCATTER_COLUMNS = ['sku', 'product_name', 'revenue',
  ...['slope', 'std_error', 'ci_low', 'ci_high', 'pooled_slope', 'pooled_ci_low', 'pooled_ci_high', 'class', 'seasonally_adjusted'].map((k) => `elasticity.${k}`)];
const NO_SUMMARY = { skus: 0, fitted: 0, elastic: 0, with_ci: false, confidence: null, by_catalog: [] };
const NO_CATALOG = { products: 0, abc_count: { A: 0, B: 0, C: 0 }, abc_revenue: { A: 0, B: 0, C: 0 }, classes: {} };

export function renderCatalogs(ctx, root) {
  const { t, fmt } = ctx;
  ctx.charts.removeWithin(root);
  const data = ctx.report.catalogs;
  if (isUnavailable(data)) {
    setHtml(root, html`${header(ctx, 'cat')}${unavailable(ctx, 'catalogs', data && data.unavailable)}`);
    return;
  }
  const ui = ctx.ui.catalogs;
  const cats = data.catalogs || [];
  const list = ctx.pagedList(LIST);
  const sum = (list && list.summary) || NO_SUMMARY;
  const byCatalog = new Map(sum.by_catalog);
  if (!ui.catalog || !cats.some((c) => c.catalog === ui.catalog)) ui.catalog = cats[0] ? cats[0].catalog : null;

  const total = cats.reduce((a, c) => a + (c.revenue || 0), 0);
  // Every line in the period, all catalogs together (the customers' summary's figure too): the
  // catalogs' own section carries it, so that this view is computed alone on a re-filter.
  const marginPct = data.margin_pct === undefined ? null : data.margin_pct;
  // An engine with intervals classes each fit itself (`uncertain` when the interval crosses
  // −1 or 0); an older one gives a standard error only.
  const withCi = sum.with_ci;
  const conf = fmt.pct(sum.confidence || 0.9, 0);
  const classes = withCi ? [...CLASSES, 'uncertain'] : CLASSES;
  const assortment = (data.assortment || []).find((a) => a.catalog === ui.catalog);

  const picker = cats.length > 1
    ? html`<label class="inline-select"><span>${t('cat.select')}</span><select data-role="catalog-pick">${cats.map((c) => html`<option ${c.catalog === ui.catalog ? 'selected' : ''}>${c.catalog}</option>`)}</select></label>`
    : '';

  setHtml(root, html`${header(ctx, 'cat')}${tiles([
    tile('catalogs', t('cat.catalogs'), fmt.int(cats.length), cats.map((c) => c.catalog).slice(0, 3).join(', ') + (cats.length > 3 ? '…' : '')),
    tile('catalog_revenue', t('cust.revenue'), fmt.moneyShort(total), ''),
    tile('skus', t('cat.skus'), fmt.int(sum.skus), ''),
    tile('margin_pct', t('col.margin_pct'), fmt.pct(marginPct), ''),
    tile('elastic', t('cat.elastic'), fmt.int(sum.elastic), t('cat.elastic.sub', { n: fmt.int(sum.fitted) })),
  ])}<div class="grid">
    <div class="span-12">${card(ctx, { slot: 'cat-compare', title: t('cat.side_by_side') })}</div>
    ${cats.length > 1 ? html`<div class="span-5">${card(ctx, { slot: 'cat-share', title: t('cat.revenue_by'), chart: true })}</div>` : ''}
    <div class="span-${cats.length > 1 ? 7 : 12}">${card(ctx, { slot: 'cat-scatter', title: t('cat.scatter') + (cats.length > 1 ? ` · ${ui.catalog}` : ''), hint: withCi ? t('cat.scatter.hint_ci', { conf }) : t('cat.scatter.hint'), chart: true })}</div>
    <div class="span-12">${card(ctx, { slot: 'cat-products', title: cats.length > 1 ? t('cat.products', { catalog: ui.catalog }) : t('cat.products.all'), extra: picker })}</div>
    <div class="span-4">${card(ctx, { slot: 'cat-abc', title: t('cat.abc') + (cats.length > 1 ? ` · ${ui.catalog}` : ''), chart: true })}</div>
    <div class="span-8">${card(ctx, { slot: 'cat-discounts', title: t('cat.discounts'), hint: t(withCi ? 'cat.discounts.hint_ci' : 'cat.discounts.hint') })}</div>
    ${data.discount_levels ? html`<div class="span-12">${card(ctx, { slot: 'cat-levels', title: t('cat.levels'), hint: t('cat.levels.hint') })}</div>` : ''}
    ${assortment ? html`<div class="span-5">${card(ctx, { slot: 'cat-gaps', title: `${t('cat.gaps')} · ${ui.catalog}`, hint: t('cat.gaps.hint') })}</div>
      <div class="span-7">${card(ctx, { slot: 'cat-drops', title: `${t('cat.drops')} · ${ui.catalog}`, hint: t('cat.drops.hint') })}</div>` : ''}
  </div>`);

  // Catalogs side by side.
  new DataTable({
    id: 'catalogs', t, fmt, state: ui.compare, rows: cats, pageSize: 50, searchable: false, exportName: 'catalogs',
    rowKey: (c) => c.catalog, rowClass: (c) => (c.catalog === ui.catalog ? 'selected' : ''),
    onRowClick: (c) => {
      ctx.remember(() => (ui.catalog = c.catalog));
      renderCatalogs(ctx, root);
    },
    columns: [
      { key: 'catalog', label: t('col.catalog'), value: (c) => c.catalog, render: (c) => html`<b>${c.catalog}</b>` },
      { key: 'revenue', label: t('col.revenue'), num: true, value: (c) => c.revenue, render: (c) => fmt.money(c.revenue) },
      { key: 'revenue_share', label: t('col.share'), num: true, value: (c) => c.revenue_share, render: (c) => ratioBar(c.revenue_share, fmt.pct(c.revenue_share)) },
      { key: 'orders', label: t('col.orders'), num: true, value: (c) => c.orders, render: (c) => fmt.int(c.orders) },
      { key: 'customers', label: t('col.customers'), num: true, value: (c) => c.customers, render: (c) => fmt.int(c.customers) },
      { key: 'aov', label: t('col.aov'), num: true, value: (c) => c.aov, render: (c) => fmt.money(c.aov) },
      { key: 'margin', label: t('col.margin'), num: true, value: (c) => c.margin, render: (c) => fmt.money(c.margin) },
      { key: 'margin_pct', label: t('col.margin_pct'), num: true, value: (c) => c.margin_pct, render: (c) => fmt.pct(c.margin_pct) },
      { key: 'skus', label: t('cat.skus'), num: true, value: (c) => c.skus, render: (c) => fmt.int(c.skus) },
      { key: 'units', label: t('col.units'), num: true, value: (c) => c.units, render: (c) => fmt.int(c.units) },
    ],
  }).mount(slotOf(root, 'cat-compare'));

  const palette = [C.accent, C.teal, C.amber, C.pink, C.blue, C.violet, C.orange, C.green];
  if (cats.length > 1) ctx.charts.add(slotOf(root, 'cat-share'), {
    draw: (w) => hbars(w, cats.slice(0, 12).map((c, i) => ({
      key: c.catalog, label: c.catalog, value: c.revenue, color: palette[i % palette.length],
      display: `${fmt.moneyShort(c.revenue)} · ${fmt.pct(c.revenue_share, 0)}`,
    })), { label: t('cat.side_by_side'), rowH: 34, labelW: Math.min(140, w * 0.32) }),
  });
  if (cats.length > 1) slotOf(root, 'cat-share').addEventListener('click', (e) => {
    const g = e.target.closest('[data-key]');
    if (g) {
      ctx.remember(() => (ui.catalog = g.dataset.key));
      renderCatalogs(ctx, root);
    }
  });

  const mine = byCatalog.get(ui.catalog) || NO_CATALOG;

  // Elasticity vs revenue: the catalog's fitted products, asked of the worker as the columns the
  // chart reads (thousands of products: as objects they took longer to copy than to fit).
  const scatterEl = slotOf(root, 'cat-scatter');
  scatterEl.dataset.pointsReady = '';
  const plotted = list
    ? ctx.listRows({ list: LIST, where: { catalog: ui.catalog, plotted: true }, offset: 0, limit: null, columns: SCATTER_COLUMNS })
    : Promise.resolve({ columns: {}, count: 0 });
  plotted.then((answer) => {
    if (answer === STALE || !scatterEl.isConnected) return; // a newer report or catalog draws it
    drawScatter(ctx, scatterEl, rowsOfColumns(answer), { withCi, conf });
    scatterEl.dataset.pointsReady = 'yes';
  }, (err) => console.error(err));

  // Product table for the chosen catalog: sorted and searched by the worker's fields.
  const abcCount = mine.abc_count, abcRev = mine.abc_revenue;
  const f = PAGED_LISTS[LIST].fields;
  const field = (key) => ({ key, value: f[key].value });
  ui.products ||= {};
  new PagedTable({
    id: 'products', t, fmt, state: ui.products, pageSize: ctx.pageSize, exportName: `products-${ui.catalog || 'all'}`,
    fetchRows: ctx.listRows, list: LIST, total: mine.products,
    where: () => ({ catalog: ui.catalog, ...(ui.abc && { abc: ui.abc }), ...(ui.klass && { class: ui.klass }) }),
    searchPlaceholder: t('cat.search'), sort: { key: 'revenue', dir: 'desc' }, rowKey: (p) => p.sku,
    rowClass: (p) => (p.elasticity && p.elasticity.class === 'uncertain' ? 'faint-row' : ''),
    chips: () => [
      ...['A', 'B', 'C'].filter((k) => abcCount[k]).map((k) => ({ key: 'abc:' + k, label: k, count: fmt.int(abcCount[k]), active: ui.abc === k, dot: ABC_COLORS[k] })),
      ...classes.map((k) => ({ key: 'class:' + k, label: t('class.' + k), count: fmt.int(mine.classes[k] || 0), active: ui.klass === k, dot: CLASS_COLORS[k] || C.gray })),
    ],
    onChip: (key) => {
      const [kind, v] = key.split(':');
      if (kind === 'abc') ui.abc = ui.abc === v ? null : v;
      else ui.klass = ui.klass === v ? null : v;
    },
    columns: [
      { ...field('catalog'), label: t('col.catalog'), hidden: true },
      { ...field('sku'), label: t('col.sku'), render: (p) => html`<code>${p.sku}</code>` },
      { ...field('product_name'), label: t('col.product'), cls: 'wide' },
      { ...field('abc'), label: t('col.abc'), render: (p) => abcBadge(p.abc) },
      { ...field('units'), label: t('col.units'), num: true, render: (p) => fmt.int(p.units) },
      { ...field('revenue'), label: t('col.revenue'), num: true, render: (p) => fmt.money(p.revenue) },
      { ...field('revenue_share'), label: t('col.share'), num: true, render: (p) => fmt.pct(p.revenue_share) },
      { ...field('orders'), label: t('col.orders'), num: true, render: (p) => fmt.int(p.orders) },
      { ...field('customers'), label: t('col.customers'), num: true, render: (p) => fmt.int(p.customers) },
      { ...field('avg_price'), label: t('col.avg_price'), num: true, render: (p) => fmt.price(p.avg_price) },
      { ...field('margin_pct'), label: t('col.margin_pct'), num: true, render: (p) => fmt.pct(p.margin_pct) },
      { ...field('elasticity'), label: t('col.elasticity'), title: withCi ? t('col.elasticity.help', { conf }) : '', num: true, render: (p) => esc(elasticityText(fmt, usedFit(p.elasticity))) },
      ...(withCi ? rangeCsvColumns(t, 'elasticity', t('col.elasticity'), (p) => [f.elasticity_low.value(p), f.elasticity_high.value(p)]) : []),
      { ...field('std_error'), label: t('col.std_error'), num: true, render: (p) => (p.elasticity ? fmt.num2(p.elasticity.std_error) : '—') },
      { ...field('r2'), label: t('col.r2'), num: true, render: (p) => (p.elasticity ? fmt.num2(p.elasticity.r2) : '—') },
      { ...field('class'), label: t('col.class'), csv: (p) => (p.elasticity ? t('class.' + p.elasticity.class) : null), render: (p) => classBadge(ctx, p.elasticity && p.elasticity.class, p.elasticity && p.elasticity.std_error, withCi) },
    ],
  }).mount(slotOf(root, 'cat-products'));

  const pick = root.querySelector('[data-role=catalog-pick]');
  if (pick) pick.addEventListener('change', () => {
    ui.catalog = pick.value;
    renderCatalogs(ctx, root);
  });

  // ABC mix of the chosen catalog.
  const revTotal = abcRev.A + abcRev.B + abcRev.C;
  ctx.charts.add(slotOf(root, 'cat-abc'), {
    draw: (w) => hbars(w, ['A', 'B', 'C'].map((k) => ({
      label: `${k} · ${fmt.int(abcCount[k])} SKU`, value: abcRev[k], color: ABC_COLORS[k],
      display: revTotal ? `${fmt.moneyShort(abcRev[k])} · ${fmt.pct(abcRev[k] / revTotal, 0)}` : '—',
    })), { label: t('cat.abc'), rowH: 34, labelW: Math.min(130, w * 0.36) }),
  });

  // Discount candidates (all catalogs).
  const cand = data.discount_candidates || [];
  const tone = (v) => (v > 0 ? 'pos' : v < 0 ? 'neg' : '');
  new DataTable({
    id: 'discount_candidates', t, fmt, state: ui.discounts, rows: cand, pageSize: 10, searchable: cand.length > 10,
    exportName: 'discount-candidates', searchPlaceholder: t('cat.search'), empty: t('cat.discounts.none'), rowKey: (p) => p.catalog + '/' + p.sku,
    columns: [
      { key: 'catalog', label: t('col.catalog'), value: (p) => p.catalog },
      { key: 'sku', label: t('col.sku'), value: (p) => p.sku, render: (p) => html`<span class="two"><b>${p.product_name || p.sku}</b><small>${p.sku}</small></span>`, searchText: (p) => `${p.sku} ${p.product_name || ''}` },
      { key: 'product_name', label: t('col.product'), value: (p) => p.product_name, hidden: true },
      { key: 'revenue', label: t('col.revenue'), num: true, value: (p) => p.revenue, render: (p) => fmt.money(p.revenue) },
      { key: 'elasticity', label: t('col.elasticity'), num: true, value: (p) => p.elasticity && usedFit(p.elasticity).slope, render: (p) => (!p.elasticity ? '—' : withCi ? esc(elasticityText(fmt, usedFit(p.elasticity))) : html`${fmt.num2(p.elasticity.slope)} <small class="muted">± ${fmt.num2(p.elasticity.std_error)}</small>`) },
      { key: 'margin_pct', label: t('col.margin_pct'), num: true, value: (p) => p.margin_pct, render: (p) => fmt.pct(p.margin_pct) },
      { key: 'projected_units_change_pct', label: t('col.proj_units'), num: true, value: (p) => p.projected_units_change_pct, render: (p) => withRange(fmt.pctSigned, p.projected_units_change_pct, p.projected_units_change_pct_low, p.projected_units_change_pct_high) },
      { key: 'projected_revenue_change', label: t('col.proj_revenue'), num: true, value: (p) => p.projected_revenue_change, render: (p) => withRange(fmt.moneySigned, p.projected_revenue_change, p.projected_revenue_change_low, p.projected_revenue_change_high, tone) },
      { key: 'projected_margin_change', label: t('col.proj_margin'), num: true, value: (p) => p.projected_margin_change, render: (p) => withRange(fmt.moneySigned, p.projected_margin_change, p.projected_margin_change_low, p.projected_margin_change_high, tone) },
      ...(withCi ? [['projected_units_change_pct', 'col.proj_units'], ['projected_revenue_change', 'col.proj_revenue'], ['projected_margin_change', 'col.proj_margin']]
        .flatMap(([k, l]) => rangeCsvColumns(t, k, t(l), (p) => [p[k + '_low'], p[k + '_high']])) : []),
    ],
  }).mount(slotOf(root, 'cat-discounts'));

  if (data.discount_levels) renderDiscountLevels(ctx, slotOf(root, 'cat-levels'), data.discount_levels);
  if (assortment) renderAssortment(ctx, slotOf(root, 'cat-gaps'), slotOf(root, 'cat-drops'), assortment);
}

/** The elasticity chart of `plotted` (products with a finite fit and revenue). */
function drawScatter(ctx, scatterEl, plotted, { withCi, conf }) {
  const { t, fmt } = ctx;
  // Each product at the elasticity its class uses (pooled within the catalog when given).
  const pts = [...plotted].sort((a, b) => usedFit(a.elasticity).slope - usedFit(b.elasticity).slope);
  if (!pts.length) {
    setHtml(scatterEl, html`<p class="muted pad">${t('cat.scatter.none')}</p>`);
  } else {
    const slopes = pts.map((p) => usedFit(p.elasticity).slope);
    const q = (f) => slopes[Math.min(slopes.length - 1, Math.max(0, Math.floor(f * (slopes.length - 1))))];
    const lo = Math.min(-1.5, Math.floor(q(0.02) - 0.5)), hi = Math.max(0.5, Math.ceil(q(0.98) + 0.5));
    const clipped = slopes.filter((s) => s < lo || s > hi).length;
    if (clipped) appendHtml(scatterEl, 'afterend', html`<p class="hint">${t('cat.scatter.clipped', { n: fmt.int(clipped) })}</p>`);
    const unit = fmt.currency ? ` (${fmt.currency})` : '';
    // Grey: the class is not reliable (the interval crosses −1 or 0; before intervals, a
    // standard error of 0.5 or more). Grey first, so that the reliable fits are drawn on top.
    const groups = [{ label: t(withCi ? 'cat.legend.uncertain' : 'cat.scatter.uncertain'), color: '#b9bbc6', faint: true },
      ...CLASSES.map((k) => ({ label: t((withCi ? 'cat.legend.' : 'class.') + k), color: CLASS_COLORS[k] }))];
    // Each product's group, decided once: the series, the whiskers and their colours read it
    // (every series testing every product was 4 × 2,400–3,100 tests a chart).
    const groupOf = dotGroups(pts, withCi);
    ctx.charts.add(scatterEl, {
      legend: [...groups.slice(1), groups[0]].map((g) => ({ label: g.label, color: g.color })),
      uplot: (w) => ({
        data: [slopes, ...groups.map((g, gi) => pts.map((p, i) => (groupOf[i] === gi ? p.revenue : null)))],
        opts: {
          ...baseOpts(280),
          cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false } },
          scales: { x: { time: false, range: () => [lo, hi] }, y: { distr: 3 } },
          series: [{ label: t('col.elasticity') }, ...groups.map((g) => ({
            label: g.label, stroke: g.color, fill: g.color + '99', paths: () => null,
            points: { show: true, size: g.faint ? 6 : 8, width: 1, stroke: g.color, fill: g.color + (g.faint ? '55' : 'cc') },
          }))],
          axes: [
            axis({ label: t(w < 560 ? 'col.elasticity' : 'cat.scatter.x'), values: (u, v) => v.map((x) => fmt.num(x, Math.abs(x) < 10 && x % 1 ? 1 : 0)) }),
            axis({ label: t('cat.scatter.y') + unit, values: (u, v) => v.map((x) => (isDecade(x) ? fmt.axisMoney(x) : '')), size: 60,
              grid: { stroke: C.grid, width: 1, filter: decades }, ticks: { stroke: C.axis, width: 1, size: 4, filter: decades } }),
          ],
          hooks: {
            // Each fit's interval as a whisker behind the dots, clipped to the plot: one path and
            // one stroke per colour (a stroke per whisker was 3,000 draw calls a chart).
            drawClear: [(u) => {
              if (!withCi) return;
              const c = u.ctx, { left, top, width, height } = u.bbox;
              c.save();
              c.beginPath();
              c.rect(left, top, width, height);
              c.clip();
              c.lineWidth = devicePixelRatio;
              const paths = new Map();  // stroke colour -> Path2D
              pts.forEach((p, i) => {
                const e = usedFit(p.elasticity);
                if (!Number.isFinite(e.ci_low) || !Number.isFinite(e.ci_high)) return;
                const y = Math.round(u.valToPos(p.revenue, 'y', true)) + 0.5;
                const colour = groupOf[i] > 0 ? groups[groupOf[i]].color + '99' : '#b9bbc655';
                let path = paths.get(colour);
                if (!path) paths.set(colour, (path = new Path2D()));
                path.moveTo(u.valToPos(Math.max(lo, e.ci_low), 'x', true), y);
                path.lineTo(u.valToPos(Math.min(hi, e.ci_high), 'x', true), y);
              });
              for (const [colour, path] of paths) {
                c.strokeStyle = colour;
                c.stroke(path);
              }
              c.restore();
            }],
            draw: [(u) => {
              const c = u.ctx;
              c.save();
              c.setLineDash([4, 4]);
              c.strokeStyle = C.faint;
              c.fillStyle = C.muted;
              c.font = `${11 * devicePixelRatio}px sans-serif`;
              for (const v of [-1, 0]) {
                const x = Math.round(u.valToPos(v, 'x', true));
                c.beginPath();
                c.moveTo(x, u.bbox.top);
                c.lineTo(x, u.bbox.top + u.bbox.height);
                c.stroke();
              }
              c.restore();
            }],
          },
          plugins: [tooltipPlugin((u, idx, left, top) => {
            let best = null, bd = 400;
            for (let i = 0; i < pts.length; i++) {
              const dx = u.valToPos(slopes[i], 'x') - left, dy = u.valToPos(pts[i].revenue, 'y') - top;
              const d = dx * dx + dy * dy;
              if (d < bd) (bd = d), (best = pts[i]);
            }
            if (!best) return null;
            const e = best.elasticity;
            const fit = withCi
              ? html`${elasticityText(fmt, usedFit(e))} <small>(${t('cat.interval', { conf })})</small>${e.class && html` · ${t('class.' + e.class)}`}${
                Number.isFinite(e.pooled_slope) && html`<br>${t('cat.own_fit', { v: elasticityText(fmt, e) })}`}${
                e.seasonally_adjusted && html`<br>${t('cat.adjusted')}`}`
              : html`${fmt.num2(e.slope)} ± ${fmt.num2(e.std_error)}`;
            return html`<b>${best.product_name || best.sku}</b><br>${best.sku}<br>${t('col.elasticity')}: ${fit}<br>${t('col.revenue')}: ${fmt.money(best.revenue)}`;
          })],
        },
      }),
    });
  }
}
