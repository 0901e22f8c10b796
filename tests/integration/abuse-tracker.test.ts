/**
 * The abuse suite, tracker part: a hostile attendee's inputs against a real lab on 127.0.0.1 —
 * malformed HTTP and UDP announces and scrapes, malformed WebSocket tracker messages, floods
 * from one socket or one address. After each batch the lab still answers, the real swarm (the
 * lab's webtorrent seeder and a real webtorrent peer downloading over TCP) is still listed and
 * nobody impersonated it, nothing that should be refused was accepted, and memory stayed bounded.
 * Prints its counts for the issue note. Bounded: every loop has a fixed count, every wait a timeout.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import WebTorrent from 'webtorrent';
import { startTestLab, type TestLab } from '../support/lab';
import { bytesParam } from '../support/net';
import {
  announceUrl,
  binary,
  compactPeers,
  createUdpClient,
  failureOf,
  openTrackerSocket,
  randomPeerId,
  trackerGet,
  trackerGetFrom,
} from '../support/tracker-client';

const ATTACKER = '127.0.0.66';
const PROBE = '127.0.0.99';
const counts = { inputs: 0, crashes: 0, wrongAcceptances: 0, warnings: 0 };
const wrong: string[] = [];
const accepted = (what: string) => {
  counts.wrongAcceptances++;
  wrong.push(what);
};

describe('abuse: the tracker under a hostile attendee', { timeout: 60_000 }, () => {
  let t: TestLab;
  let infoHash: string;
  let client: InstanceType<typeof WebTorrent>;
  let dir: string;
  let realPort = 0;
  let done: Promise<void>;
  const rss = { before: 0, after: 0 };

  before(async () => {
    t = await startTestLab({ host: '127.0.0.1', publicAddress: '127.0.0.1' });
    // Every batch below is bad input on purpose: each is refused with a tracker warning.
    t.expectWarning(
      /^((WebSocket |UDP )?tracker: |invalid event|This is a classroom tracker|too many peers from one address)/,
    );
    t.lab.on('warning', () => counts.warnings++);
    t.lab.on('error', () => counts.crashes++);
    infoHash = t.running.info.torrent!.infoHash;
    // A real desktop-style peer: webtorrent over TCP through the HTTP tracker.
    dir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-abuse-'));
    client = new WebTorrent({
      dht: false,
      lsd: false,
      utPex: false,
      natUpnp: false,
      natPmp: false,
      utp: false,
      tracker: { wrtc: false },
    });
    const file = Buffer.from(await (await fetch(`${t.base}/class.torrent`)).arrayBuffer());
    // Slow enough that it is still in the swarm, downloading, while the batches run.
    const torrent = client.add(file, { path: dir, announce: [t.running.info.trackers.http] });
    client.throttleDownload(48 * 1024);
    done = new Promise((resolve, reject) => {
      torrent.once('done', () => resolve());
      torrent.once('error', reject);
    });
    // The client's TCP listener may be up before this line: read its port, bounded wait.
    const deadline = Date.now() + 10_000;
    while (!(realPort = (client as unknown as { torrentPort: number }).torrentPort)) {
      if (Date.now() > deadline) throw new Error('the real peer never listened');
      await new Promise((r) => setTimeout(r, 50));
    }
    global.gc?.();
    rss.before = process.memoryUsage().rss;
  });

  after(async () => {
    await new Promise<void>((r) => client.destroy(() => r()));
    rmSync(dir, { recursive: true, force: true });
    await t.close();
    console.log(
      `abuse-tracker: ${counts.inputs} inputs tried, ${counts.crashes} crashes, ` +
        `${counts.wrongAcceptances} wrong acceptances, ${counts.warnings} warnings; ` +
        `RSS ${(rss.before / 2 ** 20).toFixed(0)} MiB before, ${(rss.after / 2 ** 20).toFixed(0)} MiB after`,
    );
    if (wrong.length) console.log(`wrongly accepted:\n  ${wrong.join('\n  ')}`);
  });

  /** After each batch: the lab answers, the seeder and the real peer are listed, none evicted. */
  async function swarmIntact(batch: string) {
    const health = await fetch(`${t.base}/api/health`).catch(() => null);
    if (health?.status !== 200) counts.crashes++;
    assert.equal(health?.status, 200, `${batch}: the lab answers`);
    const probe = await trackerGetFrom(
      announceUrl(t.base, infoHash, randomPeerId('PB'), 59999, '&left=1&compact=1&numwant=200'),
      PROBE,
    );
    assert.equal(failureOf(probe), null, `${batch}: a new peer is still welcome`);
    const peers = compactPeers(probe);
    assert.ok(
      peers.includes(`127.0.0.1:${t.running.torrentPort}`),
      `${batch}: the seeder is listed (${peers.join(' ')})`,
    );
    if (realPort)
      assert.ok(peers.includes(`127.0.0.1:${realPort}`), `${batch}: the real peer is listed`);
    const { raw } = await trackerGet(`${t.base}/scrape?info_hash=${bytesParam(infoHash)}`);
    assert.match(raw.toString('latin1'), /8:completei1e/, `${batch}: one seeder, the lab's`);
  }

  test('the real swarm is there to begin with', async () => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const probe = await trackerGetFrom(
        announceUrl(t.base, infoHash, randomPeerId(), 59998),
        PROBE,
      );
      if (compactPeers(probe).includes(`127.0.0.1:${realPort}`)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await swarmIntact('start');
  });

  test('malformed HTTP announces and scrapes are refused with a reason', async () => {
    const id = bytesParam(randomPeerId('AT'));
    const h = bytesParam(infoHash);
    const a = `${t.base}/announce`;
    const badAnnounces = [
      `${a}`,
      `${a}?info_hash=${h}`,
      `${a}?info_hash=${h}&peer_id=${id}`,
      `${a}?info_hash=abc&peer_id=${id}&port=1`,
      `${a}?info_hash=${h}%00&peer_id=${id}&port=1`,
      `${a}?info_hash=${'%u1234'.repeat(20)}&peer_id=${id}&port=1`,
      `${a}?info_hash=${h}&info_hash=${h}&peer_id=${id}&port=1`,
      `${a}?info_hash=${h}&peer_id=short&port=1`,
      `${a}?info_hash=${h}&peer_id=${'x'.repeat(5000)}&port=1`,
      ...[
        '45001.5',
        '0x10',
        '1e3',
        '0',
        '65536',
        '-1',
        '',
        '%20',
        '1%00',
        'NaN',
        'Infinity',
        '99999999999',
      ].map((p) => `${a}?info_hash=${h}&peer_id=${id}&port=${p}`),
      ...[
        'left=-1',
        'left=1.5',
        'left=1e9',
        'uploaded=x',
        'downloaded=%FF',
        'compact=2',
        'compact=yes',
        'numwant=-5',
        'numwant=1e9',
        'event=bogus',
        'event=STARTED',
        'left=1&left=2',
        'left=' + '9'.repeat(40),
      ].map((q) => `${a}?info_hash=${h}&peer_id=${id}&port=6881&${q}`),
      `${a}?info_hash=${bytesParam(randomBytes(20))}&peer_id=${id}&port=6881&left=1`,
    ];
    for (const url of badAnnounces) {
      counts.inputs++;
      const reply = await trackerGetFrom(url, ATTACKER);
      if (!failureOf(reply)) accepted(`HTTP ${url.slice(t.base.length, 140)}`);
    }
    const s = `${t.base}/scrape`;
    const badScrapes = [
      `${s}?info_hash=abc`,
      `${s}?info_hash=${h}&info_hash=short`,
      `${s}?info_hash=${Array.from({ length: 75 }, () => bytesParam(randomBytes(20))).join('&info_hash=')}`,
      `${s}?info_hash=${'%u0100'.repeat(20)}`,
    ];
    for (const url of badScrapes) {
      counts.inputs++;
      const reply = await trackerGetFrom(url, ATTACKER);
      if (!failureOf(reply)) accepted(`HTTP ${url.slice(t.base.length, 140)}`);
    }
    // A scrape of a stranger's hash says nothing about anybody.
    counts.inputs++;
    const stranger = await trackerGetFrom(
      `${s}?info_hash=${bytesParam(randomBytes(20))}`,
      ATTACKER,
    );
    assert.match(JSON.stringify(stranger), /complete/);
    await swarmIntact('HTTP');
  });

  test('one address cannot fill the swarm with HTTP peers', async () => {
    let taken = 0;
    for (let i = 0; i < 200; i++) {
      counts.inputs++;
      const reply = await trackerGetFrom(
        announceUrl(t.base, infoHash, randomPeerId('HF'), 30000 + i),
        ATTACKER,
      );
      if (!failureOf(reply)) taken++;
    }
    assert.ok(taken <= 8, `${taken} places taken by one address`);
    if (taken > 8) accepted(`${taken - 8} HTTP peers from one address`);
    await swarmIntact('HTTP flood');
  });

  test('malformed UDP packets are refused or dropped; floods cost nothing', async () => {
    const udp = createUdpClient('127.0.0.1', t.running.port, ATTACKER);
    try {
      const id = await udp.connect();
      const good = udp.announcePacket(id, infoHash, randomPeerId('UA'), 31000);
      const scrape = (n: number) => {
        const p = Buffer.alloc(16 + 20 * n);
        udp.header(id, 2).copy(p);
        return p;
      };
      const connectNoMagic = udp.header(randomBytes(8), 0);
      const badAction = udp.header(id, 9);
      const badEvent = Buffer.from(good);
      badEvent.writeUInt32BE(9, 80);
      badEvent.writeUInt32BE(12345, 12);
      const truncated = Buffer.from(good.subarray(0, 60));
      truncated.writeUInt32BE(54321, 12);
      const withMagic = udp.announcePacket(udp.PROTOCOL_ID, infoHash, randomPeerId('UM'), 31001);
      const forged = udp.announcePacket(randomBytes(8), infoHash, randomPeerId('UF'), 31002);
      const stranger = udp.announcePacket(
        id,
        randomBytes(20).toString('hex'),
        randomPeerId(),
        31003,
      );
      const garbage = randomBytes(1400);
      const refused = [
        badAction,
        badEvent,
        truncated,
        withMagic,
        forged,
        stranger,
        scrape(0),
        scrape(75),
        connectNoMagic,
        garbage,
        Buffer.alloc(3),
      ];
      for (const packet of refused) {
        counts.inputs++;
        const reply = await udp.request(packet, 400);
        if (reply && (reply.readUInt32BE(0) === 1 || reply.readUInt32BE(0) === 2))
          accepted(`UDP packet ${packet.subarray(8, 12).toString('hex')} (${packet.length} bytes)`);
        if (packet === connectNoMagic && reply) accepted('UDP connect without the protocol id');
      }
      // 2,000 connects: stateless ids, so nothing grows.
      for (let i = 0; i < 2000; i++) {
        counts.inputs++;
        const c = udp.header(udp.PROTOCOL_ID, 0);
        void udp.request(c, 200);
      }
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      udp.close();
    }
    await swarmIntact('UDP');
  });

  test('malformed WebSocket tracker messages get a failure reply', async () => {
    const ws = await openTrackerSocket(t.running.info.trackers.ws);
    const peer = binary(randomPeerId('WS'));
    const hash = binary(infoHash);
    const base = { action: 'announce', info_hash: hash, peer_id: peer, numwant: 1 };
    const sdp = (n: number) => ({ type: 'offer', sdp: 'v=0 '.padEnd(n, 'x') });
    const bad: unknown[] = [
      'not json',
      '',
      '[]',
      'null',
      '42',
      '"announce"',
      '{"action":"x"}',
      { action: 'announce' },
      { ...base, info_hash: 'short' },
      { ...base, peer_id: 12345 },
      { ...base, info_hash: 'ā'.repeat(20) },
      { ...base, offers: [null] },
      { ...base, offers: [{}] },
      { ...base, offers: [{ offer: null, offer_id: 'a' }] },
      { ...base, offers: 'x' },
      { ...base, offers: { length: 5 } },
      {
        ...base,
        offers: Array.from({ length: 11 }, (_, i) => ({ offer: sdp(10), offer_id: `o${i}` })),
      },
      { ...base, offers: [{ offer: sdp(20_000), offer_id: 'big' }] },
      { ...base, offers: [{ offer: { type: 'answer', sdp: 'v=0' }, offer_id: 'a' }] },
      { ...base, numwant: -1 },
      { ...base, numwant: 'all' },
      { ...base, numwant: 1e9 },
      { ...base, left: 'lots' },
      { ...base, uploaded: -5 },
      { ...base, event: 'bogus' },
      { ...base, answer: { type: 'answer', sdp: 'v=0' } },
      { ...base, answer: { type: 'answer', sdp: 'v=0' }, to_peer_id: 'short', offer_id: 'a' },
      { ...base, answer: 'x', to_peer_id: peer, offer_id: 'a' },
      { ...base, info_hash: binary(randomBytes(20)) },
      { action: 'scrape', info_hash: 'short' },
      { action: 'scrape', info_hash: [1, 2] },
      { action: 'scrape', info_hash: Array.from({ length: 51 }, () => hash) },
      '['.repeat(5000) + ']'.repeat(5000),
    ];
    for (const msg of bad) {
      counts.inputs++;
      ws.send(msg);
    }
    await ws.next(() => ws.messages.length >= bad.length, 5000);
    const ok = ws.messages.filter((m) => !m['failure reason']);
    for (const m of ok)
      accepted(`WS message answered without failure: ${JSON.stringify(m).slice(0, 120)}`);
    assert.equal(ws.messages.length, bad.length, 'every bad message got its own reply');
    ws.close();
    await swarmIntact('WebSocket');
  });

  test('floods from one socket: peer ids capped, nobody impersonated, all gone on close', async () => {
    // A real peer on the WebSocket tracker (a raw client that only announces).
    const real = await openTrackerSocket(t.running.info.trackers.ws);
    const realId = randomPeerId('RL');
    real.send({
      action: 'announce',
      info_hash: binary(infoHash),
      peer_id: binary(realId),
      numwant: 0,
      left: 10,
      event: 'started',
    });
    assert.ok(await real.next((m) => m.action === 'announce' && !m['failure reason']));

    const sybil = await openTrackerSocket(t.running.info.trackers.ws, '127.0.0.2');
    for (let i = 0; i < 1000; i++) {
      counts.inputs++;
      sybil.send({
        action: 'announce',
        info_hash: binary(infoHash),
        peer_id: binary(randomPeerId('SY')),
        numwant: 0,
        left: 10,
      });
    }
    // Impersonation: stop, answer as, and announce as the real peer.
    for (const event of ['stopped', 'completed', 'started']) {
      counts.inputs++;
      sybil.send({
        action: 'announce',
        info_hash: binary(infoHash),
        peer_id: binary(realId),
        numwant: 0,
        left: 0,
        event,
      });
    }
    counts.inputs++;
    sybil.send({
      action: 'announce',
      info_hash: binary(infoHash),
      peer_id: binary(realId),
      answer: { type: 'answer', sdp: 'v=0' },
      to_peer_id: binary(realId),
      offer_id: 'x',
    });
    // 2,000 more messages as fast as it can: each answered, nothing else happens.
    for (let i = 0; i < 2000; i++) {
      counts.inputs++;
      sybil.send({ action: 'scrape', info_hash: binary(infoHash) });
    }
    await sybil.next(() => sybil.messages.length >= 1000 + 3 + 2000, 10_000);
    const ids = sybil.messages.filter(
      (m) => m.action === 'announce' && !m['failure reason'],
    ).length;
    if (ids > 4) accepted(`${ids} peer ids on one socket`);
    const refusedAsReal = sybil.messages.filter((m) =>
      /another connection/.test(String(m['failure reason'])),
    ).length;
    if (refusedAsReal < 4) accepted(`${4 - refusedAsReal} messages as the real peer`);
    assert.ok(
      ids <= 4 && refusedAsReal >= 4,
      `${ids} ids taken, ${refusedAsReal} impersonations refused`,
    );
    assert.match(
      (await trackerGet(`${t.base}/scrape?info_hash=${bytesParam(infoHash)}`)).raw.toString(
        'latin1',
      ),
      /8:completei1e/,
      'the real peer did not become a seeder by someone else saying "completed"',
    );
    sybil.close();
    await sybil.closed;
    real.close();
    await real.closed;
    await swarmIntact('WebSocket flood');
  });

  test('the real peer finishes its download, and memory stayed bounded', async () => {
    client.throttleDownload(-1);
    await Promise.race([
      done,
      new Promise((_, reject) => setTimeout(() => reject(new Error('no finish in 20 s')), 20_000)),
    ]);
    const torrent = client.torrents[0]!;
    const copy = readFileSync(path.join(dir, torrent.name, 'handout.html'));
    const original = readFileSync(path.join(t.dataDir, 'swarmlab-class-pack', 'handout.html'));
    assert.ok(copy.equals(original), 'the real peer has the seeder’s exact bytes');
    global.gc?.();
    rss.after = process.memoryUsage().rss;
    assert.ok(rss.after - rss.before < 64 * 2 ** 20, 'RSS grew less than 64 MiB');
    assert.equal(counts.wrongAcceptances, 0, wrong.join('; '));
    assert.equal(counts.crashes, 0);
  });
});
