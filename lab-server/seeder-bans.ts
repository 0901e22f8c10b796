/**
 * Who the instructor removed from one torrent (the kick experiment), as the seeder refuses them
 * for the rest of the round: the peer ids, and for a desktop client also its host and the port
 * it listens on. A peer id alone does not keep a desktop client out: libtorrent (qBittorrent,
 * python3-libtorrent) restarts with a new one and is back at once (desktop-identity.ts).
 * Browsers are kept out by their page (it is told to leave) and by their peer id.
 */
import { formatAddress, type WireAddress } from './desktop-identity';

export interface BannedWire extends WireAddress {
  transport: 'webrtc' | 'tcp' | 'utp' | 'other';
}

/** Host and listen port, when the wire says (BEP 10 `p`, or the port the seeder dialled). */
function listenAddress(w: BannedWire): string | null {
  if (w.transport === 'webrtc' || !w.host) return null;
  const port = w.listenPort ?? (w.outgoing ? w.remotePort : null);
  return port ? formatAddress(w.host, port) : null;
}

export function createBans() {
  const peerIds = new Set<string>();
  const addresses = new Set<string>();
  return {
    /** Removes this peer id, and the listen addresses of the wires it held. */
    ban(peerId: string, wires: readonly BannedWire[]) {
      peerIds.add(peerId);
      for (const w of wires) {
        const address = listenAddress(w);
        if (address) addresses.add(address);
      }
    },
    /** Is this wire a removed peer, by its peer id or (desktop clients) its listen address? */
    refuses(w: BannedWire): boolean {
      if (peerIds.has(w.peerId)) return true;
      const address = listenAddress(w);
      return address !== null && addresses.has(address);
    },
  };
}
export type Bans = ReturnType<typeof createBans>;
