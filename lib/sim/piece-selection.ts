/**
 * Which piece a downloader asks an uploader for (Cohen 2003, §2.3):
 * strict priority for pieces already begun, then the swarm's strategy (rarest-first, random or
 * sequential), random while the peer holds fewer than `randomFirstPieces`, and endgame once
 * every missing piece is already requested from someone.
 */
import { hasPiece } from '../bitfield';
import { pieceSize } from './config';
import { nextInt } from './rng';
import type { SimPeer, SimState, Strategy } from './types';

/** Does `v` lack a piece that `u` has? (BitTorrent's "interested".) */
export function isInterested(state: SimState, v: SimPeer, u: SimPeer): boolean {
  const pieces = state.config.pieceCount;
  if (v.haveCount === pieces || u.haveCount === 0) return false;
  if (u.haveCount === pieces) return true;
  const a = u.have;
  const b = v.have;
  for (let k = 0; k < a.length; k++) if ((a[k]! & ~b[k]!) !== 0) return true;
  return false;
}

function inFlight(v: SimPeer, piece: number): boolean {
  for (const p of v.requests.values()) if (p === piece) return true;
  return false;
}

// Reused between calls so picking allocates nothing; every call leaves them as it found them
// (requested all 0), so they are invisible from outside.
let scratch = new Int32Array(64);
let requested = new Uint8Array(64);

/**
 * One pass over the pieces u has, v lacks and v has not requested from anyone, in increasing
 * order. Sequential stops at the first; random keeps them all; rarest-first keeps only the
 * least available so far. Returns -1 when there is no such piece.
 */
function chooseCandidate(
  state: SimState,
  v: SimPeer,
  u: SimPeer,
  strategy: Strategy,
  notYet: readonly number[],
): number {
  const pieces = state.config.pieceCount;
  if (scratch.length < pieces) {
    scratch = new Int32Array(pieces);
    requested = new Uint8Array(pieces);
  }
  for (const p of v.requests.values()) requested[p] = 1;
  for (const p of notYet) requested[p] = 1;
  const piece = scan(state, v, u, strategy);
  for (const p of v.requests.values()) requested[p] = 0;
  for (const p of notYet) requested[p] = 0;
  return piece;
}

function scan(state: SimState, v: SimPeer, u: SimPeer, strategy: Strategy): number {
  const { availability } = state;
  const a = u.have;
  const b = v.have;
  let n = 0;
  let best = Infinity;
  for (let k = 0; k < a.length; k++) {
    let m = a[k]! & ~b[k]! & 0xff;
    while (m !== 0) {
      const offset = Math.clz32(m) - 24;
      m ^= 0x80 >> offset;
      const p = k * 8 + offset;
      if (requested[p] === 1) continue;
      if (strategy === 'sequential') return p;
      if (strategy === 'rarest-first') {
        const avail = availability[p]!;
        if (avail > best) continue;
        if (avail < best) {
          best = avail;
          n = 0;
        }
      }
      scratch[n++] = p;
    }
  }
  return n === 0 ? -1 : scratch[nextInt(state.rng, n)]!;
}

/** Endgame: the in-flight piece u has with the most bytes still missing (lowest index on a tie). */
function endgamePick(state: SimState, v: SimPeer, u: SimPeer, notYet: readonly number[]): number {
  const missing = state.config.pieceCount - v.haveCount;
  if (v.requests.size < missing) return -1;
  const distinct = new Set(v.requests.values());
  if (distinct.size < missing) return -1;
  let best = -1;
  let bestLeft = -1;
  for (const p of distinct) {
    if (!hasPiece(u.have, p) || notYet.includes(p)) continue;
    const left = pieceSize(state.config, p) - (v.partial.get(p) ?? 0);
    if (left > bestLeft || (left === bestLeft && p < best)) {
      best = p;
      bestLeft = left;
    }
  }
  return best;
}

const NONE: readonly number[] = [];

/**
 * The piece v should request from u next, or -1 if there is none worth asking for.
 * `notYet`: pieces u completed during the current tick, which it cannot forward until the next.
 */
export function pickPiece(
  state: SimState,
  v: SimPeer,
  u: SimPeer,
  notYet: readonly number[] = NONE,
): number {
  // Strict priority: finish what was begun (blocks kept from a connection since choked).
  for (const p of v.partial.keys()) {
    if (hasPiece(u.have, p) && !inFlight(v, p) && !notYet.includes(p)) return p;
  }
  const strategy = v.haveCount < state.config.randomFirstPieces ? 'random' : state.strategy;
  const piece = chooseCandidate(state, v, u, strategy, notYet);
  if (piece >= 0) return piece;
  return state.config.endgame ? endgamePick(state, v, u, notYet) : -1;
}
