/**
 * The tracker's two modes, its scrape and stats, and an instructor folder seeded as well as the
 * class pack (`--also-share`): real labs on free ports, real webtorrent peers over TCP.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import bencode from 'bencode';
import parseTorrent from 'parse-torrent';
import WebTorrent from 'webtorrent';
import { io as connect } from 'socket.io-client';
import { NOT_IN_CLASS } from '../../lab-server/tracker';
import type { ShareIndex } from '../../lib/protocol';
import { hashFiles, startAria2, startTransmission } from '../support/desktop-clients';
import { bytesParam } from '../support/net';
import { startTestLab, waitFor, type TestLab } from '../support/lab';

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

/** One HTTP announce; returns the decoded reply. */
async function announce(lab: TestLab, infoHash: Buffer, peerId: string, port: number) {
  const url =
    `${lab.running.info.trackers.http}?info_hash=${bytesParam(infoHash)}` +
    `&peer_id=${peerId}&port=${port}&left=1&compact=1`;
  const res = await fetch(url);
  assert.equal(res.status, 200);
  return bencode.decode(Buffer.from(await res.arrayBuffer())) as Record<string, unknown>;
}

const failure = (reply: Record<string, unknown>) =>
  reply['failure reason'] ? Buffer.from(reply['failure reason'] as Uint8Array).toString() : null;

describe('tracker modes, scrape and stats', () => {
  let classLab: TestLab;
  let openLab: TestLab;
  before(async () => {
    classLab = await startTestLab();
    openLab = await startTestLab({ openTracker: true });
  });
  after(async () => {
    await classLab.close();
    await openLab.close();
  });

  test('class mode refuses a stranger torrent; --open-tracker tracks it and hands it to others', async () => {
    classLab.expectWarning(/classroom tracker/);
    const stranger = randomBytes(20);
    assert.equal(
      failure(await announce(classLab, stranger, '-XX0001-aaaaaaaaaaaa', 40001)),
      NOT_IN_CLASS,
    );

    assert.equal(failure(await announce(openLab, stranger, '-XX0001-aaaaaaaaaaaa', 40001)), null);
    const second = await announce(openLab, stranger, '-XX0001-bbbbbbbbbbbb', 40002);
    assert.equal(failure(second), null);
    // compact peers: 6 bytes each, the port in the last two.
    const peers = Buffer.from(second.peers as Uint8Array);
    const ports = [];
    for (let i = 0; i + 6 <= peers.length; i += 6) ports.push(peers.readUInt16BE(i + 4));
    assert.deepEqual(ports, [40001], 'the open tracker hands the second peer the first one');
  });

  test('scrape counts the seeder, and /stats answers JSON', async () => {
    const infoHash = classLab.running.info.torrent!.infoHash;
    const scrapeUrl = `${classLab.base}/scrape?info_hash=${bytesParam(infoHash)}`;
    const files = await waitFor('the seeder in the scrape', async () => {
      const body = bencode.decode(Buffer.from(await (await fetch(scrapeUrl)).arrayBuffer())) as {
        files?: Record<string, { complete: number }>;
      };
      const entry = Object.values(body.files ?? {})[0];
      return entry && entry.complete >= 1 ? body.files : null;
    });
    assert.equal(Object.keys(files!).length, 1);

    for (const route of ['/stats', '/stats.json']) {
      const res = await fetch(`${classLab.base}${route}`);
      assert.equal(res.status, 200, route);
      assert.match(res.headers.get('content-type') ?? '', /json/, `${route} is JSON, never HTML`);
      const stats = (await res.json()) as { torrents: number; peersAll: number };
      assert.ok(stats.torrents >= 1, `${route} counts the class torrent`);
      assert.ok(stats.peersAll >= 1, `${route} counts the seeder`);
    }
  });
});

