/**
 * A synthetic swarm snapshot of any size, for measuring the projector under load (bench only).
 * Deterministic from `tick`: every call moves pieces along so the view has work to do.
 */
import { bitfieldFrom, bitfieldToBase64 } from './bitfield';
import type { EdgeState, PeerState, SwarmSnapshot } from './swarm-model';

const hexId = (n: number) => n.toString(16).padStart(40, '0');

export function syntheticSwarm(peers: number, pieces: number, tick: number): SwarmSnapshot {
  const list: PeerState[] = [];
  for (let i = 0; i <= peers; i++) {
    const seeder = i === 0;
    const have = seeder
      ? pieces
      : Math.min(pieces, Math.floor(((tick * (1 + (i % 7))) / 7 + i * 3) % (pieces + 1)));
    list.push({
      id: hexId(i + 1),
      kind: seeder ? 'seeder' : i % 5 === 0 ? 'desktop' : 'browser',
      nickname: seeder ? 'Instructor seeder' : `peer ${i}`,
      client: 'synthetic',
      address: null,
      bitfield: bitfieldToBase64(
        bitfieldFrom(pieces, (p) => seeder || (p * 7919 + i * 31) % pieces < have),
      ),
      have,
      downloaded: have * 16384,
      uploaded: (i * 7 + tick) * 16384,
      downloadRate: 100_000 + ((i * 13 + tick) % 50) * 1000,
      uploadRate: 50_000 + ((i * 17 + tick) % 50) * 1000,
      joinedAt: i,
      updatedAt: tick,
    });
  }
  const edges: EdgeState[] = [];
  for (let i = 1; i <= peers; i++) {
    edges.push({
      from: hexId(1),
      to: hexId(i + 1),
      bytes: i * 1000,
      rate: (i + tick) % 3 === 0 ? 0 : 1000 + i,
    });
    const other = ((i * 7 + tick) % peers) + 1;
    if (other !== i)
      edges.push({ from: hexId(other + 1), to: hexId(i + 1), bytes: 500, rate: 800 });
  }
  return {
    seq: tick,
    at: tick,
    torrent: {
      infoHash: 'f'.repeat(40),
      name: 'synthetic',
      pieceCount: pieces,
      pieceLength: 16384,
      length: pieces * 16384,
    },
    peers: list,
    edges,
  };
}
