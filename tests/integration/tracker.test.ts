/**
 * The tracker's own rules, each reproduced against a real lab (or a real tracker) on 127.0.0.1:
 * the allow-list it owns, strict announce parameters, WebSocket messages validated before the
 * stock server sees them, peer ids bound to the connection that announced them, scrape replies
 * with raw info-hash keys, BEP 15 connection ids and a cap on WebSocket message size.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { NOT_IN_CLASS, createTracker } from '../../lab-server/tracker';
import { MAX_PEER_IDS_PER_SOCKET } from '../../lab-server/tracker-ws';
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
} from '../support/tracker-client';

const LOOPBACK = { host: '127.0.0.1', publicAddress: '127.0.0.1' } as const;

describe('the tracker owns its allow-list', () => {
  test('allow() starts tracking a torrent, forbid() refuses it again', async () => {
    const tracker = createTracker();
    const http = createServer((req, res) => {
      if (!tracker.handleHttp(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      const infoHash = randomBytes(20).toString('hex');
      const url = () => announceUrl(base, infoHash, randomPeerId(), 40001);
      assert.equal(failureOf((await trackerGet(url())).body), NOT_IN_CLASS);
      tracker.allow(infoHash);
      assert.equal(tracker.isAllowed(infoHash), true);
      assert.equal(failureOf((await trackerGet(url())).body), null);
      tracker.forbid(infoHash);
      assert.equal(failureOf((await trackerGet(url())).body), NOT_IN_CLASS);
    } finally {
      await tracker.close();
      await new Promise((resolve) => http.close(resolve));
    }
  });

  test('the lab allows its class torrent through the tracker', async () => {
    const t = await startTestLab(LOOPBACK);
    try {
      const infoHash = t.running.info.torrent!.infoHash;
      const reply = await trackerGet(announceUrl(t.base, infoHash, randomPeerId(), 40002));
      assert.equal(failureOf(reply.body), null);
    } finally {
      await t.close();
    }
  });
});

/** An announce as WebTorrent sends it, from raw bytes. */
function wsAnnounce(infoHash: string, peerId: Buffer, extra: Record<string, unknown> = {}) {
  return {
    action: 'announce',
    info_hash: binary(infoHash),
    peer_id: binary(peerId),
    numwant: 0,
    uploaded: 0,
    downloaded: 0,
    left: 1000,
    event: 'started',
    offers: [],
    ...extra,
  };
}

const offers = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    offer: { type: 'offer', sdp: `v=0 ${tag} ${i}` },
    offer_id: `${tag}-${i}`,
  }));

/** Leechers of the class torrent as the lab's own scrape counts them (by peer id). */
async function leechers(t: TestLab, infoHash: string): Promise<number> {
  const { raw } = await trackerGet(`${t.base}/scrape?info_hash=${bytesParam(infoHash)}`);
  const m = /10:incompletei(\d+)e/.exec(raw.toString('latin1'));
  return Number(m?.[1] ?? NaN);
}

