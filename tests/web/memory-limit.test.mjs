// The page's sentence for a file that needs more memory than the browser gives it
// (web/src/memory-limit.js): which loads count as out of memory, the line estimate from the
// file's first MiB, and the sentence in English and Russian with its figures.
import test from 'node:test';
import assert from 'node:assert/strict';
import { outOfMemory, estimateLines, memoryNotice, reportMemoryNotice } from '../../web/src/memory-limit.js';
import { translator } from '../../web/src/i18n.js';

const OOM = '[pulse.ingest.005] big.csv: out of memory after 1000 rows; the file is larger than this machine can hold';

test('out of memory: refused, stopped partway, or the engine\'s own id; not other failures', () => {
  assert.equal(outOfMemory({ error: OOM, load: { rows_loaded: 0, error: OOM } }), true);
  assert.equal(outOfMemory({ error: null, load: { rows_loaded: 5, error: null, stopped: { line: 7, reason: OOM } } }), true);
  assert.equal(outOfMemory({ error: '[pulse.wasm.002] feed: out of memory', load: null }), true);
  assert.equal(outOfMemory({ error: null, load: { stopped: { code: 'pulse.ingest.005', params: { n: 3 } } } }), true);
  assert.equal(outOfMemory({ error: '[pulse.ingest.001] empty.csv: the file is empty', load: null }), false);
  assert.equal(outOfMemory({ error: null, load: { rows_loaded: 3, error: null, stopped: { line: 3, reason: '[pulse.csv.003] line 3: field longer than 1048576 bytes' } } }), false);
});

test('the line estimate: exact for a file under 1 MiB, by bytes per line beyond, none for gzip', async () => {
  assert.equal(await estimateLines(new Blob(['a,b\n1,2\n3,4\n'])), 2);
  assert.equal(await estimateLines(new Blob(['a,b\n1,2\n3,4'])), 2); // no final line break
  const line = 'x'.repeat(99) + '\n'; // 100 bytes a line, 3 MiB: 31,457 lines with the header
  const big = new Blob([line.repeat(Math.floor((3 << 20) / 100))]);
  const estimate = await estimateLines(big);
  assert.ok(Math.abs(estimate - 31456) <= 2, `estimate ${estimate}`);
  assert.equal(await estimateLines(new Blob([new Uint8Array([0x1f, 0x8b, 8, 0, 10, 10])])), null);
  assert.equal(await estimateLines(null), null);
});

test('the sentence says how many of about how many lines loaded, in English and Russian', async () => {
  const line = 'x'.repeat(99) + '\n';
  const source = new Blob([line.repeat(40000)]); // 39,999 rows after the header
  const partial = () => [{ name: 'big.csv', source, error: null, load: { rows_loaded: 18200, stopped: { line: 18201, reason: OOM } } }];
  assert.equal(await memoryNotice(translator('en'), partial()),
    'big.csv needs more memory than this browser gives a page: 18.2K of about 40K lines loaded. ' +
    'The dashboards show the lines loaded; for all of them, load a smaller extract (a shorter period) or open the file with the command line tool.');
  assert.match(await memoryNotice(translator('ru'), partial()), /^Файлу big\.csv нужно больше памяти, чем браузер даёт странице: загружено 18,2\s?тыс\.? из примерно 40\s?тыс\.? строк\. Панели показывают/);
  const refused = [{ name: 'big.csv', source, error: OOM, load: { rows_loaded: 0, error: OOM } },
    { name: 'orders.csv', source, error: null, load: { rows_loaded: 10, error: null } }];
  assert.match(await memoryNotice(translator('en'), refused), /: 0 of about 40K lines loaded\. Nothing of it was kept; the other files stay loaded\.$/);
  assert.equal(await memoryNotice(translator('en'), refused.slice(1)), '');
});

test('a report out of memory after every file loaded: its own sentence with the rows, EN and RU; other failures not', async () => {
  const files = [{ name: 'pulse_orders.parquet', load: { rows_loaded: 25000000 } }, { name: 'pulse_order_items.parquet', load: { rows_loaded: 100000000 } }];
  const oom = new Error('[pulse.wasm.002] report: out of memory (WebAssembly stops at 4 GB)');
  const en = reportMemoryNotice(translator('en'), files, oom);
  assert.match(en, /^The report needs more memory than this browser gives a page: the files loaded hold 125M rows/);
  assert.match(en, /command line tool/);
  const ru = reportMemoryNotice(translator('ru'), files, oom);
  assert.match(ru, /^Для отчёта нужно больше памяти.*125\sмлн строк/);
  assert.equal(reportMemoryNotice(translator('en'), files, new Error('[pulse.wasm.006] report: sections must be an array')), null);
});
