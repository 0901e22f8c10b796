/**
 * Figures the projector shows beside the swarm, computed from one snapshot. Pure.
 */
import { bitfieldFromBase64, hasPiece } from './bitfield';
import type { SwarmSnapshot } from './swarm-model';

/** How many peers hold each piece (rarest-first made visible). */
export function pieceAvailability(snapshot: SwarmSnapshot): number[] {
  const count = snapshot.torrent?.pieceCount ?? 0;
  const copies = new Array<number>(count).fill(0);
  for (const peer of snapshot.peers) {
    const bits = bitfieldFromBase64(peer.bitfield);
    for (let i = 0; i < count; i++) if (hasPiece(bits, i)) copies[i]! += 1;
  }
  return copies;
}

export interface WorkShare {
  bySeeders: number;
  byClass: number;
  /** Fraction of all uploaded bytes that attendees (not seeders) uploaded; 0 when nothing moved. */
  classFraction: number;
}

/** Who did the uploading: the instructor's seeder, or the class. */
export function workShare(snapshot: SwarmSnapshot): WorkShare {
  let bySeeders = 0;
  let byClass = 0;
  for (const p of snapshot.peers) {
    if (p.kind === 'seeder') bySeeders += p.uploaded;
    else byClass += p.uploaded;
  }
  const total = bySeeders + byClass;
  return { bySeeders, byClass, classFraction: total > 0 ? byClass / total : 0 };
}
