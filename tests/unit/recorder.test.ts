import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createRecorder, recordingsDir } from '../../lab-server/recorder';
import { buildTimeline, parseRecording } from '../../lib/recording';
import { SwarmModel } from '../../lib/swarm-model';
import { hexId } from '../support/swarm-fixtures';

const TORRENT = { infoHash: 'a'.repeat(40), name: 'p', pieceCount: 8, pieceLength: 1, length: 8 };
const id = hexId;

function setup(maxBytes?: number) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-recorder-'));
  let clock = Date.UTC(2026, 10, 24, 7, 30);
  const model = new SwarmModel(() => clock);
  model.setTorrent(TORRENT);
  const recorder = createRecorder({
    model,
    dataDir,
    now: () => clock,
    maxBytes,
    intervalMs: 60_000,
  });
  const warnings: string[] = [];
  recorder.on('warning', (e: Error) => warnings.push(e.message));
  const tick = (ms = 1000) => (clock += ms);
  const done = () => {
    recorder.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { dataDir, model, recorder, warnings, tick, done };
}

test('one line per sample, and none when nothing changed', () => {
  const { model, recorder, tick, done } = setup();
  try {
    for (let i = 0; i < 20; i++) {
      tick();
      model.upsertPeer({ id: id(1), nickname: 'a', uploadRate: i });
      recorder.sample();
      recorder.sample(); // nothing new: nothing written
    }
    const { lines, skipped } = parseRecording(readFileSync(recorder.file, 'utf8'));
    assert.equal(skipped, 0);
    assert.equal(lines.length, 21);
    const end = buildTimeline(lines)!.frames.at(-1)!;
    assert.equal(end.peers[0]!.uploadRate, 19);
  } finally {
    done();
  }
});

test('past maxBytes it stops with a warning, and what it wrote still replays', () => {
  const { model, recorder, warnings, tick, done } = setup(4000);
  try {
    for (let i = 0; i < 50; i++) {
      tick();
      model.upsertPeer({ id: id(i), nickname: `peer ${i}` });
      recorder.sample();
    }
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /recording stopped/);
    const text = readFileSync(recorder.file, 'utf8');
    assert.ok(text.length <= 4000);
    const timeline = buildTimeline(parseRecording(text).lines)!;
    assert.ok(timeline.frames.length > 1);
  } finally {
    done();
  }
});

test('lists its own and older recordings, newest first; reads nothing outside its folder', async () => {
  const { dataDir, recorder, done } = setup();
  try {
    const dir = recordingsDir(dataDir);
    writeFileSync(path.join(dir, '2026-01-01T00-00-00-000Z.ndjson'), 'old\n');
    writeFileSync(path.join(dir, 'notes.txt'), 'not a recording');
    writeFileSync(path.join(dataDir, 'secret.ndjson'), 'secret');
    const list = await recorder.list();
    assert.deepEqual(
      list.map((r) => [r.id, r.live]),
      [
        [recorder.id, true],
        ['2026-01-01T00-00-00-000Z', false],
      ],
    );
    assert.equal(await recorder.read('2026-01-01T00-00-00-000Z'), 'old\n');
    assert.equal(await recorder.read('../secret'), null);
    assert.equal(await recorder.read('2026-02-01T00-00-00-000Z'), null);
  } finally {
    done();
  }
});
