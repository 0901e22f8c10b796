import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { completionFigures, emptyTrack, trackCompletion } from '../../lib/completion';
import { clientServerTime, minDistributionTime } from '../../lib/sim/bounds';
import type { PeerState, SwarmSnapshot } from '../../lib/swarm-model';
import { peerState } from '../support/swarm-fixtures';

const TORRENT = {
  infoHash: 'a'.repeat(40),
  name: 'p',
  pieceCount: 10,
  pieceLength: 10,
  length: 100,
};
const peer = peerState;
const snap = (at: number, peers: PeerState[], torrent = TORRENT): SwarmSnapshot => ({
  seq: at,
  at,
  torrent,
  peers,
  edges: [],
});
const seed = (rate: number) => peer('seed', { kind: 'seeder', uploadRate: rate, have: 10 });

test('the textbook example: 4 peers, F = 100, u_s = 10, u_i = 5, d_i = 50', () => {
  const peers = ['a', 'b', 'c', 'd'].map((id) =>
    peer(id, { uploadRate: 5, downloadRate: 50, joinedAt: 0, have: 10 }),
  );
  const s = snap(2000, [seed(10), ...peers]);
  const figures = completionFigures(trackCompletion(emptyTrack(), s), s)!;
  assert.equal(figures.n, 4);
  assert.equal(figures.clientServer, 40); // N·F/u_s = 400/10
  assert.equal(figures.p2p, 400 / 30); // N·F/(u_s + Σu_i) = 400/(10 + 20)
  assert.equal(figures.minDownload, 50); // also F over the 2 s they took at most
  assert.equal(figures.elapsed, 2);
});

test('the figures are lib/sim’s bounds on peak rates, and P2P is never slower than one server', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10_000 }),
      fc.array(fc.record({ up: fc.nat({ max: 1000 }), down: fc.integer({ min: 1, max: 1000 }) }), {
        minLength: 1,
        maxLength: 12,
      }),
      fc.integer({ min: 1, max: 1000 }),
      (length, rates, us) => {
        const torrent = { ...TORRENT, length };
        const peers = rates.map((r, i) =>
          // Joined long ago: F over their time to finish is far below any rate here.
          peer(`p${i}`, { uploadRate: r.up, downloadRate: r.down, have: 10, joinedAt: -1e12 }),
        );
        // Rates drop to zero later: the peaks still count.
        let track = trackCompletion(emptyTrack(), snap(1, [seed(us), ...peers], torrent));
        const idle = peers.map((p) => ({ ...p, uploadRate: 0, downloadRate: 0 }));
        const later = snap(2, [seed(0), ...idle], torrent);
        track = trackCompletion(track, later);
        const f = completionFigures(track, later)!;
        const input = {
          fileSize: length,
          seedUpload: us,
          uploads: rates.map((r) => r.up),
          downloads: rates.map((r) => r.down),
        };
        assert.equal(f.p2p, minDistributionTime(input));
        assert.equal(f.clientServer, clientServerTime(input));
        assert.ok(f.p2p <= f.clientServer + 1e-9);
        assert.ok(f.p2p >= length / us - 1e-9);
      },
    ),
  );
});

test('each finish is recorded once, in seconds from the first attendee’s join', () => {
  let t = emptyTrack();
  t = trackCompletion(t, snap(1000, [seed(10), peer('a', { joinedAt: 1000 })]));
  t = trackCompletion(
    t,
    snap(3000, [seed(10), peer('a', { joinedAt: 1000, have: 5 }), peer('b', { joinedAt: 2500 })]),
  );
  t = trackCompletion(
    t,
    snap(6000, [seed(10), peer('a', { joinedAt: 1000, have: 10 }), peer('b', { joinedAt: 2500 })]),
  );
  t = trackCompletion(
    t,
    snap(9000, [
      seed(10),
      peer('a', { joinedAt: 1000, have: 10 }),
      peer('b', { joinedAt: 2500, have: 10 }),
    ]),
  );
  assert.deepEqual(
    t.finishes.map((f) => [f.id, f.seconds]),
    [
      ['a', 5],
      ['b', 8],
    ],
  );
  const f = completionFigures(t, snap(9000, [seed(10), peer('a'), peer('b')]))!;
  assert.equal(f.finished, 2);
});

