/**
 * One tick of the swarm. `step` is pure: it copies the state and advances the copy.
 * `stepInPlace` advances the state it is given, for loops that own their state (a benchmark,
 * runToCompletion) and would rather not pay for the copy.
 *
 * Order inside a tick: joins and departures due now; a choke round if one is due; free slots
 * filled; each unchoked downloader requests a piece; bandwidth is split; bytes move.
 */
import { fillFreeSlots, chokePeer, runChokeRound } from './choking';
import { pieceSize } from './config';
import { completePiece, departPeer } from './peers';
import { isInterested, pickPiece } from './piece-selection';
import { applySchedule, cloneState, roundTime, TIME_EPSILON } from './state';
import type { SimPeer, SimState } from './types';

/** A piece within this fraction of its size is complete (floating-point dust, not bytes). */
const COMPLETE_EPSILON = 1e-12;

function runChoking(state: SimState, t: number): void {
  const { chokeInterval, optimisticInterval } = state.config;
  if (t + TIME_EPSILON < state.nextChokeAt) return;
  const rotate = t + TIME_EPSILON >= state.nextOptimisticAt;
  runChokeRound(state, rotate);
  while (state.nextChokeAt <= t + TIME_EPSILON) {
    state.nextChokeAt = roundTime(state.nextChokeAt + chokeInterval);
  }
  while (rotate && state.nextOptimisticAt <= t + TIME_EPSILON) {
    state.nextOptimisticAt = roundTime(state.nextOptimisticAt + optimisticInterval);
  }
}

function makeRequests(state: SimState): void {
  for (const u of state.peers) {
    for (let i = u.unchoked.length - 1; i >= 0; i--) {
      const v = state.peers[u.unchoked[i]!]!;
      if (v.requests.has(u.index)) continue;
      const piece = pickPiece(state, v, u);
      if (piece >= 0) v.requests.set(u.index, piece);
      else if (!isInterested(state, v, u)) chokePeer(state, u, v.index);
    }
  }
}

interface Allocation {
  /** Per uploader: bytes/s offered to each of its active connections. */
  share: Float64Array;
  /** Per receiver: the factor (<= 1) that keeps its total under its download capacity. */
  scale: Float64Array;
}

/**
 * Each uploader splits its capacity equally between the peers it unchoked that have a request;
 * a receiver offered more than its download capacity scales every offer down by the same
 * factor. One pass, not max-min fair: capacity a capped receiver cannot take is not re-offered.
 */
function allocate(state: SimState): Allocation {
  const { peers } = state;
  const share = new Float64Array(peers.length);
  const scale = new Float64Array(peers.length);
  for (const u of peers) {
    let active = 0;
    for (const v of u.unchoked) if (peers[v]!.requests.has(u.index)) active++;
    if (active === 0) continue;
    const each = u.upload / active;
    share[u.index] = each;
    for (const v of u.unchoked) if (peers[v]!.requests.has(u.index)) scale[v]! += each;
  }
  for (const v of peers) {
    const offered = scale[v.index]!;
    scale[v.index] = offered > v.download ? v.download / offered : 1;
  }
  return { share, scale };
}

/**
 * What the current tick has done so far, so that bytes moved one connection after another
 * still describe something that could happen at once: a piece completed in this tick cannot be
 * forwarded before the next one, and a piece fed by several connections in the same tick
 * (endgame) is stamped no earlier than the latest of them.
 */
interface Tick {
  state: SimState;
  t0: number;
  dt: number;
  /** Peer index -> pieces it completed during this tick. */
  fresh: Map<number, number[]>;
  /** v.index * pieceCount + piece -> fraction of the tick by which its bytes so far arrived. */
  reached: Map<number, number>;
}

/** Moves one connection's budget of bytes, piece after piece if pieces complete mid-tick. */
function moveConnection(tick: Tick, u: SimPeer, v: SimPeer, rate: number): void {
  const { state, dt, t0 } = tick;
  const budget = rate * dt;
  let used = 0;
  while (used < budget) {
    let piece = v.requests.get(u.index);
    if (piece === undefined) {
      piece = pickPiece(state, v, u, tick.fresh.get(u.index));
      if (piece < 0) break;
      v.requests.set(u.index, piece);
    }
    const size = pieceSize(state.config, piece);
    const got = v.partial.get(piece) ?? 0;
    const need = size - got;
    const left = budget - used;
    const key = v.index * state.config.pieceCount + piece;
    if (left >= need - size * COMPLETE_EPSILON) {
      used += need;
      account(state, u, v, need);
      const fraction = Math.max(used / budget, tick.reached.get(key) ?? 0);
      tick.reached.delete(key);
      completePiece(state, v, piece, u, roundTime(t0 + dt * fraction));
      const fresh = tick.fresh.get(v.index);
      if (fresh) fresh.push(piece);
      else tick.fresh.set(v.index, [piece]);
    } else {
      used = budget;
      v.partial.set(piece, got + left);
      account(state, u, v, left);
      tick.reached.set(key, 1);
    }
  }
  if (used > 0) state.flows.push({ from: u.index, to: v.index, rate: used / dt });
}

function account(state: SimState, u: SimPeer, v: SimPeer, bytes: number): void {
  u.uploaded += bytes;
  v.downloaded += bytes;
  const at = u.index * state.stride + v.index;
  state.pairBytes[at]! += bytes;
  state.roundBytes[at]! += bytes;
}

function moveBytes(state: SimState, dt: number, t0: number): void {
  const { peers } = state;
  const { share, scale } = allocate(state);
  const tick: Tick = { state, t0, dt, fresh: new Map(), reached: new Map() };
  for (const u of peers) {
    const each = share[u.index]!;
    if (each === 0) continue;
    // Completing a piece changes v.requests only; u.unchoked stays as it is until next tick.
    for (const vi of u.unchoked) {
      const v = peers[vi]!;
      if (v.requests.has(u.index)) moveConnection(tick, u, v, each * scale[vi]!);
    }
  }
  state.transfers.sort((a, b) => a.t - b.t);
  for (const f of state.flows) {
    peers[f.from]!.uploadRate += f.rate;
    peers[f.to]!.downloadRate += f.rate;
  }
}

export function stepInPlace(state: SimState, dt: number = state.config.dt): SimState {
  if (!(dt > 0) || !Number.isFinite(dt)) throw new RangeError(`swarm sim: bad dt ${dt}`);
  const t0 = state.t;
  const t1 = roundTime(t0 + dt);
  state.transfers = [];
  state.flows = [];
  for (const p of state.peers) {
    p.uploadRate = 0;
    p.downloadRate = 0;
  }
  applySchedule(state, t0);
  runChoking(state, t0);
  fillFreeSlots(state);
  makeRequests(state);
  moveBytes(state, dt, t0);
  state.t = t1;
  state.stepCount++;
  for (const p of state.peers) {
    if (p.leaveWhenDone && p.finishedAt !== null && p.status === 'active') departPeer(state, p, t1);
  }
  return state;
}

/** Pure: returns the state dt simulated seconds later; `state` is left as it was. */
export function step(state: SimState, dt?: number): SimState {
  return stepInPlace(cloneState(state), dt);
}
