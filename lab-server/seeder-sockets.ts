/**
 * The seeder's raw TCP and uTP sockets, before webtorrent's wire protocol reads or writes a
 * byte: what "what the network sees" (wire-capture.ts) records, and how a wire's encryption is
 * read. webtorrent 3.0.21 (pinned) has no event for either, so this reaches into three private
 * parts of it, each named here and nowhere else:
 *
 * - `client._connPool.tcpServer` / `.utpServer`: the listening servers; their 'connection'
 *   event is where incoming sockets appear (our listener goes first, before webtorrent's);
 * - `torrent._drain()` and `torrent._peers`: where outgoing sockets are made (`net.connect` /
 *   `utpServer.connect`, no event); right after a drain, the new socket has not connected yet;
 * - `wire._encryptionMethod` (bittorrent-protocol 5): 2 once MSE's RC4 is on for the stream.
 */
import type { Torrent, Wire } from 'webtorrent';
import type { WireEncryption } from '../lib/wire-encryption';

/** A socket as Node's `net.Socket` and utp-native's connection both are. */
export interface RawSocket {
  remoteAddress?: string;
  remotePort?: number;
  write(chunk: unknown, ...rest: unknown[]): boolean;
  on(event: 'data', fn: (chunk: Buffer) => void): unknown;
  once(event: 'close', fn: () => void): unknown;
  off(event: 'data', fn: (chunk: Buffer) => void): unknown;
  destroy(): void;
}

export interface RawConnection {
  socket: RawSocket;
  transport: 'tcp' | 'utp';
  direction: 'incoming' | 'outgoing';
  /** "host:port" as webtorrent's wire will carry it (remoteAddress:remotePort). */
  remote: string;
}

type Listener = (conn: RawConnection) => void;

interface ServerLike {
  prependListener(event: 'connection', fn: (socket: RawSocket) => void): unknown;
}
interface ClientInternals {
  _connPool?: { tcpServer?: ServerLike | null; utpServer?: ServerLike | null } | null;
  once(event: 'listening', fn: () => void): unknown;
  listening?: boolean;
}
interface PeerInternals {
  type: string;
  addr?: string;
  conn?: RawSocket | null;
}
interface TorrentInternals {
  _drain(): void;
  _peers: Map<string, PeerInternals>;
}

const hostOf = (address: string) => address.replace(/^::ffff:/, '');

/** Calls `listener` for every socket the seeder accepts, from now on. */
export function watchIncoming(client: unknown, listener: Listener): void {
  const c = client as ClientInternals;
  const attach = () => {
    const pool = c._connPool;
    const watch = (server: ServerLike | null | undefined, transport: 'tcp' | 'utp') =>
      server?.prependListener('connection', (socket) => {
        if (!socket.remoteAddress) return; // webtorrent drops these too (closed before connect)
        listener({
          socket,
          transport,
          direction: 'incoming',
          remote: `${hostOf(socket.remoteAddress)}:${socket.remotePort}`,
        });
      });
    watch(pool?.tcpServer, 'tcp');
    watch(pool?.utpServer, 'utp');
  };
  // The uTP server exists only once the TCP server listens (webtorrent's conn-pool).
  if (c.listening) attach();
  else c.once('listening', attach);
}

/** Calls `listener` for every socket the seeder dials on this torrent, before it connects. */
export function watchOutgoing(torrent: Torrent, listener: Listener): void {
  const t = torrent as unknown as TorrentInternals;
  const seen = new WeakSet<RawSocket>();
  const drain = t._drain.bind(t);
  t._drain = () => {
    drain();
    for (const peer of t._peers.values()) {
      const socket = peer.conn;
      if (!socket || seen.has(socket) || !/Outgoing$/.test(peer.type) || !peer.addr) continue;
      seen.add(socket);
      listener({
        socket,
        transport: peer.type.startsWith('utp') ? 'utp' : 'tcp',
        direction: 'outgoing',
        remote: peer.addr,
      });
    }
  };
}

/** How a wire's stream crosses the network, once its handshake is done. */
export function wireEncryption(wire: Wire): WireEncryption {
  return (wire as unknown as { _encryptionMethod?: number | null })._encryptionMethod === 2
    ? 'rc4'
    : 'plaintext';
}

/** The key a wire shares with its RawConnection. */
export const wireRemote = (wire: Wire) =>
  `${hostOf(String(wire.remoteAddress ?? ''))}:${wire.remotePort ?? ''}`;
