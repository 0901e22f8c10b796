/**
 * The step function and the controls on hand-made swarms whose outcome can be worked out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasPiece } from '../../lib/bitfield';
import {
  addPeer,
  clientServerTime,
  boundInputOf,
  createSim,
  removePeer,
  removeSeed,
  runToCompletion,
  setStrategy,
  step,
  type SimConfig,
  type SimState,
} from '../../lib/sim';

const PIECE = 16_384;
const MB = 1_048_576;

const run = (s: SimState, until: number, dt?: number) => {
  while (s.t < until) s = step(s, dt);
  return s;
};
const peer = (s: SimState, id: string) => s.peers.find((p) => p.id === id)!;

test('one leecher, one seed: done in F / min(u_s, d), to the nanosecond', () => {
  const seedFaster: SimConfig = {
    seed: 1,
    fileSize: MB,
    pieceCount: 64,
    peers: [
      { role: 'seed', upload: 200_000, download: 0 },
      { upload: 10, download: 100_000 },
    ],
  };
  assert.deepEqual(runToCompletion(seedFaster, { maxTime: 100 }).finishTimes, {
    'peer-1': MB / 100_000,
  });
  const seedSlower = { ...seedFaster, dt: 0.3 };
  seedSlower.peers = [{ role: 'seed', upload: 50_000, download: 0 }, seedFaster.peers[1]!];
  assert.deepEqual(runToCompletion(seedSlower, { maxTime: 100 }).finishTimes, {
    'peer-1': MB / 50_000,
  });
});

test('leechers trading pieces beat the client-server time', () => {
  const peers: SimConfig['peers'] = [{ role: 'seed', upload: 100_000, download: 0 }];
  for (let i = 0; i < 8; i++) peers.push({ upload: 100_000, download: 400_000 });
  const config: SimConfig = { seed: 3, fileSize: MB, pieceCount: 64, peers };
  const { finishTimes } = runToCompletion(config, { maxTime: 500 });
  const last = Math.max(...Object.values(finishTimes).map((t) => t!));
  assert.ok(last < clientServerTime(boundInputOf(config)) / 2, `last done at ${last}`);
});

test('transfers: sorted, inside the step, and the piece is then held', () => {
  const peers: SimConfig['peers'] = [{ role: 'seed', upload: 400_000, download: 0 }];
  for (let i = 0; i < 5; i++) peers.push({ upload: 50_000, download: 200_000 });
  let s = createSim({ seed: 4, fileSize: 32 * PIECE, pieceCount: 32, peers });
  let seen = 0;
  while (s.peers.some((p) => p.role === 'leecher' && p.finishedAt === null)) {
    const t0 = s.t;
    s = step(s);
    let last = -Infinity;
    for (const x of s.transfers) {
      assert.ok(x.t > t0 && x.t <= s.t, `${x.t} outside (${t0}, ${s.t}]`);
      assert.ok(x.t >= last);
      last = x.t;
      assert.ok(hasPiece(peer(s, x.to).have, x.piece));
      assert.ok(hasPiece(peer(s, x.from).have, x.piece));
      seen++;
    }
  }
  assert.equal(seen, 5 * 32, 'one transfer per piece per leecher');
});

test('joinAt and leaveAt: a peer takes part only in between', () => {
  const s = run(
    createSim({
      seed: 5,
      fileSize: 64 * PIECE,
      pieceCount: 64,
      peers: [
        { role: 'seed', upload: 4 * PIECE, download: 0 },
        { id: 'early', upload: PIECE, download: 4 * PIECE, leaveAt: 6 },
        { id: 'late', upload: PIECE, download: 4 * PIECE, joinAt: 3 },
      ],
    }),
    10,
  );
  const early = peer(s, 'early');
  const late = peer(s, 'late');
  assert.equal(early.status, 'left');
  assert.equal(early.leftAt, 6);
  assert.ok(early.haveCount > 0 && early.haveCount < 64);
  assert.equal(late.joinedAt, 3);
  assert.ok(late.haveCount > 0);
  // What the leaver held no longer counts towards availability.
  const held = s.peers.filter((p) => p.status === 'active');
  for (let i = 0; i < 64; i++) {
    const n = held.filter((p) => hasPiece(p.have, i)).length;
    assert.equal(s.availability[i], n);
  }
});

test('leaveWhenDone: the peer leaves as soon as it has everything', () => {
  const { state } = runToCompletion(
    {
      seed: 6,
      fileSize: 8 * PIECE,
      pieceCount: 8,
      peers: [
        { role: 'seed', upload: 4 * PIECE, download: 0 },
        { id: 'hit-and-run', upload: PIECE, download: 4 * PIECE, leaveWhenDone: true },
      ],
    },
    { maxTime: 100 },
  );
  const p = peer(state, 'hit-and-run');
  assert.equal(p.status, 'left');
  assert.ok(p.leftAt! >= p.finishedAt! && p.leftAt! - p.finishedAt! <= 0.1 + 1e-9);
});

test('removeSeed before a full copy exists strands the swarm; after, everyone finishes', () => {
  const peers: SimConfig['peers'] = [{ role: 'seed', upload: 2 * PIECE, download: 0 }];
  for (let i = 0; i < 4; i++) peers.push({ upload: 2 * PIECE, download: 8 * PIECE });
  const start = createSim({ seed: 7, fileSize: 64 * PIECE, pieceCount: 64, peers });

  const early = run(removeSeed(run(start, 5)), 300);
  assert.ok(early.peers.every((p) => p.role === 'seed' || p.finishedAt === null));
  assert.ok(
    early.availability.some((n) => n === 0),
    'some piece is lost for good',
  );

  // Once every piece has left the seed (F/u_s = 32 s plus margin), leechers can finish alone.
  let s = start;
  while (s.availability.some((n) => n < 2)) s = step(s);
  const late = run(removeSeed(s), 300);
  assert.ok(late.peers.every((p) => p.role === 'seed' || p.finishedAt !== null));
  assert.equal(peer(late, 'seed-0').status, 'left');
});

test('controls are pure and take effect from the next step', () => {
  const s0 = run(
    createSim({
      seed: 8,
      fileSize: 32 * PIECE,
      pieceCount: 32,
      peers: [
        { role: 'seed', upload: 4 * PIECE, download: 0 },
        { upload: PIECE, download: 4 * PIECE },
      ],
    }),
    2,
  );
  const frozen = structuredClone(s0);
  const added = addPeer(s0, { id: 'newcomer', upload: PIECE, download: 4 * PIECE });
  const sequential = setStrategy(s0, 'sequential');
  const removed = removePeer(s0, 'peer-1');
  assert.deepEqual(s0, frozen, 'controls do not touch their input');
  assert.equal(peer(added, 'newcomer').status, 'active');
  assert.equal(peer(added, 'newcomer').joinedAt, s0.t);
  assert.ok(peer(run(added, 6), 'newcomer').haveCount > 0);
  assert.equal(sequential.strategy, 'sequential');
  assert.equal(peer(removed, 'peer-1').status, 'left');
  assert.throws(() => removePeer(s0, 'nobody'), RangeError);
  assert.throws(() => addPeer(s0, { id: 'peer-1', upload: 1, download: 1 }), /duplicate/);
  assert.throws(() => setStrategy(s0, 'fastest' as 'random'), /unknown strategy/);
});

test('endgame: the last piece does not wait for a slow peer', () => {
  // "slow" gets pieces from the seed and offers them to "fast" at a trickle. Without endgame,
  // fast's last piece can be stuck on that trickle; with it, the seed sends it too.
  const config = (endgame: boolean): SimConfig => ({
    seed: 11,
    fileSize: 32 * PIECE,
    pieceCount: 32,
    endgame,
    peers: [
      { role: 'seed', upload: 8 * PIECE, download: 0 },
      { id: 'fast', upload: PIECE, download: 8 * PIECE },
      { id: 'slow', upload: PIECE / 50, download: 8 * PIECE },
    ],
  });
  const withEndgame = runToCompletion(config(true), { maxTime: 2000 }).finishTimes.fast!;
  const without = runToCompletion(config(false), { maxTime: 2000 }).finishTimes.fast!;
  assert.ok(withEndgame < without, `endgame ${withEndgame} s, without ${without} s`);
});

test('runToCompletion stops at maxTime and reports who did not finish', () => {
  const { finishTimes, state } = runToCompletion(
    {
      seed: 9,
      fileSize: 64 * PIECE,
      pieceCount: 64,
      peers: [
        { role: 'seed', upload: PIECE, download: 0 },
        { upload: PIECE, download: PIECE },
      ],
    },
    { maxTime: 10, dt: 1 },
  );
  assert.equal(state.t, 10);
  assert.deepEqual(finishTimes, { 'peer-1': null });
});

test('bad configuration fails loudly', () => {
  const ok: SimConfig = {
    seed: 1,
    fileSize: 100,
    pieceCount: 4,
    peers: [{ role: 'seed', upload: 1, download: 1 }],
  };
  assert.doesNotThrow(() => createSim(ok));
  for (const bad of [
    { ...ok, fileSize: 0 },
    { ...ok, fileSize: 10, pieceCount: 8 }, // ceil(10/8) = 2-byte pieces leave nothing for #7
    { ...ok, pieceCount: 0 },
    { ...ok, seed: 0.5 },
    { ...ok, dt: 0 },
    { ...ok, uploadSlots: -1 },
    { ...ok, strategy: 'best' as 'random' },
    { ...ok, peers: [{ upload: -1, download: 1 }] },
    { ...ok, peers: [{ upload: 1, download: Number.NaN }] },
    { ...ok, peers: [{ upload: 1, download: 1, joinAt: 5, leaveAt: 2 }] },
    {
      ...ok,
      peers: [
        { id: 'a', upload: 1, download: 1 },
        { id: 'a', upload: 1, download: 1 },
      ],
    },
  ]) {
    assert.throws(() => createSim(bad), RangeError, JSON.stringify(bad));
  }
  assert.throws(() => step(createSim(ok), -1), RangeError);
});
