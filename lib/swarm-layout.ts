/**
 * Where to draw each peer of a swarm: seeders in the middle, everyone else evenly on a circle,
 * ordered by join time so a newcomer never makes the others jump far.
 * Pure: the projector and its benchmarks call it with a snapshot.
 */
import type { PeerState, SwarmSnapshot } from './swarm-model';

export interface NodeLayout {
  peer: PeerState;
  x: number;
  y: number;
  r: number;
}

export function layoutSwarm(
  snapshot: SwarmSnapshot,
  width: number,
  height: number,
): Map<string, NodeLayout> {
  const cx = width / 2;
  const cy = height / 2;
  const seeders = snapshot.peers.filter((p) => p.kind === 'seeder');
  const others = snapshot.peers
    .filter((p) => p.kind !== 'seeder')
    .sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id));
  const ring = Math.min(width, height) / 2 - Math.max(48, Math.min(width, height) * 0.1);
  const nodeR = Math.max(8, Math.min(38, (Math.PI * ring) / Math.max(others.length, 1) / 1.6));
  const out = new Map<string, NodeLayout>();
  seeders.forEach((peer, i) => {
    const offset = seeders.length > 1 ? (i - (seeders.length - 1) / 2) * 110 : 0;
    out.set(peer.id, { peer, x: cx + offset, y: cy, r: 52 });
  });
  others.forEach((peer, i) => {
    const angle = -Math.PI / 2 + (i / Math.max(others.length, 1)) * Math.PI * 2;
    out.set(peer.id, {
      peer,
      x: cx + Math.cos(angle) * ring,
      y: cy + Math.sin(angle) * ring,
      r: nodeR,
    });
  });
  return out;
}

/** The SVG path of a pie slice for a completion fraction (a full circle at 1). */
export function piePath(x: number, y: number, r: number, fraction: number): string {
  const f = Math.max(0, Math.min(1, fraction));
  if (f >= 0.9999) {
    return `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
  if (f <= 0) return '';
  const end = -Math.PI / 2 + f * Math.PI * 2;
  const ex = x + Math.cos(end) * r;
  const ey = y + Math.sin(end) * r;
  return `M${x},${y}L${x},${y - r}A${r},${r} 0 ${f > 0.5 ? 1 : 0},1 ${ex.toFixed(2)},${ey.toFixed(2)}Z`;
}
