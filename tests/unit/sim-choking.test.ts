/**
 * Tit-for-tat: who gets the regular slots, when the optimistic unchoke moves, and what
 * happens to free-riders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { setPiece } from '../../lib/bitfield';
import { createSim, runToCompletion, step, type SimConfig } from '../../lib/sim';
import { runChokeRound } from '../../lib/sim/choking';

const PIECE = 16_384;

test('a regular round unchokes the interested peers that sent the most since the last round, one slot left for the optimistic unchoke', () => {
  const peers: SimConfig['peers'] = [{ id: 'u', upload: 10 * PIECE, download: 10 * PIECE }];
  for (let i = 1; i <= 7; i++) peers.push({ id: `v${i}`, upload: PIECE, download: PIECE });
  // Four slots in all (BEP 3): three by rate, the fourth optimistic.
  const state = createSim({ seed: 1, fileSize: 8 * PIECE, pieceCount: 8, peers, uploadSlots: 4 });
  // u holds piece 0, which nobody else has: all seven are interested in u.
  setPiece(state.peers[0]!.have, 0);
  state.peers[0]!.haveCount = 1;
  const sentToU = [0, 5, 70, 10, 60, 0, 50, 1];
  sentToU.forEach((bytes, from) => (state.roundBytes[from * state.stride + 0] = bytes));
  runChokeRound(state, true);
  const u = state.peers[0]!;
  const regular = u.unchoked.filter((v) => v !== u.optimistic).sort();
  assert.deepEqual(regular, [2, 4, 6]);
  assert.ok(u.optimistic >= 1 && !regular.includes(u.optimistic));
  assert.equal(u.unchoked.length, 4, 'the optimistic unchoke is one of the four');
  assert.ok(
    state.roundBytes.every((b) => b === 0),
    'the round resets tit-for-tat memory',
  );
});

test('the optimistic unchoke moves every 30 s, and only at choke rounds', () => {
  const peers: SimConfig['peers'] = [{ role: 'seed', upload: 4 * PIECE, download: 0 }];
  for (let i = 0; i < 12; i++) peers.push({ upload: PIECE / 8, download: PIECE });
  let s = createSim({ seed: 5, fileSize: 256 * PIECE, pieceCount: 256, peers, uploadSlots: 2 });
  const changes: number[] = [];
  let last = -2;
  while (s.t < 100) {
    const t = s.t;
    s = step(s);
    const optimistic = s.peers[0]!.optimistic;
    if (optimistic !== last) changes.push(t);
    last = optimistic;
  }
  for (const t of changes) assert.equal(t % 10, 0, `optimistic changed at t=${t}`);
  for (const t of [0, 30, 60, 90]) assert.ok(changes.includes(t), `no rotation at t=${t}`);
});

test('free-riders finish later than contributors under tit-for-tat, on average', (t) => {
  // 40 swarms: 1 seed at 4 pieces/s; 10–12 leechers, 1–3 of them free-riders, all with
  // capacities from the same ranges (upload 0.75–1.25, download 6–8 pieces/s) and 48–64
  // pieces, so that leechers' upload is the bottleneck and the download lasts several choke
  // rounds. (When the seed is the bottleneck everyone waits for it and free-riding costs
  // little.) Per swarm: mean finish time of free-riders / mean finish time of contributors.
  // Across swarms that ratio must average above 1 and be above 1 in most swarms.
  const shape = fc.record({
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    pieceCount: fc.integer({ min: 48, max: 64 }),
    peers: fc.array(
      fc.record({
        upload: fc.double({ min: 0.75, max: 1.25, noNaN: true }),
        download: fc.double({ min: 6, max: 8, noNaN: true }),
      }),
      { minLength: 10, maxLength: 12 },
    ),
    freeRiders: fc.integer({ min: 1, max: 3 }),
  });
  const ratios = fc.sample(shape, { seed: 20260502, numRuns: 40 }).map((x) => {
    const config: SimConfig = {
      seed: x.seed,
      fileSize: x.pieceCount * PIECE,
      pieceCount: x.pieceCount,
      dt: 0.5,
      peers: [
        { role: 'seed', upload: 4 * PIECE, download: 0 },
        ...x.peers.map((p, i) => ({
          upload: p.upload * PIECE,
          download: p.download * PIECE,
          freeRider: i < x.freeRiders,
        })),
      ],
    };
    const { finishTimes } = runToCompletion(config, { maxTime: 10_000 });
    const mean = (free: boolean) => {
      const ts = x.peers.flatMap((_, i) => (i < x.freeRiders === free ? [i + 1] : []));
      return ts.reduce((a, i) => a + finishTimes[`peer-${i}`]!, 0) / ts.length;
    };
    return mean(true) / mean(false);
  });
  const average = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const later = ratios.filter((r) => r > 1).length;
  t.diagnostic(`free-rider / contributor finish time: ${average.toFixed(2)} on average`);
  t.diagnostic(`free-riders later in ${later} of ${ratios.length} swarms`);
  assert.ok(average > 1);
  assert.ok(later > ratios.length / 2);
});

test('a free-rider never uploads, and a peer with no upload capacity never unchokes', () => {
  const config: SimConfig = {
    seed: 2,
    fileSize: 16 * PIECE,
    pieceCount: 16,
    peers: [
      { role: 'seed', upload: PIECE, download: 0 },
      { id: 'free', upload: 10 * PIECE, download: 4 * PIECE, freeRider: true },
      { id: 'mute', upload: 0, download: 4 * PIECE },
      { id: 'fair', upload: PIECE, download: 4 * PIECE },
    ],
  };
  const { state, finishTimes } = runToCompletion(config, {
    maxTime: 1000,
    onStep: (s) => {
      for (const id of ['free', 'mute']) {
        assert.deepEqual(s.peers.find((p) => p.id === id)!.unchoked, []);
      }
    },
  });
  assert.equal(state.peers[1]!.uploaded, 0);
  assert.equal(state.peers[2]!.uploaded, 0);
  assert.ok(Object.values(finishTimes).every((t) => t !== null));
});
