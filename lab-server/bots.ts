/**
 * `npm run bots -- <lab URL> [count]`: N real WebTorrent peers in Node that join a running lab
 * the way browsers do — over WebRTC through the WebSocket tracker, with a nickname and the same
 * telemetry — for rehearsing a class and for load. Nothing is faked: each bot downloads and
 * verifies every piece and uploads to the others.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WebTorrent from 'webtorrent';
import { io, type Socket } from 'socket.io-client';
import { followExperiments } from '../lib/browser/peer-experiments';
import type { PieceStrategy } from '../lib/experiments';
import { progressReport } from '../lib/progress-report';
import { peerHello } from '../lib/peer-hello';
import type { ClientToServerEvents, ServerToClientEvents } from '../lib/protocol';
import { setWebrtcFastStart } from './wrtc';

const NAMES = [
  'Ada',
  'Alan',
  'Grace',
  'Linus',
  'Radia',
  'Barbara',
  'Ken',
  'Margaret',
  'Dennis',
  'Frances',
  'Vint',
  'Hedy',
  'Tim',
  'Sophie',
  'Bram',
  'Katherine',
];

interface BotWire {
  peerId: string | null;
  downloaded: number;
  downloadSpeed(): number;
}

interface BotTorrent {
  infoHash: string;
  pieces: unknown[];
  progress: number;
  downloaded: number;
  uploaded: number;
  downloadSpeed: number;
  uploadSpeed: number;
  done: boolean;
  wires: BotWire[];
  bitfield: { get(i: number): boolean };
  strategy: PieceStrategy;
  once(event: 'done', fn: () => void): void;
  destroy(): void;
}

export interface Bot {
  nickname: string;
  peerId: string;
  /** The torrent it is on (a new round switches it), null while switching or once kicked. */
  infoHash(): string | null;
  progress(): number;
  /** The instructor removed it from the swarm. */
  kicked(): boolean;
  close(): Promise<void>;
}

export async function startBot(
  base: string,
  nickname: string,
  opts: { uploadLimit?: number } = {},
): Promise<Bot> {
  setWebrtcFastStart(true);
  const lab = (await (await fetch(`${base}/api/lab`)).json()) as { trackers: { ws: string } };
  const torrentFile = Buffer.from(
    await (await fetch(`${base}/class.torrent?for=browser`)).arrayBuffer(),
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'swarmlab-bot-'));
  const client = new WebTorrent({
    dht: false,
    lsd: false,
    utPex: false,
    natUpnp: false,
    natPmp: false,
    utp: false,
    uploadLimit: opts.uploadLimit,
    tracker: { rtcConfig: { iceServers: [] } },
  });
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(base, {
    transports: ['websocket'],
  });
  const hello = peerHello({
    peerId: client.peerId,
    nickname,
    client: 'SwarmLab bot (WebTorrent)',
    kind: 'bot',
  });
  socket.on('connect', () => hello(socket));
  let torrent: BotTorrent | null = null;
  let kicked = false;
  const join = (file: Buffer) => {
    torrent = client.add(file, { path: dir, announce: [lab.trackers.ws], strategy }) as BotTorrent;
  };
  let strategy: PieceStrategy = 'rarest';
  // Bots follow the instructor's experiments as browsers do, so a rehearsal shows them too.
  const follow = followExperiments({
    peerId: client.peerId as string,
    throttleUpload: (rate) => client.throttleUpload(rate === 0 ? 0 : (opts.uploadLimit ?? -1)),
    setStrategy: (s) => {
      strategy = s;
      if (torrent) torrent.strategy = s;
    },
    currentInfoHash: () => torrent?.infoHash ?? null,
    switchRound: () => {
      torrent?.destroy();
      torrent = null;
      void fetch(`${base}/class.torrent?for=browser`)
        .then(async (res) => Buffer.from(await res.arrayBuffer()))
        .then((file) => {
          if (!kicked) join(file);
        });
    },
    changed: () => {},
  });
  socket.on('connect', () => socket.emit('experiment:watch', follow));
  socket.on('experiment:state', follow);
  socket.on('experiment:kicked', () => {
    kicked = true;
    torrent?.destroy();
    torrent = null;
    socket.disconnect();
  });
  join(torrentFile);
  const report = () => {
    if (!torrent?.pieces.length) return;
    socket.emit('peer:progress', progressReport(torrent));
  };
  const timer = setInterval(report, 500);
  return {
    nickname,
    peerId: client.peerId as string,
    infoHash: () => torrent?.infoHash ?? null,
    progress: () => torrent?.progress ?? 0,
    kicked: () => kicked,
    close: async () => {
      clearInterval(timer);
      socket.disconnect();
      await new Promise((r) => client.destroy(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'upload-kib': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [base, countText = '8'] = positionals;
  if (values.help || !base) {
    console.log(
      'Usage: npm run bots -- <lab URL, e.g. http://192.168.1.20:3000> [count=8] [--upload-kib <KiB/s per bot>]',
    );
    process.exit(values.help ? 0 : 2);
  }
  const count = Number(countText);
  if (!Number.isInteger(count) || count < 1 || count > 500) {
    console.error(`count must be a whole number from 1 to 500, got "${countText}"`);
    process.exit(2);
  }
  const uploadLimit = values['upload-kib'] ? Number(values['upload-kib']) * 1024 : undefined;
  const bots: Bot[] = [];
  for (let i = 0; i < count; i++) {
    const nickname = `${NAMES[i % NAMES.length]} (bot${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''})`;
    bots.push(await startBot(base.replace(/\/$/, ''), nickname, { uploadLimit }));
    process.stdout.write(`\r  ${bots.length}/${count} bots joined`);
  }
  console.log(`\n  ${count} bots are in the swarm. Press Ctrl-C to take them out.`);
  process.on('SIGINT', () => {
    console.log('\n  Removing the bots…');
    void Promise.all(bots.map((b) => b.close())).then(() => process.exit(0));
  });
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) void main();
