// Rows asked ahead (web/src/rows-ahead.js): the requests a report's dashboards made are asked
// again with the next report, and a table takes the worker's answer that came with it only for
// that same report and that same request (the report it is for aside).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowsAhead } from '../../web/src/rows-ahead.js';

const page = (offset, extra = {}) => ({ list: 'customers.rows', where: {}, sort: { key: 'revenue', dir: 'desc' }, query: '', offset, limit: 25, ...extra });

test('requests are remembered by dashboard, newest last, at most twelve', () => {
  const ahead = new RowsAhead();
  ahead.note({ ...page(0), report_id: 3 }, 'customers');
  ahead.note(page(25), 'customers');
  ahead.note({ list: 'catalogs.products', where: { catalog: 'All' }, offset: 0, limit: 25 }, 'catalogs');
  ahead.note({ ...page(0), report_id: 4 }, 'customers');  // the same request for a newer report: moved last
  assert.deepEqual(ahead.requests('customers'), [page(25), page(0)]);
  assert.equal(ahead.requests().length, 3);
  assert.deepEqual(ahead.requests('negotiations'), []);
  for (let i = 0; i < 20; i++) ahead.note(page(50 + 25 * i), 'customers');
  assert.equal(ahead.requests().length, 12);
  assert.deepEqual(ahead.requests().at(-1), page(50 + 25 * 19));
});

test('an export of every row is not asked ahead; a chart\'s columns are', () => {
  const ahead = new RowsAhead();
  ahead.note(page(0, { limit: null }), 'customers');
  ahead.note({ list: 'catalogs.products', where: { plotted: true }, offset: 0, limit: null, columns: ['sku'] }, 'catalogs');
  assert.deepEqual(ahead.requests().map((r) => r.list), ['catalogs.products']);
});

test('answers are the report\'s own: another report, or another request, gets none', () => {
  const ahead = new RowsAhead();
  const report = {}, other = {};
  const asked = [page(0), page(0, { query: 'acme' })];
  const answers = [{ rows: [{ customer_id: 'A' }], matched: 1, total: 1, offset: 0 }, { stale: true }];
  ahead.take(report, asked, answers);
  assert.equal(ahead.answer(report, { ...page(0), report_id: 9 }), answers[0]);
  assert.equal(ahead.answer(report, page(0, { query: 'acme' })), answers[1]);
  assert.equal(ahead.answer(report, page(25)), null);
  assert.equal(ahead.answer(other, page(0)), null);
  // A worker without the answers (an older one, a report with no lists) leaves none.
  ahead.take(other, asked, null);
  ahead.take(other, asked, [answers[0]]);
  assert.equal(ahead.answer(other, page(0)), null);
});