describe('--also-share: an instructor folder seeded as well as the class pack', () => {
  let t: TestLab;
  let folder: string;
  const files = {
    'notes.txt': Buffer.from('Seeded by the instructor alongside the class pack.\n'),
    'data.bin': randomBytes(700 * 1024),
  };

  before(async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-also-'));
    folder = path.join(parent, 'Instructor extras');
    mkdirSync(folder);
    for (const [name, data] of Object.entries(files)) writeFileSync(path.join(folder, name), data);
    t = await startTestLab({ alsoShare: [folder] });
  });
  after(async () => {
    await t.close();
    rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  test('the folder is in the class index, a desktop peer downloads it, and removing it keeps the files', async () => {
    // Once removed from the index, the folder's torrent is refused by the class-mode tracker.
    t.expectWarning(/classroom tracker/);
    // The class pack is still the class torrent.
    const lab = (await (await fetch(`${t.base}/api/lab`)).json()) as { torrent: { name: string } };
    assert.notEqual(lab.torrent.name, 'Instructor extras');

    const socket = connect(t.base, {
      transports: ['websocket'],
      auth: { token: t.running.instructorToken },
    });
    try {
      const index = await new Promise<ShareIndex>((resolve) =>
        socket.emit('share:watch', (i: ShareIndex) => resolve(i)),
      );
      const entry = index.entries.find((e) => e.name === 'Instructor extras');
      assert.ok(entry, 'listed in the class index');
      assert.equal(entry.nickname, 'Instructor');
      assert.equal(entry.seedbox, 'seeding');
      // The seeder announces over WebSocket and HTTP/UDP: still one seeder, not two.
      const counted = await waitFor('the seeder counted', async () => {
        const again = await new Promise<ShareIndex>((resolve) =>
          socket.emit('share:watch', (i: ShareIndex) => resolve(i)),
        );
        const e = again.entries.find((x) => x.infoHash === entry.infoHash)!;
        return e.seeders > 0 ? e : null;
      });
      await new Promise((r) => setTimeout(r, 1500)); // both announces are in by now
      const settled = await new Promise<ShareIndex>((resolve) =>
        socket.emit('share:watch', (i: ShareIndex) => resolve(i)),
      );
      assert.equal(counted.seeders, 1);
      assert.equal(settled.entries.find((x) => x.infoHash === entry.infoHash)!.seeders, 1);

      const torrentFile = Buffer.from(
        await (await fetch(`${t.base}/shared/${entry.infoHash}.torrent`)).arrayBuffer(),
      );
      assert.equal((await parseTorrent(torrentFile)).infoHash, entry.infoHash);

      const dir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-peer-'));
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
        const torrent = client.add(torrentFile, {
          path: dir,
          announce: [t.running.info.trackers.http],
        });
        await new Promise<void>((resolve, reject) => {
          torrent.once('done', resolve);
          torrent.once('error', reject);
        });
        for (const [name, data] of Object.entries(files))
          assert.equal(
            sha256(readFileSync(path.join(dir, 'Instructor extras', name))),
            sha256(data),
            name,
          );
      } finally {
        await new Promise<void>((r) => client.destroy(() => r()));
        rmSync(dir, { recursive: true, force: true });
      }

      // Seedbox switches leave a lab-owned torrent alone; removing it never deletes the folder.
      const ack = (event: 'share:seedbox' | 'share:moderate', msg: object) =>
        new Promise<{ ok: boolean }>((resolve) =>
          socket.emit(event as 'share:moderate', msg as never, (r: { ok: boolean }) => resolve(r)),
        );
      assert.equal((await ack('share:seedbox', { infoHash: entry.infoHash, on: false })).ok, true);
      assert.equal(
        (await ack('share:moderate', { infoHash: entry.infoHash, action: 'remove' })).ok,
        true,
      );
      await new Promise((r) => setTimeout(r, 500));
      for (const name of Object.keys(files))
        assert.ok(existsSync(path.join(folder, name)), `${name} is still on disk`);
    } finally {
      socket.disconnect();
    }
  });

  test('a folder that does not exist stops the lab from starting, naming the option', async () => {
    await assert.rejects(
      startTestLab({ alsoShare: [path.join(os.tmpdir(), 'no-such-folder-swarmlab')] }),
      /--also-share: ".*no-such-folder-swarmlab" is not a folder/,
    );
  });
});

describe('super-seeding (the default): the seeder reveals pieces a few at a time', () => {
  let t: TestLab;
  before(async () => {
    t = await startTestLab({ superSeed: true, packMiB: 3 });
  });
  after(async () => t.close());

  test('three desktop-style peers all finish with the seeder’s exact files', async () => {
    const torrentFile = Buffer.from(await (await fetch(`${t.base}/class.torrent`)).arrayBuffer());
    const packDir = path.join(t.dataDir, 'swarmlab-class-pack');
    const clients: InstanceType<typeof WebTorrent>[] = [];
    const dirs: string[] = [];
    try {
      const runs = Array.from({ length: 3 }, async () => {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-peer-'));
        dirs.push(dir);
        const client = new WebTorrent({
          dht: false,
          lsd: false,
          natUpnp: false,
          natPmp: false,
          utp: false,
          tracker: { wrtc: false },
        });
        clients.push(client);
        const torrent = client.add(torrentFile, {
          path: dir,
          announce: [t.running.info.trackers.http],
          strategy: 'rarest',
        });
        await new Promise<void>((resolve, reject) => {
          torrent.once('done', resolve);
          torrent.once('error', reject);
        });
        return path.join(dir, torrent.name);
      });
      const copies = await Promise.all(runs);
      for (const copy of copies)
        for (const name of ['handout.html', 'swarm-song.wav'])
          assert.equal(
            sha256(readFileSync(path.join(copy, name))),
            sha256(readFileSync(path.join(packDir, name))),
            name,
          );
    } finally {
      await Promise.all(clients.map((c) => new Promise<void>((r) => c.destroy(() => r()))));
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('super-seeding (the default) with real desktop clients', () => {
  let t: TestLab;
  before(async () => {
    t = await startTestLab({ superSeed: true, packMiB: 4 });
  });
  after(async () => t.close());

  // Transmission sends no `have` for a piece the seeder claims to hold: before the seeder
  // counted requests too, a lone Transmission stalled at about a quarter of the pack.
  for (const start of [startTransmission, startAria2]) {
    test(`${start.name.replace('start', '')} alone completes the pack from a super-seeding lab`, async () => {
      const torrentPath = path.join(t.dataDir, 'class.torrent');
      writeFileSync(
        torrentPath,
        Buffer.from(await (await fetch(`${t.base}/class.torrent`)).arrayBuffer()),
      );
      const client = await start(torrentPath);
      try {
        await Promise.race([
          client.finished,
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error(`no finish in 60 s:\n${client.output()}`)), 60_000),
          ),
        ]);
        assert.deepEqual(
          hashFiles(path.join(client.downloadDir, 'swarmlab-class-pack')),
          hashFiles(path.join(t.dataDir, 'swarmlab-class-pack')),
        );
      } finally {
        await client.stop();
      }
    });
  }
});
