/**
 * A full disk pauses the recording, it does not end it: on a real 256 KiB tmpfs (needs root, like
 * the classroom namespaces), the recorder warns once while the disk is full, keeps sampling, and
 * resumes with a fresh snapshot once space returns — and the file replays to the live swarm.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createRecorder } from '../../lab-server/recorder';
import { buildTimeline, parseRecording } from '../../lib/recording';
import { SwarmModel } from '../../lib/swarm-model';
import { hexId } from '../support/swarm-fixtures';

const TORRENT = { infoHash: 'b'.repeat(40), name: 'p', pieceCount: 8, pieceLength: 1, length: 8 };

test('a full disk pauses the recording; it resumes with a snapshot when space returns', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-diskfull-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dataDir]);
  let clock = Date.UTC(2026, 11, 1, 9, 0);
  const model = new SwarmModel(() => clock);
  model.setTorrent(TORRENT);
  const recorder = createRecorder({
    model,
    dataDir,
    now: () => clock,
    intervalMs: 60_000,
    retryMs: 3000,
  });
  const warnings: string[] = [];
  recorder.on('warning', (e: Error) => warnings.push(e.message));
  const step = (i: number) => {
    clock += 1000;
    model.upsertPeer({ id: hexId(1), nickname: 'a', uploadRate: i });
    recorder.sample();
  };
  const filler = path.join(dataDir, 'filler');
  try {
    step(1);
    // Fill the disk to the last byte: writeFileSync throws ENOSPC once nothing more fits.
    assert.throws(() => writeFileSync(filler, Buffer.alloc(512 * 1024)), /ENOSPC/);
    // tmpfs counts whole pages, so the file's last page still takes a few lines: sample until a
    // write fails (bounded), then a while longer with the disk still full.
    let i = 2;
    while (warnings.length === 0 && i < 200) step(i++);
    for (const stop = i + 10; i < stop;) step(i++);
    assert.equal(warnings.length, 1, `one warning while full: ${warnings.join(' | ')}`);
    assert.match(warnings[0]!, /ENOSPC/);

    unlinkSync(filler);
    model.upsertPeer({ id: hexId(2), nickname: 'joined while full' });
    const last = i + 5;
    while (i <= last) step(i++);
    assert.equal(warnings.length, 1, 'no new warning once writes succeed');

    const { lines } = parseRecording(readFileSync(recorder.file, 'utf8'));
    const starts = lines.filter((l) => l.type === 'start');
    assert.equal(starts.length, 2, 'a fresh snapshot where it resumed');
    const end = buildTimeline(lines)!.frames.at(-1)!;
    assert.equal(end.peers.find((p) => p.id === hexId(1))?.uploadRate, last);
    assert.ok(
      end.peers.some((p) => p.id === hexId(2)),
      'the peer that joined while full replays',
    );
    assert.equal(end.at, clock);
  } finally {
    recorder.close();
    execFileSync('umount', [dataDir]);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
