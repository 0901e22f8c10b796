/**
 * Piece selection: rarest-first against random on the rarest piece's availability,
 * sequential order, and the random-first-piece policy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createSim, runToCompletion, step, type SimConfig, type Strategy } from '../../lib/sim';

const PIECE = 16_384;

const swarmShape = fc.record({
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
  pieceCount: fc.integer({ min: 8, max: 64 }),
  seedUpload: fc.double({ min: 0.5, max: 2, noNaN: true }),
  leechers: fc.array(
    fc.record({
      upload: fc.double({ min: 0.2, max: 2, noNaN: true }),
      download: fc.double({ min: 1, max: 4, noNaN: true }),
    }),
    { minLength: 3, maxLength: 11 },
  ),
});
type Shape = typeof swarmShape extends fc.Arbitrary<infer T> ? T : never;

const configOf = (x: Shape, strategy: Strategy): SimConfig => ({
  seed: x.seed,
  fileSize: x.pieceCount * PIECE,
  pieceCount: x.pieceCount,
  strategy,
  dt: 0.5,
  peers: [
    { role: 'seed', upload: x.seedUpload * PIECE, download: 0 },
    ...x.leechers.map((l) => ({ upload: l.upload * PIECE, download: l.download * PIECE })),
  ],
});

/** min over pieces of the number of active peers holding it, once per tick until all finish. */
function rarestCopies(config: SimConfig): number[] {
  const out: number[] = [];
  runToCompletion(config, {
    maxTime: 5000,
    onStep: (s) => out.push(s.availability.reduce((a, b) => Math.min(a, b), Infinity)),
  });
  return out;
}

test('rarest-first keeps the rarest piece more available than random, on average', (t) => {
  // For each swarm (1 seed, 3–11 leechers, no departures), both strategies run from the same
  // seed; A = mean over ticks of min_p availability(p), over the ticks before the faster of
  // the two runs finished (so both cover the same window). Across 40 swarms, the mean A under
  // rarest-first must be at least the mean A under random.
  const swarms = fc.sample(swarmShape, { seed: 20260501, numRuns: 40 });
  let rarest = 0;
  let random = 0;
  for (const x of swarms) {
    const a = rarestCopies(configOf(x, 'rarest-first'));
    const b = rarestCopies(configOf(x, 'random'));
    const ticks = Math.min(a.length, b.length);
    const mean = (xs: number[]) => xs.slice(0, ticks).reduce((p, q) => p + q, 0) / ticks;
    rarest += mean(a) / swarms.length;
    random += mean(b) / swarms.length;
  }
  t.diagnostic(
    `mean min availability: rarest-first ${rarest.toFixed(3)}, random ${random.toFixed(3)}`,
  );
  assert.ok(rarest >= random, `rarest-first ${rarest.toFixed(3)} < random ${random.toFixed(3)}`);
});

test('sequential: a peer served only by the seed completes pieces 0, 1, 2, … in order', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 0x7fffffff }),
      fc.integer({ min: 8, max: 64 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 4 }),
      fc.boolean(),
      (seed, pieceCount, leechers, uploadSlots, endgame) => {
        // Free-riders never upload, so the seed is everyone's only source.
        const config: SimConfig = {
          seed,
          fileSize: pieceCount * PIECE,
          pieceCount,
          strategy: 'sequential',
          uploadSlots,
          endgame,
          dt: 0.5,
          peers: [
            { role: 'seed', upload: 4 * PIECE, download: 0 },
            ...Array.from({ length: leechers }, () => ({
              upload: PIECE,
              download: 2 * PIECE,
              freeRider: true,
            })),
          ],
        };
        const order = new Map<string, number[]>();
        const { finishTimes } = runToCompletion(config, {
          maxTime: 1000,
          onStep: (s) => {
            for (const x of s.transfers) {
              assert.equal(x.from, 'seed-0');
              order.set(x.to, [...(order.get(x.to) ?? []), x.piece]);
            }
          },
        });
        const inOrder = Array.from({ length: pieceCount }, (_, i) => i);
        for (const id of Object.keys(finishTimes)) assert.deepEqual(order.get(id), inOrder);
      },
    ),
    { numRuns: 40, includeErrorInReport: true },
  );
});

test('random first piece: sequential peers start on scattered pieces, then go in order', () => {
  // Ten free-riding leechers served by the seed alone: under plain sequential every one of
  // them completes piece 0 first; with randomFirstPieces = 4 their first pieces are spread.
  const peers: SimConfig['peers'] = [{ role: 'seed', upload: 8 * PIECE, download: 0 }];
  for (let i = 0; i < 10; i++) peers.push({ upload: PIECE, download: 4 * PIECE, freeRider: true });
  const base: SimConfig = { seed: 9, fileSize: 32 * PIECE, pieceCount: 32, peers, dt: 0.5 };
  const firstPieces = (config: SimConfig) => {
    let s = createSim(config);
    const first = new Map<string, number>();
    while (first.size < 10) {
      s = step(s);
      for (const x of s.transfers) if (!first.has(x.to)) first.set(x.to, x.piece);
    }
    return new Set(first.values());
  };
  assert.deepEqual(firstPieces({ ...base, strategy: 'sequential' }), new Set([0]));
  assert.ok(firstPieces({ ...base, strategy: 'sequential', randomFirstPieces: 4 }).size > 3);
});
