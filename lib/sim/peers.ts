/**
 * A peer's life: created, joins, completes pieces, leaves. Each function mutates the state it
 * is given; step and the controls call them on a copy.
 */
import { fullBitfield, emptyBitfield, setPiece } from '../bitfield';
import { checkPeerSpec } from './config';
import { simPeerId } from './ids';
import type { PeerSpec, SimPeer, SimState } from './types';

/** Calls fn for every piece set in bits, in increasing order. */
export function forEachPiece(bits: Uint8Array, fn: (piece: number) => void): void {
  for (let k = 0; k < bits.length; k++) {
    let m = bits[k]!;
    while (m !== 0) {
      const offset = Math.clz32(m) - 24;
      m ^= 0x80 >> offset;
      fn(k * 8 + offset);
    }
  }
}

/** Appends a peer (status 'waiting') without touching the pair matrices; see growPairs. */
export function insertPeer(state: SimState, spec: PeerSpec, defaultJoinAt: number): SimPeer {
  const index = state.peers.length;
  const role = spec.role ?? 'leecher';
  const id = spec.id ?? `${role === 'seed' ? 'seed' : 'peer'}-${index}`;
  checkPeerSpec(spec, id, new Set(state.peers.map((p) => p.id)));
  const { pieceCount } = state.config;
  const peer: SimPeer = {
    index,
    id,
    peerId: simPeerId(state.config.seed, id),
    role,
    upload: spec.upload,
    download: spec.download,
    freeRider: spec.freeRider ?? false,
    leaveWhenDone: spec.leaveWhenDone ?? false,
    joinAt: spec.joinAt ?? defaultJoinAt,
    leaveAt: spec.leaveAt ?? null,
    status: 'waiting',
    joinedAt: null,
    leftAt: null,
    finishedAt: null,
    have: role === 'seed' ? fullBitfield(pieceCount) : emptyBitfield(pieceCount),
    haveCount: role === 'seed' ? pieceCount : 0,
    partial: new Map(),
    requests: new Map(),
    unchoked: [],
    optimistic: -1,
    uploaded: 0,
    downloaded: 0,
    uploadRate: 0,
    downloadRate: 0,
    slotsDirty: false,
  };
  state.peers.push(peer);
  return peer;
}

/** Resizes the pair matrices to the peer count, keeping what they hold. */
export function growPairs(state: SimState): void {
  const n = state.peers.length;
  const old = state.stride;
  if (n === old) return;
  const pairBytes = new Float64Array(n * n);
  const roundBytes = new Float64Array(n * n);
  for (let i = 0; i < old; i++) {
    pairBytes.set(state.pairBytes.subarray(i * old, (i + 1) * old), i * n);
    roundBytes.set(state.roundBytes.subarray(i * old, (i + 1) * old), i * n);
  }
  state.pairBytes = pairBytes;
  state.roundBytes = roundBytes;
  state.stride = n;
}

export function activatePeer(state: SimState, peer: SimPeer, t: number): void {
  if (peer.status !== 'waiting') return;
  peer.status = 'active';
  peer.joinedAt = t;
  forEachPiece(peer.have, (p) => state.availability[p]!++);
  // A newcomer is interested in everyone who has a piece, and may now fill a free slot.
  for (const other of state.peers) if (other.status === 'active') other.slotsDirty = true;
}

export function departPeer(state: SimState, peer: SimPeer, t: number): void {
  if (peer.status === 'left') return;
  const wasActive = peer.status === 'active';
  peer.status = 'left';
  peer.leftAt = t;
  peer.unchoked = [];
  peer.optimistic = -1;
  peer.requests.clear();
  peer.uploadRate = 0;
  peer.downloadRate = 0;
  if (!wasActive) return;
  forEachPiece(peer.have, (p) => state.availability[p]!--);
  for (const other of state.peers) {
    other.requests.delete(peer.index);
    const at = other.unchoked.indexOf(peer.index);
    if (at >= 0) {
      other.unchoked.splice(at, 1);
      if (other.optimistic === peer.index) other.optimistic = -1;
      other.slotsDirty = true;
    }
  }
}

/** `to` now holds `piece` in full; `from` sent the last bytes. Cancels duplicate requests. */
export function completePiece(
  state: SimState,
  to: SimPeer,
  piece: number,
  from: SimPeer,
  t: number,
): void {
  setPiece(to.have, piece);
  to.haveCount++;
  state.availability[piece]!++;
  to.partial.delete(piece);
  for (const [source, p] of to.requests) if (p === piece) to.requests.delete(source);
  to.slotsDirty = true;
  state.transfers.push({ from: from.id, to: to.id, piece, t });
  if (to.haveCount === state.config.pieceCount) {
    // Connections are processed one after another, but run side by side within the tick: the
    // download is done when the latest of this tick's pieces is, not when the last processed is.
    let done = t;
    for (const x of state.transfers) if (x.to === to.id && x.t > done) done = x.t;
    to.finishedAt = done;
  }
}

export function findPeer(state: SimState, id: string): SimPeer {
  const peer = state.peers.find((p) => p.id === id);
  if (!peer) throw new RangeError(`swarm sim: no peer ${JSON.stringify(id)}`);
  return peer;
}
