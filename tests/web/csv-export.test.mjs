// The page's CSV export (web/src/table.js) against spreadsheet formula injection: a cell a
// spreadsheet would evaluate (=, +, -, @, tab, carriage return first) is written as text with a
// leading ', while numbers, negative ones included, stay numbers. Run: node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, csvText } from '../../web/src/table.js';

test('cells a spreadsheet would run as formulas are written as text', () => {
  assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
  assert.equal(csvCell('=1+2'), "'=1+2");
  assert.equal(csvCell('+49 30 1234'), "'+49 30 1234");
  assert.equal(csvCell('-2+3'), "'-2+3");
  assert.equal(csvCell('@SUM(A1:A9)'), "'@SUM(A1:A9)");
  assert.equal(csvCell('\t=cmd'), "'\t=cmd");
  assert.equal(csvCell('\r=cmd'), `"'\r=cmd"`);
  assert.equal(csvCell('-'), "'-");
});

test('numbers stay numbers, negative ones too, whether given as numbers or as their text', () => {
  assert.equal(csvCell(-12.5), '-12.5');
  assert.equal(csvCell(0), '0');
  assert.equal(csvCell(1e-7), '1e-7');
  assert.equal(csvCell('-12.5'), '-12.5');
  assert.equal(csvCell('+3'), '+3');
  assert.equal(csvCell('-1.5e3'), '-1.5e3');
  assert.equal(csvCell('-.5'), '-.5');
});

test('ordinary text is unchanged, quoted only when it holds a separator, quote or line break', () => {
  assert.equal(csvCell('Alpha GmbH'), 'Alpha GmbH');
  assert.equal(csvCell('a=b'), 'a=b');
  assert.equal(csvCell('Müller; Söhne'), '"Müller; Söhne"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(undefined), '');
});

test('a whole export: header, a hostile name and a negative figure', () => {
  const columns = [
    { key: 'name', label: 'Customer', value: (r) => r.name },
    { key: 'delta', label: 'Change', value: (r) => r.delta },
    { key: 'hidden', label: 'x', value: () => 'never', csv: false },
  ];
  const text = csvText(columns, [{ name: '=2+5', delta: -3 }, { name: 'Beta', delta: 4.25 }]);
  assert.equal(text, '\ufeffCustomer,Change\r\n\'=2+5,-3\r\nBeta,4.25\r\n');
});
