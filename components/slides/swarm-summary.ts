import { progressOf, type SwarmSnapshot } from '@/lib/swarm-model';

export interface SwarmSummary {
  /** Peers other than the lab's seeder. */
  peers: number;
  /** Their mean download progress, 0 to 1 (0 when there are none). */
  averageProgress: number;
  /** How many of them have every piece. */
  complete: number;
}

export function swarmSummary(snapshot: SwarmSnapshot): SwarmSummary {
  const peers = snapshot.peers.filter((p) => p.kind !== 'seeder');
  const progress = peers.map((p) => progressOf(p, snapshot.torrent));
  const total = progress.reduce((sum, p) => sum + p, 0);
  return {
    peers: peers.length,
    averageProgress: peers.length ? total / peers.length : 0,
    complete: progress.filter((p) => p >= 1).length,
  };
}
