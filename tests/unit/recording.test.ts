import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bitfieldFrom, bitfieldToBase64 } from '../../lib/bitfield';
import {
  buildTimeline,
  diffSnapshots,
  encodeLine,
  firstActivity,
  frameAt,
  parseRecording,
  recordingIdOf,
  startOfRecordingId,
  type RecordLine,
} from '../../lib/recording';
import { SwarmModel, type SwarmSnapshot } from '../../lib/swarm-model';
import { hexId, peerState } from '../support/swarm-fixtures';

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
    rate: fc.nat({ max: 1000 }),
    nickname: fc.string({ maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('remove' as const), peer: fc.integer({ min: 0, max: 5 }) }),
  fc.record({
    kind: fc.constant('edge' as const),
    from: fc.integer({ min: 0, max: 5 }),
    to: fc.integer({ min: 0, max: 5 }),
    bytes: fc.nat(),
  }),
  fc.record({ kind: fc.constant('sample' as const) }),
  fc.record({ kind: fc.constant('torrent' as const) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** What a viewer sees of a snapshot, whatever the order of peers and edges. */
const normalise = (s: SwarmSnapshot) => ({
  torrent: s.torrent,
  peers: [...s.peers].sort((a, b) => a.id.localeCompare(b.id)).map(({ updatedAt: _u, ...p }) => p),
  edges: [...s.edges].sort((a, b) => `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`)),
});

/**
 * Drives a real model and records it the way lab-server/recorder.ts does; returns the text. With
 * `outages`, every 'outage' op is a failed write: half a line reaches the disk, then the recorder
 * resumes with a newline and a fresh snapshot.
 */
function record(ops: (Op | { kind: 'outage' })[]) {
  let clock = 1_000_000;
  const model = new SwarmModel(() => (clock += 7));
  model.setTorrent(TORRENT);
  let last = model.snapshot();
  let text = encodeLine({ type: 'start', format: 1, at: last.at, snapshot: last });
  let seq = 0;
  const sample = () => {
    const next = model.snapshot();
    const delta = diffSnapshots(last, next, seq + 1);
    if (!delta) return;
    seq = delta.seq;
    last = next;
    text += encodeLine({ type: 'delta', at: next.at, delta });
  };
  for (const o of ops) {
    if (o.kind === 'upsert')
      model.upsertPeer({
        id: id(o.peer),
        nickname: o.nickname,
        uploadRate: o.rate,
        bitfield: bitfieldToBase64(bitfieldFrom(20, (i) => i < o.pieces)),
      });
    else if (o.kind === 'remove') model.removePeer(id(o.peer));
    else if (o.kind === 'edge') {
      if (model.getPeer(id(o.to)) && model.getPeer(id(o.from)))
        model.setIncomingEdges(id(o.to), [{ from: id(o.from), bytes: o.bytes, rate: 1 }]);
    } else if (o.kind === 'torrent')
      model.setTorrent({ ...TORRENT, infoHash: clock % 2 ? 'b'.repeat(40) : 'c'.repeat(40) });
    else if (o.kind === 'outage') {
      const next = model.snapshot();
      const delta = diffSnapshots(last, next, seq + 1);
      if (delta) {
        const line = encodeLine({ type: 'delta', at: next.at, delta });
        text += line.slice(0, line.length >> 1);
      }
      text += '\n' + encodeLine({ type: 'start', format: 1, at: next.at, snapshot: next });
      last = next;
    } else sample();
  }
  sample();
  return { text, model };
}

test('replaying a recording from its snapshot ends exactly at the live model’s state', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
      const { text, model } = record(ops);
      const { lines, skipped } = parseRecording(text);
      assert.equal(skipped, 0);
      const timeline = buildTimeline(lines)!;
      const end = timeline.frames[timeline.frames.length - 1]!;
      assert.deepEqual(normalise(end), normalise(model.snapshot()));
      assert.deepEqual(normalise(frameAt(timeline, Number.MAX_SAFE_INTEGER)), normalise(end));
    }),
  );
});

