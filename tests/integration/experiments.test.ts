/**
 * Instructor experiments against a real lab and real webtorrent peers: only the token holder may
 * change them, bad input is refused with a reason, and each one really changes the swarm
 * (a throttled seeder uploads slower, a stopped one uploads nothing and leaves the model, a
 * kicked desktop peer loses its wire, a new round is a new torrent the seeder really seeds).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import parseTorrent from 'parse-torrent';
import { io as connect, type Socket } from 'socket.io-client';
import WebTorrent, { type Torrent } from 'webtorrent';
import { startBot } from '../../lab-server/bots';
import { KICKED, NOT_INSTRUCTOR } from '../../lab-server/experiments';
import { DEFAULT_EXPERIMENTS, type ExperimentState } from '../../lib/experiments';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/protocol';
import type { SwarmSnapshot } from '../../lib/swarm-model';
import { startLibtorrent, type DesktopClient } from '../support/desktop-clients';
import { bytesParam, freePort } from '../support/net';
import { startTestLab, waitFor, type TestLab } from '../support/lab';

type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface DesktopPeer {
  torrent: Torrent;
  peerId: string;
  close(): Promise<void>;
}

/** A real desktop-style peer: TCP, found through the lab's HTTP tracker. */
async function desktopPeer(t: TestLab, torrentFile?: Buffer): Promise<DesktopPeer> {
  torrentFile ??= Buffer.from(await (await fetch(`${t.base}/class.torrent`)).arrayBuffer());
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
  const torrent: Torrent = client.add(torrentFile, {
    path: dir,
    announce: [t.running.info.trackers.http],
  });
  return {
    torrent,
    peerId: client.peerId as string,
    close: async () => {
      await new Promise((r) => client.destroy(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const done = (torrent: Torrent) =>
  new Promise<void>((resolve, reject) => {
    if (torrent.done) return resolve();
    torrent.once('done', () => resolve());
    torrent.once('error', reject);
  });

async function timedDownload(t: TestLab): Promise<number> {
  const peer = await desktopPeer(t);
  try {
    const started = Date.now();
    await done(peer.torrent);
    return (Date.now() - started) / 1000;
  } finally {
    await peer.close();
  }
}

const swarm = async (t: TestLab) =>
  (await (await fetch(`${t.base}/api/swarm`)).json()) as SwarmSnapshot;

describe('instructor experiments', () => {
  let t: TestLab;
  const sockets: LabSocket[] = [];
  const open = (token?: string): LabSocket => {
    const s: LabSocket = connect(t.base, {
      transports: ['websocket'],
      auth: token ? { token } : {},
    });
    sockets.push(s);
    return s;
  };
  /** Connected, so it sees the next broadcast. */
  const watch = async () => {
    const s = open();
    if (!s.connected) await new Promise((r) => s.once('connect', () => r(null)));
    return s;
  };
  let instructor: LabSocket;
  const reset = async () => {
    const reply = await instructor.emitWithAck('experiment:reset');
    assert.equal(reply.ok, true, reply.error);
  };

  before(async () => {
    t = await startTestLab({ packMiB: 2 });
    // A webtorrent client whose tracker socket reconnects (new round, a dropped socket) announces
    // its peer id on the new socket before the lab has seen the old one close: the tracker refuses
    // it until then, with this warning, and the client's next announce gets in. Known; see the
    // tracker's peer-id ownership (lab-server/tracker-ws.ts).
    t.expectWarning(/^WebSocket tracker: this peer_id belongs to another connection$/);
    instructor = open(t.running.instructorToken);
  });
  after(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  test('without the token, every control is refused and nothing changes', async () => {
    t.expectWarning(/experiment:\w+ refused: Only the instructor/);
    const attendee = open('a-wrong-token-of-some-length');
    const before = await open().emitWithAck('experiment:watch');
    const peerId = 'ab'.repeat(20);
    const replies = [
      await attendee.emitWithAck('experiment:set', { seederPaused: true }),
      await attendee.emitWithAck('experiment:set', { seederStopped: true }),
      await attendee.emitWithAck('experiment:set', { strategy: 'sequential' }),
      await attendee.emitWithAck('experiment:set', { encryption: 'off' }),
      await attendee.emitWithAck('experiment:set', { freeRider: { peerId, on: true } }),
      await attendee.emitWithAck('experiment:kick', { peerId }),
      await attendee.emitWithAck('experiment:round'),
      await attendee.emitWithAck('experiment:reset'),
    ];
    for (const reply of replies) {
      assert.equal(reply.ok, false);
      assert.equal(reply.error, NOT_INSTRUCTOR);
    }
    const after = await open().emitWithAck('experiment:watch');
    assert.deepEqual(after, before);
    assert.deepEqual(after, {
      ...DEFAULT_EXPERIMENTS,
      round: 1,
      infoHash: t.running.info.torrent!.infoHash,
    });
    assert.ok((await swarm(t)).peers.some((p) => p.kind === 'seeder'));
  });

  test('bad values are refused with a reason, and the lab keeps serving', async () => {
    t.expectWarning(/experiment:(set|kick) refused/);
    const cases: [keyof ClientToServerEvents, unknown, RegExp][] = [
      ['experiment:set', { seederUploadLimit: 10 }, /pause the seeder instead/],
      ['experiment:set', { strategy: 'random' }, /"rarest" or "sequential"/],
      ['experiment:set', { encryption: 'sometimes' }, /"off", "preferred" or "required"/],
      ['experiment:set', { seederStopped: 'yes' }, /seederStopped/],
      ['experiment:set', { freeRider: { peerId: 'nope', on: true } }, /40 hex/],
      ['experiment:set', { freeRider: { peerId: 'cd'.repeat(20), on: true } }, /no such peer/],
      ['experiment:set', { colour: 'red' }, /colour|unrecognized/i],
      ['experiment:kick', { peerId: 'cd'.repeat(20) }, /no such peer/],
      ['experiment:kick', 'everyone', /expected object/i],
    ];
    for (const [event, msg, reason] of cases) {
      const reply = await (instructor.emitWithAck as (e: string, m: unknown) => Promise<never>)(
        event,
        msg,
      );
      const r = reply as { ok: boolean; error?: string };
      assert.equal(r.ok, false, `${event} ${JSON.stringify(msg)} was accepted`);
      assert.match(r.error ?? '', reason);
    }
    const seeder = (await swarm(t)).peers.find((p) => p.kind === 'seeder')!;
    const kickSeeder = await instructor.emitWithAck('experiment:kick', { peerId: seeder.id });
    assert.match(kickSeeder.error ?? '', /stop the seeder instead/);
    const health = await fetch(`${t.base}/api/health`);
    assert.equal(health.status, 200);
    await health.body?.cancel();
  });

  test('a throttled seeder uploads no faster than its limit to a real peer', async () => {
    const watcher = await watch();
    const seen = new Promise<ExperimentState>((resolve) => watcher.on('experiment:state', resolve));
    const limit = 512 * 1024;
    const reply = await instructor.emitWithAck('experiment:set', { seederUploadLimit: limit });
    assert.equal(reply.ok, true);
    assert.equal((await seen).seederUploadLimit, limit);

    // 2 MiB at 512 KiB/s takes 4 s; allow the throttle's first burst, never a free ride.
    const seconds = await timedDownload(t);
    assert.ok(
      seconds >= 2.5,
      `downloaded 2 MiB in ${seconds.toFixed(2)} s through a 512 KiB/s limit`,
    );

    await reset();
    const unthrottled = await timedDownload(t);
    assert.ok(
      unthrottled < seconds,
      `without the limit: ${unthrottled.toFixed(2)} s, with it: ${seconds.toFixed(2)} s`,
    );
  });

  test('a stopped seeder leaves the model and serves nothing; started again, it serves', async () => {
    const stopped = await instructor.emitWithAck('experiment:set', { seederStopped: true });
    assert.equal(stopped.ok, true, stopped.error);
    assert.equal(stopped.state.seederStopped, true);
    assert.equal((await swarm(t)).peers.filter((p) => p.kind === 'seeder').length, 0);

    const peer = await desktopPeer(t);
    try {
      await new Promise((r) => setTimeout(r, 3000));
      assert.equal(peer.torrent.downloaded, 0, 'a peer got data from a stopped seeder');
      assert.equal(peer.torrent.numPeers, 0, 'the tracker still hands out the stopped seeder');

      const started = await instructor.emitWithAck('experiment:set', { seederStopped: false });
      assert.equal(started.ok, true, started.error);
      await waitFor('the seeder back in the model', async () =>
        (await swarm(t)).peers.some((p) => p.kind === 'seeder'),
      );
      // The peer finds the seeder at its next announce; ask for it now rather than in a minute.
      peer.torrent.discovery.tracker!.update();
      await done(peer.torrent);
    } finally {
      await peer.close();
      await reset();
    }
  });

  test('super-seeding is the default; switched off, or for in-order picking, the seeder shows a connected peer every piece', async () => {
    const pieceCount = t.running.info.torrent!.pieceCount;
    const seederId = (await swarm(t)).peers.find((p) => p.kind === 'seeder')!.id;
    /** What the desktop client itself was told the seeder has (its wire's peer bitfield). */
    const advertised = (peer: DesktopPeer) => {
      // Its other wires go to the other test peers.
      const wire = peer.torrent.wires.find((w) => w.peerId === seederId);
      if (!wire) return -1;
      let n = 0;
      for (let i = 0; i < pieceCount; i++) if (wire.peerPieces.get(i)) n++;
      return n;
    };
    const connected = async (peer: DesktopPeer) => {
      await waitFor('the peer’s wire to the seeder', () => advertised(peer) >= 0, 10_000);
      // The seeder's first word and its first reveals.
      await new Promise((r) => setTimeout(r, 1000));
      return advertised(peer);
    };
    // Slow enough that no peer finishes (and learns pieces by downloading them) meanwhile.
    await instructor.emitWithAck('experiment:set', { seederUploadLimit: 16 * 1024 });
    const peers: DesktopPeer[] = [];
    try {
      assert.equal((await open().emitWithAck('experiment:watch')).superSeed, true);
      const first = await desktopPeer(t);
      peers.push(first);
      const hidden = await connected(first);
      assert.ok(hidden > 0 && hidden < pieceCount, `the seeder showed ${hidden} of ${pieceCount}`);
      // The projector still tells the truth: the seeder holds every piece.
      const seederEntry = (await swarm(t)).peers.find((p) => p.kind === 'seeder')!;
      assert.equal(seederEntry.have, pieceCount);

      const off = await instructor.emitWithAck('experiment:set', { superSeed: false });
      assert.equal(off.ok, true, off.error);
      assert.equal(off.state.superSeed, false);
      await waitFor(
        'every piece shown to the connected peer',
        () => advertised(first) === pieceCount,
        5000,
      );

      // On again: the connected peer keeps what it was told; a newcomer plays the game again.
      await instructor.emitWithAck('experiment:set', { superSeed: true });
      const second = await desktopPeer(t);
      peers.push(second);
      const again = await connected(second);
      assert.ok(again < pieceCount, `a newcomer was shown ${again} of ${pieceCount}`);
      assert.equal(advertised(first), pieceCount);

      // In-order picking needs the whole seed in view: the seeder reveals everything, live…
      const sequential = await instructor.emitWithAck('experiment:set', { strategy: 'sequential' });
      assert.equal(sequential.ok, true, sequential.error);
      await waitFor(
        'every piece shown to the second peer',
        () => advertised(second) === pieceCount,
        5000,
      );
      // …and to anyone who joins while it runs.
      const third = await desktopPeer(t);
      peers.push(third);
      assert.equal(await connected(third), pieceCount);
    } finally {
      await Promise.all(peers.map((p) => p.close()));
      await reset();
    }
    assert.equal((await open().emitWithAck('experiment:watch')).superSeed, true, 'reset: on again');
  });

  test('strategy and free-riders reach every page; only a live browser peer can be marked', async () => {
    t.expectWarning(/experiment:set refused/);
    const browser = await watch();
    const peerId = '12'.repeat(20);
    assert.equal((await browser.emitWithAck('peer:hello', { peerId, nickname: 'Rider' })).ok, true);
    const states: ExperimentState[] = [];
    browser.on('experiment:state', (s) => states.push(s));

    const strategy = await instructor.emitWithAck('experiment:set', { strategy: 'sequential' });
    assert.equal(strategy.state.strategy, 'sequential');
    const marked = await instructor.emitWithAck('experiment:set', {
      freeRider: { peerId, on: true },
    });
    assert.deepEqual(marked.state.freeRiders, [peerId]);
    await waitFor('both changes on the page', () => states.length >= 2);
    assert.equal(states.at(-1)!.strategy, 'sequential');
    assert.deepEqual(states.at(-1)!.freeRiders, [peerId]);

    const unmarked = await instructor.emitWithAck('experiment:set', {
      freeRider: { peerId, on: false },
    });
    assert.deepEqual(unmarked.state.freeRiders, []);

    const seeder = (await swarm(t)).peers.find((p) => p.kind === 'seeder')!;
    const refused = await instructor.emitWithAck('experiment:set', {
      freeRider: { peerId: seeder.id, on: true },
    });
    assert.match(refused.error ?? '', /only browser peers \(and bots\)/);

    await instructor.emitWithAck('experiment:set', { freeRider: { peerId, on: true } });
    await reset();
    const after = await open().emitWithAck('experiment:watch');
    assert.equal(after.strategy, 'rarest');
    assert.deepEqual(after.freeRiders, []);
    browser.disconnect();
  });

  test('a kicked browser page is told and dropped; its later reports do not bring it back', async () => {
    const page = open();
    const peerId = '34'.repeat(20);
    await page.emitWithAck('peer:hello', { peerId, nickname: 'Kicked' });
    await waitFor('the page in the model', async () =>
      (await swarm(t)).peers.some((p) => p.id === peerId),
    );
    const told = new Promise<string>((resolve) => page.on('experiment:kicked', resolve));
    const reply = await instructor.emitWithAck('experiment:kick', { peerId });
    assert.equal(reply.ok, true, reply.error);
    assert.equal(await told, KICKED);
    assert.equal(
      (await swarm(t)).peers.some((p) => p.id === peerId),
      false,
    );

    page.emit('peer:progress', {
      infoHash: t.running.info.torrent!.infoHash,
      bitfield: '',
      downloaded: 0,
      uploaded: 0,
      downloadRate: 0,
      uploadRate: 0,
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(
      (await swarm(t)).peers.some((p) => p.id === peerId),
      false,
    );
    await waitFor('the hub to hang up on the kicked page', () => page.disconnected, 5000);
  });

  test('a kicked desktop peer loses its wire to the seeder and leaves the model', async () => {
    await instructor.emitWithAck('experiment:set', { seederUploadLimit: 64 * 1024 });
    const peer = await desktopPeer(t);
    try {
      await waitFor('the desktop peer in the model', async () =>
        (await swarm(t)).peers.some((p) => p.id === peer.peerId && p.kind === 'desktop'),
      );
      assert.equal(peer.torrent.numPeers, 1);
      const reply = await instructor.emitWithAck('experiment:kick', { peerId: peer.peerId });
      assert.equal(reply.ok, true, reply.error);
      await waitFor('the wire to close', () => peer.torrent.numPeers === 0, 5000);
      const had = peer.torrent.downloaded;
      // It re-announces and redials; the seeder refuses it for the rest of the round.
      peer.torrent.discovery.tracker!.update();
      await new Promise((r) => setTimeout(r, 2000));
      assert.equal(peer.torrent.done, false);
      assert.ok(peer.torrent.downloaded - had < 64 * 1024, 'the kicked peer kept downloading');
      assert.equal(
        (await swarm(t)).peers.some((p) => p.id === peer.peerId),
        false,
      );
    } finally {
      await peer.close();
      await reset();
    }
  });

  test('a new round is a new torrent: registered, seeded, served, and the old one refused', async () => {
    // The old round's torrent is refused by the class-mode tracker.
    t.expectWarning(/classroom tracker/);
    const oldHash = t.running.info.torrent!.infoHash;
    const oldFile = Buffer.from(await (await fetch(`${t.base}/class.torrent`)).arrayBuffer());
    const watcher = await watch();
    const seen = new Promise<ExperimentState>((resolve) => watcher.on('experiment:state', resolve));
    const started = Date.now();
    const reply = await instructor.emitWithAck('experiment:round');
    const seconds = (Date.now() - started) / 1000;
    assert.equal(reply.ok, true, reply.error);
    assert.equal(reply.state.round, 2);
    assert.notEqual(reply.state.infoHash, oldHash);
    assert.equal((await seen).infoHash, reply.state.infoHash);
    console.log(`new round ready in ${seconds.toFixed(2)} s`);

    const newFile = Buffer.from(await (await fetch(`${t.base}/class.torrent`)).arrayBuffer());
    const browserFile = Buffer.from(
      await (await fetch(`${t.base}/class.torrent?for=browser`)).arrayBuffer(),
    );
    const [oldParsed, parsed, browserParsed] = await Promise.all([
      parseTorrent(oldFile),
      parseTorrent(newFile),
      parseTorrent(browserFile),
    ]);
    assert.equal(parsed.infoHash, reply.state.infoHash);
    assert.equal(browserParsed.infoHash, parsed.infoHash);
    assert.deepEqual(parsed.pieces, oldParsed.pieces, 'same files, same pieces');
    const lab = (await (await fetch(`${t.base}/api/lab`)).json()) as {
      torrent: { infoHash: string; magnet: string };
    };
    assert.equal(lab.torrent.infoHash, parsed.infoHash);
    assert.match(lab.torrent.magnet, new RegExp(`btih:${parsed.infoHash}`));
    const snap = await swarm(t);
    assert.equal(snap.torrent?.infoHash, parsed.infoHash);
    assert.ok(snap.peers.some((p) => p.kind === 'seeder'));

    // The tracker refuses the old round; the seeder really seeds the new one.
    const announce = await fetch(
      `${t.running.info.trackers.http}?info_hash=${bytesParam(oldHash)}` +
        `&peer_id=-XX0001-abcdefghijkl&port=6999&uploaded=0&downloaded=0&left=1&compact=1`,
    );
    assert.match(await announce.text(), /failure reason.*classroom tracker/);
    const peer = await desktopPeer(t, newFile);
    try {
      await done(peer.torrent);
    } finally {
      await peer.close();
    }
  });

  test('a kicked libtorrent that restarts with a new peer id is still refused', async () => {
    await instructor.emitWithAck('experiment:set', { seederUploadLimit: 64 * 1024 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-kick-'));
    const torrentFile = path.join(dir, 'class.torrent');
    writeFileSync(
      torrentFile,
      Buffer.from(await (await fetch(`${t.base}/class.torrent`)).arrayBuffer()),
    );
    const port = await freePort();
    // This laptop's client, whatever its peer id: the desktop peer at its listen port (the lab's
    // own model; /api/swarm hides addresses). Earlier tests' clients may linger in the model.
    const atPort = () =>
      t.lab.model
        .snapshot()
        .peers.filter((p) => p.kind === 'desktop' && p.address?.endsWith(`:${port}`))
        .map((p) => p.id);
    let first: DesktopClient | null = await startLibtorrent(torrentFile, undefined, { port });
    let second: DesktopClient | null = null;
    try {
      let firstId = '';
      await waitFor(
        'libtorrent in the model',
        async () => {
          firstId = atPort()[0] ?? '';
          return firstId !== '';
        },
        20_000,
      );
      const reply = await instructor.emitWithAck('experiment:kick', { peerId: firstId });
      assert.equal(reply.ok, true, reply.error);
      await first.stop();
      first = null;
      // The same laptop's client again, at the same listen port: libtorrent picks a new peer id.
      second = await startLibtorrent(torrentFile, undefined, { port });
      await new Promise((r) => setTimeout(r, 12_000));
      // libtorrent's own view: no peer, nothing downloaded (it prints its status every 5 s).
      const status = second
        .output()
        .trim()
        .split('\n')
        .filter((l) => / peers \d+$/.test(l))
        .at(-1);
      assert.match(status ?? '', / 0\.0% peers 0$/, second.output());
      assert.deepEqual(atPort(), [], 'neither peer id is in the model');
    } finally {
      await first?.stop();
      await second?.stop();
      rmSync(dir, { recursive: true, force: true });
      await reset();
    }
  });

  test('a bot (WebRTC, like a browser) follows a new round to 100%, and leaves when kicked', async () => {
    const bot = await startBot(t.base, 'Rehearsal bot');
    try {
      // Up to the tracker's heartbeat (30-60 s) when its first announce was refused (above).
      await waitFor('the bot to finish', () => bot.progress() === 1, 90_000);
      const reply = await instructor.emitWithAck('experiment:round');
      assert.equal(reply.ok, true, reply.error);
      await waitFor('the bot on the new round', () => bot.infoHash() === reply.state.infoHash);
      await waitFor('the bot to finish the new round', () => bot.progress() === 1);
      await waitFor('the bot at 100% in the model', async () => {
        const p = (await swarm(t)).peers.find((x) => x.id === bot.peerId);
        return p && p.have === (await swarm(t)).torrent?.pieceCount;
      });

      const kicked = await instructor.emitWithAck('experiment:kick', { peerId: bot.peerId });
      assert.equal(kicked.ok, true, kicked.error);
      await waitFor('the bot to leave', () => bot.kicked() && bot.infoHash() === null);
      assert.equal(
        (await swarm(t)).peers.some((p) => p.id === bot.peerId),
        false,
      );
    } finally {
      await bot.close();
    }
  });
});
