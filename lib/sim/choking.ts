/**
 * Tit-for-tat (BEP 3; Cohen 2003, §2.4). An uploader has `uploadSlots` unchokes in all, and
 * one of them is the optimistic unchoke: BEP 3 says the optimistic peer "counts as one of the
 * four", and the mainline client ranks `max_uploads - 1` peers by rate (Choker.py). So every
 * `chokeInterval` seconds it unchokes the `uploadSlots - 1` interested peers that sent it the
 * most bytes since the last round (a peer that has everything ranks by what it sent them
 * instead), and every `optimisticInterval` seconds it moves the optimistic unchoke to a random
 * other interested peer. Between rounds a free regular slot is filled at once, as real clients
 * do, so bandwidth does not idle for 10 s.
 */
import { isInterested } from './piece-selection';
import { nextInt, shuffle } from './rng';
import type { SimPeer, SimState } from './types';

function canUpload(u: SimPeer): boolean {
  return u.status === 'active' && !u.freeRider && u.upload > 0;
}

function interestedIn(state: SimState, u: SimPeer): number[] {
  const out: number[] = [];
  for (const v of state.peers) {
    if (v !== u && v.status === 'active' && isInterested(state, v, u)) out.push(v.index);
  }
  return out;
}

/** u stops uploading to peer v; v's request to u is dropped (its bytes so far are kept). */
export function chokePeer(state: SimState, u: SimPeer, v: number): void {
  const at = u.unchoked.indexOf(v);
  if (at < 0) return;
  u.unchoked.splice(at, 1);
  if (u.optimistic === v) u.optimistic = -1;
  state.peers[v]?.requests.delete(u.index);
  u.slotsDirty = true;
}

function chokeAll(state: SimState, u: SimPeer): void {
  for (const v of u.unchoked) state.peers[v]?.requests.delete(u.index);
  u.unchoked = [];
  u.optimistic = -1;
}

/**
 * The k best candidates, best first, and the rest. A downloader ranks peers by the bytes they
 * sent it since the last round; a peer that has everything ranks them by the bytes it sent
 * them. Shuffled first, so equal scores (all 0 in the first round) are broken at random. A
 * partial selection rather than a sort: k is the handful of upload slots.
 */
function best(state: SimState, u: SimPeer, candidates: number[], k: number) {
  const { roundBytes, stride } = state;
  const seeding = u.haveCount === state.config.pieceCount;
  const shuffled = shuffle(state.rng, candidates);
  const top: number[] = [];
  const topScores: number[] = [];
  const rest: number[] = [];
  for (const v of shuffled) {
    const score = seeding ? roundBytes[u.index * stride + v]! : roundBytes[v * stride + u.index]!;
    let at = top.length;
    while (at > 0 && topScores[at - 1]! < score) at--;
    if (at >= k) {
      rest.push(v);
      continue;
    }
    top.splice(at, 0, v);
    topScores.splice(at, 0, score);
    if (top.length > k) {
      rest.push(top.pop()!);
      topScores.pop();
    }
  }
  return { top, rest };
}

/** Slots given by rate: all but the optimistic one. */
export function regularSlots(state: SimState): number {
  return Math.max(0, state.config.uploadSlots - 1);
}

export function runChokeRound(state: SimState, rotateOptimistic: boolean): void {
  const { peers } = state;
  const slots = regularSlots(state);
  for (const u of peers) {
    if (u.status !== 'active') continue;
    u.slotsDirty = false;
    if (!canUpload(u)) {
      chokeAll(state, u);
      continue;
    }
    const { top: regular, rest } = best(state, u, interestedIn(state, u), slots);
    let optimistic = u.optimistic;
    if (rotateOptimistic || !rest.includes(optimistic)) {
      // Rotating means someone else gets the chance, if there is anyone else.
      const others = rest.filter((v) => v !== u.optimistic);
      const pool = others.length > 0 ? others : rest;
      optimistic = pool.length > 0 ? pool[nextInt(state.rng, pool.length)]! : -1;
    }
    const next = optimistic >= 0 ? [...regular, optimistic] : regular;
    for (const v of u.unchoked) if (!next.includes(v)) peers[v]?.requests.delete(u.index);
    u.unchoked = next;
    u.optimistic = optimistic;
  }
  state.roundBytes.fill(0);
}

/**
 * Fills free regular slots of uploaders whose interested set may have grown, best-ranked first
 * (mainline rechokes on interest changes the same way), so a free-rider gets a regular slot
 * only when no peer that sent something wants it.
 */
export function fillFreeSlots(state: SimState): void {
  const slots = regularSlots(state);
  for (const u of state.peers) {
    if (!u.slotsDirty) continue;
    u.slotsDirty = false;
    if (!canUpload(u)) continue;
    const free = slots - (u.unchoked.length - (u.optimistic >= 0 ? 1 : 0));
    if (free <= 0) continue;
    const choked = interestedIn(state, u).filter((v) => !u.unchoked.includes(v));
    u.unchoked.push(...best(state, u, choked, free).top);
  }
}
