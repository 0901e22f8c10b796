/**
 * What a browser class peer shows (its state), and the WebTorrent types it uses. Kept apart from class-peer.ts, which wires
 * WebTorrent, the hub and the instructor's experiments together.
 */
import type { IceServer } from '../lab-info';
import type { PieceStrategy } from '../experiments';

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

// The WebTorrent objects used here: one declaration for the whole project (types/webtorrent.d.ts).
export type { Torrent, TorrentFile, Wire } from 'webtorrent';
export type { default as WebTorrentClient } from 'webtorrent';

export const LAB_GONE = 'The lab server did not answer. Is it still running?';

/** The current round's torrent, listing only the WebSocket tracker. */
export async function fetchClassTorrent(origin: string): Promise<Uint8Array> {
  const res = await fetch(`${origin}/class.torrent?for=browser`, { cache: 'no-store' });
  if (!res.ok) throw new Error(LAB_GONE);
  return new Uint8Array(await res.arrayBuffer());
}
