/**
 * toSwarmSnapshot: the simulator seen through lib/swarm-model, as the projector sees it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bitfieldFromBase64, countPieces } from '../../lib/bitfield';
import { applyDelta, SwarmModel } from '../../lib/swarm-model';
import {
  createSim,
  fakeInfoHash,
  removePeer,
  simPeerId,
  step,
  toSwarmSnapshot,
  type SimConfig,
  type SimState,
} from '../../lib/sim';

const PIECE = 16_384;
const HEX40 = /^[0-9a-f]{40}$/;

const config = (seed: number): SimConfig => {
  const peers: SimConfig['peers'] = [{ role: 'seed', upload: 4 * PIECE, download: 0 }];
  for (let i = 0; i < 6; i++) peers.push({ upload: PIECE, download: 4 * PIECE });
  return { seed, fileSize: 40 * PIECE - 3, pieceCount: 40, peers };
};
const after = (s: SimState, seconds: number) => {
  while (s.t < seconds) s = step(s);
  return s;
};

test('peers: 40-hex ids, seeder or bot, bitfields that decode to their counts', () => {
  const s = after(createSim(config(1)), 8);
  const snap = toSwarmSnapshot(s);
  assert.equal(snap.peers.length, 7);
  assert.equal(new Set(snap.peers.map((p) => p.id)).size, 7);
  for (const p of snap.peers) {
    assert.match(p.id, HEX40);
    const sim = s.peers.find((q) => q.peerId === p.id)!;
    assert.equal(p.nickname, sim.id);
    assert.equal(p.kind, sim.role === 'seed' ? 'seeder' : 'bot');
    assert.equal(countPieces(bitfieldFromBase64(p.bitfield), 40), p.have);
    assert.equal(p.have, sim.haveCount);
    assert.equal(p.updatedAt, 8000);
  }
  assert.equal(snap.at, 8000);
  assert.equal(snap.seq, s.stepCount);
});

test('torrent: shape of the file, and an info hash visibly derived from the seed', () => {
  const snap = toSwarmSnapshot(createSim(config(0xbeef)));
  assert.deepEqual(snap.torrent, {
    infoHash: fakeInfoHash(0xbeef),
    name: 'swarmlab-sim-seed-48879.bin',
    pieceCount: 40,
    pieceLength: PIECE,
    length: 40 * PIECE - 3,
  });
  assert.match(snap.torrent!.infoHash, /^[0-9a-f]{32}0000beef$/);
  assert.notEqual(fakeInfoHash(1), fakeInfoHash(2));
});

test('edges: active links carry a rate, all links include idle ones, none to a leaver', () => {
  let s = after(createSim(config(2)), 12);
  const active = toSwarmSnapshot(s).edges;
  assert.ok(active.length > 0);
  const ids = new Set(toSwarmSnapshot(s).peers.map((p) => p.id));
  for (const e of active) {
    assert.ok(ids.has(e.from) && ids.has(e.to) && e.from !== e.to);
    assert.ok(e.rate > 0 && e.bytes > 0);
  }
  const all = toSwarmSnapshot(s, { edges: 'all' }).edges;
  assert.ok(all.length >= active.length);
  assert.ok(all.every((e) => e.bytes > 0 && e.rate >= 0));
  const uploaded = s.peers.reduce((a, p) => a + p.uploaded, 0);
  const onEdges = all.reduce((a, e) => a + e.bytes, 0);
  assert.ok(Math.abs(uploaded - onEdges) <= all.length, 'edge bytes add up to uploads (rounded)');

  const leaver = s.peers[1]!;
  s = removePeer(s, leaver.id);
  const snap = toSwarmSnapshot(s, { edges: 'all' });
  assert.ok(!snap.peers.some((p) => p.id === leaver.peerId));
  assert.ok(!snap.edges.some((e) => e.from === leaver.peerId || e.to === leaver.peerId));
});

test('a snapshot feeds the shared SwarmModel, and its delta rebuilds the same view', () => {
  const snap = toSwarmSnapshot(after(createSim(config(3)), 5));
  const model = new SwarmModel(() => snap.at);
  model.setTorrent(snap.torrent);
  for (const p of snap.peers) {
    const { have: _have, joinedAt: _joined, updatedAt: _updated, ...update } = p;
    model.upsertPeer(update);
  }
  for (const p of snap.peers) {
    const incoming = snap.edges.filter((e) => e.to === p.id);
    model.setIncomingEdges(p.id, incoming);
  }
  const delta = model.takeDelta()!;
  const view = applyDelta({ seq: 0, at: 0, torrent: null, peers: [], edges: [] }, delta);
  assert.deepEqual(
    view.peers.map((p) => [p.id, p.have]).sort(),
    snap.peers.map((p) => [p.id, p.have]).sort(),
  );
  assert.equal(view.edges.length, snap.edges.length);
});

test('ids are a pure function of seed and sim id', () => {
  fc.assert(
    fc.property(fc.integer(), fc.string(), fc.string(), (seed, a, b) => {
      assert.match(simPeerId(seed, a), HEX40);
      assert.equal(simPeerId(seed, a), simPeerId(seed, a));
      // "-SL0100-", Azureus style (BEP 20): the client shows as a SwarmLab bot.
      assert.ok(simPeerId(seed, a).startsWith('2d534c303130302d'));
      if (a !== b) assert.notEqual(simPeerId(seed, a), simPeerId(seed, b));
    }),
    { numRuns: 200 },
  );
});