test('a recording resumed after failed writes replays to the live state from its new snapshot', () => {
  const withOutages = fc.oneof(op, fc.constant({ kind: 'outage' as const }));
  fc.assert(
    fc.property(fc.array(withOutages, { maxLength: 80 }), (ops) => {
      const { text, model } = record(ops);
      const { lines } = parseRecording(text);
      const end = buildTimeline(lines)!.frames.at(-1)!;
      assert.deepEqual(normalise(end), normalise(model.snapshot()));
    }),
  );
});

test('a recording cut anywhere (a crash mid-write) replays up to its last whole line', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), fc.double({ min: 0, max: 1 }), (ops, where) => {
      const { text } = record(ops);
      const cut = text.slice(0, Math.floor(text.length * where));
      const whole = cut.slice(0, cut.lastIndexOf('\n') + 1);
      const parsed = parseRecording(cut);
      const all = parseRecording(text).lines;
      const wholeCount = parseRecording(whole).lines.length;
      // Every whole line survives; the cut line counts only if nothing but its newline was lost.
      assert.deepEqual(parsed.lines, all.slice(0, parsed.lines.length));
      assert.ok(parsed.lines.length >= wholeCount && parsed.lines.length - wholeCount <= 1);
      assert.ok(parsed.skipped <= 1);
      const timeline = buildTimeline(parsed.lines);
      assert.equal(timeline === null, parsed.lines.length === 0);
    }),
  );
});

test('frameAt gives the last sample at or before a time, and the first before the start', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 0, max: 2000 }), (ops, dt) => {
      const timeline = buildTimeline(parseRecording(record(ops).text).lines)!;
      const at = timeline.startedAt + dt;
      const frame = frameAt(timeline, at);
      const expected = [...timeline.frames].reverse().find((f) => f.at <= at) ?? timeline.frames[0];
      assert.equal(frame, expected);
      assert.equal(frameAt(timeline, 0), timeline.frames[0]);
    }),
  );
});

test('broken, foreign and early lines are skipped with a count, not thrown', () => {
  const snapshot: SwarmSnapshot = { seq: 0, at: 5, torrent: TORRENT, peers: [], edges: [] };
  const start: RecordLine = { type: 'start', format: 1, at: 5, snapshot };
  const text = [
    JSON.stringify({ type: 'delta', at: 1, delta: { seq: 1, at: 1, upserted: [], removed: [] } }),
    encodeLine(start).trim(),
    '{"type":"delta","at":"soon"}',
    'not json',
    '[]',
    JSON.stringify({
      type: 'delta',
      at: 9,
      delta: { seq: 1, at: 9, upserted: [], removed: ['x'] },
    }),
    '{"type":"delta","at":10,"del',
  ].join('\n');
  const { lines, skipped } = parseRecording(text);
  assert.equal(lines.length, 2);
  assert.equal(skipped, 5);
  assert.equal(parseRecording('').lines.length, 0);
  assert.equal(buildTimeline([]), null);
});

test('nothing is written when only updatedAt changed', () => {
  const peer = peerState(id(1), { nickname: 'a', joinedAt: 1, updatedAt: 1 });
  const a: SwarmSnapshot = { seq: 0, at: 1, torrent: TORRENT, peers: [peer], edges: [] };
  const b: SwarmSnapshot = { ...a, at: 2, peers: [{ ...peer, updatedAt: 2 }] };
  assert.equal(diffSnapshots(a, b, 1), null);
  assert.deepEqual(diffSnapshots(a, { ...b, peers: [] }, 1)?.removed, [id(1)]);
});

test('recording ids are start times and nothing else gets through', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (t) => {
      assert.equal(startOfRecordingId(recordingIdOf(t)), t);
    }),
  );
  for (const bad of ['../etc/passwd', '2026-11-24T07-30-00-000Z/..', '', 'x.ndjson'])
    assert.equal(startOfRecordingId(bad), null);
});

test('a replay starts a second before the first attendee, or at 0 when none came', () => {
  const seedOnly: SwarmSnapshot = { seq: 0, at: 1000, torrent: TORRENT, peers: [], edges: [] };
  const attendee = peerState(id(1), { nickname: 'a' });
  const frames = [seedOnly, { ...seedOnly, at: 31_000, peers: [attendee] }];
  assert.equal(firstActivity({ startedAt: 1000, endedAt: 31_000, frames }), 29_000);
  assert.equal(firstActivity({ startedAt: 1000, endedAt: 1000, frames: [seedOnly] }), 0);
});
