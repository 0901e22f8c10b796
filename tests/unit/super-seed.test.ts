/**
 * The super-seeding rules on in-memory wires that record what the seeder says. (The real
 * seeder with real peers is in tests/integration/tracker-modes.test.ts.)
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import fc from 'fast-check';
import { createSuperSeeding, type SuperSeedWire } from '../../lab-server/super-seed';

class RecordingWire extends EventEmitter {
  constructor(private readonly log: number[] = []) {
    super();
  }
  hasFast = false;
  sent: string[] = [];
  haves: number[] = [];
  held = new Set<number>();
  peerPieces = { get: (i: number) => this.held.has(i) };
  bitfield(bf: Uint8Array | { buffer: Uint8Array }) {
    const bytes = bf instanceof Uint8Array ? bf : bf.buffer;
    this.sent.push(`bitfield:${bytes.some((b) => b !== 0) ? 'some' : 'empty'}`);
  }
  haveAll() {
    this.sent.push('have-all');
  }
  haveNone() {
    this.sent.push('have-none');
  }
  have(index: number) {
    this.sent.push(`have:${index}`);
    this.haves.push(index);
    this.log.push(index);
  }
  /** The peer downloaded a piece and tells the seeder. */
  got(index: number) {
    this.held.add(index);
    this.emit('have', index);
  }
}

/** A torrent of `pieceCount` pieces of 4 bytes, the last one 2 bytes. */
const size = (pieceCount: number) => ({ pieceCount, pieceLength: 4, length: 4 * pieceCount - 2 });

function attached(ss: ReturnType<typeof createSuperSeeding>, hasFast = false, log?: number[]) {
  const wire = new RecordingWire(log);
  wire.hasFast = hasFast;
  ss.attach(wire as unknown as SuperSeedWire);
  // What webtorrent does right after the handshake.
  if (hasFast) (wire as unknown as SuperSeedWire).haveAll!();
  else (wire as unknown as SuperSeedWire).bitfield(new Uint8Array([0xff]));
  return wire;
}

test('the seeder says it has nothing, then reveals a few pieces per peer', () => {
  const ss = createSuperSeeding(size(8), { perPeer: 2 });
  const plain = attached(ss);
  assert.equal(plain.sent[0], 'bitfield:empty');
  assert.equal(plain.haves.length, 2);
  const fast = attached(ss, true);
  assert.equal(fast.sent[0], 'have-none', 'with the fast extension: have-none, never have-all');
  assert.equal(fast.haves.length, 2);
  assert.equal(
    new Set([...plain.haves, ...fast.haves]).size,
    4,
    'two peers, four different pieces',
  );
});

test('a peer that reports a revealed piece is shown another; an unrevealed one changes nothing', () => {
  const ss = createSuperSeeding(size(10), { perPeer: 1 });
  const a = attached(ss);
  const [first] = a.haves;
  const other = [...Array(10).keys()].find((i) => i !== first)!;
  a.got(other);
  assert.equal(a.haves.length, 1, 'still waiting for the revealed piece');
  a.got(first!);
  assert.equal(a.haves.length, 2);
  assert.notEqual(a.haves[1], other, 'never reveals a piece the peer holds');
});

test('every piece is revealed once before any piece is revealed twice', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.nat(), { minLength: 1, maxLength: 200 }),
      (pieces, peers, perPeer, steps) => {
        const ss = createSuperSeeding(size(pieces), { perPeer });
        // Every reveal to any peer, in the order the seeder sent them.
        const log: number[] = [];
        const wires = Array.from({ length: peers }, () => attached(ss, false, log));
        // Peers finish revealed pieces in an arbitrary order.
        for (const step of steps) {
          const wire = wires[step % peers]!;
          const pending = wire.haves.filter((h) => !wire.held.has(h));
          if (pending.length) wire.got(pending[step % pending.length]!);
        }
        const firstRepeat = log.findIndex((p, i) => log.indexOf(p) !== i);
        if (firstRepeat >= 0)
          assert.equal(
            new Set(log.slice(0, firstRepeat)).size,
            pieces,
            `a piece was shown twice before all ${pieces} were shown once`,
          );
        for (const w of wires)
          assert.ok(
            w.haves.filter((h) => !w.held.has(h)).length <= perPeer,
            'at most perPeer pending',
          );
      },
    ),
  );
});

test('a peer that leaves gives its unfinished reveals back to the others', () => {
  const ss = createSuperSeeding(size(2), { perPeer: 2 });
  const a = attached(ss);
  assert.deepEqual([...a.haves].sort(), [0, 1]);
  a.emit('close');
  const b = attached(ss);
  assert.equal(b.haves.length, 2, 'both pieces go to the next peer');
  assert.equal(ss.stats().wires, 1);
});

test('a peer that never sends have (Transmission) is shown more once it has asked for every block', () => {
  // random → 0.99 keeps the first of tied pieces: piece 0 (4 bytes) is shown first, then 1.
  const first = attached(createSuperSeeding(size(2), { perPeer: 1, random: () => 0.99 }));
  assert.deepEqual(first.haves, [0]);
  first.emit('request', 0, 0, 2);
  assert.deepEqual(first.haves, [0], 'half the piece asked for: wait');
  first.emit('request', 0, 2, 2);
  assert.deepEqual(first.haves, [0, 1], 'the whole piece asked for: the next is shown');

  // random → 0 takes the last of tied pieces: the short last piece (2 bytes) comes first.
  const last = attached(createSuperSeeding(size(2), { perPeer: 1, random: () => 0 }));
  assert.deepEqual(last.haves, [1]);
  last.emit('request', 1, 0, 2);
  assert.deepEqual(last.haves, [1, 0], 'a short last piece counts as whole');
});

test('revealAll tells every connected peer of every piece, and stops the game on those wires', () => {
  const ss = createSuperSeeding(size(6), { perPeer: 2 });
  const early = attached(ss);
  const fast = attached(ss, true);
  // A wire attached but not yet past its first message: it will say the truth instead.
  const late = new RecordingWire();
  ss.attach(late as unknown as SuperSeedWire);
  assert.equal(ss.stats().hiding, 3);
  ss.revealAll();
  for (const w of [early, fast]) {
    assert.deepEqual(
      [...new Set(w.haves)].sort(),
      [0, 1, 2, 3, 4, 5],
      'every piece, each told once',
    );
    assert.equal(w.haves.length, 6);
  }
  (late as unknown as SuperSeedWire).bitfield(new Uint8Array([0xfc]));
  assert.deepEqual(late.sent, ['bitfield:some'], 'the real bitfield, no game');
  assert.equal(ss.stats().hiding, 0);
  // Later reports reveal nothing more on those wires…
  early.got(0);
  assert.equal(early.haves.length, 6);
  // …while a wire that connects afterwards plays the game again.
  const newcomer = attached(ss);
  assert.equal(newcomer.sent[0], 'bitfield:empty');
  assert.equal(newcomer.haves.length, 2);
});

test('by default tied pieces are shown in order: a lone viewer gets the pack from its start', () => {
  const ss = createSuperSeeding(size(8), { perPeer: 3 });
  const viewer = attached(ss);
  assert.deepEqual(viewer.haves, [0, 1, 2], 'the start of the pack (the film) first');
  // The next peer is shown the least-copied pieces, again in order: 3, 4, 5.
  assert.deepEqual(attached(ss).haves, [3, 4, 5]);
});
