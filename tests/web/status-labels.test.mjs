// Status codes as words (web/src/status-labels.js): Magento and CRM deal statuses and the
// customer statuses in EN and RU, each with a definition; an unknown code reads as itself with
// underscores as spaces. Run: node --test tests/web/status-labels.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dealStatusLabel, dealStatusDefinition, customerStatusLabel, customerStatusDefinition } from '../../web/src/status-labels.js';

const DEAL = ['created', 'draft_by_admin', 'processing_by_admin', 'submitted_by_admin', 'processing_by_customer',
  'submitted_by_customer', 'ordered', 'closed', 'expired', 'declined', 'Won', 'Lost', 'Engaging', 'Prospecting'];
const CUSTOMER = ['on_track', 'due', 'overdue', 'lapsed', 'unknown'];

test('known deal statuses read as words in both languages', () => {
  assert.equal(dealStatusLabel('en', 'processing_by_customer'), 'Processing by customer');
  assert.equal(dealStatusLabel('ru', 'processing_by_customer'), 'На рассмотрении у клиента');
  assert.equal(dealStatusLabel('ru', 'Won'), 'Выиграна');
  assert.equal(dealStatusLabel('en', 'won'), 'Won'); // the CRM's capitals do not matter
  for (const code of DEAL) {
    for (const lang of ['en', 'ru']) {
      const label = dealStatusLabel(lang, code);
      assert.doesNotMatch(label, /_/, `${lang} ${code}`);
      assert.ok(dealStatusDefinition(lang, code).length > 10, `${lang} ${code}: a definition`);
    }
    assert.match(dealStatusLabel('ru', code), /[а-яё]/i, `ru ${code} in Russian`);
    assert.match(dealStatusDefinition('ru', code), /[а-яё]/i, `ru ${code}: definition in Russian`);
  }
});

test('customer statuses read as words with their definitions', () => {
  assert.equal(customerStatusLabel('en', 'on_track'), 'On track');
  assert.equal(customerStatusLabel('ru', 'lapsed'), 'Ушёл');
  for (const code of CUSTOMER) for (const lang of ['en', 'ru']) assert.ok(customerStatusDefinition(lang, code).length > 10, `${lang} ${code}`);
});

test('an unknown code falls back to itself with underscores as spaces, and no definition', () => {
  assert.equal(dealStatusLabel('ru', 'waiting_for_legal_review'), 'waiting for legal review');
  assert.equal(dealStatusDefinition('en', 'waiting_for_legal_review'), '');
  assert.equal(customerStatusLabel('en', 'on_hold'), 'on hold');
  assert.equal(dealStatusLabel('en', null), '');
});
