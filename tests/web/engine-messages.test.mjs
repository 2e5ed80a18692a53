// The engine's notes, warnings, skipped rows and stop reasons in the page's language
// (web/src/engine-messages.js): the code's wording with its params filled, the plural form
// Intl.PluralRules picks in Russian, word params translated, and a stop reason in Russian with
// the engine's English kept only as its detail.
import test from 'node:test';
import assert from 'node:assert/strict';
import { wordMessage, wordProblem, wordStop } from '../../web/src/engine-messages.js';
import { translator } from '../../web/src/i18n.js';
import { formatter } from '../../web/src/format.js';

const en = translator('en');
const ru = translator('ru');
const fmtEn = formatter('en-US');
const fmtRu = formatter('ru-RU');

test('a counted warning takes the Russian plural form of its n', () => {
  const warning = (n) => ({ code: 'pulse.warning.001', params: { n }, text: `${n} order lines have no order date` });
  assert.match(wordMessage(ru, fmtRu, warning(1)), /^1 строка заказа без даты заказа/);
  assert.match(wordMessage(ru, fmtRu, warning(3)), /^3 строки заказов без даты заказа/);
  assert.match(wordMessage(ru, fmtRu, warning(5)), /^5 строк заказов без даты заказа/);
  assert.match(wordMessage(ru, fmtRu, warning(1500)).replace(/\s/g, ' '), /^1 500 строк заказов/);
  assert.match(wordMessage(en, fmtEn, warning(1)), /^1 order line has no order date/);
  assert.match(wordMessage(en, fmtEn, warning(2)), /^2 order lines have no order date/);
});

test('word params are translated: a role, a day order', () => {
  const quiet = { code: 'pulse.note.005', params: { n: 2, field: 'status', role: 'deal_events' }, text: '2 rows carry no status ...' };
  assert.match(wordMessage(ru, fmtRu, quiet), /^2 строки без поля status — не строки роли «История предложений»/);
  assert.match(wordMessage(en, fmtEn, quiet), /^2 rows carry no status and are not “Quote history” rows/);
  const guess = { code: 'pulse.note.006', params: { field: 'order_date', example: '01/02/2025', order: 'dmy', basis: 'default_guess' }, text: 'order_date: ...' };
  assert.equal(wordMessage(ru, fmtRu, guess), 'order_date: даты вида 01/02/2025 прочитаны как ДД/ММ/ГГГГ (сначала день) — это догадка; если неверно, задайте формат дат');
});

test('JSON and workbook row problems are worded from their codes and params', () => {
  const problem = (reason_code, params) => ({ file: 'f', line: 3, field: null, reason_code, params, text: 'English' });
  assert.equal(wordProblem(ru, fmtRu, problem('pulse.row.010', { what: 'record', opened_line: 3 })), 'JSON обрывается: открыт в строке 3 и не закрыт');
  assert.equal(wordProblem(ru, fmtRu, problem('pulse.row.012', { next_line: 4 })), 'неверный JSON: запись не закрыта до начала следующей в строке 4');
  assert.equal(wordProblem(ru, fmtRu, problem('pulse.row.016', { cell: 'B9', index: '999' })), 'ячейка B9: такой общей строки в книге нет');
  assert.equal(wordProblem(en, fmtEn, problem('pulse.row.011', { byte: "'}'" })), "not a JSON object: unexpected '}'");
});

test('a stop reason: Russian from its code, the English sentence kept as the detail; English as the engine says it', () => {
  const stopped = { line: 2000, reason: '[pulse.csv.003] line 2000: field longer than 1048576 bytes (a quote left open?)', code: 'pulse.csv.003', params: { limit_bytes: 1048576 } };
  assert.deepEqual(wordStop(ru, stopped), { text: 'Слишком длинное поле: незакрытая кавычка или это не таблица.', code: 'pulse.csv.003', detail: stopped.reason });
  assert.deepEqual(wordStop(en, stopped), { text: stopped.reason, code: 'pulse.csv.003', detail: '' });
  // A report from before stops had a code: the id at the start of the reason.
  const old = { line: 5, reason: '[pulse.ingest.005] big.csv: out of memory after 4 rows' };
  assert.equal(wordStop(ru, old).text, 'Не хватает памяти: файл больше, чем вмещает этот компьютер.');
});

test('a load entry\'s mapping, encoding and convention reasons are worded from their codes', () => {
  const header = { code: 'pulse.mapping.002', params: { header: 'Qty', field: 'quantity' }, text: "header 'Qty' names quantity" };
  assert.equal(wordMessage(ru, fmtRu, header), 'заголовок «Qty» означает quantity');
  assert.equal(wordMessage(en, fmtEn, header), 'header “Qty” names quantity');
  const ascii = { code: 'pulse.encoding.011', params: { bytes: 15546 }, text: 'all 15,546 bytes are ASCII: read as UTF-8' };
  assert.equal(wordMessage(ru, fmtRu, ascii).replace(/\s/g, ' '), 'все байты — ASCII (15 546): прочитан как UTF-8');
  assert.equal(wordMessage(en, fmtEn, ascii), 'all 15,546 bytes are ASCII: read as UTF-8');
  const cyrillic = (n) => ({ code: 'pulse.encoding.009', params: { n, example: 'Привет' }, text: '...' });
  assert.equal(wordMessage(en, fmtEn, cyrillic(1)), '1 byte is not UTF-8 and reads as Cyrillic letters');
  assert.equal(wordMessage(ru, fmtRu, cyrillic(3)), 'байтов не в UTF-8: 3; прочитаны как кириллица');
  const mark = { code: 'pulse.convention.002', params: { mark: 'point' }, text: 'decimal point (no value decided; default)' };
  assert.equal(wordMessage(ru, fmtRu, mark), 'десятичная точка (ни одно значение не решило; по умолчанию)');
  const guess = { code: 'pulse.convention.005', params: { order: 'dmy', basis: 'row_order' }, text: 'DD/MM/YYYY (dates run forward in file order)' };
  assert.equal(wordMessage(ru, fmtRu, guess), 'ДД/ММ/ГГГГ (сначала день), даты идут вперёд в порядке строк');
  assert.equal(wordMessage(en, fmtEn, guess), 'DD/MM/YYYY (day first), dates run forward in file order');
});

test('a setting the engine does not know is named in both languages', () => {
  const warning = { code: 'pulse.warning.008', params: { name: 'date_from' }, text: 'settings.date_from: not a setting of this version; ignored' };
  assert.equal(wordMessage(en, fmtEn, warning), 'The settings name “date_from”, which is not a setting of this version: it is ignored.');
  assert.equal(wordMessage(ru, fmtRu, warning), 'В настройках есть «date_from» — такого параметра в этой версии нет, он не учтён.');
});
