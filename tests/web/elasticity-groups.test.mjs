// The elasticity chart's series (web/src/charts/elasticity-groups.js): each product's dot in the
// grey series when its class is not reliable, else in its class's, and in one series only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOT_CLASSES, dotGroups } from '../../web/src/charts/elasticity-groups.js';

const fit = (cls, stdError) => ({ elasticity: { class: cls, std_error: stdError } });

test('with intervals: uncertain is grey, every other class its own series', () => {
  const pts = [fit('uncertain', 0.1), fit('elastic', 2), fit('inelastic', 0.2), fit('positive', 0.3), fit('elastic', 0.1), fit('other', 0.1)];
  assert.deepEqual(dotGroups(pts, true), [0, 1, 2, 3, 1, -1]);
  assert.deepEqual(DOT_CLASSES, ['elastic', 'inelastic', 'positive']);
});

test('before intervals: a standard error of 0.5 or more, or none, is grey', () => {
  const pts = [fit('elastic', 0.49), fit('elastic', 0.5), fit('inelastic', null), fit('positive', 0.1), fit('uncertain', 0.1)];
  assert.deepEqual(dotGroups(pts, false), [1, 0, 0, 3, -1]);
});
