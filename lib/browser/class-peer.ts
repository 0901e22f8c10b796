/**
 * A browser peer in the class swarm: WebTorrent over WebRTC, found through the lab's WebSocket
 * tracker, reporting to the hub. Framework-free; React subscribes through `subscribe`.
 */
import { io, type Socket } from 'socket.io-client';
import { progressReport } from '../progress-report';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol';
import { explainWarning, NO_PEERS_AFTER_SECONDS, PEER_MESSAGES } from './peer-messages';
import { ensureSubtleDigest } from './subtle-digest';
import { deleteOtherPieceStores, IdbChunkStore } from './idb-chunk-store';
import { PACK_FILM, type StreamableFile } from './stream-video';

/** kept: found in this browser's IndexedDB at start and verified by hash (a resumed download). */
export type PieceSource = 'seeder' | 'peer' | 'kept';

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
  phase: 'starting' | 'connecting' | 'downloading' | 'done' | 'error';
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
  /** Pieces found in this browser's IndexedDB at start and verified by hash; null until known. */
  resumedPieces: number | null;
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
interface TorrentFile extends StreamableFile {
  name: string;
  length: number;
  progress: number;
  blob(): Promise<Blob>;
}
interface Torrent {
  infoHash: string;
  name: string;
  length: number;
  pieces: unknown[];
  progress: number;
  downloaded: number;
  uploaded: number;
  downloadSpeed: number;
  uploadSpeed: number;
  done: boolean;
  wires: Wire[];
  files: TorrentFile[];
  bitfield: { get(i: number): boolean };
  on(event: string, fn: (...args: never[]) => void): void;
}
interface WebTorrentClient {
  peerId: string;
  add(
    torrentId: Uint8Array,
    opts: { announce: string[]; store?: typeof IdbChunkStore },
    cb?: (t: Torrent) => void,
  ): Torrent;
  on(event: 'error', fn: (err: Error | string) => void): void;
  destroy(cb?: () => void): void;
}

const REPORT_MS = 500;

export interface ClassPeer {
  getState(): ClassPeerState;
  subscribe(fn: () => void): () => void;
  /** The class pack's film once the metadata is known; null before, or when the lab seeds a --share folder. */
  videoFile(): (StreamableFile & { progress: number }) | null;
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
    resumedPieces: null,
  };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<ClassPeerState>) => {
    state = { ...state, ...patch };
    for (const fn of listeners) fn();
  };

  let client: WebTorrentClient | null = null;
  let video: TorrentFile | null = null;
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
      const [labRes, torrentRes] = await Promise.all([
        fetch(`${origin}/api/lab`, { cache: 'no-store' }),
        fetch(`${origin}/class.torrent?for=browser`, { cache: 'no-store' }),
      ]);
      if (!labRes.ok || !torrentRes.ok)
        throw new Error('The lab server did not answer. Is it still running?');
      const lab = (await labRes.json()) as LabInfo;
      const torrentFile = new Uint8Array(await torrentRes.arrayBuffer());
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
        if (destroyed) return;
        lostLab = true;
        set({ message: PEER_MESSAGES.labLost });
      });
      socket.on('lab:warning', (message) => set({ message }));

      // Always pass the lab's own tracker: otherwise WebTorrent would add public ones.
      const addedAt = performance.now();
      // Pieces go to IndexedDB, so a reload resumes: webtorrent re-hashes them before use.
      const torrent = wt.add(torrentFile, {
        announce: [lab.trackers.ws],
        ...(typeof indexedDB !== 'undefined' ? { store: IdbChunkStore } : {}),
      });
      const lastSource = new Map<number, string>();
      const pieces: (PieceSource | null)[] = [];
      torrent.on('wire', (wire: Wire) => {
        if (state.firstPeerMs === null)
          set({ firstPeerMs: Math.round(performance.now() - addedAt) });
        wire.on('piece', (index: number) => {
          if (wire.peerId) lastSource.set(index, wire.peerId);
        });
      });
      torrent.on('metadata', () => {
        video = torrent.files.find((f) => f.name === PACK_FILM.name) ?? null;
        set({ name: torrent.name });
      });
      torrent.on('ready', () => {
        for (let i = 0; i < torrent.pieces.length; i++)
          pieces[i] = torrent.bitfield.get(i) ? 'kept' : null;
        if (typeof indexedDB !== 'undefined')
          void deleteOtherPieceStores(torrent.infoHash).catch(() => {});
        set({
          resumedPieces: pieces.filter(Boolean).length,
          progress: torrent.progress,
          downloaded: torrent.downloaded,
          phase: 'downloading',
          name: torrent.name,
          length: torrent.length,
          pieceCount: torrent.pieces.length,
          pieces: [...pieces],
        });
      });
      torrent.on('verified', (index: number) => {
        const from = lastSource.get(index);
        pieces[index] = from && !seederIds.has(from) ? 'peer' : 'seeder';
      });
      torrent.on('warning', (err: Error) => {
        const message = explainWarning(err.message);
        if (message) set({ message });
      });
      noPeersTimer = setTimeout(() => {
        if (state.firstPeerMs === null && state.phase !== 'error')
          set({ message: PEER_MESSAGES.noPeers });
      }, NO_PEERS_AFTER_SECONDS * 1000);
      torrent.on('done', () => {
        report();
        void (async () => {
          const files: DoneFile[] = [];
          for (const f of torrent.files) {
            const url = URL.createObjectURL(await f.blob());
            objectUrls.push(url);
            files.push({ name: f.name, length: f.length, url });
          }
          set({ phase: 'done', files });
        })();
      });

      const report = () => {
        if (!torrent.pieces.length) return;
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

  return {
    getState: () => state,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    videoFile: () => video,
    destroy() {
      destroyed = true;
      if (timer) clearInterval(timer);
      if (noPeersTimer) clearTimeout(noPeersTimer);
      socket?.disconnect();
      client?.destroy();
      for (const url of objectUrls) URL.revokeObjectURL(url);
    },
  };
}
