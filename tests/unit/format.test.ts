import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, formatPercent, formatRate } from '../../lib/format';

test('sizes and rates below one byte read as bytes, never as an unknown unit', () => {
  assert.equal(formatBytes(0.8), '1 B');
  assert.equal(formatBytes(0.2), '0 B');
  assert.equal(formatRate(0.8), '1 B/s');
  for (const v of [1e-9, 0.001, 0.5, 0.999]) assert.doesNotMatch(formatRate(v), /undefined/);
});

test('sizes use decimal units and one decimal below 100', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(-5), '0 B');
  assert.equal(formatBytes(Number.NaN), '0 B');
  assert.equal(formatBytes(999), '999 B');
  assert.equal(formatBytes(31_800), '31.8 KB');
  assert.equal(formatBytes(77_600_000), '77.6 MB');
  assert.equal(formatBytes(250_000_000), '250 MB');
  assert.equal(formatBytes(3e15), '3000 TB');
  assert.equal(formatPercent(0.999), '99%');
});
