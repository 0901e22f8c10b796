/**
 * The abuse suite, socket part (issue 13 §3): a real lab on 127.0.0.1 with its real seeder and
 * two real pages in the swarm, then every socket event with wrong types, oversized and missing
 * fields, with and without an ack, with and without the instructor token, and floods per socket.
 * After each batch: the lab still answers, no real peer was evicted or impersonated, nothing
 * was accepted that should not be, and memory stayed bounded. Bounded: a fixed list of inputs,
 * no loops on time, well under 30 s. Prints its counts for the note.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import bencode from 'bencode';
import { io as connect, type Socket } from 'socket.io-client';
import { MAX_PER_ATTENDEE } from '../../lab-server/shared-torrents';
import type { ClientToServerEvents } from '../../lib/protocol';
import type { SwarmSnapshot } from '../../lib/swarm-model';
import { startTestLab, type TestLab } from '../support/lab';

type EventName = keyof ClientToServerEvents;
/** A raw client: the point is to send what the typed protocol would never let a page send. */
type Raw = Socket & { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };

/** Every client event; the typed map makes a new event without an entry here a type error. */
const EVENTS: Record<EventName, { instructor: boolean }> = {
  'peer:hello': { instructor: false },
  'peer:progress': { instructor: false },
  'projector:watch': { instructor: false },
  'slides:watch': { instructor: false },
  'slides:move': { instructor: true },
  'share:register': { instructor: false },
  'share:watch': { instructor: false },
  'share:moderate': { instructor: true },
  'share:seedbox': { instructor: true },
  'privacy:set': { instructor: true },
  'experiment:watch': { instructor: false },
  'experiment:set': { instructor: true },
  'experiment:kick': { instructor: true },
  'experiment:round': { instructor: true },
  'experiment:reset': { instructor: true },
  'peer:connectivity': { instructor: false },
  'connectivity:watch': { instructor: false },
  'wires:watch': { instructor: false },
};

/** A real, readable .torrent of a made-up 1-byte file, as /share would register it. */
function validRegistration(name: string) {
  const info = { length: 1, name, 'piece length': 16384, pieces: randomBytes(20) };
  const infoHash = createHash('sha1').update(bencode.encode(info)).digest('hex');
  return {
    infoHash,
    name,
    length: 1,
    pieceCount: 1,
    pieceLength: 16384,
    torrentFile: Buffer.from(bencode.encode({ info })).toString('base64'),
    nickname: 'Spammer',
  };
}

const hex = (n: number) => randomBytes(n).toString('hex');
const deep = (depth: number): unknown => (depth === 0 ? 1 : { a: deep(depth - 1) });

/** Wrong types, missing and oversized fields, hostile shapes: none of these is a valid message. */
function garbage(seederId: string, victimId: string): unknown[] {
  return [
    undefined,
    null,
    0,
    -1,
    1e308,
    true,
    'x',
    'x'.repeat(100_000),
    [],
    [1, 2, 3],
    {},
    deep(60),
    JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
    { peerId: 42, nickname: ['a'] },
    { peerId: seederId.toUpperCase(), nickname: 'x'.repeat(300) },
    { peerId: victimId, nickname: '\u202e\u0000', client: 'x'.repeat(500) },
    { infoHash: 'zz'.repeat(20), bitfield: '!!', downloaded: -1 },
    { deck: '../../etc/passwd', slide: 1.5, step: -1, sender: '<x>', seq: 2 ** 53 },
    { deck: 'intro', slide: 1, step: 0, sender: 'a', seq: Number.MAX_SAFE_INTEGER },
    { infoHash: hex(20), name: '', length: -1, pieceCount: 0, pieceLength: 0, torrentFile: '!' },
    { infoHash: hex(20), action: 'delete-everything' },
    { infoHash: 'nope', on: 'yes' },
    { showAddresses: 'true' },
    { seederUploadLimit: 1, strategy: 'random', freeRider: { peerId: seederId, on: 'x' } },
    { peerId: seederId, extra: 1 },
  ];
}

