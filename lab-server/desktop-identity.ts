/**
 * Who a desktop client is, seen from the seeder's wires. Pure, so the rules are tested on the
 * shapes real clients produce.
 *
 * A peer id is no identity for a desktop client: libtorrent (qBittorrent, python3-libtorrent)
 * reconnects with a new one, and one client can hold a TCP and a uTP wire at once, dialled
 * either way. What stays put is the host and the port the client listens on: the one it
 * announced to the tracker and sends as `p` in its extended handshake (BEP 10). An incoming
 * wire's remote port is an ephemeral one, and Node reports an IPv4 peer on a dual-stack socket
 * as `::ffff:a.b.c.d`: both made one aria2 show up under four address strings.
 */

/** What the tracker lists for a swarm (lab-server/tracker.ts `listedPeers`). */
export interface ListedPeer {
  peerId: string;
  ip: string | null;
  port: number | null;
  /** Announced `left=0`: the client has every piece. */
  complete: boolean;
}

/** The parts of a wire that say who is at the other end. */
export interface WireAddress {
  peerId: string;
  host: string | null;
  /** The remote port of this connection (the listen port only on a wire the seeder dialled). */
  remotePort: number | null;
  /** The seeder dialled it (webtorrent's `tcpOutgoing`/`utpOutgoing`). */
  outgoing: boolean;
  /** `p` from the peer's extended handshake, when it sent one. */
  listenPort: number | null;
}

/** One way to write a host: IPv4-mapped IPv6 as plain IPv4, lower case. */
export function normalizeHost(host: string): string {
  const h = host.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  return mapped ? mapped[1]! : h;
}

/** `host:port`, IPv6 in brackets; the host alone when the port is unknown. */
export function formatAddress(host: string, port: number | null): string {
  const h = normalizeHost(host);
  const shown = h.includes(':') ? `[${h}]` : h;
  return port ? `${shown}:${port}` : shown;
}

const validPort = (p: unknown): p is number =>
  typeof p === 'number' && Number.isInteger(p) && p > 0 && p < 65536;

/**
 * The port the client listens on: its handshake's `p`, else the port of a wire the seeder dialled
 * (taken from the tracker's list), else what the tracker lists for this peer id, else for this
 * host if the tracker lists exactly one client there.
 */
export function listenPortOf(wire: WireAddress, listed: ListedPeer[]): number | null {
  if (validPort(wire.listenPort)) return wire.listenPort;
  if (wire.outgoing && validPort(wire.remotePort)) return wire.remotePort;
  const byId = listed.find((l) => l.peerId === wire.peerId && validPort(l.port));
  if (byId) return byId.port;
  if (!wire.host) return null;
  const host = normalizeHost(wire.host);
  const atHost = listed.filter((l) => l.ip && normalizeHost(l.ip) === host && validPort(l.port));
  return atHost.length === 1 ? atHost[0]!.port : null;
}

/**
 * The key one desktop client keeps across reconnections: host and listen port. With no listen
 * port known, the host and peer id (never the ephemeral port, which changes on every dial).
 */
export function desktopKey(wire: WireAddress, listed: ListedPeer[]): string {
  const port = listenPortOf(wire, listed);
  if (!wire.host) return `id:${wire.peerId}`;
  return port ? formatAddress(wire.host, port) : `${normalizeHost(wire.host)}/${wire.peerId}`;
}

/** The tracker's entry for a client known by these peer ids and this address, if it lists it. */
export function trackerEntryOf(
  peerIds: ReadonlySet<string>,
  address: string | null,
  listed: ListedPeer[],
): ListedPeer | undefined {
  return listed.find(
    (l) =>
      peerIds.has(l.peerId) ||
      (address !== null && l.ip !== null && formatAddress(l.ip, l.port) === address),
  );
}
