/**
 * What an interactive diagram (or the instructor) can do to a running swarm. Each control is
 * pure like `step`: it returns a changed copy and leaves its input alone.
 */
import { checkStrategy } from './config';
import { activatePeer, departPeer, findPeer, growPairs, insertPeer } from './peers';
import { cloneState, TIME_EPSILON } from './state';
import type { PeerSpec, SimState, Strategy } from './types';

/** Adds a peer; it joins now unless spec.joinAt is later. */
export function addPeer(state: SimState, spec: PeerSpec): SimState {
  const next = cloneState(state);
  const peer = insertPeer(next, spec, next.t);
  growPairs(next);
  if (peer.joinAt <= next.t + TIME_EPSILON) activatePeer(next, peer, next.t);
  return next;
}

/** The peer leaves now (or, if it had not joined yet, never will). Throws on an unknown id. */
export function removePeer(state: SimState, id: string): SimState {
  const next = cloneState(state);
  departPeer(next, findPeer(next, id), next.t);
  return next;
}

/** Every peer whose role is 'seed' leaves now; leechers that finished stay. */
export function removeSeed(state: SimState): SimState {
  const next = cloneState(state);
  for (const peer of next.peers) if (peer.role === 'seed') departPeer(next, peer, next.t);
  return next;
}

/** Changes the piece strategy of every peer from the next request on. */
export function setStrategy(state: SimState, strategy: Strategy): SimState {
  const next = cloneState(state);
  next.strategy = checkStrategy(strategy);
  return next;
}
