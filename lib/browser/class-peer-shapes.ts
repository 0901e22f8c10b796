/**
 * What a browser class peer shows (its state), and the minimal shapes of the WebTorrent browser
 * objects it uses (the dist bundle ships no types). Kept apart from class-peer.ts, which wires
 * WebTorrent, the hub and the instructor's experiments together.
 */
import type { IceServer } from '../lab-info';
import type { PieceStrategy } from '../experiments';
import type { IdbChunkStore } from './idb-chunk-store';
import type { StreamableFile } from './stream-video';

/** kept: found in this browser's IndexedDB at start and verified by hash (a resumed download). */
export type PieceSource = 'seeder' | 'peer' | 'kept';

export interface WireInfo {
  peerId: string;
  nickname: string;
  downloaded: number;
  uploaded: number;
  downloadRate: number;
  uploadRate: number;
  /** A wire to this peer is open now (false: it has left; its bytes still count). */
  open: boolean;
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
  /** Pieces found in this browser's IndexedDB at start and verified by hash; null until known. */
  resumedPieces: number | null;
  /** The torrent this peer is on (it changes with each round the instructor starts). */
  infoHash: string | null;
  round: number;
  strategy: PieceStrategy;
  /** The instructor marked this peer: it downloads but uploads nothing. */
  freeRider: boolean;
  /** What the instructor changed lately, newest first. */
  instructorNotes: string[];
}

export interface LabInfo {
  trackers: { ws: string };
  /** The room's STUN and TURN with this page's own credential (lab-server/ice.ts). */
  iceServers?: IceServer[];
  torrent: { infoHash: string } | null;
}

// Minimal shapes of the WebTorrent objects used here (the dist bundle ships no types).
export interface Wire {
  peerId: string | null;
  downloaded: number;
  uploaded: number;
  downloadSpeed(): number;
  uploadSpeed(): number;
  on(event: 'piece', fn: (index: number) => void): void;
}
export interface TorrentFile extends StreamableFile {
  name: string;
  length: number;
  /** Where the file starts in the torrent, in bytes. */
  offset: number;
  progress: number;
  blob(): Promise<Blob>;
}
export interface Torrent {
  infoHash: string;
  name: string;
  length: number;
  pieces: unknown[];
  pieceLength: number;
  progress: number;
  strategy: PieceStrategy;
  /**
   * webtorrent's own stream selections (what its file iterator uses): a range fetched before
   * lower priorities, never merged into other selections.
   */
  _select(from: number, to: number, priority: number, notify: null, isStream: true): void;
  _deselect(from: number, to: number, isStream: true): void;
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
export interface WebTorrentClient {
  peerId: string;
  add(
    torrentId: Uint8Array,
    opts: { announce: string[]; strategy: PieceStrategy; store?: typeof IdbChunkStore },
    cb?: (t: Torrent) => void,
  ): Torrent;
  throttleUpload(rate: number): void;
  on(event: 'error', fn: (err: Error | string) => void): void;
  destroy(cb?: () => void): void;
}

export const LAB_GONE = 'The lab server did not answer. Is it still running?';

/** The current round's torrent, listing only the WebSocket tracker. */
export async function fetchClassTorrent(origin: string): Promise<Uint8Array> {
  const res = await fetch(`${origin}/class.torrent?for=browser`, { cache: 'no-store' });
  if (!res.ok) throw new Error(LAB_GONE);
  return new Uint8Array(await res.arrayBuffer());
}