describe('WebSocket tracker messages are checked before the stock server sees them', () => {
  let t: TestLab;
  let infoHash: string;
  before(async () => {
    t = await startTestLab({ ...LOOPBACK, seed: false });
    // These tests send bad messages on purpose: each is refused with a warning.
    t.expectWarning(/^WebSocket tracker: |^Max payload size exceeded/);
    infoHash = t.running.info.torrent!.infoHash;
  });
  after(async () => t.close());

  test('"offers":[null] gets a failure reply and the lab keeps serving', async () => {
    const sock = await openTrackerSocket(t.running.info.trackers.ws);
    try {
      // A peer to send the offer to: the stock server then read offers[0].offer and threw.
      const victim = await openTrackerSocket(t.running.info.trackers.ws);
      victim.send(wsAnnounce(infoHash, randomPeerId('VV')));
      assert.ok(await victim.next((m) => m.action === 'announce' && !m['failure reason']));
      sock.send(wsAnnounce(infoHash, randomPeerId('NN'), { numwant: 1, offers: [null] }));
      const reply = await sock.next((m) => typeof m['failure reason'] === 'string');
      assert.match(String(reply?.['failure reason']), /invalid offers\.0/);
      for (const bad of ['not json', '{"action":"announce"}', '[]', 'null', '{"action":"x"}'])
        sock.send(bad);
      await sock.next((m) => m['failure reason'] !== undefined && sock.messages.length >= 6);
      assert.equal(sock.messages.filter((m) => m['failure reason']).length, 6);
      assert.equal((await fetch(`${t.base}/api/health`)).status, 200);
      victim.close();
    } finally {
      sock.close();
    }
  });

  test('one connection cannot flood a swarm with peer ids, nor stop another peer', async () => {
    const real = await openTrackerSocket(t.running.info.trackers.ws);
    const realId = randomPeerId('RR');
    real.send(wsAnnounce(infoHash, realId));
    assert.ok(await real.next((m) => m.action === 'announce' && !m['failure reason']));
    const before = await leechers(t, infoHash);

    // The flooder is another laptop: the same host may take its own peer id over (below).
    const sybil = await openTrackerSocket(t.running.info.trackers.ws, '127.0.0.2');
    for (let i = 0; i < 1000; i++) sybil.send(wsAnnounce(infoHash, randomPeerId('SY')));
    await sybil.next(() => sybil.messages.length >= 1000, 10_000);
    const accepted = sybil.messages.filter((m) => !m['failure reason']).length;
    assert.equal(accepted, MAX_PEER_IDS_PER_SOCKET, 'only a few peer ids per connection');
    assert.equal(await leechers(t, infoHash), before + MAX_PEER_IDS_PER_SOCKET);

    // Another connection says "stopped" for the real peer: refused, the real peer stays.
    sybil.send(wsAnnounce(infoHash, realId, { event: 'stopped' }));
    const refused = await sybil.next((m) => /another connection/.test(String(m['failure reason'])));
    assert.ok(refused, 'stopping someone else is refused');
    assert.equal(await leechers(t, infoHash), before + MAX_PEER_IDS_PER_SOCKET);

    // The next real peer's offers reach the real peer, never more than the fakes' share.
    const next = await openTrackerSocket(t.running.info.trackers.ws);
    next.send(wsAnnounce(infoHash, randomPeerId('NX'), { numwant: 5, offers: offers(5, 'nx') }));
    await new Promise((r) => setTimeout(r, 500));
    const toSybil = sybil.messages.filter((m) => m.offer).length;
    assert.ok(toSybil <= MAX_PEER_IDS_PER_SOCKET, `${toSybil} offers went to the flooder`);
    assert.ok(
      real.messages.some((m) => m.offer),
      'the real peer got an offer',
    );

    // When the flooder leaves, none of its peer ids stay behind.
    sybil.close();
    await sybil.closed;
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await leechers(t, infoHash), before + 1, 'the real peer and the next one remain');
    real.close();
    next.close();
  });

  test('a page that reconnects takes its peer id back from its dead connection only', async () => {
    const ws = t.running.info.trackers.ws;
    const ready = (m: Record<string, unknown>) => m.action === 'announce' && !m['failure reason'];
    // A laptop whose Wi-Fi dropped: its old connection is half-open and answers no ping.
    const dead = await openTrackerSocket(ws, '127.0.0.1', { autoPong: false });
    const pageId = randomPeerId('RC');
    dead.send(wsAnnounce(infoHash, pageId));
    assert.ok(await dead.next(ready));
    // Another laptop's live connection, and a dead one from a third laptop.
    const live = await openTrackerSocket(ws, '127.0.0.3');
    const liveId = randomPeerId('LV');
    live.send(wsAnnounce(infoHash, liveId));
    assert.ok(await live.next(ready));
    const deadElsewhere = await openTrackerSocket(ws, '127.0.0.4', { autoPong: false });
    const elsewhereId = randomPeerId('DE');
    deadElsewhere.send(wsAnnounce(infoHash, elsewhereId));
    assert.ok(await deadElsewhere.next(ready));
    const before = await leechers(t, infoHash);

    // The page comes back on a new connection with the same peer id: it gets it within the probe.
    const back = await openTrackerSocket(ws, '127.0.0.1');
    const started = Date.now();
    back.send(wsAnnounce(infoHash, pageId));
    assert.ok(await back.next(ready, 5000), 'the reconnected page is announced');
    const took = Date.now() - started;
    assert.ok(took < 4000, `took ${took} ms, not the heartbeat's 30-60 s`);
    assert.equal(await dead.closed, 1006, 'the dead connection is closed as gone');
    assert.equal(await leechers(t, infoHash), before, 'the page is listed once');
    // Offers for the page now reach its new connection.
    const asker = await openTrackerSocket(ws, '127.0.0.5');
    asker.send(wsAnnounce(infoHash, randomPeerId('AS'), { numwant: 5, offers: offers(5, 'as') }));
    assert.ok(await back.next((m) => Boolean(m.offer)), 'the new connection gets offers');

    // The same host cannot take an id from a connection that answers (two live tabs, a bot's
    // second socket), and another host cannot take one even from a dead connection.
    const liveTwin = await openTrackerSocket(ws, '127.0.0.3');
    liveTwin.send(wsAnnounce(infoHash, liveId));
    const stranger = await openTrackerSocket(ws, '127.0.0.6');
    stranger.send(wsAnnounce(infoHash, elsewhereId));
    for (const sock of [liveTwin, stranger]) {
      const refused = await sock.next((m) => m['failure reason'] !== undefined, 5000);
      assert.match(String(refused?.['failure reason']), /belongs to another connection/);
    }
    assert.equal(live.ws.readyState, live.ws.OPEN, 'the live holder keeps its connection');
    assert.equal(deadElsewhere.ws.readyState, deadElsewhere.ws.OPEN, 'and so does the other host');
    for (const sock of [live, deadElsewhere, back, asker, liveTwin, stranger]) sock.close();
  });

  test('a message over the size cap closes that connection only', async () => {
    const big = await openTrackerSocket(t.running.info.trackers.ws);
    big.send(wsAnnounce(infoHash, randomPeerId('BG'), { trackerid: 'x'.repeat(2 * 1024 * 1024) }));
    assert.equal(await big.closed, 1009, 'closed with "message too big"');
    const ok = await openTrackerSocket(t.running.info.trackers.ws);
    ok.send(wsAnnounce(infoHash, randomPeerId('OK')));
    assert.ok(await ok.next((m) => m.action === 'announce' && !m['failure reason']));
    ok.close();
  });
});

