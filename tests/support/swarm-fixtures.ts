/**
 * Swarm-model values for unit tests: a peer id from a number, and a peer state with every
 * field at rest unless the test says otherwise.
 */
import type { PeerState } from '../../lib/swarm-model';

/** A 40-hex-digit peer id (or info hash) from a small number. */
export const hexId = (n: number) => n.toString(16).padStart(40, '0');

export const peerState = (id: string, extra: Partial<PeerState> = {}): PeerState => ({
  id,
  kind: 'browser',
  nickname: id,
  client: '',
  address: null,
  bitfield: '',
  have: 0,
  downloaded: 0,
  uploaded: 0,
  downloadRate: 0,
  uploadRate: 0,
  joinedAt: 0,
  updatedAt: 0,
  ...extra,
});
