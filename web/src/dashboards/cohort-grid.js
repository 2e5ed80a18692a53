// The cohort grid: customers by the month of their first order (rows) × months since then
// (columns); a cell is the share of the cohort that ordered that month, or its revenue against
// month 0. An HTML table, so that each cell has its text (aria-label) and can be reached from
// the keyboard: one cell is in the tab order and the arrow keys move between cells.
import { html, setHtml } from '../html.js';

// The cells' colour (the darker accent, --accent-2): white figures stay legible on the darker cells.
const CELL = [71, 71, 194];

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

/** The toggle between customer and revenue retention, for the card's head. */
export function cohortToggle(ctx) {
  const mode = ctx.ui.customers.cohortMode || 'retention';
  return html`<span class="seg" role="group" data-role="cohort-mode">${['retention', 'revenue'].map((m) =>
    html`<button type="button" data-mode="${m}" aria-pressed="${m === mode}">${ctx.t('cust.cohorts.' + m)}</button>`)}</span>`;
}

export function renderCohorts(ctx, slot, cohorts) {
  const { t, fmt } = ctx;
  const ui = ctx.ui.customers;
  const rows = (cohorts && cohorts.rows) || [];
  if (!rows.length) {
    setHtml(slot, html`<p class="muted pad">${t('cust.cohorts.none')}</p>`);
    return;
  }
  const revenue = ui.cohortMode === 'revenue';
  const partial = !!cohorts.last_month_partial;
  const width = Math.max(...rows.map((r) => (r.cells || []).length));
  const head = html`<tr><th scope="col">${t('cust.cohorts.cohort')}</th><th scope="col" class="num">${t('col.customers')}</th>${
    Array.from({ length: width }, (_, m) => html`<th scope="col" class="num">${m}</th>`)}</tr>`;
  const body = rows.map((r, ri) => {
    const name = fmt.month(r.cohort);
    const cells = r.cells || [];
    return html`<tr><th scope="row" class="nowrap">${name}</th><td class="num">${fmt.int(r.customers)}</td>${
      Array.from({ length: width }, (_, m) => {
        const c = cells[m];
        if (!c) return html`<td class="empty"></td>`;
        const v = revenue ? c.revenue_retention : c.retention;
        const last = partial && m === cells.length - 1;
        const pct = isNum(v) ? fmt.pct(v, 0) : '—';
        // The cell shows the bare number (the caption says "%"), so 24 months fit a phone's width less badly.
        const text = isNum(v) ? fmt.int(v * 100) : '—';
        let label = revenue
          ? t('cust.cohorts.cell_rev', { cohort: name, m, revenue: fmt.money(c.revenue), pct })
          : t('cust.cohorts.cell', { cohort: name, m, active: fmt.int(c.active), size: fmt.int(r.customers), pct });
        if (last) label += ` (${t('cust.cohorts.partial_cell')})`;
        // Colour intensity by value; revenue kept above 100% is drawn as 100%.
        const a = isNum(v) ? 0.06 + 0.84 * Math.max(0, Math.min(1, v)) : 0;
        return html`<td class="num cell${last ? ' partial' : ''}${textOn(a)}" style="background:rgba(${CELL.join(',')},${a.toFixed(2)})" data-r="${ri}" data-m="${m}" tabindex="-1" aria-label="${label}" title="${label}">${text}${last ? '*' : ''}</td>`;
      })}</tr>`;
  });
  const asOf = ctx.report.as_of;
  const caption = t(revenue ? 'cust.cohorts.caption_rev' : 'cust.cohorts.caption');
  setHtml(slot, html`<p class="cohort-caption">${caption} →</p><div class="dt-scroll"><table class="cohorts" data-table="cohorts" role="grid" aria-label="${caption}"><thead>${head}</thead><tbody>${body}</tbody></table></div>${
    partial && asOf && html`<p class="hint">${t('cust.cohorts.partial', { month: fmt.month(asOf.slice(0, 7)), date: fmt.date(asOf) })}</p>`}`);

  const table = slot.querySelector('table');
  const cellAt = (r, m) => table.querySelector(`td[data-r="${r}"][data-m="${m}"]`);
  // One tab stop: the cell last visited, else the first.
  const start = (ui.cohortFocus && cellAt(ui.cohortFocus[0], ui.cohortFocus[1])) || table.querySelector('td.cell');
  if (start) start.tabIndex = 0;
  table.addEventListener('keydown', (e) => {
    const td = e.target.closest('td.cell');
    if (!td) return;
    const step = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Home: [0, -width], End: [0, width] }[e.key];
    if (!step) return;
    e.preventDefault();
    let r = +td.dataset.r, m = +td.dataset.m;
    r = Math.max(0, Math.min(rows.length - 1, r + step[0]));
    m = Math.max(0, Math.min(width - 1, m + step[1]));
    // Rows are ragged (later cohorts have fewer months): stop at the row's last cell.
    const next = cellAt(r, Math.min(m, (rows[r].cells || []).length - 1));
    if (!next) return;
    td.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
    ui.cohortFocus = [+next.dataset.r, +next.dataset.m];
  });
}

/** The text class for a cell of CELL at alpha a over white: white text where it keeps 4.5:1
 *  contrast (WCAG AA), else black where the ink colour would not, else the ink colour. */
function textOn(a) {
  const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const mix = (c) => lin(255 + (c - 255) * a);
  const lum = 0.2126 * mix(CELL[0]) + 0.7152 * mix(CELL[1]) + 0.0722 * mix(CELL[2]);
  return lum <= 0.183 ? ' dark' : lum < 0.244 ? ' black' : '';
}
