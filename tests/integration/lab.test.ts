/**
 * The lab server for real: tracker, seeder and hub on free ports, real webtorrent peers in Node
 * (TCP through the HTTP tracker, and WebRTC through the WebSocket tracker on the classroom address).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import bencode from 'bencode';
import parseTorrent from 'parse-torrent';
import WebTorrent from 'webtorrent';
import { io as connect } from 'socket.io-client';
import { createLab, PortInUseError } from '../../lab-server/lab';
import { NOT_IN_CLASS } from '../../lab-server/tracker';
import type { SwarmSnapshot } from '../../lib/swarm-model';
import { startTestLab, waitFor, type TestLab } from '../support/lab';
import { freePort, testAddress, bytesParam } from '../support/net';

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

function packHashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((n) => [n, sha256(readFileSync(path.join(dir, n)))]),
  );
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  assert.equal(res.status, 200, `${url} answered ${res.status}`);
  return (await res.json()) as T;
}

/** Downloads the class pack with a real webtorrent client and returns the files' hashes. */
async function download(torrentFile: Buffer, opts: { announce: string[]; webrtc: boolean }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-peer-'));
  // No peer exchange: each test controls how the peer finds the seeder.
  const client = new WebTorrent({
    dht: false,
    lsd: false,
    utPex: false,
    natUpnp: false,
    natPmp: false,
    utp: false,
    tracker: opts.webrtc ? { rtcConfig: { iceServers: [] } } : { wrtc: false },
  });
  try {
    const torrent = client.add(torrentFile, { path: dir, announce: opts.announce });
    const wires: string[] = [];
    torrent.on('wire', (wire: { type: string }) => wires.push(wire.type));
    await new Promise<void>((resolve, reject) => {
      torrent.once('done', resolve);
      torrent.once('error', reject);
    });
    return {
      client,
      hashes: packHashes(path.join(dir, torrent.name)),
      peerId: client.peerId as string,
      wires,
    };
  } finally {
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 5000).unref();
  }
}