describe('abuse: every socket event against a real lab on loopback', () => {
  let t: TestLab;
  let shareDir: string;
  let seederId: string;
  let labTorrent: string;
  const pages: { socket: Raw; peerId: string; nickname: string }[] = [];
  const extra: Raw[] = [];
  const counts = { inputs: 0, crashes: 0, wrongAcceptances: [] as string[], rssBefore: 0 };

  const open = async (token?: string): Promise<Raw> => {
    const socket = connect(t.base, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: token ? { token } : {},
    }) as Raw;
    extra.push(socket);
    socket.once('disconnect', () => extra.splice(extra.indexOf(socket), 1));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };

  const swarm = async () => (await (await fetch(`${t.base}/api/swarm`)).json()) as SwarmSnapshot;

  /** The invariants every batch must leave intact. */
  const stillHealthy = async (batch: string) => {
    const health = await fetch(`${t.base}/api/health`);
    assert.equal(health.status, 200, `${batch}: /api/health answered ${health.status}`);
    const probe = await open();
    const state = (await probe.timeout(5000).emitWithAck('experiment:watch')) as {
      seederStopped: boolean;
      seederPaused: boolean;
      seederUploadLimit: number | null;
      strategy: string;
      freeRiders: string[];
      round: number;
    };
    probe.disconnect();
    assert.deepEqual(
      {
        stopped: state.seederStopped,
        paused: state.seederPaused,
        limit: state.seederUploadLimit,
        strategy: state.strategy,
        freeRiders: state.freeRiders,
        round: state.round,
      },
      { stopped: false, paused: false, limit: null, strategy: 'rarest', freeRiders: [], round: 1 },
      `${batch}: an experiment changed`,
    );
    const snap = await swarm();
    const seeder = snap.peers.find((p) => p.id === seederId);
    assert.equal(seeder?.kind, 'seeder', `${batch}: the seeder was evicted or impersonated`);
    assert.equal(seeder?.nickname, 'Instructor seeder', `${batch}: the seeder was renamed`);
    for (const page of pages) {
      const peer = snap.peers.find((p) => p.id === page.peerId);
      assert.equal(peer?.nickname, page.nickname, `${batch}: ${page.nickname} was overwritten`);
      assert.ok(page.socket.connected, `${batch}: ${page.nickname}'s socket was dropped`);
    }
    const known = new Set(snap.peers.map((p) => p.id));
    for (const e of snap.edges)
      assert.ok(known.has(e.from) && known.has(e.to), `${batch}: an edge to a made-up peer`);
    const index = (await (await fetch(`${t.base}/api/shared`)).json()) as {
      entries: { infoHash: string }[];
      showAddresses: boolean;
    };
    assert.equal(index.showAddresses, false, `${batch}: the privacy switch flipped`);
    assert.ok(
      index.entries.some((e) => e.infoHash === labTorrent),
      `${batch}: the lab's own torrent was evicted`,
    );
    assert.ok(index.entries.length <= 25, `${batch}: ${index.entries.length} index entries`);
    const rss = process.memoryUsage().rss;
    assert.ok(
      rss - counts.rssBefore < 200 * 1024 * 1024,
      `${batch}: RSS grew by ${((rss - counts.rssBefore) / 2 ** 20).toFixed(0)} MiB`,
    );
    assert.deepEqual(counts.wrongAcceptances, [], `${batch}: accepted what it should not have`);
    assert.deepEqual(t.errors, [], `${batch}: the lab's own code failed`);
  };

  before(async () => {
    shareDir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-abuse-'));
    writeFileSync(path.join(shareDir, 'handout.bin'), randomBytes(64 * 1024));
    t = await startTestLab({
      host: '127.0.0.1',
      publicAddress: '127.0.0.1',
      packMiB: 1,
      alsoShare: [shareDir],
    });
    // This suite sends bad data on purpose: client warnings are the point, errors are not.
    t.expectWarning(/refused|too many/);
    process.on('uncaughtException', () => counts.crashes++);
    const snap = await swarm();
    seederId = snap.peers.find((p) => p.kind === 'seeder')!.id;
    const index = (await (await fetch(`${t.base}/api/shared`)).json()) as {
      entries: { infoHash: string }[];
    };
    labTorrent = index.entries[0]!.infoHash;
    for (const nickname of ['Ada', 'Grace']) {
      const socket = await open();
      const peerId = hex(20);
      const reply = (await socket.emitWithAck('peer:hello', { peerId, nickname })) as {
        ok: boolean;
      };
      assert.equal(reply.ok, true);
      pages.push({ socket, peerId, nickname });
    }
    counts.rssBefore = process.memoryUsage().rss;
  });

  after(async () => {
    for (const s of extra) s.disconnect();
    const rssAfter = process.memoryUsage().rss;
    console.log(
      `abuse-sockets: ${counts.inputs} inputs tried, ${counts.crashes} crashes, ` +
        `${counts.wrongAcceptances.length} wrong acceptances, lab errors ${t.errors.length}, ` +
        `RSS ${(counts.rssBefore / 2 ** 20).toFixed(0)} MiB before, ${(rssAfter / 2 ** 20).toFixed(0)} MiB after`,
    );
    await t.close();
    rmSync(shareDir, { recursive: true, force: true });
  });

  /** Sends one input; with an ack it waits for the reply (or a short timeout) and checks it. */
  const attempt = async (
    socket: Raw,
    event: EventName,
    payload: unknown,
    withAck: boolean,
    label: string,
  ) => {
    counts.inputs++;
    const args = payload === undefined ? [] : [payload];
    if (!withAck) return void socket.emit(event, ...args);
    const reply = (await socket
      .timeout(1000)
      .emitWithAck(event, ...args)
      .catch(() => null)) as { ok?: unknown } | null;
    // Watch events answer with state, and progress has no ack: only `ok` replies are verdicts.
    if (reply && typeof reply === 'object' && reply.ok === true)
      counts.wrongAcceptances.push(`${label}: ${event} ${JSON.stringify(payload)?.slice(0, 80)}`);
  };

  for (const withToken of [false, true]) {
    test(`wrong types, missing and oversized fields, ${withToken ? 'with' : 'without'} the token`, async () => {
      for (const event of Object.keys(EVENTS) as EventName[]) {
        for (const payload of garbage(seederId, pages[0]!.peerId)) {
          // With the token, no message is a real new round or reset, and {} an empty change.
          if (withToken && (payload === undefined || JSON.stringify(payload) === '{}')) continue;
          // A fresh socket per input: each event's own checks are tried, not the rate limit.
          const socket = await open(withToken ? t.running.instructorToken : undefined);
          for (const withAck of [true, false])
            await attempt(socket, event, payload, withAck, withToken ? 'token' : 'anonymous');
          socket.disconnect();
        }
      }
      await stillHealthy(`garbage ${withToken ? 'with' : 'without'} token`);
    });
  }

  test('valid messages without the token change nothing', async () => {
    const socket = await open();
    const valid: [EventName, unknown][] = [
      ['privacy:set', { showAddresses: true }],
      ['experiment:set', { seederPaused: true }],
      ['experiment:set', { strategy: 'sequential' }],
      ['experiment:kick', { peerId: pages[0]!.peerId }],
      ['experiment:round', undefined],
      ['experiment:reset', undefined],
      ['share:moderate', { infoHash: labTorrent, action: 'remove' }],
      ['share:seedbox', { on: true }],
      ['slides:move', { deck: 'intro', slide: 1, step: 0, sender: 'x', seq: 1 }],
    ];
    for (const [event, payload] of valid) {
      await attempt(socket, event, payload, true, 'anonymous valid');
      await attempt(socket, event, payload, false, 'anonymous valid, no ack');
    }
    await stillHealthy('valid without token');
  });

  test('impersonation: hello with the seeder’s or another page’s peer id is refused', async () => {
    const socket = await open();
    for (const peerId of [seederId, pages[0]!.peerId, pages[1]!.peerId]) {
      await attempt(socket, 'peer:hello', { peerId, nickname: 'Mallory' }, true, 'impersonation');
      await attempt(socket, 'peer:hello', { peerId, nickname: 'Mallory' }, false, 'impersonation');
    }
    // Leaving must not take the victims with it.
    socket.disconnect();
    await new Promise((r) => setTimeout(r, 300));
    await stillHealthy('impersonation');
  });

  test('floods per socket: progress, projector:watch, hello, share:register, slide moves', async () => {
    const flooder = await open(t.running.instructorToken);
    const fakeId = hex(20);
    await flooder.emitWithAck('peer:hello', { peerId: fakeId, nickname: 'Flood' });
    const infoHash = (await swarm()).torrent!.infoHash;
    const edges = Array.from({ length: 200 }, () => ({ from: hex(20), bytes: 1, rate: 1 }));
    for (let i = 0; i < 2000; i++) {
      counts.inputs++;
      flooder.emit('peer:progress', {
        infoHash,
        bitfield: '',
        downloaded: i,
        uploaded: 0,
        downloadRate: 0,
        uploadRate: 0,
        incoming: edges,
      });
    }
    const watches = await Promise.all(
      Array.from({ length: 500 }, () => {
        counts.inputs++;
        return flooder
          .timeout(5000)
          .emitWithAck('projector:watch')
          .catch(() => null);
      }),
    );
    const snapshots = watches.filter((w) => w && typeof w === 'object' && 'peers' in w).length;
    assert.ok(snapshots <= 5, `${snapshots} snapshots served to one socket`);
    for (let i = 0; i < 200; i++)
      await attempt(flooder, 'peer:hello', { peerId: hex(20), nickname: `n${i}` }, false, 'flood');
    // A burst of moves with huge sequence jumps from the instructor's own socket.
    for (let i = 0; i < 50; i++)
      await attempt(
        flooder,
        'slides:move',
        { deck: 'intro', slide: 1, step: 0, sender: 'x', seq: 2 ** 40 + i },
        true,
        'seq jump',
      );
    await new Promise((r) => setTimeout(r, 300));
    const snap = await swarm();
    assert.ok(snap.peers.length < 10, `${snap.peers.length} peers after the hello flood`);
    flooder.disconnect();
    await stillHealthy('floods');
  });

  test('share:register spam: capped per attendee, and the lab’s own torrent stays', async () => {
    // Issue 13 §2.5: 520 registrations evicted the instructor's --also-share torrent.
    let accepted = 0;
    for (let s = 0; s < 12; s++) {
      // Many sockets of one attendee (one address): the cap is per attendee, not per socket.
      const socket = await open();
      for (let i = 0; i < 6; i++) {
        counts.inputs++;
        const reply = (await socket.emitWithAck(
          'share:register',
          validRegistration(`spam ${s}.${i}`),
        )) as { ok: boolean };
        if (reply.ok) accepted++;
      }
      socket.disconnect();
    }
    assert.ok(accepted > 0, 'a real attendee can still share');
    assert.ok(accepted <= MAX_PER_ATTENDEE, `${accepted} shares from one attendee`);
    await stillHealthy('share spam');
  });

  test('a payload above the size limit closes only that socket', async () => {
    const socket = await open();
    const closed = new Promise<string>((r) => socket.once('disconnect', r));
    counts.inputs++;
    socket.emit('peer:hello', { peerId: hex(20), nickname: 'x'.repeat(400_000) });
    assert.match(await closed, /transport/);
    await stillHealthy('oversized');
  });
});
