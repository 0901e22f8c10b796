/**
 * Attendees' own torrents: a real lab, real webtorrent peers in Node. A peer seeds a generated
 * file and registers it; the class-mode tracker then tracks it, the index lists it with live
 * counts, a neighbour downloads it, and the instructor's seedbox keeps it alive after the sharer
 * leaves. Unregistered, oversize and non-instructor requests are refused.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import bencode from 'bencode';
import parseTorrent from 'parse-torrent';
import WebTorrent, { type Torrent } from 'webtorrent';
import { io as connect, type Socket } from 'socket.io-client';
import { NOT_IN_CLASS } from '../../lab-server/tracker';
import type { ShareIndex, ShareReply } from '../../lib/protocol';
import { startTestLab, waitFor, type TestLab } from '../support/lab';

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

function newClient({ utp = false } = {}) {
  // TCP through the HTTP tracker: fast and deterministic in Node (e2e covers WebRTC).
  return new WebTorrent({
    dht: false,
    lsd: false,
    utPex: false,
    natUpnp: false,
    natPmp: false,
    utp,
    tracker: { wrtc: false },
  });
}

async function announceReason(trackerUrl: string, infoHash: string): Promise<string | null> {
  const url = `${trackerUrl}?info_hash=${infoHash.replace(/../g, '%$&')}&peer_id=-XX0001-dddddddddddd&port=1&left=1`;
  const body = bencode.decode(Buffer.from(await (await fetch(url)).arrayBuffer()));
  return body['failure reason'] ? Buffer.from(body['failure reason']).toString('utf8') : null;
}

describe('shared torrents and the class index', () => {
  let t: TestLab;
  let dir: string;
  let file: Buffer;
  let sharer: ReturnType<typeof newClient>;
  let torrent: Torrent;
  let attendee: Socket;
  let instructor: Socket;

  before(async () => {
    t = await startTestLab({ maxShareBytes: 8 * 1024 * 1024 });
    dir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-share-'));
    file = randomBytes(3 * 1024 * 1024 + 12345);
    writeFileSync(path.join(dir, 'my-photo.bin'), file);
    // uTP on, like the lab's seeder: without it the seedbox waits out its uTP attempt (~40 s).
    sharer = newClient({ utp: true });
    torrent = await new Promise<Torrent>((resolve) =>
      sharer.seed(
        path.join(dir, 'my-photo.bin'),
        { announce: [t.running.info.trackers.http] },
        resolve,
      ),
    );
    attendee = connect(t.base, { transports: ['websocket'] });
    instructor = connect(t.base, {
      transports: ['websocket'],
      auth: { token: t.running.instructorToken },
    });
  });
  after(async () => {
    attendee.disconnect();
    instructor.disconnect();
    if (!sharer.destroyed) await new Promise((r) => sharer.destroy(r));
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const registration = (over: Record<string, unknown> = {}) => ({
    infoHash: torrent.infoHash,
    name: '  my\u0000 photo\u202e.bin ',
    length: torrent.length,
    pieceCount: torrent.pieces.length,
    pieceLength: torrent.pieceLength,
    torrentFile: Buffer.from(torrent.torrentFile).toString('base64'),
    nickname: 'Ada',
    ...over,
  });

  test('an unregistered torrent is refused by the tracker', async () => {
    t.expectWarning(/classroom tracker/);
    assert.equal(
      await announceReason(t.running.info.trackers.http, torrent.infoHash),
      NOT_IN_CLASS,
    );
  });

  test('registrations that are oversize, inconsistent or malformed are refused', async () => {
    t.expectWarning(/share:register refused/);
    const big: ShareReply = await attendee.emitWithAck(
      'share:register',
      registration({ length: 9 * 1024 * 1024 }),
    );
    assert.equal(big.ok, false);
    assert.match(big.error ?? '', /too large/);
    const lying: ShareReply = await attendee.emitWithAck(
      'share:register',
      registration({ pieceCount: 1 }),
    );
    assert.equal(lying.ok, false);
    assert.match(lying.error ?? '', /does not match/);
    const bad: ShareReply = await attendee.emitWithAck(
      'share:register',
      registration({ infoHash: 'nope' }),
    );
    assert.equal(bad.ok, false);
    assert.match(bad.error ?? '', /40 hex/);
    assert.equal(
      ((await (await fetch(`${t.base}/api/shared`)).json()) as ShareIndex).entries.length,
      0,
    );
  });

  test('a registered torrent is tracked, listed with a clean name, and downloads to a neighbour', async () => {
    const reply: ShareReply = await attendee.emitWithAck('share:register', registration());
    assert.equal(reply.ok, true, reply.error);
    assert.equal(reply.entry?.name, 'my photo.bin');
    assert.equal(await announceReason(t.running.info.trackers.http, torrent.infoHash), null);
    // The sharer's first announce was refused (not yet registered): announce again, as /share does.
    torrent.discovery.tracker?.start();

    const index = await waitFor('the sharer counted as a seeder', async () => {
      const i = (await (await fetch(`${t.base}/api/shared`)).json()) as ShareIndex;
      return i.entries[0]?.seeders ? i : null;
    });
    assert.equal(index.entries[0]!.nickname, 'Ada');
    assert.equal(index.showAddresses, false);

    const desktop = await parseTorrent(
      Buffer.from(
        await (await fetch(`${t.base}/shared/${torrent.infoHash}.torrent`)).arrayBuffer(),
      ),
    );
    assert.equal(desktop.infoHash, torrent.infoHash);
    const { http, udp, ws } = t.running.info.trackers;
    assert.deepEqual(desktop.announce, [ws, http, udp]);

    const neighbour = newClient();
    const out = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-neighbour-'));
    try {
      const got = neighbour.add(await fetchTorrent(t, torrent.infoHash), {
        path: out,
        announce: [http],
      });
      await new Promise((resolve) => got.once('done', resolve));
      assert.equal(sha256(readFileSync(path.join(out, 'my-photo.bin'))), sha256(file));
      await waitFor('two seeders on the index', async () => {
        const i = (await (await fetch(`${t.base}/api/shared`)).json()) as ShareIndex;
        return i.entries[0]!.seeders >= 2;
      });
    } finally {
      await new Promise((r) => neighbour.destroy(r));
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('moderation and the seedbox are the instructor’s only', async () => {
    t.expectWarning(/(share:moderate|share:seedbox|privacy:set) refused: only the instructor/);
    const hide = await attendee.emitWithAck('share:moderate', {
      infoHash: torrent.infoHash,
      action: 'remove',
    });
    assert.equal(hide.ok, false);
    assert.match(hide.error ?? '', /only the instructor/);
    const box = await attendee.emitWithAck('share:seedbox', { on: true });
    assert.equal(box.ok, false);
    const privacy = await attendee.emitWithAck('privacy:set', { showAddresses: true });
    assert.equal(privacy.ok, false);

    assert.equal(
      (
        await instructor.emitWithAck('share:moderate', {
          infoHash: torrent.infoHash,
          action: 'hide',
        })
      ).ok,
      true,
    );
    assert.equal(
      ((await (await fetch(`${t.base}/api/shared`)).json()) as ShareIndex).entries.length,
      0,
    );
    const full: ShareIndex = await instructor.emitWithAck('share:watch');
    assert.equal(full.entries[0]?.hidden, true);
    await instructor.emitWithAck('share:moderate', { infoHash: torrent.infoHash, action: 'show' });
    assert.equal((await instructor.emitWithAck('privacy:set', { showAddresses: true })).ok, true);
    assert.equal(
      ((await (await fetch(`${t.base}/api/shared`)).json()) as ShareIndex).showAddresses,
      true,
    );
  });

  test('with the seedbox on, the lab keeps the torrent alive after the sharer leaves', async () => {
    assert.equal(
      (await instructor.emitWithAck('share:seedbox', { infoHash: torrent.infoHash, on: true })).ok,
      true,
    );
    await waitFor(
      'the seedbox to hold a full copy',
      async () =>
        ((await (await fetch(`${t.base}/api/shared`)).json()) as ShareIndex).entries[0]?.seedbox ===
        'seeding',
      60_000,
    );
    await new Promise((r) => sharer.destroy(r));

    const late = newClient();
    const out = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-late-'));
    try {
      const got = late.add(await fetchTorrent(t, torrent.infoHash), {
        path: out,
        announce: [t.running.info.trackers.http],
      });
      await new Promise((resolve) => got.once('done', resolve));
      assert.equal(sha256(readFileSync(path.join(out, 'my-photo.bin'))), sha256(file));
    } finally {
      await new Promise((r) => late.destroy(r));
      rmSync(out, { recursive: true, force: true });
    }

    assert.equal(
      (
        await instructor.emitWithAck('share:moderate', {
          infoHash: torrent.infoHash,
          action: 'remove',
        })
      ).ok,
      true,
    );
    assert.equal(
      await announceReason(t.running.info.trackers.http, torrent.infoHash),
      NOT_IN_CLASS,
    );
  });
});

async function fetchTorrent(t: TestLab, infoHash: string): Promise<Buffer> {
  return Buffer.from(await (await fetch(`${t.base}/shared/${infoHash}.torrent`)).arrayBuffer());
}
