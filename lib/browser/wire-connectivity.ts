/**
 * How each of this browser's WebRTC wires connected: the candidate types of the pair ICE
 * selected, read from RTCPeerConnection.getStats() (the browser's own ground truth), reported to
 * the lab as `peer:connectivity` every few seconds (lib/connectivity.ts says what they mean).
 */
import type { Socket } from 'socket.io-client';
import { CandidateTypeSchema, type CandidateType, type WireConnectivity } from '../connectivity';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol';

/** What webtorrent keeps per peer (torrent._peers): its wire and, for WebRTC, simple-peer's pc. */
interface PeerLike {
  type: string;
  conn: { _pc?: RTCPeerConnection | null } | null;
  wire: { peerId: string | null } | null;
}
export interface TorrentWithPeers {
  _peers?: Map<string, PeerLike>;
}

const REPORT_MS = 3000;

/** The selected pair's local and remote candidate types, or null before ICE has chosen. */
export async function selectedPairTypes(
  pc: RTCPeerConnection,
): Promise<{ local: CandidateType; remote: CandidateType } | null> {
  const stats = await pc.getStats();
  let pairId: string | undefined;
  stats.forEach((s: { type: string; selectedCandidatePairId?: string }) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
  });
  // Some stacks report no transport: the nominated, succeeded pair is the selected one.
  if (!pairId)
    stats.forEach((s: { type: string; id: string; nominated?: boolean; state?: string }) => {
      if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pairId ??= s.id;
    });
  const pair = pairId
    ? (stats.get(pairId) as { localCandidateId: string; remoteCandidateId: string })
    : undefined;
  if (!pair) return null;
  const local = CandidateTypeSchema.safeParse(stats.get(pair.localCandidateId)?.candidateType);
  const remote = CandidateTypeSchema.safeParse(stats.get(pair.remoteCandidateId)?.candidateType);
  return local.success && remote.success ? { local: local.data, remote: remote.data } : null;
}

export async function collectWireConnectivity(
  torrent: TorrentWithPeers,
): Promise<WireConnectivity[]> {
  const out: WireConnectivity[] = [];
  for (const peer of torrent._peers?.values() ?? []) {
    const pc = peer.conn?._pc;
    const remotePeerId = peer.wire?.peerId;
    if (peer.type !== 'webrtc' || !pc || !remotePeerId) continue;
    const types = await selectedPairTypes(pc).catch(() => null);
    if (types) out.push({ remotePeerId, ...types });
  }
  return out.slice(0, 200);
}

/** Reports this page's wires every few seconds until the returned function is called. */
export function startConnectivityReports(
  torrent: () => TorrentWithPeers | null,
  socket: () => Socket<ServerToClientEvents, ClientToServerEvents> | null,
): () => void {
  const timer = setInterval(() => {
    const t = torrent();
    if (!t) return;
    void collectWireConnectivity(t).then((wires) => socket()?.emit('peer:connectivity', { wires }));
  }, REPORT_MS);
  return () => clearInterval(timer);
}
