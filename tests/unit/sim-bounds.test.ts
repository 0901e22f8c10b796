/**
 * Kumar & Ross (2006) bounds: the formulas on textbook numbers, and the simulator never
 * beating the peer-to-peer lower bound.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  boundInputOf,
  clientServerTime,
  minDistributionTime,
  runToCompletion,
  STRATEGIES,
  type SimConfig,
} from '../../lib/sim';

test('minDistributionTime takes the largest of the three terms', () => {
  const base = { fileSize: 1000, seedUpload: 100, uploads: [10, 10], downloads: [50, 200] };
  // F/u_s = 10, F/d_min = 20, N·F/(u_s + Σu) = 2000/120 ≈ 16.7
  assert.equal(minDistributionTime(base), 20);
  assert.equal(minDistributionTime({ ...base, downloads: [500, 500] }), 2000 / 120);
  assert.equal(minDistributionTime({ ...base, seedUpload: 10, downloads: [500, 500] }), 100);
  assert.equal(minDistributionTime({ ...base, uploads: [], downloads: [] }), 0);
});

test('clientServerTime is N·F/u_s unless a download link is slower', () => {
  const input = { fileSize: 1000, seedUpload: 100, downloads: [50, 200, 400] };
  assert.equal(clientServerTime(input), 30);
  assert.equal(clientServerTime({ ...input, downloads: [10, 400] }), 100);
});

test('Kurose & Ross example: peer-to-peer grows like log, client-server like N', () => {
  // F/u = 1 hour, u_s = 10u, d_min >= u_s (Kurose & Ross, figure 2.23).
  const u = 1;
  const f = 3600;
  const at = (n: number) => {
    const input = {
      fileSize: f,
      seedUpload: 10 * u,
      uploads: Array<number>(n).fill(u),
      downloads: Array<number>(n).fill(10 * u),
    };
    return { p2p: minDistributionTime(input) / 3600, cs: clientServerTime(input) / 3600 };
  };
  assert.deepEqual(at(30), { p2p: 30 / 40, cs: 3 });
  assert.ok(at(1000).p2p < 1);
  assert.equal(at(1000).cs, 100);
});

test('boundInputOf counts seeds as u_s and free-riders as uploading nothing', () => {
  const input = boundInputOf({
    seed: 1,
    fileSize: 100,
    pieceCount: 4,
    peers: [
      { role: 'seed', upload: 7, download: 0 },
      { role: 'seed', upload: 3, download: 0 },
      { upload: 5, download: 9 },
      { upload: 5, download: 8, freeRider: true },
    ],
  });
  assert.deepEqual(input, { fileSize: 100, seedUpload: 10, uploads: [5, 0], downloads: [9, 8] });
});

const PIECE = 16_384;

const swarmArb: fc.Arbitrary<SimConfig> = fc
  .record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    pieceCount: fc.integer({ min: 8, max: 64 }),
    shortBy: fc.integer({ min: 0, max: 7 }),
    seeds: fc.array(fc.double({ min: 0.3, max: 6, noNaN: true }), { minLength: 1, maxLength: 2 }),
    leechers: fc.array(
      fc.record({
        // Not vanishingly small: with endgame off, a last piece requested from a peer sending
        // a few bytes a second waits for it (the model has no request time-out).
        upload: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 3, noNaN: true })),
        download: fc.double({ min: 0.3, max: 8, noNaN: true }),
        freeRider: fc.nat(6).map((n) => n === 0),
      }),
      { minLength: 1, maxLength: 11 },
    ),
    strategy: fc.constantFrom(...STRATEGIES),
    uploadSlots: fc.integer({ min: 1, max: 6 }),
    endgame: fc.boolean(),
    dt: fc.constantFrom(0.1, 0.25, 0.5),
  })
  .map((x) => ({
    seed: x.seed,
    fileSize: x.pieceCount * PIECE - x.shortBy,
    pieceCount: x.pieceCount,
    strategy: x.strategy,
    uploadSlots: x.uploadSlots,
    endgame: x.endgame,
    dt: x.dt,
    peers: [
      ...x.seeds.map((u) => ({ role: 'seed' as const, upload: u * PIECE, download: 0 })),
      ...x.leechers.map((l) => ({ ...l, upload: l.upload * PIECE, download: l.download * PIECE })),
    ],
  }));

test('no run beats the Kumar–Ross lower bound, and no peer beats F/u_s or F/d_i', () => {
  // Slack is floating point only: rates never exceed capacities within a tick, a piece can be
  // forwarded only from the tick after it completes, and completion times are exact within
  // the tick (then rounded to the nanosecond). So the simulator can only be slower.
  const slack = (t: number) => t * (1 - 1e-9) - 1e-9;
  fc.assert(
    fc.property(swarmArb, (config) => {
      const input = boundInputOf(config);
      const bound = minDistributionTime(input);
      const maxTime = 4 * clientServerTime(input) + 200;
      const { finishTimes } = runToCompletion(config, { maxTime });
      const times = Object.values(finishTimes);
      assert.ok(times.every((t) => t !== null));
      const last = Math.max(...(times as number[]));
      assert.ok(last >= slack(bound), `all done at ${last} < T_min ${bound}`);
      const leechers = config.peers.filter((p) => p.role !== 'seed');
      Object.values(finishTimes).forEach((t, i) => {
        const own = Math.max(
          config.fileSize / input.seedUpload,
          config.fileSize / leechers[i]!.download,
        );
        assert.ok(t! >= slack(own), `peer ${i} done at ${t} < ${own}`);
      });
    }),
    { numRuns: 50, includeErrorInReport: true },
  );
});
