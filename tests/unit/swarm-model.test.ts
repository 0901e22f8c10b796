import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bitfieldFrom, bitfieldToBase64 } from '../../lib/bitfield';
import { applyDelta, emptySnapshot, SwarmModel, type SwarmSnapshot } from '../../lib/swarm-model';
import { hexId } from '../support/swarm-fixtures';

const TORRENT = {
  infoHash: 'a'.repeat(40),
  name: 'pack',
  pieceCount: 20,
  pieceLength: 16384,
  length: 20 * 16384,
};
const id = hexId;

const op = fc.oneof(
  fc.record({
    kind: fc.constant('upsert' as const),
    peer: fc.integer({ min: 0, max: 5 }),
    pieces: fc.integer({ min: 0, max: 20 }),
    uploaded: fc.nat(),
  }),
  fc.record({ kind: fc.constant('remove' as const), peer: fc.integer({ min: 0, max: 5 }) }),
  fc.record({
    kind: fc.constant('edge' as const),
    from: fc.integer({ min: 0, max: 5 }),
    to: fc.integer({ min: 0, max: 5 }),
    bytes: fc.nat(),
  }),
  fc.record({ kind: fc.constant('flush' as const) }),
);

const normalise = (s: SwarmSnapshot) => ({
  torrent: s.torrent,
  peers: [...s.peers].sort((a, b) => a.id.localeCompare(b.id)).map(({ updatedAt: _u, ...p }) => p),
  edges: [...s.edges].sort((a, b) => `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`)),
});

test('a viewer applying every delta sees exactly the hub’s model', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
      let clock = 0;
      const model = new SwarmModel(() => ++clock);
      model.setTorrent(TORRENT);
      let view = applyDelta(emptySnapshot(), model.takeDelta()!);
      for (const o of ops) {
        if (o.kind === 'upsert') {
          model.upsertPeer({
            id: id(o.peer),
            nickname: `p${o.peer}`,
            uploaded: o.uploaded,
            bitfield: bitfieldToBase64(bitfieldFrom(20, (i) => i < o.pieces)),
          });
        } else if (o.kind === 'remove') {
          model.removePeer(id(o.peer));
        } else if (o.kind === 'edge') {
          if (model.getPeer(id(o.to)) && model.getPeer(id(o.from))) {
            model.setIncomingEdges(id(o.to), [{ from: id(o.from), bytes: o.bytes, rate: 1 }]);
          }
        } else {
          const delta = model.takeDelta();
          if (delta) view = applyDelta(view, delta);
        }
      }
      const delta = model.takeDelta();
      if (delta) view = applyDelta(view, delta);
      assert.deepEqual(normalise(view), normalise(model.snapshot()));
    }),
  );
});

test('have counts follow the bitfield and reset with a new torrent', () => {
  const model = new SwarmModel();
  model.setTorrent(TORRENT);
  const peer = model.upsertPeer({
    id: id(1),
    bitfield: bitfieldToBase64(bitfieldFrom(20, (i) => i % 2 === 0)),
  });
  assert.equal(peer.have, 10);
  model.setTorrent({ ...TORRENT, infoHash: 'b'.repeat(40) });
  assert.equal(model.getPeer(id(1))!.have, 0);
});

test('no delta when nothing changed; older deltas are ignored', () => {
  const model = new SwarmModel();
  model.setTorrent(TORRENT);
  const first = model.takeDelta()!;
  assert.equal(model.takeDelta(), null);
  model.upsertPeer({ id: id(2), nickname: 'x' });
  const second = model.takeDelta()!;
  const view = applyDelta(applyDelta(emptySnapshot(), first), second);
  assert.equal(applyDelta(view, first), view);
});

test('removing a peer removes its edges', () => {
  const model = new SwarmModel();
  model.upsertPeer({ id: id(1) });
  model.upsertPeer({ id: id(2) });
  model.setIncomingEdges(id(2), [{ from: id(1), bytes: 10, rate: 1 }]);
  model.removePeer(id(1));
  assert.deepEqual(model.snapshot().edges, []);
});
