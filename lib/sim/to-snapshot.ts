/**
 * The simulator seen through the shared swarm model (lib/swarm-model), so the projector's
 * drawing code can show a simulated swarm exactly as it shows the live one.
 */
import { bitfieldToBase64 } from '../bitfield';
import type { EdgeState, PeerState, SwarmSnapshot, TorrentInfo } from '../swarm-model';
import { fakeInfoHash } from './ids';
import type { SimPeer, SimState } from './types';

export const SIM_CLIENT = 'SwarmLab sim';

export interface SnapshotOptions {
  /**
   * 'active' (default): links that carried data during the last step.
   * 'all': every pair of present peers that ever exchanged data, idle ones at rate 0.
   */
  edges?: 'active' | 'all';
}

export function torrentInfoOf(state: SimState): TorrentInfo {
  const { seed, pieceCount, pieceLength, fileSize } = state.config;
  return {
    infoHash: fakeInfoHash(seed),
    name: `swarmlab-sim-seed-${seed >>> 0}.bin`,
    pieceCount,
    pieceLength,
    length: fileSize,
  };
}

function peerState(p: SimPeer, at: number): PeerState {
  return {
    id: p.peerId,
    kind: p.role === 'seed' ? 'seeder' : 'bot',
    nickname: p.id,
    client: SIM_CLIENT,
    address: null,
    bitfield: bitfieldToBase64(p.have),
    have: p.haveCount,
    downloaded: Math.round(p.downloaded),
    uploaded: Math.round(p.uploaded),
    downloadRate: p.downloadRate,
    uploadRate: p.uploadRate,
    joinedAt: Math.round((p.joinedAt ?? 0) * 1000),
    updatedAt: at,
  };
}

function edgesOf(state: SimState, mode: 'active' | 'all'): EdgeState[] {
  const { peers, pairBytes, stride } = state;
  const present = (i: number) => peers[i]?.status === 'active';
  const edge = (from: number, to: number, rate: number): EdgeState => ({
    from: peers[from]!.peerId,
    to: peers[to]!.peerId,
    bytes: Math.round(pairBytes[from * stride + to]!),
    rate,
  });
  const active = state.flows.filter((f) => present(f.from) && present(f.to));
  if (mode === 'active') return active.map((f) => edge(f.from, f.to, f.rate));
  const rates = new Map(active.map((f) => [f.from * stride + f.to, f.rate]));
  const out: EdgeState[] = [];
  for (let from = 0; from < peers.length; from++) {
    if (!present(from)) continue;
    for (let to = 0; to < peers.length; to++) {
      const at = from * stride + to;
      if (present(to) && pairBytes[at]! > 0) out.push(edge(from, to, rates.get(at) ?? 0));
    }
  }
  return out;
}

/** Peers that have left are absent; times are simulated milliseconds since the start. */
export function toSwarmSnapshot(state: SimState, options: SnapshotOptions = {}): SwarmSnapshot {
  const at = Math.round(state.t * 1000);
  return {
    seq: state.stepCount,
    at,
    torrent: torrentInfoOf(state),
    peers: state.peers.filter((p) => p.status === 'active').map((p) => peerState(p, at)),
    edges: edgesOf(state, options.edges ?? 'active'),
  };
}
