/**
 * The privacy lesson's live proxy: a SOCKS5 server (@pondwader/socks5-server does the protocol)
 * that an attendee's desktop client can send its tracker and peer connections through, so the
 * tracker records the proxy's address instead of the attendee's.
 *
 * It is a demonstration, never an open proxy: a destination outside the room's own subnets
 * (given by the caller, e.g. the lab's LAN subnet and loopback) is refused, and so is any domain
 * name (resolving one would let a name point outside). Every CONNECT is reported as a
 * 'connection' event, so the instructor can show the class who went where.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { createServer as createSocks5 } from '@pondwader/socks5-server';

export interface SocksProxyOptions {
  /** Subnets a client may reach through the proxy, as CIDRs ('10.233.0.0/24', '::1/128'). */
  allowed: string[];
}

export interface SocksConnection {
  /** The client's address and port, as the proxy saw them. */
  from: string;
  /** The destination the client asked for. */
  to: string;
  /** Whether the proxy let it through. */
  allowed: boolean;
}

export interface SocksProxy extends EventEmitter {
  /** Starts listening; resolves with the port (0 picks a free one). */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
  on(event: 'connection', listener: (c: SocksConnection) => void): this;
  on(event: 'warning', listener: (err: Error) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
}

/** A BlockList of the allowed CIDRs; a bad CIDR throws (the lab's own configuration). */
export function allowList(cidrs: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const cidr of cidrs) {
    const [address, bits] = cidr.split('/');
    const family = net.isIP(address ?? '');
    const prefix = Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128))
      throw new Error(`not a subnet: "${cidr}"`);
    list.addSubnet(address!, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

/** Whether `address` (an IP literal) lies in `list`; domain names never do. */
export function isAllowed(list: net.BlockList, address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  // An IPv4-mapped IPv6 destination is checked as the IPv4 address it really is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return list.check(mapped[1]!, 'ipv4');
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const show = (address: string, port: number) =>
  net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;

export function createSocksProxy(opts: SocksProxyOptions): SocksProxy {
  const allowed = allowList(opts.allowed);
  const proxy = new EventEmitter() as SocksProxy;
  const socks = createSocks5();
  const clients = new Set<net.Socket>();

  socks.setRulesetValidator((conn) => {
    const socket = conn.socket as net.Socket;
    const ok = isAllowed(allowed, conn.destAddress);
    const c: SocksConnection = {
      from: show(socket.remoteAddress ?? '?', socket.remotePort ?? 0),
      to: show(conn.destAddress, conn.destPort),
      allowed: ok,
    };
    proxy.emit('connection', c);
    // A refused destination is the client's mistake (or a probe), not the lab's failure.
    if (!ok) proxy.emit('warning', new Error(`socks proxy: refused ${c.from} → ${c.to}`));
    return ok;
  });

  // Our own net.Server, so the lab knows the port it got and can end every client on close;
  // the library handles each accepted socket (its documented way to inject a connection).
  const server = net.createServer((socket) => {
    clients.add(socket);
    socket.once('close', () => clients.delete(socket));
    // A client that resets (libtorrent drops peer connections all the time) is ordinary, not bad
    // data: swallowed so it never becomes an unhandled 'error'; the socket closes by itself.
    socket.on('error', () => {});
    socks._handleConnection(socket);
  });
  server.on('error', (err) => proxy.emit('error', err));

  proxy.listen = (port, host) =>
    new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      server.once('error', onError);
      server.listen(port, host, () => {
        server.off('error', onError);
        resolve((server.address() as net.AddressInfo).port);
      });
    });

  proxy.close = () =>
    new Promise((resolve) => {
      // Destroying a client's socket also ends its outgoing leg (the library pipes them).
      for (const socket of clients) socket.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });

  return proxy;
}
