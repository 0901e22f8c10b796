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
import WebTorrent, { type Torrent, type Wire } from 'webtorrent';
import { io, type Socket } from 'socket.io-client';
import { followExperiments } from '../lib/browser/peer-experiments';
import type { PieceStrategy } from '../lib/experiments';
import { progressReport } from '../lib/progress-report';
import { peerHello } from '../lib/peer-hello';
import { createWireTally, type PeerTotals } from '../lib/wire-tally';
import { createBlockLedger, type BlockLedger } from '../lib/block-ledger';
import type { ClientToServerEvents, ServerToClientEvents } from '../lib/protocol';
import type { IceServer } from '../lib/lab-info';
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

/** Nicknames are at most this long (lib/protocol.ts); the host prefix gives way, not the name. */
const MAX_NICKNAME = 24;

/**
 * Bot `i`'s nickname, with a prefix naming the machine that runs it: two bots processes in one
 * rehearsal both named their bots "Ada (bot)", and the projector could not tell them apart.
 */
export function botNickname(prefix: string, i: number): string {
  const lap = Math.floor(i / NAMES.length);
  const name = `${NAMES[i % NAMES.length]} (bot${lap > 0 ? ` ${lap + 1}` : ''})`;
  const room = MAX_NICKNAME - name.length - 1;
  const short = prefix.trim().slice(0, Math.max(0, room));
  return short ? `${short} ${name}` : name;
}

/** The default prefix: this machine's short host name (never its address). */
export const hostPrefix = () => os.hostname().split('.')[0] ?? '';

/**
 * A fetch that tries again: one failed request to a busy or restarting lab ended every bot in
 * the process. Bounded in tries and time; the last failure is thrown for the caller to report.
 */
export async function fetchRetrying(
  url: string,
  opts: {
    tries?: number;
    firstDelayMs?: number;
    onRetry?: (err: Error, attempt: number) => void;
  } = {},
): Promise<Response> {
  const tries = opts.tries ?? 8;
  let delay = opts.firstDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) return res;
      throw new Error(`${url} answered ${res.status}`);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      if (attempt >= tries) throw error;
      opts.onRetry?.(error, attempt);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }
}

export interface Bot {
  nickname: string;
  peerId: string;
  /** The torrent it is on (a new round switches it), null while switching or once kicked. */
  infoHash(): string | null;
  progress(): number;
  /** The instructor removed it from the swarm. */
  kicked(): boolean;
  /** When it had every piece of the current round (ms since the epoch), or null. */
  finishedAt(): number | null;
  /** Its own count of bytes to and from each peer this round (the truth test's ground truth). */
  totals(): PeerTotals[];
  /**
   * Blocks received this round by sending peer id, and how many were copies of blocks it already
   * had; `hotswaps` counts the blocks webtorrent took from a slow wire to give a faster one.
   */
  blocks(): ReturnType<BlockLedger['totals']> & { hotswaps: Record<string, number> };
  close(): Promise<void>;
}

