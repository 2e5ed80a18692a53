// A DataTable whose rows stay in the engine's worker (a list of paged-fields.js): each page,
// sort and search is asked of the worker (worker/report-store.js), which orders and matches
// with the same rules (table-order.js) over the whole list; only the page shown crosses to
// the page, and the exports ask for every matching row. Keyboard, sort and search work as in
// any DataTable: only where the rows come from differs.
import { DataTable } from './table.js';
import { STALE } from './session.js';

export class PagedTable extends DataTable {
  /**
   * opts: DataTable's, without rows, with fetchRows(request) (the page's ctx.listRows: resolves
   * to {rows, matched, total} or STALE), list (a PAGED_LISTS id), where ({field: value}, or a
   * function giving it: chips that filter), total (optional: the count the table says "of",
   * when it is the whole list rather than the rows where matches).
   */
  constructor(opts) {
    super({ ...opts, rows: [] });
    this.pageRows = [];
    this.asked = 0; // the latest request: an older answer arriving late is dropped
  }

  request(offset, limit) {
    const o = this.o;
    const where = typeof o.where === 'function' ? o.where() : o.where;
    return o.fetchRows({ list: o.list, where: where || null, sort: this.state.sort, query: this.state.query, offset, limit });
  }

  update() {
    if (!this.el) return;
    const size = this.o.pageSize || 25;
    const asked = ++this.asked;
    const ask = (page) => this.request(page * size, size).then((answer) => {
      if (asked !== this.asked || answer === STALE) return; // a newer request, or a newer report redraws the table
      const pages = Math.max(1, Math.ceil(answer.matched / size));
      // The page asked for is past the end (the search matched fewer rows): the last one.
      if (this.state.page >= pages && this.state.page > 0) return void (this.state.page = pages - 1, ask(pages - 1));
      this.pageRows = answer.rows;
      this.total = this.o.total ?? answer.total;
      this.draw(answer.rows, answer.matched, this.total);
      this.el.dataset.rowsReady = String(asked);
    }, (err) => {
      if (asked === this.asked) console.error(err);
    });
    this.el.dataset.rowsReady = '';
    this.drawChips(); // a chip pressed shows at once; its rows follow from the worker
    ask(this.state.page);
  }

  rowByKey(key) {
    return this.pageRows.find((r) => this.o.rowKey(r) === key);
  }

  async exportRows() {
    const answer = await this.request(0, null);
    if (answer !== STALE) return answer.rows;
    this.el.querySelector('.dt-count').textContent = this.o.t('paged.stale'); // said, not a silent no-op
    return null;
  }
}
