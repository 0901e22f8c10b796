/**
 * The one swarm model, shared by the lab server's hub, the projector and the simulator.
 * Keyed by BitTorrent peer id (40 hex characters). No timers and no I/O: the owner decides
 * when to take a delta, which keeps this testable and lets the hub batch at ~10 Hz.
 */
import { bitfieldFromBase64, bitfieldToBase64, countPieces, emptyBitfield } from './bitfield';

export type PeerKind = 'seeder' | 'browser' | 'desktop' | 'bot';

export interface TorrentInfo {
  infoHash: string;
  name: string;
  pieceCount: number;
  pieceLength: number;
  length: number;
}

export interface PeerState {
  id: string;
  kind: PeerKind;
  nickname: string;
  /** Client software, e.g. "WebTorrent 3.0.21" or "aria2 1.36.0". */
  client: string;
  /** ip:port as another peer sees it. Shown on the projector only when the instructor allows. */
  address: string | null;
  /** Verified pieces, base64 bitfield in BEP 3 order. */
  bitfield: string;
  have: number;
  downloaded: number;
  uploaded: number;
  downloadRate: number;
  uploadRate: number;
  joinedAt: number;
  updatedAt: number;
}

/** Data flowing from one peer to another. */
export interface EdgeState {
  from: string;
  to: string;
  bytes: number;
  rate: number;
}

export interface SwarmSnapshot {
  seq: number;
  at: number;
  torrent: TorrentInfo | null;
  peers: PeerState[];
  edges: EdgeState[];
}

export interface SwarmDelta {
  seq: number;
  at: number;
  torrent?: TorrentInfo | null;
  upserted: PeerState[];
  removed: string[];
  /** The full edge list when any edge changed; absent when none did. */
  edges?: EdgeState[];
}

export type PeerUpdate = Partial<Omit<PeerState, 'id' | 'have' | 'joinedAt' | 'updatedAt'>> & {
  id: string;
};

export const edgeKey = (from: string, to: string) => `${from}>${to}`;

export function progressOf(peer: Pick<PeerState, 'have'>, torrent: TorrentInfo | null): number {
  if (!torrent || torrent.pieceCount === 0) return 0;
  return Math.min(1, peer.have / torrent.pieceCount);
}

export class SwarmModel {
  private torrent: TorrentInfo | null = null;
  private readonly peers = new Map<string, PeerState>();
  private readonly edges = new Map<string, EdgeState>();
  private seq = 0;
  private dirtyPeers = new Set<string>();
  private removedPeers = new Set<string>();
  private edgesDirty = false;
  private torrentDirty = false;

  constructor(private readonly now: () => number = Date.now) {}

  setTorrent(torrent: TorrentInfo | null): void {
    this.torrent = torrent;
    this.torrentDirty = true;
    // A new torrent is a new round: everyone's pieces belong to the old one.
    for (const peer of this.peers.values()) {
      peer.bitfield = bitfieldToBase64(emptyBitfield(torrent?.pieceCount ?? 0));
      peer.have = 0;
      this.dirtyPeers.add(peer.id);
    }
    this.edges.clear();
    this.edgesDirty = true;
  }

  getTorrent(): TorrentInfo | null {
    return this.torrent;
  }

  upsertPeer(update: PeerUpdate): PeerState {
    const at = this.now();
    let peer = this.peers.get(update.id);
    if (!peer) {
      peer = {
        id: update.id,
        kind: 'browser',
        nickname: '',
        client: '',
        address: null,
        bitfield: bitfieldToBase64(emptyBitfield(this.torrent?.pieceCount ?? 0)),
        have: 0,
        downloaded: 0,
        uploaded: 0,
        downloadRate: 0,
        uploadRate: 0,
        joinedAt: at,
        updatedAt: at,
      };
      this.peers.set(update.id, peer);
      this.removedPeers.delete(update.id);
    }
    Object.assign(peer, update, { updatedAt: at });
    if (update.bitfield !== undefined) {
      peer.have = countPieces(bitfieldFromBase64(update.bitfield), this.torrent?.pieceCount ?? 0);
    }
    this.dirtyPeers.add(peer.id);
    return peer;
  }

  removePeer(id: string): void {
    if (!this.peers.delete(id)) return;
    this.dirtyPeers.delete(id);
    this.removedPeers.add(id);
    for (const [key, edge] of this.edges) {
      if (edge.from === id || edge.to === id) {
        this.edges.delete(key);
        this.edgesDirty = true;
      }
    }
  }

  getPeer(id: string): PeerState | undefined {
    return this.peers.get(id);
  }

  peerCount(): number {
    return this.peers.size;
  }

  /** Replaces what one peer reports about the data it received from others. */
  setIncomingEdges(to: string, incoming: { from: string; bytes: number; rate: number }[]): void {
    const seen = new Set<string>();
    for (const e of incoming) {
      if (e.from === to) continue;
      const key = edgeKey(e.from, to);
      seen.add(key);
      const old = this.edges.get(key);
      if (!old || old.bytes !== e.bytes || old.rate !== e.rate) {
        this.edges.set(key, { from: e.from, to, bytes: e.bytes, rate: e.rate });
        this.edgesDirty = true;
      }
    }
    for (const [key, edge] of this.edges) {
      if (edge.to === to && !seen.has(key)) {
        this.edges.delete(key);
        this.edgesDirty = true;
      }
    }
  }

  snapshot(): SwarmSnapshot {
    return {
      seq: this.seq,
      at: this.now(),
      torrent: this.torrent,
      peers: [...this.peers.values()].map((p) => ({ ...p })),
      edges: [...this.edges.values()].map((e) => ({ ...e })),
    };
  }

  /** What changed since the last delta, or null if nothing did. */
  takeDelta(): SwarmDelta | null {
    if (
      this.dirtyPeers.size === 0 &&
      this.removedPeers.size === 0 &&
      !this.edgesDirty &&
      !this.torrentDirty
    ) {
      return null;
    }
    this.seq += 1;
    const delta: SwarmDelta = {
      seq: this.seq,
      at: this.now(),
      upserted: [...this.dirtyPeers].flatMap((id) => {
        const p = this.peers.get(id);
        return p ? [{ ...p }] : [];
      }),
      removed: [...this.removedPeers],
    };
    if (this.torrentDirty) delta.torrent = this.torrent;
    if (this.edgesDirty) delta.edges = [...this.edges.values()].map((e) => ({ ...e }));
    this.dirtyPeers = new Set();
    this.removedPeers = new Set();
    this.edgesDirty = false;
    this.torrentDirty = false;
    return delta;
  }
}

/** Applies a delta to a snapshot held by a viewer (the projector). Pure: returns a new snapshot. */
export function applyDelta(view: SwarmSnapshot, delta: SwarmDelta): SwarmSnapshot {
  if (delta.seq <= view.seq) return view;
  const peers = new Map(view.peers.map((p) => [p.id, p]));
  for (const id of delta.removed) peers.delete(id);
  for (const p of delta.upserted) peers.set(p.id, p);
  return {
    seq: delta.seq,
    at: delta.at,
    torrent: delta.torrent !== undefined ? delta.torrent : view.torrent,
    peers: [...peers.values()],
    edges: delta.edges ?? view.edges,
  };
}

export const emptySnapshot = (): SwarmSnapshot => ({
  seq: 0,
  at: 0,
  torrent: null,
  peers: [],
  edges: [],
});
