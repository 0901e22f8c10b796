/**
 * The simulator's data: what a caller configures (SimConfig, PeerSpec) and the state a step
 * advances (SimState). The state is plain data plus typed arrays and Maps; treat a state you
 * were given as read-only, because `step` and the controls return a new one.
 */
import type { RngState } from './rng';

export type Strategy = 'rarest-first' | 'random' | 'sequential';
export type PeerRole = 'seed' | 'leecher';
/** waiting: scheduled to join later; active: in the swarm; left: gone for good. */
export type PeerStatus = 'waiting' | 'active' | 'left';

export interface PeerSpec {
  /** Unique and human-readable; defaults to `seed-<index>` or `peer-<index>`. */
  id?: string;
  /** A seed starts with every piece. Default 'leecher'. */
  role?: PeerRole;
  /** Upload capacity, bytes per simulated second. */
  upload: number;
  /** Download capacity, bytes per simulated second. */
  download: number;
  /** Never unchokes anyone, whatever its upload capacity. */
  freeRider?: boolean;
  /** Simulated seconds. Default 0 in createSim, "now" in addPeer. */
  joinAt?: number;
  /** Simulated seconds. Default: never leaves. */
  leaveAt?: number;
  /** Leave as soon as the download completes instead of staying to seed. */
  leaveWhenDone?: boolean;
}

export interface SimConfig {
  /** Seed of the PRNG (a 32-bit integer): the only source of randomness. */
  seed: number;
  /** F, bytes. Cut BitTorrent-style: pieces of ceil(F/P) bytes, the last one shorter. */
  fileSize: number;
  /** P. */
  pieceCount: number;
  peers: PeerSpec[];
  /** Default 'rarest-first'. */
  strategy?: Strategy;
  /** Pick pieces at random until a peer holds this many (Cohen's "random first piece"). Default 0. */
  randomFirstPieces?: number;
  /**
   * Unchoke slots per uploader, the optimistic one included (BEP 3: four in all, so three go
   * by rate). Default 4.
   */
  uploadSlots?: number;
  /** Request the last in-flight pieces from every peer that has them. Default true. */
  endgame?: boolean;
  /** Default tick, simulated seconds. Default 0.1. */
  dt?: number;
  /** Seconds between regular unchoke rounds. Default 10. */
  chokeInterval?: number;
  /** Seconds between optimistic unchoke rotations. Default 30. */
  optimisticInterval?: number;
}

export interface ResolvedConfig {
  readonly seed: number;
  readonly fileSize: number;
  readonly pieceCount: number;
  readonly pieceLength: number;
  readonly lastPieceLength: number;
  readonly strategy: Strategy;
  readonly randomFirstPieces: number;
  readonly uploadSlots: number;
  readonly endgame: boolean;
  readonly dt: number;
  readonly chokeInterval: number;
  readonly optimisticInterval: number;
}

export interface SimPeer {
  /** Position in SimState.peers; never reused, departed peers stay in the array. */
  readonly index: number;
  readonly id: string;
  /** 40 hex characters, stable for a given seed and id. */
  readonly peerId: string;
  readonly role: PeerRole;
  readonly upload: number;
  readonly download: number;
  readonly freeRider: boolean;
  readonly leaveWhenDone: boolean;
  readonly joinAt: number;
  readonly leaveAt: number | null;
  status: PeerStatus;
  joinedAt: number | null;
  leftAt: number | null;
  finishedAt: number | null;
  /** Verified pieces, BEP 3 bit order (lib/bitfield). */
  have: Uint8Array;
  haveCount: number;
  /** Bytes received so far of pieces not yet complete; survives a choke, like kept blocks. */
  partial: Map<number, number>;
  /** Uploader index -> the piece this peer is fetching from it. */
  requests: Map<number, number>;
  /** Peers this one uploads to (regular slots plus the optimistic one). */
  unchoked: number[];
  /** The optimistically unchoked peer, or -1. */
  optimistic: number;
  uploaded: number;
  downloaded: number;
  /** Bytes per second over the last step. */
  uploadRate: number;
  downloadRate: number;
  /** Someone may have become interested in this peer: look again to fill free upload slots. */
  slotsDirty: boolean;
}

/** A piece that became complete at `to` during the last step; `from` sent its last bytes. */
export interface PieceTransfer {
  from: string;
  to: string;
  piece: number;
  /** Simulated seconds, inside the step. */
  t: number;
}

/** Data that flowed during the last step; `from` and `to` index SimState.peers. */
export interface Flow {
  from: number;
  to: number;
  /** Bytes per second averaged over the step. */
  rate: number;
}

export interface SimState {
  readonly config: ResolvedConfig;
  /** Simulated seconds. */
  t: number;
  stepCount: number;
  strategy: Strategy;
  rng: RngState;
  peers: SimPeer[];
  /** Per piece: how many active peers hold it. */
  availability: Int32Array;
  /** Row length of the pair matrices; equals peers.length. */
  stride: number;
  /** Bytes sent from -> to since the start: pairBytes[from * stride + to]. */
  pairBytes: Float64Array;
  /** Bytes sent from -> to since the last regular unchoke round (tit-for-tat's memory). */
  roundBytes: Float64Array;
  nextChokeAt: number;
  nextOptimisticAt: number;
  /** Pieces completed during the last step, in order. */
  transfers: PieceTransfer[];
  flows: Flow[];
}
