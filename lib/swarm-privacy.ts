/**
 * Attendees' addresses leave the lab only when the instructor allows it (the privacy switch on
 * the class index, off by default) or to the instructor's own sockets. Everyone else — the
 * projector, /api/swarm, any page on the network — gets the same swarm with every address null.
 */
import type { PeerState, SwarmDelta, SwarmSnapshot } from './swarm-model';

const redactPeers = (peers: PeerState[]): PeerState[] =>
  peers.map((p) => (p.address === null ? p : { ...p, address: null }));

export function redactSnapshot(snapshot: SwarmSnapshot): SwarmSnapshot {
  return { ...snapshot, peers: redactPeers(snapshot.peers) };
}

export function redactDelta(delta: SwarmDelta): SwarmDelta {
  return { ...delta, upserted: redactPeers(delta.upserted) };
}
