/**
 * A page's identity on the hub, against a real lab on 127.0.0.1 with its real seeder:
 * - issue 11: a socket hiccup no longer makes a peer vanish and come back at 0 pieces; the page
 *   reconnects with the secret its first hello got and keeps its place;
 * - issue 13 §2.7: another socket cannot say hello with a page's peer id, nor the seeder's, and
 *   the victim stays when the attacker leaves;
 * - issue 13 §2.8: progress edges to peer ids the lab does not know are dropped.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import { bitfieldFrom, bitfieldToBase64 } from '../../lib/bitfield';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/protocol';
import type { SwarmSnapshot } from '../../lib/swarm-model';
import { startTestLab, waitFor, type TestLab } from '../support/lab';

type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('a page keeps its peer id, and nobody else can take it', () => {
  let t: TestLab;
  const sockets: LabSocket[] = [];
  const open = async () => {
    const s: LabSocket = connect(t.base, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    sockets.push(s);
    await new Promise<void>((r) => s.once('connect', () => r()));
    return s;
  };
  const swarm = async () => (await (await fetch(`${t.base}/api/swarm`)).json()) as SwarmSnapshot;

  before(async () => {
    t = await startTestLab({ host: '127.0.0.1', publicAddress: '127.0.0.1', packMiB: 1 });
  });
  after(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  test('a hiccup keeps the peer and its pieces; the same page reclaims its id', async () => {
    const peerId = randomBytes(20).toString('hex');
    const page = await open();
    const hello = await page.emitWithAck('peer:hello', { peerId, nickname: 'Ada' });
    assert.equal(hello.ok, true);
    const { torrent } = await swarm();
    const half = bitfieldFrom(torrent!.pieceCount, (i) => i % 2 === 0);
    page.emit('peer:progress', {
      infoHash: torrent!.infoHash,
      bitfield: bitfieldToBase64(half),
      downloaded: 1000,
      uploaded: 0,
      downloadRate: 0,
      uploadRate: 0,
    });
    const have = Math.ceil(torrent!.pieceCount / 2);
    await waitFor('the progress', async () =>
      (await swarm()).peers.some((p) => p.id === peerId && p.have === have),
    );

    page.disconnect();
    await new Promise((r) => setTimeout(r, 500));
    const during = (await swarm()).peers.find((p) => p.id === peerId);
    assert.equal(during?.have, have, 'the peer is still there, with its pieces, during the hiccup');

    const back = await open();
    const again = await back.emitWithAck('peer:hello', {
      peerId,
      nickname: 'Ada',
      secret: hello.secret,
    });
    assert.equal(again.ok, true, again.error);
    const after = (await swarm()).peers.find((p) => p.id === peerId);
    assert.equal(after?.have, have, 'back with its pieces, not at 0');
  });

  test('another socket cannot take a page’s or the seeder’s peer id', async () => {
    t.expectWarning(/peer:hello refused/);
    const peerId = randomBytes(20).toString('hex');
    const victim = await open();
    assert.equal((await victim.emitWithAck('peer:hello', { peerId, nickname: 'Grace' })).ok, true);
    const seederId = (await swarm()).peers.find((p) => p.kind === 'seeder')!.id;

    const mallory = await open();
    for (const id of [peerId, seederId]) {
      const r = await mallory.emitWithAck('peer:hello', { peerId: id, nickname: 'Mallory' });
      assert.equal(r.ok, false, `hello with ${id === seederId ? 'the seeder' : 'a page'}'s id`);
    }
    const wrongSecret = await mallory.emitWithAck('peer:hello', {
      peerId,
      nickname: 'Mallory',
      secret: 'guessed',
    });
    assert.equal(wrongSecret.ok, false);
    mallory.disconnect();
    await new Promise((r) => setTimeout(r, 300));
    const snap = await swarm();
    assert.equal(snap.peers.find((p) => p.id === peerId)?.nickname, 'Grace');
    const seeder = snap.peers.find((p) => p.id === seederId);
    assert.equal(seeder?.kind, 'seeder');
    assert.equal(seeder?.nickname, 'Instructor seeder');
  });

  test('progress edges to peers the lab does not know are dropped', async () => {
    const peerId = randomBytes(20).toString('hex');
    const page = await open();
    assert.equal((await page.emitWithAck('peer:hello', { peerId, nickname: 'Edgy' })).ok, true);
    const { torrent, peers } = await swarm();
    const seederId = peers.find((p) => p.kind === 'seeder')!.id;
    page.emit('peer:progress', {
      infoHash: torrent!.infoHash,
      bitfield: '',
      downloaded: 0,
      uploaded: 0,
      downloadRate: 0,
      uploadRate: 0,
      incoming: [
        { from: seederId, bytes: 10, rate: 1 },
        ...Array.from({ length: 199 }, () => ({
          from: randomBytes(20).toString('hex'),
          bytes: 1,
          rate: 1,
        })),
      ],
    });
    const edges = await waitFor('the seeder edge', async () => {
      const e = (await swarm()).edges.filter((x) => x.to === peerId);
      return e.length > 0 ? e : null;
    });
    assert.deepEqual(
      edges.map((e) => e.from),
      [seederId],
    );
  });
});