describe('the lab server', () => {
  let t: TestLab;
  let torrentFile: Buffer;
  let infoHash: string;

  before(async () => {
    t = await startTestLab();
    torrentFile = Buffer.from(await (await fetch(`${t.base}/class.torrent`)).arrayBuffer());
    infoHash = (await parseTorrent(torrentFile)).infoHash;
  });
  after(async () => t.close());

  test('health, lab info and the class .torrent agree', async () => {
    const health = await getJson<{ ok: boolean; version: string; peers: number; infoHash: string }>(
      `${t.base}/api/health`,
    );
    assert.equal(health.ok, true);
    assert.match(health.version, /^\d+\.\d+\.\d+/);
    assert.equal(health.infoHash, infoHash);
    const parsed = await parseTorrent(torrentFile);
    assert.deepEqual(parsed.announce, [
      t.running.info.trackers.ws,
      t.running.info.trackers.http,
      t.running.info.trackers.udp,
    ]);
    const browser = await parseTorrent(
      Buffer.from(await (await fetch(`${t.base}/class.torrent?for=browser`)).arrayBuffer()),
    );
    assert.equal(browser.infoHash, infoHash);
    assert.deepEqual(browser.announce, [t.running.info.trackers.ws]);
    assert.ok(t.running.info.torrent?.magnet.includes(`xt=urn:btih:${infoHash}`));
  });

  test('a desktop-style peer downloads over TCP through the HTTP tracker and shows up as desktop', async () => {
    const { client, hashes, peerId, wires } = await download(torrentFile, {
      announce: [t.running.info.trackers.http],
      webrtc: false,
    });
    try {
      assert.deepEqual(hashes, packHashes(path.join(t.dataDir, 'swarmlab-class-pack')));
      assert.ok(
        wires.some((w) => w.startsWith('tcp')),
        `wires: ${wires}`,
      );
      const peer = await waitFor('the desktop peer in /api/swarm at 100%', async () => {
        const swarm = await getJson<SwarmSnapshot>(`${t.base}/api/swarm`);
        const p = swarm.peers.find((x) => x.id === peerId);
        return p && p.have === swarm.torrent?.pieceCount ? p : null;
      });
      assert.equal(peer.kind, 'desktop');
      assert.match(peer.client, /^WebTorrent/);
    } finally {
      await new Promise((r) => client.destroy(r));
    }
  });

  test('a WebRTC peer downloads through the WebSocket tracker on the classroom address', async () => {
    // The browser's torrent: the same info hash, announcing only to the WebSocket tracker.
    const wsOnly = Buffer.from(
      await (await fetch(`${t.base}/class.torrent?for=browser`)).arrayBuffer(),
    );
    const { client, hashes, wires } = await download(wsOnly, {
      announce: [t.running.info.trackers.ws],
      webrtc: true,
    });
    try {
      assert.deepEqual(hashes, packHashes(path.join(t.dataDir, 'swarmlab-class-pack')));
      assert.ok(wires.length > 0 && wires.every((w) => w === 'webrtc'), `wires: ${wires}`);
    } finally {
      await new Promise((r) => client.destroy(r));
    }
  });

  test('the tracker never hands a peer its own address', async () => {
    const announce = async (peerId: string, port: number) => {
      const q = new URLSearchParams({
        port: String(port),
        uploaded: '0',
        downloaded: '0',
        left: '100',
        compact: '0',
        event: 'started',
      });
      const url = `${t.running.info.trackers.http}?${q}&info_hash=${bytesParam(infoHash)}&peer_id=${peerId}`;
      const body = bencode.decode(Buffer.from(await (await fetch(url)).arrayBuffer()));
      return (body.peers as { port: number }[]).map((p) => p.port);
    };
    const first = await announce('-XX0001-aaaaaaaaaaaa', 40001);
    assert.ok(!first.includes(40001));
    const second = await announce('-XX0001-bbbbbbbbbbbb', 40002);
    assert.ok(!second.includes(40002));
    assert.ok(second.includes(40001), 'the other peer is still listed');
  });

  test('class mode refuses unknown torrents with a reason; bad announces get an error, and the lab keeps serving', async () => {
    t.expectWarning(/classroom tracker|invalid info_hash/);
    const unknown = `${t.running.info.trackers.http}?info_hash=${bytesParam(Buffer.from('x'.repeat(20)))}&peer_id=-XX0001-cccccccccccc&port=1&left=1`;
    const reason = async (url: string) => {
      const body = bencode.decode(Buffer.from(await (await fetch(url)).arrayBuffer()));
      return Buffer.from(body['failure reason']).toString('utf8');
    };
    assert.equal(await reason(unknown), NOT_IN_CLASS);
    assert.match(
      await reason(`${t.running.info.trackers.http}?peer_id=short`),
      /info_hash|invalid/i,
    );

    const health = await getJson<{ ok: boolean }>(`${t.base}/api/health`);
    assert.equal(health.ok, true);
  });

  test('the hub cleans nicknames, refuses bad reports with a reason, and forgets peers that leave', async () => {
    t.expectWarning(/peer:(hello|progress) refused/);
    const socket = connect(t.base, { transports: ['websocket'] });
    const warnings: string[] = [];
    socket.on('lab:warning', (m: string) => warnings.push(m));
    const peerId = 'de'.repeat(20);
    try {
      socket.emit('peer:progress', {
        infoHash,
        bitfield: '',
        downloaded: 0,
        uploaded: 0,
        downloadRate: 0,
        uploadRate: 0,
      });
      await waitFor('a warning for progress before hello', () =>
        warnings.some((w) => /hello first/.test(w)),
      );

      const bad = await socket.emitWithAck('peer:hello', { peerId: 'nope', nickname: 'x' });
      assert.equal(bad.ok, false);
      assert.match(bad.error, /40 hex/);

      const ok = await socket.emitWithAck('peer:hello', {
        peerId,
        nickname: '  <b>Mallory</b>\u202e\u0000 ',
      });
      assert.equal(ok.ok, true);
      socket.emit('peer:progress', {
        infoHash,
        bitfield: '!!',
        downloaded: -5,
        uploaded: 0,
        downloadRate: 0,
        uploadRate: 0,
      });
      await waitFor('a warning for a bad progress report', () =>
        warnings.some((w) => /progress refused/.test(w)),
      );

      const swarm = await getJson<SwarmSnapshot>(`${t.base}/api/swarm`);
      assert.equal(swarm.peers.find((p) => p.id === peerId)?.nickname, '<b>Mallory</b>');
    } finally {
      socket.disconnect();
    }
    await waitFor(
      'the peer to leave the model',
      async () =>
        !(await getJson<SwarmSnapshot>(`${t.base}/api/swarm`)).peers.some((p) => p.id === peerId),
    );
  });

  test('a second lab on the same port gets a clear error', async () => {
    const other = createLab({
      port: t.running.port,
      torrentPort: 0,
      site: false,
      seed: false,
      dataDir: t.dataDir,
      packMiB: 2,
    });
    await assert.rejects(
      other.listen(),
      (err: Error) => err instanceof PortInUseError && /already in use/.test(err.message),
    );
    await other.close().catch(() => {});
  });
});

test('a page that connects while the lab is still starting is answered once it is up', async () => {
  // After a restart every open page reconnects at once, often before the lab has finished
  // seeding: its hello must not go to a hub that does not exist yet.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-test-'));
  const port = await freePort();
  const lab = createLab({
    port,
    torrentPort: 0,
    site: false,
    packMiB: 48, // seconds of hashing and verifying: a wide window
    publicAddress: testAddress(),
    dataDir,
  });
  const listening = lab.listen();
  const socket = connect(`http://127.0.0.1:${port}`, {
    transports: ['websocket'],
    reconnectionDelay: 50,
    reconnectionDelayMax: 50,
  });
  try {
    // The connection reached the lab before listen() resolved (the HTTP server is up while the
    // seeder verifies the pack): the engine opens at once, the socket itself is held until ready.
    const early = await Promise.race([
      new Promise<'connected'>((resolve) => socket.io.once('open', () => resolve('connected'))),
      listening.then(() => 'listened' as const),
    ]);
    const hello = await socket
      .timeout(30_000)
      .emitWithAck('peer:hello', { peerId: 'fe'.repeat(20), nickname: 'Early bird' });
    assert.equal(hello.ok, true);
    assert.equal(typeof hello.secret, 'string', 'the page gets a secret to reclaim its id with');
    await listening;
    assert.ok(lab.model.getPeer('fe'.repeat(20)), 'the hub knows the early peer');
    assert.equal(early, 'connected', 'the page reached the lab while it was still starting');
  } finally {
    socket.disconnect();
    await listening.catch(() => {});
    await lab.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