test('peers complete before the view started, a new round, and time going back', () => {
  let t = trackCompletion(emptyTrack(), snap(5000, [seed(10), peer('a', { have: 10 })]));
  assert.deepEqual(t.finishes, []);
  assert.deepEqual(t.finishedUnseen, ['a']);
  t = trackCompletion(t, snap(6000, [seed(10), peer('b', { have: 10, joinedAt: 5500 })]));
  assert.deepEqual(
    t.finishes.map((f) => f.id),
    ['b'],
  );
  const next = trackCompletion(t, snap(7000, [seed(10)], { ...TORRENT, infoHash: 'b'.repeat(40) }));
  assert.deepEqual([next.finishes, next.finishedUnseen, next.startedAt], [[], [], null]);
  const back = trackCompletion(t, snap(100, [seed(10)]));
  assert.deepEqual(back.finishes, []);
});

test('nothing to bound without attendees or before the seeder has sent anything', () => {
  const none = snap(1, [seed(10)]);
  assert.equal(completionFigures(trackCompletion(emptyTrack(), none), none), null);
  const idle = snap(1, [seed(0), peer('a')]);
  assert.equal(completionFigures(trackCompletion(emptyTrack(), idle), idle), null);
  const early = snap(1, [seed(10), peer('a')]);
  const f = completionFigures(trackCompletion(emptyTrack(), early), early)!;
  assert.equal(f.minDownload, null);
  assert.equal(f.p2p, 10); // F/u_s: nobody's download rate is known yet
  // A peer still downloading slowly (short of supply) does not count as a slow link.
  const slow = snap(1, [
    seed(10),
    peer('a', { downloadRate: 1 }),
    peer('b', { have: 10, downloadRate: 20, joinedAt: -10_000 }),
  ]);
  const g = completionFigures(trackCompletion(emptyTrack(), slow), slow)!;
  assert.equal(g.minDownload, 20);
  // Finished before the view opened, its smoothed rate decayed to almost nothing: the time it
  // took at most (joined 30 s before it was first seen complete) still bounds its link.
  const decayed = snap(40_000, [
    seed(10),
    peer('c', { have: 10, downloadRate: 0.01, joinedAt: 10_000 }),
  ]);
  const h = completionFigures(trackCompletion(emptyTrack(), decayed), decayed)!;
  assert.equal(h.minDownload, 100 / 30);
});

test('a burst the smoothed rate missed counts; a throttled seeder’s first-second burst does not', () => {
  const mb = 1_000_000;
  const fold = (samples: [at: number, uploaded: number, rate: number][]) => {
    let t = emptyTrack();
    for (const [at, uploaded, rate] of samples)
      t = trackCompletion(
        t,
        snap(at, [{ ...seed(rate), uploaded }, peer('a', { downloadRate: 1 })]),
      );
    return t.peakUp.seed ?? 0;
  };
  // Unthrottled on a LAN: 24 MB in 3 s while the smoothed rate never got past 2 MB/s.
  assert.equal(
    fold([
      [0, 0, 0],
      [5000, 0, 0],
      [6000, 6 * mb, 1 * mb],
      [7000, 16 * mb, 2 * mb],
      [8000, 24 * mb, 2 * mb],
      [9000, 24 * mb, 1 * mb],
    ]),
    8 * mb,
  );
  // Throttled to 3 MB/s: 10 MB leave in the first second (socket buffers), then 3 MB/s.
  const throttled: [number, number, number][] = [[0, 0, 0]];
  for (let s = 1; s <= 20; s++) throttled.push([s * 1000, (10 + 3 * (s - 1)) * mb, 3 * mb]);
  const estimate = fold(throttled) ?? 0;
  assert.ok(estimate >= 3 * mb && estimate < 3.5 * mb, `${estimate / mb} MB/s`);
});