describe('HTTP and UDP announces: strict parameters, BEP 15 connection ids', () => {
  let t: TestLab;
  let infoHash: string;
  before(async () => {
    t = await startTestLab(LOOPBACK);
    // These tests send bad announces on purpose: each is refused with a warning.
    t.expectWarning(/^tracker: /);
    infoHash = t.running.info.torrent!.infoHash;
  });
  after(async () => t.close());

  test('ports and numbers must be plain decimal integers in range', async () => {
    for (const port of ['45001.5', '0x10', '1e3', '0', '65536', '', '-1', ' 80', '80abc'])
      assert.match(
        failureOf((await trackerGet(announceUrl(t.base, infoHash, randomPeerId(), port))).body) ??
          'accepted',
        /invalid port/,
        `port=${JSON.stringify(port)}`,
      );
    const id = randomPeerId();
    for (const [extra, field] of [
      ['&left=1.5', 'left'],
      ['&left=1&compact=2', 'compact'],
      ['&left=1&numwant=1e3', 'numwant'],
      ['&left=1&event=bogus', 'event'],
      ['&left=1&uploaded=-3', 'uploaded'],
      ['&left=1&left=2', 'left'],
    ] as const)
      assert.match(
        failureOf((await trackerGet(announceUrl(t.base, infoHash, id, 45002, extra))).body) ??
          'accepted',
        new RegExp(`invalid ${field}`),
        extra,
      );
    const short = `${t.base}/announce?info_hash=abc&peer_id=${bytesParam(id)}&port=1`;
    assert.match(failureOf((await trackerGet(short)).body) ?? '', /invalid info_hash/);
  });

  test('after a malformed port, compact replies and UDP announces still work', async () => {
    await trackerGet(announceUrl(t.base, infoHash, randomPeerId(), '45001.5'));
    const a = await trackerGet(announceUrl(t.base, infoHash, randomPeerId(), 45003));
    const b = await trackerGet(announceUrl(t.base, infoHash, randomPeerId(), 45004));
    assert.equal(failureOf(a.body), null);
    assert.equal(failureOf(b.body), null);
    assert.ok(compactPeers(b.body).includes('127.0.0.1:45003'));

    let answered = 0;
    for (let i = 0; i < 10; i++) {
      // Ten machines: one address holds only a few peers of a torrent.
      const udp = createUdpClient('127.0.0.1', t.running.port, `127.0.0.${20 + i}`);
      try {
        const id = await udp.connect();
        const reply = await udp.request(udp.announcePacket(id, infoHash, randomPeerId(), 46000));
        if (reply && reply.readUInt32BE(0) === 1) answered++;
      } finally {
        udp.close();
      }
    }
    assert.equal(answered, 10, 'every UDP announce answered');
  });

  test('UDP announces need a connection id the tracker issued to that address', async () => {
    const udp = createUdpClient('127.0.0.1', t.running.port, '127.0.0.40');
    try {
      for (const id of [udp.PROTOCOL_ID, randomBytes(8)]) {
        const reply = await udp.request(udp.announcePacket(id, infoHash, randomPeerId(), 47000));
        assert.ok(reply, 'answered with an error');
        assert.equal(reply.readUInt32BE(0), 3, 'action 3: error');
        assert.match(reply.subarray(8).toString(), /connection id/);
      }
      const id = await udp.connect();
      const ok = await udp.request(udp.announcePacket(id, infoHash, randomPeerId(), 47001));
      assert.equal(ok?.readUInt32BE(0), 1);
      // The id belongs to this socket's address and port: another socket cannot reuse it.
      const other = createUdpClient('127.0.0.1', t.running.port, '127.0.0.41');
      try {
        const stolen = await other.request(
          other.announcePacket(id, infoHash, randomPeerId(), 47002),
        );
        assert.equal(stolen?.readUInt32BE(0), 3);
      } finally {
        other.close();
      }
    } finally {
      udp.close();
    }
  });
});

