/**
 * A browser peer in the class swarm: WebTorrent over WebRTC, found through the lab's WebSocket
 * tracker, reporting to the hub. Framework-free; React subscribes through `subscribe`.
 */
import { io, type Socket } from 'socket.io-client';
import type { ExperimentState, PieceStrategy } from '../experiments';
import { progressReport } from '../progress-report';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol';
import { explainWarning, NO_PEERS_AFTER_SECONDS, PEER_MESSAGES } from './peer-messages';
import { followExperiments } from './peer-experiments';
import { ensureSubtleDigest } from './subtle-digest';

export type PieceSource = 'seeder' | 'peer';

export interface WireInfo {
  peerId: string;
  nickname: string;
  downloaded: number;
  uploaded: number;
  downloadRate: number;
  uploadRate: number;
}

export interface DoneFile {
  name: string;
  length: number;
  url: string;
}

export interface ClassPeerState {
  /** 'kicked': the instructor removed this peer; its client is gone until the page reloads. */
  phase: 'starting' | 'connecting' | 'downloading' | 'done' | 'error' | 'kicked';
  message: string | null;
  peerId: string | null;
  name: string | null;
  length: number;
  pieceCount: number;
  /** Per piece: null while missing, else who it came from. */
  pieces: (PieceSource | null)[];
  progress: number;
  downloaded: number;
  uploaded: number;
  downloadRate: number;
  uploadRate: number;
  wires: WireInfo[];
  files: DoneFile[];
  /** Milliseconds from adding the torrent to the first connected peer. */
  firstPeerMs: number | null;
  /** The torrent this peer is on (it changes with each round the instructor starts). */
  infoHash: string | null;
  round: number;
  strategy: PieceStrategy;
  /** The instructor marked this peer: it downloads but uploads nothing. */
  freeRider: boolean;
  /** What the instructor changed lately, newest first. */
  instructorNotes: string[];
}

interface LabInfo {
  trackers: { ws: string };
  torrent: { infoHash: string } | null;
}

// Minimal shapes of the WebTorrent objects used here (the dist bundle ships no types).
interface Wire {
  peerId: string | null;
  downloaded: number;
  uploaded: number;
  downloadSpeed(): number;
  uploadSpeed(): number;
  on(event: 'piece', fn: (index: number) => void): void;
}
interface TorrentFile {
  name: string;
  length: number;
  blob(): Promise<Blob>;
}
interface Torrent {
  infoHash: string;
  name: string;
  length: number;
  pieces: unknown[];
  progress: number;
  strategy: PieceStrategy;
  downloaded: number;
  uploaded: number;
  downloadSpeed: number;
  uploadSpeed: number;
  done: boolean;
  wires: Wire[];
  files: TorrentFile[];
  bitfield: { get(i: number): boolean };
  on(event: string, fn: (...args: never[]) => void): void;
  destroy(): void;
}
interface WebTorrentClient {
  peerId: string;
  add(
    torrentId: Uint8Array,
    opts: { announce: string[]; strategy: PieceStrategy },
    cb?: (t: Torrent) => void,
  ): Torrent;
  throttleUpload(rate: number): void;
  on(event: 'error', fn: (err: Error | string) => void): void;
  destroy(cb?: () => void): void;
}

const REPORT_MS = 500;
const LAB_GONE = 'The lab server did not answer. Is it still running?';

/** The current round's torrent, listing only the WebSocket tracker. */
async function fetchClassTorrent(origin: string): Promise<Uint8Array> {
  const res = await fetch(`${origin}/class.torrent?for=browser`, { cache: 'no-store' });
  if (!res.ok) throw new Error(LAB_GONE);
  return new Uint8Array(await res.arrayBuffer());
}

export interface ClassPeer {
  getState(): ClassPeerState;
  subscribe(fn: () => void): () => void;
  destroy(): void;
}

