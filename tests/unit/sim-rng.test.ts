/** The seeded PRNG the simulator draws all its randomness from. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRng, hashString, nextFloat, nextInt, nextUint32, shuffle } from '../../lib/sim/rng';

test('mulberry32: the reference outputs for seed 0, so a refactor cannot drift', () => {
  const rng = createRng(0);
  const firsts = [nextUint32(rng), nextUint32(rng), nextUint32(rng)];
  assert.deepEqual(firsts, [1144304738, 1416247, 958946056]);
});

test('same seed, same sequence; floats in [0, 1); ints in [0, n)', () => {
  fc.assert(
    fc.property(fc.integer(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
      const a = createRng(seed);
      const b = createRng(seed);
      for (let i = 0; i < 50; i++) {
        const x = nextFloat(a);
        assert.equal(x, nextFloat(b));
        assert.ok(x >= 0 && x < 1);
        const k = nextInt(a, n);
        assert.equal(k, nextInt(b, n));
        assert.ok(Number.isInteger(k) && k >= 0 && k < n);
      }
    }),
    { numRuns: 100 },
  );
});

test('nextInt is close to uniform', () => {
  const rng = createRng(42);
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 100_000; i++) counts[nextInt(rng, 10)]!++;
  for (const c of counts) assert.ok(Math.abs(c - 10_000) < 500, `bucket of ${c}`);
});

test('shuffle is a permutation and depends only on the seed', () => {
  fc.assert(
    fc.property(fc.integer(), fc.array(fc.integer()), (seed, items) => {
      const a = shuffle(createRng(seed), items.slice());
      const b = shuffle(createRng(seed), items.slice());
      assert.deepEqual(a, b);
      assert.deepEqual(
        a.slice().sort((x, y) => x - y),
        items.slice().sort((x, y) => x - y),
      );
    }),
    { numRuns: 100 },
  );
});

test('hashString: deterministic, salted', () => {
  assert.equal(hashString('peer-1'), hashString('peer-1'));
  assert.notEqual(hashString('peer-1'), hashString('peer-2'));
  assert.notEqual(hashString('peer-1', 1), hashString('peer-1', 2));
});
