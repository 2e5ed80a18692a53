// Report by view through the JS API (wasm/pulse.js reportText(settings, sections)): the head
// and the sections asked for, each equal to the whole report's; a name that is not a section is
// an error, never a silently whole or empty report.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, newPulse } = require('./support');

const HEAD = ['as_of', 'filters', 'load', 'period', 'warnings'];

test('a report of some sections holds the head and those keys, equal to the whole report', async () => {
  const pulse = await newPulse();
  for (const f of ['order_lines.csv', 'orders.csv', 'customers.csv', 'quotes.csv', 'quote_history.csv', 'sales_reps.csv'])
    await pulse.loadFile(f, fs.readFileSync(path.join(ROOT, 'samples', f)));
  const settings = { catalog: 'Premium' };
  const whole = pulse.report(settings);
  for (const sections of [['customers'], ['catalogs', 'customers'], 'negotiations,sales_team', ['sales_team', 'customers', 'negotiations'], ['attention']]) {
    const part = pulse.report(settings, sections);
    const asked = (Array.isArray(sections) ? sections : sections.split(','));
    const keys = [...HEAD, ...asked, ...(asked.includes('attention') ? ['attention_total'] : [])].sort();
    assert.deepEqual(Object.keys(part).sort(), keys, String(sections));
    for (const k of keys) assert.deepEqual(part[k], whole[k], `${sections}: ${k}`);
  }
  assert.deepEqual(pulse.report(settings, []), whole); // none named: the whole report
  assert.throws(() => pulse.report(settings, ['customers', 'products']), { code: 'pulse.wasm.006', message: /'products' is not a section/ });
  assert.throws(() => pulse.report(settings, 7), { code: 'pulse.wasm.006' });
  pulse.dispose();
});