export function startClassPeer(opts: { nickname: string; origin?: string }): ClassPeer {
  const origin = opts.origin ?? window.location.origin;
  let state: ClassPeerState = {
    phase: 'starting',
    message: null,
    peerId: null,
    name: null,
    length: 0,
    pieceCount: 0,
    pieces: [],
    progress: 0,
    downloaded: 0,
    uploaded: 0,
    downloadRate: 0,
    uploadRate: 0,
    wires: [],
    files: [],
    firstPeerMs: null,
    infoHash: null,
    round: 1,
    strategy: 'rarest',
    freeRider: false,
    instructorNotes: [],
  };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<ClassPeerState>) => {
    state = { ...state, ...patch };
    for (const fn of listeners) fn();
  };

  let client: WebTorrentClient | null = null;
  let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let noPeersTimer: ReturnType<typeof setTimeout> | null = null;
  let destroyed = false;
  const objectUrls: string[] = [];
  const seederIds = new Set<string>();
  const nicknames = new Map<string, string>();

  const fail = (message: string) => set({ phase: 'error', message });

  void (async () => {
    try {
      ensureSubtleDigest();
      const [labRes, torrentFile] = await Promise.all([
        fetch(`${origin}/api/lab`, { cache: 'no-store' }),
        fetchClassTorrent(origin),
      ]);
      if (!labRes.ok) throw new Error(LAB_GONE);
      const lab = (await labRes.json()) as LabInfo;
      const swarm = (await fetch(`${origin}/api/swarm`, { cache: 'no-store' }).then((r) =>
        r.json(),
      )) as {
        peers: { id: string; kind: string; nickname: string }[];
      };
      for (const p of swarm.peers) {
        if (p.kind === 'seeder') seederIds.add(p.id);
        nicknames.set(p.id, p.nickname);
      }
      if (destroyed) return;

      if (typeof RTCPeerConnection === 'undefined') return fail(PEER_MESSAGES.noWebRTC);
      const { default: WebTorrent } = (await import('webtorrent/dist/webtorrent.min.js')) as {
        default: new (opts: unknown) => WebTorrentClient;
      };
      // No STUN/TURN: on one LAN host candidates are enough, and there is no internet anyway.
      const wt = new WebTorrent({ tracker: { rtcConfig: { iceServers: [] } } });
      client = wt;
      wt.on('error', (err) =>
        fail(`WebTorrent error: ${typeof err === 'string' ? err : err.message}`),
      );
      set({ phase: 'connecting', peerId: wt.peerId });

      let torrent: Torrent | null = null;
      let pieces: (PieceSource | null)[] = [];
      socket = io(origin, { transports: ['websocket', 'polling'] });
      let lostLab = false;
      // Progress goes out only once the hub has this peer's hello (after a restart too).
      let registered = false;
      socket.on('connect', () => {
        // Also after a lab restart: the new hub learns who this peer is again.
        socket?.emit('peer:hello', { peerId: wt.peerId, nickname: opts.nickname }, (res) => {
          if (!res.ok) fail(`The lab refused to register you: ${res.error}`);
          registered = res.ok;
        });
        if (lostLab) set({ message: PEER_MESSAGES.labBack });
        lostLab = false;
      });
      socket.on('disconnect', () => {
        registered = false;
        if (destroyed || state.phase === 'kicked') return;
        lostLab = true;
        set({ message: PEER_MESSAGES.labLost });
      });
      socket.on('lab:warning', (message) => set({ message }));
      socket.on('experiment:kicked', (message) => {
        set({ phase: 'kicked', message, wires: [], downloadRate: 0, uploadRate: 0 });
        stop();
      });
      const follow = followExperiments({
        peerId: wt.peerId,
        throttleUpload: (rate) => wt.throttleUpload(rate),
        setStrategy: (strategy) => {
          if (torrent) torrent.strategy = strategy;
        },
        currentInfoHash: () => torrent?.infoHash ?? null,
        switchRound: () => void switchRound(),
        changed: (instructorNotes, exp: ExperimentState) =>
          set({
            instructorNotes,
            round: exp.round,
            strategy: exp.strategy,
            freeRider: exp.freeRiders.includes(wt.peerId),
          }),
      });
      socket.on('connect', () => socket?.emit('experiment:watch', follow));
      socket.on('experiment:state', follow);

      /** Joins one round's torrent, from zero. */
      const join = (file: Uint8Array) => {
        // Always pass the lab's own tracker: otherwise WebTorrent would add public ones.
        const addedAt = performance.now();
        const t = wt.add(file, { announce: [lab.trackers.ws], strategy: state.strategy });
        torrent = t;
        const lastSource = new Map<number, string>();
        pieces = [];
        t.on('wire', (wire: Wire) => {
          if (state.firstPeerMs === null)
            set({ firstPeerMs: Math.round(performance.now() - addedAt) });
          wire.on('piece', (index: number) => {
            if (wire.peerId) lastSource.set(index, wire.peerId);
          });
        });
        t.on('ready', () => {
          for (let i = 0; i < t.pieces.length; i++) pieces[i] = t.bitfield.get(i) ? 'seeder' : null;
          set({
            phase: 'downloading',
            infoHash: t.infoHash,
            name: t.name,
            length: t.length,
            pieceCount: t.pieces.length,
            pieces: [...pieces],
          });
        });
        t.on('verified', (index: number) => {
          const from = lastSource.get(index);
          pieces[index] = from && !seederIds.has(from) ? 'peer' : 'seeder';
        });
        t.on('warning', (err: Error) => {
          const message = explainWarning(err.message);
          if (message) set({ message });
        });
        noPeersTimer = setTimeout(() => {
          if (state.firstPeerMs === null && state.phase !== 'error')
            set({ message: PEER_MESSAGES.noPeers });
        }, NO_PEERS_AFTER_SECONDS * 1000);
        t.on('done', () => {
          report();
          void (async () => {
            const files: DoneFile[] = [];
            for (const f of t.files) {
              if (torrent !== t) return;
              const url = URL.createObjectURL(await f.blob());
              objectUrls.push(url);
              files.push({ name: f.name, length: f.length, url });
            }
            if (torrent === t) set({ phase: 'done', files });
          })();
        });
      };

      /** A new round: drop the old torrent, fetch the new one, start from zero. */
      let switching = false;
      const switchRound = async () => {
        if (switching) return;
        switching = true;
        try {
          torrent?.destroy();
          torrent = null;
          for (const url of objectUrls.splice(0)) URL.revokeObjectURL(url);
          set({
            phase: 'connecting',
            infoHash: null,
            progress: 0,
            downloaded: 0,
            uploaded: 0,
            pieces: [],
            pieceCount: 0,
            files: [],
            wires: [],
            firstPeerMs: null,
          });
          const file = await fetchClassTorrent(origin);
          if (!destroyed && state.phase !== 'kicked') join(file);
        } catch (err) {
          fail(err instanceof Error ? err.message : String(err));
        } finally {
          switching = false;
        }
      };
      join(torrentFile);

      const report = () => {
        if (!torrent || !torrent.pieces.length) return;
        const wires = torrent.wires
          .filter((w) => w.peerId)
          .map((w) => ({
            peerId: w.peerId!,
            nickname:
              nicknames.get(w.peerId!) ??
              (seederIds.has(w.peerId!) ? 'Instructor seeder' : 'classmate'),
            downloaded: w.downloaded,
            uploaded: w.uploaded,
            downloadRate: w.downloadSpeed(),
            uploadRate: w.uploadSpeed(),
          }));
        set({
          progress: torrent.progress,
          downloaded: torrent.downloaded,
          uploaded: torrent.uploaded,
          downloadRate: torrent.downloadSpeed,
          uploadRate: torrent.uploadSpeed,
          pieces: [...pieces],
          wires,
        });
        if (registered) socket?.emit('peer:progress', progressReport(torrent));
      };
      timer = setInterval(report, REPORT_MS);
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
    }
  })();

  /** Leaves the swarm for good (destroyed, or removed by the instructor). */
  function stop() {
    if (timer) clearInterval(timer);
    if (noPeersTimer) clearTimeout(noPeersTimer);
    socket?.disconnect();
    client?.destroy();
    client = null;
  }

  return {
    getState: () => state,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    destroy() {
      destroyed = true;
      stop();
      for (const url of objectUrls) URL.revokeObjectURL(url);
    },
  };
}