describe('scrape', () => {
  let classLab: TestLab;
  let openLab: TestLab;
  before(async () => {
    classLab = await startTestLab({ ...LOOPBACK, seed: false });
    openLab = await startTestLab({ ...LOOPBACK, seed: false, openTracker: true });
    openLab.expectWarning(/^tracker: scrape needs an info_hash/);
  });
  after(async () => {
    await classLab.close();
    await openLab.close();
  });

  test('keys are the 20 raw bytes of each info hash', async () => {
    // An info hash with bytes above 0x7f, which the stock reply wrote as UTF-8.
    const stranger = `ff80${randomBytes(18).toString('hex')}`;
    await trackerGet(announceUrl(openLab.base, stranger, randomPeerId(), 48001));
    const { raw } = await trackerGet(`${openLab.base}/scrape?info_hash=${bytesParam(stranger)}`);
    const key = Buffer.concat([Buffer.from('5:filesd20:'), Buffer.from(stranger, 'hex')]);
    assert.ok(raw.includes(key), `raw key in ${raw.toString('hex')}`);
    assert.match(raw.toString('latin1'), /10:incompletei1e/);
  });

  test('without info_hash: the class torrents only; an open tracker asks for one', async () => {
    const classHash = classLab.running.info.torrent!.infoHash;
    const all = await trackerGet(`${classLab.base}/scrape`);
    assert.equal(failureOf(all.body), null);
    assert.ok(all.raw.includes(Buffer.from(classHash, 'hex')));
    assert.equal((all.raw.toString('latin1').match(/d8:complete/g) ?? []).length, 1);

    await trackerGet(announceUrl(openLab.base, randomBytes(20).toString('hex'), randomPeerId(), 1));
    assert.match(failureOf((await trackerGet(`${openLab.base}/scrape`)).body) ?? '', /info_hash/);
  });
});
