// The schema the page builds its Data panel from: the wasm module gives the same document as
// `b2b-pulse schema`, and it holds the roles and required fields docs/formats.md describes.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ROOT, newPulse } = require('./support');

const CLI = process.env.PULSE_CLI || path.join(ROOT, 'build/bin/b2b-pulse');

test('the wasm schema is the CLI schema, with each role\'s fields and required fields', async () => {
  const pulse = await newPulse();
  const schema = pulse.schema();
  assert.deepEqual(schema, JSON.parse(execFileSync(CLI, ['schema'], { cwd: ROOT }).toString('utf8')));
  assert.deepEqual(schema.roles.orders.required, ['order_id', 'order_date']);
  assert.deepEqual(schema.roles.deal_events.fields, ['deal_id', 'timestamp', 'status']);
  assert.equal(schema.roles.order_lines.fields[0], 'order_id');
  assert.equal(schema.fields.order_date, 'date');
  assert.equal(schema.fields.quantity, 'number');
  assert.equal(schema.problem_cap, 100);
  for (const [role, spec] of Object.entries(schema.roles))
    for (const f of spec.required) assert.ok(spec.fields.includes(f), `${role}: required ${f} is not one of its fields`);
});
