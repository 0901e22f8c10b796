/** The bots' count of blocks received twice (lib/block-ledger.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBlockLedger } from '../../lib/block-ledger';

test('a block is a duplicate when it arrived before, from anyone; the second sender is charged', () => {
  const ledger = createBlockLedger();
  ledger.block('seeder', 0, 0, 16384);
  ledger.block('ada', 0, 16384, 16384);
  ledger.block('ada', 0, 0, 16384);
  ledger.block('seeder', 0, 16384, 16384);
  ledger.block('ada', 1, 0, 100);
  const t = ledger.totals();
  assert.equal(t.received, 4 * 16384 + 100);
  assert.equal(t.duplicate, 2 * 16384);
  assert.deepEqual(t.bySource, {
    seeder: { received: 2 * 16384, duplicate: 16384 },
    ada: { received: 2 * 16384 + 100, duplicate: 16384 },
  });
});
