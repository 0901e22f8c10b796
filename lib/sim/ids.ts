/**
 * Deterministic BitTorrent-looking identifiers for simulated peers and the simulated torrent,
 * so a snapshot of the simulator can go wherever a snapshot of the real swarm goes.
 */
import { hashString } from './rng';

/** `-SL0100-` (Azureus style, BEP 20): "SwarmLab bot 0.1" to lib/peer-id's clientFromPeerId. */
const PEER_ID_PREFIX = '2d534c303130302d';

function hexWords(text: string, words: number): string {
  let out = '';
  for (let i = 0; i < words; i++)
    out += hashString(text, i + 1)
      .toString(16)
      .padStart(8, '0');
  return out;
}

/** 40 hex: the client prefix, then 12 bytes hashed from the seed and the sim id. */
export function simPeerId(seed: number, id: string): string {
  return PEER_ID_PREFIX + hexWords(`swarmlab-sim/peer/${seed >>> 0}/${id}`, 3);
}

/** 40 hex and visibly fake: 32 hashed characters, then the seed itself as 8 hex characters. */
export function fakeInfoHash(seed: number): string {
  return (
    hexWords(`swarmlab-sim/torrent/${seed >>> 0}`, 4) + (seed >>> 0).toString(16).padStart(8, '0')
  );
}
