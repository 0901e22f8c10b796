import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bitfieldToBase64, emptyBitfield, fullBitfield } from '../../lib/bitfield';
import { completionFigures, emptyTrack, trackCompletion } from '../../lib/completion';
import { CompletionTrackSchema } from '../../lib/completion-schema';
import { SwarmModel } from '../../lib/swarm-model';
import { createCompletionHistory } from '../../lab-server/completion-history';

const PIECES = 100;
const F = 10_000_000;
const torrent = (n: number) => ({
  infoHash: String(n).repeat(40).slice(0, 40),
  name: 'pack',
  pieceCount: PIECES,
  pieceLength: F / PIECES,
  length: F,
});

/** A class on a scripted clock: the lab's real model, fed as the hub and telemetry feed it. */
function classroom() {
  let t = 1_000_000;
  const model = new SwarmModel(() => t);
  const history = createCompletionHistory({ model, intervalMs: 60_000 });
  model.setTorrent(torrent(1));
  const seen: ReturnType<SwarmModel['snapshot']>[] = [];
  const tick = (ms: number) => {
    t += ms;
    history.sample();
    seen.push(model.snapshot());
  };
  return { model, history, tick, seen, now: () => t };
}

/** One round: the seeder sends at 1 MB/s for 20 s, two attendees finish at 10 s and 20 s. */
function playRound(c: ReturnType<typeof classroom>) {
  c.model.upsertPeer({
    id: 'seed',
    kind: 'seeder',
    bitfield: bitfieldToBase64(fullBitfield(PIECES)),
  });
  for (const id of ['ada', 'alan'])
    c.model.upsertPeer({
      id,
      kind: 'browser',
      nickname: id,
      bitfield: bitfieldToBase64(emptyBitfield(PIECES)),
    });
  for (let s = 1; s <= 30; s++) {
    const sending = s <= 20;
    c.model.upsertPeer({
      id: 'seed',
      uploaded: Math.min(s, 20) * 1_000_000,
      uploadRate: sending ? 1_000_000 : 0,
    });
    if (s === 10)
      c.model.upsertPeer({ id: 'ada', bitfield: bitfieldToBase64(fullBitfield(PIECES)) });
    if (s === 20)
      c.model.upsertPeer({ id: 'alan', bitfield: bitfieldToBase64(fullBitfield(PIECES)) });
    c.tick(1000);
  }
}

test("a projector opened after the class draws the lab's chart, the same as one open throughout", () => {
  const c = classroom();
  playRound(c);
  const last = c.model.snapshot();
  // Open throughout: every snapshot folded as it came.
  let throughout = emptyTrack();
  for (const s of c.seen) throughout = trackCompletion(throughout, s);
  const late = CompletionTrackSchema.parse(JSON.parse(JSON.stringify(c.history.track())));
  const a = completionFigures(throughout, last)!;
  const b = completionFigures(late, last)!;
  assert.deepEqual(b, a);
  assert.deepEqual(
    late.finishes.map((f) => [f.id, f.seconds]),
    [
      ['ada', 10],
      ['alan', 20],
    ],
  );
  assert.equal(b.seedUpload, 1_000_000);
  // What a late page used to do alone: its first snapshot is all it has, the seeder idle.
  const alone = completionFigures(trackCompletion(emptyTrack(), last), last);
  assert.notDeepEqual(alone, b);
  c.history.close();
});

test("a new round's clock starts with the round, not with the first join of the lab", () => {
  const c = classroom();
  playRound(c);
  c.tick(200_000); // the class talks for a few minutes
  c.model.setTorrent(torrent(2));
  c.tick(1000);
  for (let s = 1; s <= 90; s++) {
    if (s === 90) {
      c.model.upsertPeer({ id: 'ada', bitfield: bitfieldToBase64(fullBitfield(PIECES)) });
      c.model.upsertPeer({ id: 'alan', bitfield: bitfieldToBase64(fullBitfield(PIECES)) });
    }
    c.model.upsertPeer({ id: 'seed', uploaded: 20_000_000 + s * 200_000, uploadRate: 200_000 });
    c.tick(1000);
  }
  const track = c.history.track();
  const f = completionFigures(track, c.model.snapshot())!;
  assert.equal(track.infoHash, torrent(2).infoHash);
  assert.deepEqual(
    track.finishes.map((x) => Math.round(x.seconds)),
    [90, 90],
  );
  assert.ok(f.elapsed < 95, `elapsed ${f.elapsed} s counts from the round, not the lab's start`);
  c.history.close();
});
