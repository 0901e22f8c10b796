/**
 * The truth on the projector: a class in a classroom of network namespaces — three bots (WebRTC
 * peers, as browsers are) and aria2, Transmission, qBittorrent and python3-libtorrent, each on a
 * host of its own — and what the lab reports (/api/swarm, /api/completion, the recording)
 * compared with what each client measured itself: when it finished, how many bytes it received
 * and how many of those came from the seeder (tests/support/truth-clients.ts says how each
 * client knows). Runs on the lab host of a classroom (`npm run test:integration` puts it there).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { io as connect, type Socket } from 'socket.io-client';
import {
  completionFigures,
  emptyTrack,
  trackCompletion,
  type CompletionFigures,
  type CompletionTrack,
} from '../../lib/completion';
import { CompletionReply } from '../../lib/completion-schema';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/protocol';
import { buildTimeline, parseRecording } from '../../lib/recording';
import type { PeerState, SwarmSnapshot } from '../../lib/swarm-model';
import { workShare } from '../../lib/swarm-stats';
import { joinClassroom } from '../support/classroom';
import { startTestLab } from '../support/lab';
import {
  seederOnly,
  startAria2,
  startLibtorrent,
  startQbittorrent,
  startTransmission,
  startTruthBot,
  type TruthClient,
} from '../support/truth-clients';

const PACK_MIB = 8;
/** The seeder's limit: the class takes ~30 s, so a second of lag is within 5 % of a finish. */
const SEEDER_LIMIT = 1024 * 1024;
const BOTS = ['Ada', 'Grace', 'Linus'];
const DEADLINE_MS = 240_000;
/** A desktop client is at 100% on the projector this soon after it finished. */
const SHOWN_WITHIN_MS = 3000;

const hostOf = (address: string | null) =>
  address ? address.replace(/^\[|\]?:\d+$/g, '').replace(/\]$/, '') : null;

const within = (actual: number, truth: number, fraction: number) =>
  Math.abs(actual - truth) <= fraction * Math.abs(truth);

