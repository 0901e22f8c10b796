import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { completionFigures, emptyTrack, trackCompletion } from '../../lib/completion';
import { clientServerTime, minDistributionTime } from '../../lib/sim/bounds';
import type { PeerState, SwarmSnapshot } from '../../lib/swarm-model';

const TORRENT = {
  infoHash: 'a'.repeat(40),
  name: 'p',
  pieceCount: 10,
  pieceLength: 10,
  length: 100,
};
const peer = (id: string, extra: Partial<PeerState> = {}): PeerState => ({
  id,
  kind: 'browser',
  nickname: id,
  client: '',
  address: null,
  bitfield: '',
  have: 0,
  downloaded: 0,
  uploaded: 0,
  downloadRate: 0,
  uploadRate: 0,
  joinedAt: 0,
  updatedAt: 0,
  ...extra,
});
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
    peer(id, { uploadRate: 5, downloadRate: 50, joinedAt: 1000 }),
  );
  const s = snap(2000, [seed(10), ...peers]);
  const figures = completionFigures(trackCompletion(emptyTrack(), s), s)!;
  assert.equal(figures.n, 4);
  assert.equal(figures.clientServer, 40); // N·F/u_s = 400/10
  assert.equal(figures.p2p, 400 / 30); // N·F/(u_s + Σu_i) = 400/(10 + 20)
  assert.equal(figures.minDownload, 50);
  assert.equal(figures.elapsed, 1);
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
          peer(`p${i}`, { uploadRate: r.up, downloadRate: r.down }),
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
});

test('a burst the smoothed rate missed still counts, read from the byte counters', () => {
  const mb = 1_000_000;
  const s = (at: number, uploaded: number, rate: number) =>
    snap(at, [{ ...seed(rate), uploaded }, peer('a', { downloadRate: 1 })]);
  let t = trackCompletion(emptyTrack(), s(0, 0, 0));
  t = trackCompletion(t, s(1000, 6 * mb, 2 * mb)); // too short a window: only the reported rate
  assert.equal(t.peakUp.seed, 2 * mb);
  t = trackCompletion(t, s(2000, 16 * mb, 3 * mb)); // 16 MB in 2 s
  assert.equal(t.peakUp.seed, 8 * mb);
  t = trackCompletion(t, s(6000, 16 * mb, 0)); // idle afterwards: the peak stays
  assert.equal(t.peakUp.seed, 8 * mb);
});