export async function startBot(
  base: string,
  nickname: string,
  opts: {
    uploadLimit?: number;
    /** Something went wrong that the bot survived (a failed fetch it will retry, a peer error). */
    onWarning?: (err: Error) => void;
    /** Fetch tries before giving up (default 8, about half a minute). */
    tries?: number;
  } = {},
): Promise<Bot> {
  setWebrtcFastStart(true);
  const warn = opts.onWarning ?? (() => {});
  const get = (url: string) =>
    fetchRetrying(url, { tries: opts.tries, onRetry: (err) => warn(err) });
  const lab = (await (await get(`${base}/api/lab`)).json()) as {
    trackers: { ws: string };
    iceServers?: IceServer[];
  };
  const torrentFile = Buffer.from(
    await (await get(`${base}/class.torrent?for=browser`)).arrayBuffer(),
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
    // The lab's STUN, as a browser gets it. Not its TURN: webrtc-polyfill hands TURN to
    // libdatachannel as user:pass@host, which the relay's `expiry:name` usernames break.
    tracker: {
      rtcConfig: { iceServers: (lab.iceServers ?? []).filter((s) => s.urls.startsWith('stun:')) },
    },
  });
  // An 'error' with no listener would throw and end the whole process, every bot with it.
  client.on('error', (err: Error | string) => warn(err instanceof Error ? err : new Error(err)));
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
  let torrent: Torrent | null = null;
  let kicked = false;
  // bittorrent-tracker's client shares one WebSocket per tracker URL across the process, and the
  // tracker allows a connection only a few peer ids: each bot gets a URL, so a socket, of its own.
  const announce = `${lab.trackers.ws}?bot=${encodeURIComponent(client.peerId as string)}`;
  let closed = false;
  let finishedAt: number | null = null;
  /** Bytes per classmate this round, closed wires included (lib/wire-tally.ts). */
  let tally = createWireTally();
  let ledger = createBlockLedger();
  let hotswaps: Record<string, number> = {};
  const join = (file: Buffer) => {
    torrent = client.add(file, { path: dir, announce: [announce], strategy });
    tally = createWireTally();
    const blocks = (ledger = createBlockLedger());
    const swaps: Record<string, number> = (hotswaps = {});
    finishedAt = null;
    const t = torrent;
    t.on('wire', (wire: Wire) => {
      wire.on('piece', (index: number, offset: number, buffer: Uint8Array) =>
        blocks.block(wire.peerId ?? '?', index, offset, buffer.length),
      );
    });
    t.on('hotswap', (slow: Wire) => {
      const id = slow.peerId ?? '?';
      swaps[id] = (swaps[id] ?? 0) + 1;
    });
    t.once('done', () => {
      if (torrent === t) finishedAt = Date.now();
    });
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
      void get(`${base}/class.torrent?for=browser`)
        .then(async (res) => Buffer.from(await res.arrayBuffer()))
        .then((file) => {
          if (!kicked && !closed) join(file);
        })
        .catch((err: Error) => warn(new Error(`${nickname} missed the new round: ${err.message}`)));
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
    socket.emit('peer:progress', progressReport(torrent, tally.update(torrent.wires)));
  };
  const timer = setInterval(report, 500);
  return {
    nickname,
    peerId: client.peerId as string,
    infoHash: () => torrent?.infoHash ?? null,
    progress: () => torrent?.progress ?? 0,
    kicked: () => kicked,
    finishedAt: () => finishedAt,
    totals: () => (torrent ? tally.update(torrent.wires) : []),
    blocks: () => ({ ...ledger.totals(), hotswaps: { ...hotswaps } }),
    close: async () => {
      closed = true;
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
    options: {
      'upload-kib': { type: 'string' },
      prefix: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [base, countText = '8'] = positionals;
  if (values.help || !base) {
    console.log(
      'Usage: npm run bots -- <lab URL, e.g. http://192.168.1.20:3000> [count=8] [--upload-kib <KiB/s per bot>] [--prefix <name before each bot, default this host>]',
    );
    process.exit(values.help ? 0 : 2);
  }
  const count = Number(countText);
  if (!Number.isInteger(count) || count < 1 || count > 500) {
    console.error(`count must be a whole number from 1 to 500, got "${countText}"`);
    process.exit(2);
  }
  const uploadLimit = values['upload-kib'] ? Number(values['upload-kib']) * 1024 : undefined;
  const prefix = values.prefix ?? hostPrefix();
  const onWarning = (err: Error) => console.error(`\n  warning: ${err.message}`);
  const bots: Bot[] = [];
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const nickname = botNickname(prefix, i);
    try {
      bots.push(await startBot(base.replace(/\/$/, ''), nickname, { uploadLimit, onWarning }));
    } catch (err) {
      // One bot that cannot join is reported; the others carry on.
      failed++;
      console.error(`\n  ${nickname} could not join: ${(err as Error).message}`);
    }
    process.stdout.write(`\r  ${bots.length}/${count} bots joined`);
  }
  if (bots.length === 0) {
    console.error('\n  No bot could join. Is the lab running at that address?');
    process.exit(1);
  }
  console.log(
    `\n  ${bots.length} bots are in the swarm${failed ? ` (${failed} could not join)` : ''}. Press Ctrl-C to take them out.`,
  );
  process.on('SIGINT', () => {
    console.log('\n  Removing the bots…');
    void Promise.all(bots.map((b) => b.close())).then(() => process.exit(0));
  });
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) void main();