test('what the lab reports agrees with what the clients measured themselves', async () => {
  const room = joinClassroom();
  const lab = await startTestLab({ packMiB: PACK_MIB });
  // A webtorrent client whose tracker socket reconnects (new round, a dropped socket) announces
  // its peer id on the new socket before the lab has seen the old one close: the tracker refuses
  // it until then, with this warning, and the client's next announce gets in. Known; see the
  // tracker's peer-id ownership (lab-server/tracker-ws.ts).
  lab.expectWarning(/^WebSocket tracker: this peer_id belongs to another connection$/);
  // The bots (WebRTC, like browsers) keep offering the seeder new connections while they run
  // (webtorrent announces with offers); one stopped in mid-handshake at the end closes the
  // seeder's half with this warning (seen once in CI, after every figure had been checked).
  // "Ice connection failed" would still count.
  lab.expectWarning(/^Connection error: Ice connection closed\.$/);
  const work = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-truth-'));
  const clients: TruthClient[] = [];
  let instructor: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  try {
    const get = async <T>(p: string) => (await (await fetch(`${lab.base}${p}`)).json()) as T;
    instructor = connect(lab.base, {
      transports: ['websocket'],
      auth: { token: lab.running.instructorToken },
    });
    const limited = await instructor.emitWithAck('experiment:set', {
      seederUploadLimit: SEEDER_LIMIT,
    });
    assert.equal(limited.ok, true, limited.error);
    // Addresses in /api/swarm: how this test tells the desktop clients' hosts apart.
    const shown = await instructor.emitWithAck('privacy:set', { showAddresses: true });
    assert.equal(shown.ok, true, shown.error);

    const first = await get<SwarmSnapshot>('/api/swarm');
    const seederId = first.peers.find((p) => p.kind === 'seeder')!.id;
    const torrent = first.torrent!;
    const torrentFile = path.join(work, 'class.torrent');
    writeFileSync(
      torrentFile,
      Buffer.from(await (await fetch(`${lab.base}/class.torrent`)).arrayBuffer()),
    );
    const labHost = lab.running.address;

    for (const nickname of BOTS)
      clients.push(
        startTruthBot(
          room.addHost({ label: nickname.toLowerCase() }),
          lab.base,
          nickname,
          seederId,
        ),
      );
    clients.push(startLibtorrent(room.addHost({ label: 'lt' }), torrentFile, 6881, labHost));
    const fenced = (label: string) => {
      const host = room.addHost({ label });
      seederOnly(host, labHost);
      return host;
    };
    clients.push(startAria2(fenced('aria2'), torrentFile, 6881, torrent.length));
    clients.push(startTransmission(fenced('tr'), torrentFile, 51413, torrent.length));
    clients.push(startQbittorrent(fenced('qbt'), torrentFile, 8999, torrent.length));
    const desktops = clients.filter((c) => c.kind === 'desktop');

    // Watch as a projector open throughout would, four times a second.
    let local: CompletionTrack = emptyTrack();
    let lastSeeder = 0;
    let last = first;
    const shownFullAt = new Map<string, number>();
    const entries = (s: SwarmSnapshot, c: TruthClient): PeerState[] =>
      s.peers.filter((p) => p.kind === 'desktop' && hostOf(p.address) === c.host.address);
    const started = Date.now();
    let allDoneAt: number | null = null;
    while (Date.now() - started < DEADLINE_MS) {
      const s = await get<SwarmSnapshot>('/api/swarm');
      last = s;
      local = trackCompletion(local, s);
      const seeder = s.peers.find((p) => p.kind === 'seeder');
      assert.ok(seeder, 'the seeder is in the swarm');
      assert.ok(
        seeder.uploaded >= lastSeeder,
        `the seeder's total went down: ${lastSeeder} → ${seeder.uploaded}`,
      );
      lastSeeder = seeder.uploaded;
      for (const c of desktops) {
        const seen = entries(s, c);
        assert.ok(
          seen.length <= 1,
          `${c.name} appears ${seen.length} times: ${seen.map((p) => `${p.id.slice(0, 16)} ${p.address} ${p.have}`).join(', ')}`,
        );
        if (seen[0] && seen[0].have === torrent.pieceCount && !shownFullAt.has(c.name))
          shownFullAt.set(c.name, Date.now());
      }
      if (allDoneAt === null && clients.every((c) => c.report().finishedAt !== null))
        allDoneAt = Date.now();
      // Past the last finish by more than the allowed lag: every desktop must be shown by now.
      if (allDoneAt !== null && Date.now() - allDoneAt > SHOWN_WITHIN_MS + 1000) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const unfinished = clients.filter((c) => c.report().finishedAt === null);
    assert.deepEqual(
      unfinished.map((c) => c.name),
      [],
      unfinished.map((c) => `${c.name}:\n${c.output().slice(-2000)}`).join('\n'),
    );

    // Every desktop client exactly once, at 100% within a few seconds of its own finish.
    for (const c of desktops) {
      assert.equal(
        entries(last, c).length,
        1,
        `${c.name} (${c.host.address}) is on the projector once; desktop entries: ${last.peers
          .filter((p) => p.kind !== 'seeder' && p.kind !== 'bot')
          .map((p) => `${p.kind} ${p.client} ${p.address} ${p.have}`)
          .join('; ')}\n${c.output().slice(-1500)}`,
      );
      const shown = shownFullAt.get(c.name);
      const finished = c.report().finishedAt!;
      assert.ok(shown, `${c.name} reached 100% on the projector`);
      assert.ok(
        shown - finished <= SHOWN_WITHIN_MS,
        `${c.name} finished at ${finished} and showed 100% ${shown - finished} ms later`,
      );
    }

    // The lab's chart, as a projector opened now reads it, and as one open throughout saw it.
    const late = CompletionReply.parse(await get('/api/completion')).track;
    const lateFigures = completionFigures(late, last) as CompletionFigures;
    const localFigures = completionFigures(local, last) as CompletionFigures;
    assert.ok(lateFigures && localFigures, 'both charts have figures');
    for (const key of ['clientServer', 'p2p', 'seedUpload', 'n', 'finished'] as const)
      assert.ok(
        within(lateFigures[key] as number, localFigures[key] as number, 0.05),
        `${key}: ${lateFigures[key]} opened late vs ${localFigures[key]} open throughout`,
      );
    assert.ok(
      within(lateFigures.seedUpload, SEEDER_LIMIT, 0.25),
      `the seeder's speed on the chart is ${lateFigures.seedUpload} B/s, its limit ${SEEDER_LIMIT}`,
    );

    // Finish times on the chart against each client's own, from the same start.
    const startedAt = late.startedAt!;
    for (const c of clients) {
      const r = c.report();
      const id = r.peerId ?? entries(last, c)[0]?.id;
      const finish = late.finishes.find((f) => f.id === id);
      assert.ok(finish, `${c.name}'s finish is on the chart`);
      const truth = (r.finishedAt! - startedAt) / 1000;
      assert.ok(
        within(finish.seconds, truth, 0.05),
        `${c.name}: the chart says ${finish.seconds.toFixed(2)} s, the client ${truth.toFixed(2)} s`,
      );
    }

    // The class's share of the bytes against what the clients received from whom.
    const reports = clients.map((c) => c.report());
    const received = reports.reduce((n, r) => n + r.received, 0);
    const fromSeeder = reports.reduce((n, r) => n + r.fromSeeder, 0);
    const truthShare = 1 - fromSeeder / received;
    const labShare = workShare(last).classFraction;
    assert.ok(
      Math.abs(labShare - truthShare) <= 0.05,
      `class share: the lab says ${(labShare * 100).toFixed(1)} %, the clients ${(truthShare * 100).toFixed(1)} %`,
    );

    // The recording, the lab's history on disk: the seeder's total never goes down in it either.
    const list = await get<{ recordings: { id: string; live: boolean }[] }>('/api/recordings');
    const live = list.recordings.find((r) => r.live)!;
    const text = await (await fetch(`${lab.base}/api/recordings/${live.id}.json`)).text();
    const lines = (JSON.parse(text) as { lines: unknown[] }).lines;
    const timeline = buildTimeline(
      parseRecording(lines.map((l) => JSON.stringify(l)).join('\n')).lines,
    );
    let before = 0;
    for (const frame of timeline!.frames) {
      const s = frame.peers.find((p) => p.kind === 'seeder');
      if (!s) continue;
      assert.ok(s.uploaded >= before, `recorded seeder total went down at ${frame.at}`);
      before = s.uploaded;
    }
    console.log(
      `# truth: ${clients.length} clients; class share lab ${(labShare * 100).toFixed(1)} % vs clients ${(truthShare * 100).toFixed(1)} %; ` +
        clients
          .map((c) => `${c.name} ${((c.report().finishedAt! - startedAt) / 1000).toFixed(1)} s`)
          .join(', '),
    );
  } finally {
    instructor?.disconnect();
    await Promise.all(clients.map((c) => c.stop()));
    await lab.close();
    await room.close();
    rmSync(work, { recursive: true, force: true });
  }
});
