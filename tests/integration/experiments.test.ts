/**
 * Instructor experiments against a real lab: only the token holder may change them, and a
 * throttled seeder really uploads slower to a real peer.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import WebTorrent from 'webtorrent';
import { NOT_INSTRUCTOR } from '../../lab-server/experiments';
import { startTestLab, type TestLab } from '../support/lab';

async function timedDownload(t: TestLab): Promise<number> {
  const torrentFile = Buffer.from(await (await fetch(`${t.base}/class.torrent`)).arrayBuffer());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-exp-'));
  const client = new WebTorrent({
    dht: false,
    lsd: false,
    utPex: false,
    natUpnp: false,
    natPmp: false,
    utp: false,
    tracker: { wrtc: false },
  });
  try {
    const started = Date.now();
    const torrent = client.add(torrentFile, {
      path: dir,
      announce: [t.running.info.trackers.http],
    });
    await new Promise<void>((resolve, reject) => {
      torrent.once('done', resolve);
      torrent.once('error', reject);
    });
    return (Date.now() - started) / 1000;
  } finally {
    await new Promise((r) => client.destroy(r));
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('instructor experiments', () => {
  let t: TestLab;
  const sockets: Socket[] = [];
  const open = (token?: string) => {
    const s = connect(t.base, { transports: ['websocket'], auth: token ? { token } : {} });
    sockets.push(s);
    return s;
  };

  before(async () => {
    t = await startTestLab({ packMiB: 2 });
  });
  after(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  test('without the token, a change is refused and nothing changes', async () => {
    const attendee = open('a-wrong-token-of-some-length');
    const reply = await attendee.emitWithAck('experiment:set', { seederPaused: true });
    assert.equal(reply.ok, false);
    assert.equal(reply.error, NOT_INSTRUCTOR);
    assert.deepEqual(await open().emitWithAck('experiment:watch'), {
      seederUploadLimit: null,
      seederPaused: false,
    });
  });

  test('bad values are refused with a reason', async () => {
    const instructor = open(t.running.instructorToken);
    const reply = await instructor.emitWithAck('experiment:set', { seederUploadLimit: 10 });
    assert.equal(reply.ok, false);
    assert.match(reply.error ?? '', /pause the seeder instead/);
  });

  test('a throttled seeder uploads no faster than its limit to a real peer', async () => {
    const instructor = open(t.running.instructorToken);
    const watcher = open();
    const seen = new Promise((resolve) => watcher.on('experiment:state', resolve));
    const limit = 512 * 1024;
    const reply = await instructor.emitWithAck('experiment:set', { seederUploadLimit: limit });
    assert.equal(reply.ok, true);
    assert.deepEqual(await seen, { seederUploadLimit: limit, seederPaused: false });

    // 2 MiB at 512 KiB/s takes 4 s; allow the throttle's first burst, never a free ride.
    const seconds = await timedDownload(t);
    assert.ok(
      seconds >= 2.5,
      `downloaded 2 MiB in ${seconds.toFixed(2)} s through a 512 KiB/s limit`,
    );

    await instructor.emitWithAck('experiment:set', { seederUploadLimit: null });
    const unthrottled = await timedDownload(t);
    assert.ok(
      unthrottled < seconds,
      `without the limit: ${unthrottled.toFixed(2)} s, with it: ${seconds.toFixed(2)} s`,
    );
  });
});
