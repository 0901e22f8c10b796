/** PieceExchange around the simulator: flights from transfers, controls, layout, drawing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  advance,
  animate,
  createExchange,
  FLIGHT_MS,
  MAX_PEERS,
  newestPeer,
  presentPeers,
  summarize,
  withPeerAdded,
  withPeerRemoved,
  withSeedRemoved,
  withStrategy,
  withBadPeer,
} from '../../lib/diagrams/exchange-model';
import { exchangeHeight, layoutExchange, placeAt } from '../../lib/diagrams/exchange-layout';
import { exchangeScene } from '../../lib/diagrams/exchange-scene';

test('every piece completed becomes a flight, colour of its source; the input is left alone', () => {
  const ex = createExchange({ seed: 3 });
  const before = summarize(ex);
  const next = advance(ex, 8, 1000);
  assert.deepEqual(summarize(ex), before, 'advance is pure');
  assert.equal(ex.sim.t, 0);
  assert.ok(Math.abs(next.sim.t - 8) < 1e-9);
  assert.ok(next.delivered > 0);
  assert.equal(next.flights.length, next.delivered);
  const held = presentPeers(next)
    .filter((p) => p.role !== 'seed')
    .reduce((a, p) => a + p.haveCount, 0);
  assert.equal(held, next.delivered);
  // Pieces that came from the seed are marked so; the first ones all did.
  const first = next.flights[0]!;
  assert.equal(first.fromSeed, first.from === 'seed');
  assert.equal(next.origin.get(first.to)![first.piece], first.fromSeed ? 1 : 2);
});

test('simulated time is carried over between frames: 60 frames of 1/60 s make 1 s', () => {
  let ex = createExchange();
  for (let i = 0; i < 60; i++) ex = advance(ex, 1 / 60, i * 16);
  assert.ok(Math.abs(ex.sim.t + ex.carry - 1) < 1e-9);
  assert.ok(Math.abs(ex.sim.t - 1) < 0.1 + 1e-9);
});

test('flights land after FLIGHT_MS; without motion there are none', () => {
  const ex = advance(createExchange(), 5, 0, 0);
  assert.ok(ex.flights.length > 0);
  assert.equal(animate(ex, FLIGHT_MS - 1, 16).flights.length, ex.flights.length);
  assert.equal(animate(ex, FLIGHT_MS + 1, 16).flights.length, 0);
  assert.equal(animate(ex, 0, 16, false).flights.length, 0);
});

test('controls: add and remove peers, change strategy, and the seed leaves', () => {
  let ex = createExchange({ peers: 3 });
  ex = withPeerAdded(ex);
  assert.equal(summarize(ex).peers, 4);
  assert.equal(newestPeer(ex), 'peer 4');
  ex = withPeerRemoved(ex);
  assert.equal(summarize(ex).peers, 3);
  ex = withStrategy(ex, 'sequential');
  assert.equal(summarize(ex).strategy, 'sequential');
  ex = withSeedRemoved(ex);
  const s = summarize(ex);
  assert.equal(s.seedPresent, false);
  assert.equal(s.lost, s.pieceCount, 'nobody holds anything once the seed leaves at once');
  let full = createExchange({ peers: MAX_PEERS });
  full = withPeerAdded(full);
  assert.equal(summarize(full).peers, MAX_PEERS);
});

test('a run plays to the end: everyone done, nothing lost', () => {
  let ex = createExchange({ peers: 5, pieces: 16 });
  for (let i = 0; i < 200 && summarize(ex).done < 5; i++) ex = advance(ex, 1, i * 1000);
  const s = summarize(ex);
  assert.equal(s.done, 5);
  assert.equal(s.lost, 0);
  assert.deepEqual(
    s.holdings.map((h) => h.have),
    [16, 16, 16, 16, 16],
  );
});

test('cards never overlap, whatever the number of peers and the canvas size', () => {
  for (const [w, preferred] of [
    [1100, 660],
    [720, 432],
    [340, 493],
  ] as const) {
    for (let n = 1; n <= MAX_PEERS + 1; n++) {
      for (const pieces of [16, 32, 64]) {
        const h = exchangeHeight(n, pieces, w, preferred);
        assert.ok(h >= preferred);
        const l = layoutExchange(n, pieces, w, h);
        assert.ok(l.fits && l.cell >= (w < 560 ? 4 : 5), `${w}: n=${n}, P=${pieces}`);
        const boxes = Array.from({ length: n }, (_, i) => placeAt(l, i, n));
        for (const b of boxes) {
          assert.ok(
            b.x - l.cardW / 2 >= -1e-6 && b.x + l.cardW / 2 <= w + 1e-6,
            `off the edge ${w}x${h} n=${n}`,
          );
          assert.ok(
            b.y - l.cardH / 2 >= -1e-6 && b.y + l.cardH / 2 <= h + 1e-6,
            `off the edge ${w}x${h} n=${n}`,
          );
        }
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            const [a, b] = [boxes[i]!, boxes[j]!];
            const apart = Math.abs(a.x - b.x) >= l.cardW || Math.abs(a.y - b.y) >= l.cardH;
            assert.ok(apart, `cards ${i} and ${j} overlap at ${w}x${h}, n=${n}, P=${pieces}`);
          }
        }
      }
    }
  }
});

test('the scene draws one square per piece per peer, and flights only with motion', () => {
  const ex = animate(advance(createExchange({ peers: 4, pieces: 20 }), 3, 0), 100, 16);
  const opts = { width: 900, height: 540, now: 100, colorMode: 'piece' as const, motion: true };
  const shapes = exchangeScene(ex, opts);
  const texts = shapes
    .filter((s) => s.kind === 'text')
    .map((s) => (s.kind === 'text' ? s.text : ''));
  for (const id of ['seed', 'peer 1', 'peer 4']) assert.ok(texts.includes(id), id);
  const cells = shapes.filter(
    (s) => s.kind === 'rect' && s.w === s.h && s.w === layoutExchange(5, 20, 900, 540).cell,
  );
  assert.ok(cells.length >= 5 * 20);
  const still = exchangeScene(ex, { ...opts, motion: false });
  assert.ok(still.length < shapes.length + 5 * 20 + 1);
  const bySource = exchangeScene(ex, { ...opts, colorMode: 'source' });
  assert.ok(bySource.some((s) => s.kind === 'rect' && s.fill === 'piece-seed'));
});

test('a bad peer: its pieces fail the hash check, are fetched again elsewhere, and everyone finishes', () => {
  for (const seed of [1, 7, 11]) {
    let ex = withBadPeer(createExchange({ seed }), true);
    const bad = ex.badPeer!;
    assert.equal(bad, 'peer 1');
    const fromBad: { to: string; piece: number }[] = [];
    let landed = 0;
    for (let i = 0; i < 2400 && summarize(ex).done < summarize(ex).peers; i++) {
      ex = advance(ex, 0.25, i * 250);
      for (const f of ex.flights) if (f.corrupt && f.start >= i * 250) fromBad.push(f);
      // Nothing the bad peer sends ever counts as a piece the receiver has.
      for (const tr of ex.recent)
        assert.notEqual(tr.from, bad, `seed ${seed}: accepted a bad piece`);
      landed += ex.recent.length;
    }
    const s = summarize(ex);
    assert.equal(s.done, s.peers, `seed ${seed}: everyone finishes`);
    assert.ok(s.hashFailures > 0, `seed ${seed}: the bad peer sent something`);
    assert.equal(s.hashFailures, fromBad.length, 'every failure is drawn as a corrupt flight');
    assert.equal(landed, s.delivered);
    // Each piece that failed at a receiver reached it again, from a good source.
    for (const { to, piece } of fromBad) {
      assert.notEqual(ex.origin.get(to)![piece], 0, `${to} never got piece ${piece} again`);
    }
    // The receivers that caught it stopped downloading from it.
    for (const { to } of fromBad) assert.ok(ex.banned.get(to)?.includes(bad), `${to} bans ${bad}`);
  }
});

test('without the bad peer nothing fails, and fixing it forgives', () => {
  let ex = createExchange({ seed: 3 });
  for (let i = 0; i < 200; i++) ex = advance(ex, 0.5, i * 500);
  assert.equal(summarize(ex).hashFailures, 0);
  assert.equal(summarize(ex).badPeer, null);
  const on = withBadPeer(createExchange({ seed: 3 }), true);
  const off = withBadPeer(on, false);
  assert.equal(off.badPeer, null);
  assert.equal(off.banned.size, 0);
});
