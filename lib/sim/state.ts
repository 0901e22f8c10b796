/** Creating a swarm, and copying one so that step and the controls never touch their input. */
import { resolveConfig } from './config';
import { activatePeer, departPeer, growPairs, insertPeer } from './peers';
import { createRng } from './rng';
import type { SimConfig, SimPeer, SimState } from './types';

/** Tolerance for comparing simulated times that were built by adding ticks. */
export const TIME_EPSILON = 1e-9;

/** Rounds to the nanosecond so 0.1 + 0.2 ticks stay 0.3 s and times print cleanly. */
export function roundTime(t: number): number {
  return Math.round(t * 1e9) / 1e9;
}

/** Joins and departures that are due at time t. */
export function applySchedule(state: SimState, t: number): void {
  for (const peer of state.peers) {
    if (peer.status === 'waiting' && peer.joinAt <= t + TIME_EPSILON) activatePeer(state, peer, t);
    if (peer.status === 'active' && peer.leaveAt !== null && peer.leaveAt <= t + TIME_EPSILON) {
      departPeer(state, peer, t);
    }
  }
}

export function createSim(config: SimConfig): SimState {
  const resolved = resolveConfig(config);
  const state: SimState = {
    config: resolved,
    t: 0,
    stepCount: 0,
    strategy: resolved.strategy,
    rng: createRng(resolved.seed),
    peers: [],
    availability: new Int32Array(resolved.pieceCount),
    stride: 0,
    pairBytes: new Float64Array(0),
    roundBytes: new Float64Array(0),
    nextChokeAt: 0,
    nextOptimisticAt: 0,
    transfers: [],
    flows: [],
  };
  for (const spec of config.peers) insertPeer(state, spec, 0);
  growPairs(state);
  applySchedule(state, 0);
  return state;
}

// Spelled out rather than `{ ...p }`: V8 copies a literal of known shape several times faster,
// and this runs for every peer on every pure step.
function clonePeer(p: SimPeer): SimPeer {
  return {
    index: p.index,
    id: p.id,
    peerId: p.peerId,
    role: p.role,
    upload: p.upload,
    download: p.download,
    freeRider: p.freeRider,
    leaveWhenDone: p.leaveWhenDone,
    joinAt: p.joinAt,
    leaveAt: p.leaveAt,
    status: p.status,
    joinedAt: p.joinedAt,
    leftAt: p.leftAt,
    finishedAt: p.finishedAt,
    have: p.have.slice(),
    haveCount: p.haveCount,
    partial: new Map(p.partial),
    requests: new Map(p.requests),
    unchoked: p.unchoked.slice(),
    optimistic: p.optimistic,
    uploaded: p.uploaded,
    downloaded: p.downloaded,
    uploadRate: p.uploadRate,
    downloadRate: p.downloadRate,
    slotsDirty: p.slotsDirty,
  };
}

/** A deep copy of everything a step may change; config and past transfer records are shared. */
export function cloneState(s: SimState): SimState {
  return {
    ...s,
    rng: { s: s.rng.s },
    peers: s.peers.map(clonePeer),
    availability: s.availability.slice(),
    pairBytes: s.pairBytes.slice(),
    roundBytes: s.roundBytes.slice(),
    transfers: s.transfers.slice(),
    flows: s.flows.slice(),
  };
}
