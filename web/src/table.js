// A sortable, searchable, paged table with CSV export. Rows stay plain report objects; each
// column says how to read (value), draw (render) and export (csv) a cell. Only the visible
// page is in the DOM, so tables of thousands of customers cost nothing to redraw.
import { html, raw, setHtml } from './html.js';
import { download } from './util.js';
import { describeAll } from './definitions.js';
import { buildSheet } from './export/sheet.js';
import { xlsxBytes } from './export/xlsx.js';
import { orderRows } from './table-order.js';

// A cell that starts with one of these is read as a formula by Excel, LibreOffice and Google
// Sheets (OWASP, "CSV Injection"): `=HYPERLINK(...)` in a customer's name would run on opening.
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** One CSV cell: a number as it is (a negative one stays a number); text that a spreadsheet
 *  would evaluate gets a leading ' (shown as text, not run); quoted when it must be. */
export function csvCell(v) {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v !== 'number' && FORMULA_START.test(s) && !NUMBER.test(s)) s = "'" + s;
  return /[",\n\r;]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** The CSV of a table's rows as export/sheet.js means them (view: {lang, currency, t}). */
export function csvText(columns, rows, view) {
  const sheet = buildSheet(columns, rows, view);
  const lines = [sheet.columns.map((c) => csvCell(c.label)).join(',')];
  for (const r of sheet.rows) lines.push(r.map(csvCell).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

export class DataTable {
  /**
   * opts: {id, columns, rows, t, state (persisted object), pageSize, searchable,
   *        searchPlaceholder, rowKey(row), onRowClick(row), rowClass(row), filter(row),
   *        chips: [{key, label, count, active}], onChip(key), exportName, empty}
   */
  constructor(opts) {
    this.o = opts;
    this.state = opts.state || {};
    this.state.sort ||= opts.sort || null;
    this.state.query ||= '';
    this.state.page ||= 0;
    this.rows = opts.rows || [];
    this.index = null;
  }

  mount(el) {
    this.el = el;
    const o = this.o;
    const t = o.t;
    el.classList.add('dt');
    setHtml(el, html`
      <div class="dt-bar">
        ${o.searchable !== false ? html`<input type="search" class="dt-search" placeholder="${o.searchPlaceholder || ''}" aria-label="${o.searchPlaceholder || ''}" value="${this.state.query}">` : ''}
        <div class="dt-chips"></div>
        <span class="dt-count"></span>
        <button type="button" class="btn btn-ghost btn-sm" data-act="csv" title="${t('export.csv')}">${icon('download')} ${t('action.csv')}</button>
        <button type="button" class="btn btn-ghost btn-sm" data-act="xlsx" title="${t('export.xlsx')}">${icon('download')} XLSX</button>
      </div>
      <div class="dt-scroll"><table data-table="${o.id}"><thead></thead><tbody></tbody></table></div>
      <div class="dt-pager"></div>`);
    el.addEventListener('click', (e) => this.onClick(e));
    const search = el.querySelector('.dt-search');
    if (search) {
      search.addEventListener('input', () => {
        this.state.query = search.value;
        this.state.page = 0;
        this.index = null;
        this.update();
      });
    }
    this.update();
    return this;
  }

  setRows(rows) {
    this.rows = rows;
    this.index = null;
    this.update();
  }

  /** The rows after search and filter, sorted: what the table shows and the CSV exports. */
  view() {
    if (this.index) return this.index;
    const o = this.o;
    return (this.index = orderRows(this.rows, o.columns, { sort: this.state.sort, query: this.state.query, filter: o.filter }));
  }

  refresh() {
    this.index = null;
    this.update();
  }

  update() {
    if (!this.el) return;
    const rows = this.view();
    const size = this.o.pageSize || 25;
    const pages = Math.max(1, Math.ceil(rows.length / size));
    if (this.state.page >= pages) this.state.page = pages - 1;
    const start = this.state.page * size;
    this.draw(rows.slice(start, start + size), rows.length, this.rows.length);
  }

  /** Draws one page of rows: `matched` rows pass the search and filter, of `total`. */
  draw(page, matched, total) {
    const o = this.o;
    const t = o.t;
    const size = o.pageSize || 25;
    const pages = Math.max(1, Math.ceil(matched / size));
    const start = this.state.page * size;
    const sort = this.state.sort || {};

    const visible = o.columns.filter((c) => !c.hidden);
    setHtml(this.el.querySelector('thead'), html`<tr>${visible.map((c) => {
      const sorted = sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
      // The header is a button: reached with Tab, sorts with Enter or Space, its state in aria-sort.
      return html`<th scope="col" class="${c.num ? 'num' : ''} ${c.cls || ''}" aria-sort="${sorted}" data-sort="${c.key}" title="${c.title || c.label}"><button type="button" class="th-sort">${c.label}<i class="sort-ind" aria-hidden="true"></i></button></th>`;
    })}</tr>`);
    if (t.lang) describeAll(this.el.querySelector('thead'), t.lang); // a redrawn header keeps its definitions

    const tb = this.el.querySelector('tbody');
    if (!page.length) {
      setHtml(tb, html`<tr class="dt-empty"><td colspan="${visible.length}">${o.empty || '—'}</td></tr>`);
    } else {
      // A column's render returns markup made with html`` (or text, then escaped).
      setHtml(tb, html`${page.map((r) => {
        const key = o.rowKey ? o.rowKey(r) : '';
        const cls = (o.rowClass ? o.rowClass(r) : '') + (o.onRowClick ? ' clickable' : '');
        return html`<tr data-key="${key}" class="${cls}" ${o.onRowClick && raw('tabindex="0"')}>${visible.map((c) =>
          html`<td class="${c.num ? 'num' : ''} ${c.cls || ''}">${c.render ? c.render(r) : c.value(r) ?? '—'}</td>`)}</tr>`;
      })}`);
    }

    this.drawChips();

    const fmtInt = o.fmt ? o.fmt.int : String;
    this.el.querySelector('.dt-count').textContent = matched === total ? fmtInt(matched) : `${fmtInt(matched)} / ${fmtInt(total)}`;

    const pager = this.el.querySelector('.dt-pager');
    if (pages > 1) {
      setHtml(pager, html`<span>${fmtInt(start + 1)}–${fmtInt(start + page.length)} / ${fmtInt(matched)}</span>
        <button type="button" class="btn btn-ghost btn-sm" data-act="prev" ${this.state.page === 0 ? 'disabled' : ''} aria-label="${t('action.prev')}">‹</button>
        <button type="button" class="btn btn-ghost btn-sm" data-act="next" ${this.state.page >= pages - 1 ? 'disabled' : ''} aria-label="${t('action.next')}">›</button>`);
    } else setHtml(pager, html``);
  }

  /** The filter chips (o.chips()), the active ones pressed. */
  drawChips() {
    const o = this.o;
    setHtml(this.el.querySelector('.dt-chips'), html`${(o.chips ? o.chips() : []).map((c) =>
      html`<button type="button" class="chip ${c.active ? 'active' : ''}" data-chip="${c.key}" aria-pressed="${c.active ? 'true' : 'false'}">${c.dot ? html`<i class="dot" style="background:${c.dot}"></i>` : ''}${c.label}${c.count !== undefined ? html` <b>${c.count}</b>` : ''}</button>`)}`);
  }

  onClick(e) {
    const act = e.target.closest('[data-act]');
    if (act && this.el.contains(act)) {
      const a = act.dataset.act;
      if (a === 'prev') this.state.page = Math.max(0, this.state.page - 1);
      else if (a === 'next') this.state.page++;
      else if (a === 'csv') return this.exportCsv();
      else if (a === 'xlsx') return this.exportXlsx();
      return this.update();
    }
    const chip = e.target.closest('[data-chip]');
    if (chip && this.o.onChip) {
      this.o.onChip(chip.dataset.chip);
      this.state.page = 0;
      return this.refresh();
    }
    const th = e.target.closest('th[data-sort]');
    if (th) {
      const key = th.dataset.sort;
      const col = this.o.columns.find((c) => c.key === key);
      const cur = this.state.sort;
      const first = col && col.num ? 'desc' : 'asc';
      this.state.sort = cur && cur.key === key ? { key, dir: cur.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: first };
      this.state.page = 0;
      return this.refresh();
    }
    const tr = e.target.closest('tr[data-key]');
    if (tr && this.o.onRowClick && !e.target.closest('a,button,input')) {
      const key = tr.dataset.key;
      const row = this.rowByKey(key);
      if (row) this.o.onRowClick(row);
    }
  }

  /** The row drawn with this key (a click or Enter on it). */
  rowByKey(key) {
    return this.rows.find((r) => this.o.rowKey(r) === key);
  }

  /** Every row the exports write: all that pass the search and filter, in the table's order
   *  (null: none to write, the table said why). */
  async exportRows() {
    return this.view();
  }

  /** What the exports need to word and scale figures: the page's language, currency, texts. */
  exportView() {
    return { lang: this.o.t.lang, currency: this.o.fmt ? this.o.fmt.currency : null, t: this.o.t };
  }

  async exportCsv() {
    const rows = await this.exportRows();
    if (!rows) return;
    download(`${this.o.exportName || this.o.id}.csv`, new Blob([csvText(this.o.columns, rows, this.exportView())], { type: 'text/csv;charset=utf-8' }));
  }

  async exportXlsx() {
    const rows = await this.exportRows();
    if (!rows) return;
    const sheet = buildSheet(this.o.columns, rows, this.exportView());
    download(`${this.o.exportName || this.o.id}.xlsx`, new Blob([xlsxBytes(sheet, this.o.exportName || this.o.id)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  }
}

const ICONS = {
  download: '<path d="M8 2v8m0 0 3-3m-3 3L5 7M3 12.5h10" />',
  image: '<rect x="2.5" y="3" width="11" height="10" rx="1.5"/><path d="m3 11 3-3 2.5 2.5L10 9l3 3"/><circle cx="10.5" cy="6" r="1"/>',
  upload: '<path d="M8 11V3m0 0 3 3M8 3 5 6M3 12.5h10" />',
  link: '<path d="M6.5 9.5 9.5 6.5M7 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1M9 11.5l-1 1A2.5 2.5 0 0 1 4.5 9l1-1"/>',
  print: '<path d="M4.5 6V2.5h7V6M4.5 11.5h-2V6h11v5.5h-2M4.5 9.5h7v4h-7z"/>',
  file: '<path d="M4 1.5h5l3 3v10H4z M9 1.5v3h3"/>',
  close: '<path d="m4 4 8 8M12 4l-8 8"/>',
  globe: '<circle cx="8" cy="8" r="6"/><path d="M2 8h12M8 2c2 2 2 10 0 12M8 2c-2 2-2 10 0 12"/>',
  sample: '<path d="M6 2v4L3 12.5A1 1 0 0 0 4 14h8a1 1 0 0 0 1-1.5L10 6V2M5 2h6M5 10h6"/>',
  save: '<path d="M3 2.5h8l2 2v9H3zM5.5 2.5v3h5v-3M5 13.5v-4h6v4"/>',
  folder: '<path d="M2 4.5v8h12V5.5H8L6.5 4H2z"/>',
  trash: '<path d="M3 4.5h10M6 4.5V3h4v1.5M4.5 4.5l.5 9h6l.5-9"/>',
  chart: '<path d="M2.5 13.5h11M4.5 11V7M8 11V3.5M11.5 11V8.5"/>',
  info: '<circle cx="8" cy="8" r="6"/><path d="M8 7.5V11M8 5v.5"/>',
};

export function icon(name) {
  return html`<svg class="ic" viewBox="0 0 16 16" width="14" height="14" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${raw(ICONS[name] || '')}</svg>`;
}
