/**
 * Is a desktop client connectable? The lab dials the address and port each one announced to the
 * tracker, over TCP and over uTP (BEP 29, on UDP: what Transmission and libtorrent clients also
 * accept on that port), as any classmate would, and records the answer with its likely reason:
 * that is what the NAT lesson's hands-on shows. Either transport answering makes it connectable,
 * and the entry says which. A refused TCP connection means nothing listens there (or a firewall
 * rejects); silence means NAT or a firewall that drops. uTP has no refusal of its own (a closed
 * UDP port is silent to libutp), so a uTP failure is "no answer".
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import utp from 'utp-native';
import type { AnnounceParams } from './tracker';

export interface Connectability {
  connectable: boolean;
  /** Plain words, for the projector and the peer's entry. */
  reason: string;
  checkedAt: number;
}

/** One transport's answer: did it connect, and if not, the error code (ETIMEDOUT for silence). */
export interface DialAnswer {
  ok: boolean;
  code?: string;
}

export interface ConnectabilityChecker extends EventEmitter {
  /** A desktop client announced: dial it (again, if its address changed or the last check is old). */
  announced(params: AnnounceParams): void;
  results(): Record<string, Connectability>;
  close(): void;
}

const RECHECK_MS = 60_000;

export function reasonFor(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused: nothing answers at its announced address and port (a NAT router in front of it, or a firewall that rejects)';
    case 'ETIMEDOUT':
      return 'no answer: behind a NAT router or a firewall that drops incoming connections';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'unreachable: its announced address is not on this network';
    default:
      return code ? `failed (${code})` : 'failed';
  }
}

/** One TCP dial with a deadline. */
export function dialTcp(ip: string, port: number, timeoutMs: number): Promise<DialAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: ip, port });
    const done = (answer: DialAnswer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, code: 'ETIMEDOUT' }));
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (err: NodeJS.ErrnoException) => done({ ok: false, code: err.code }));
  });
}

/** One uTP dial with a deadline (libutp's own retries last far longer than a check should). */
export function dialUtp(ip: string, port: number, timeoutMs: number): Promise<DialAnswer> {
  return new Promise((resolve) => {
    const connection = utp.connect(port, ip);
    let settled = false;
    const done = (answer: DialAnswer) => {
      clearTimeout(timer);
      if (!settled) resolve(answer);
      settled = true;
      connection.destroy();
    };
    const timer = setTimeout(() => done({ ok: false, code: 'ETIMEDOUT' }), timeoutMs);
    connection.once('connect', () => done({ ok: true }));
    // Kept on (not once): a connection destroyed mid-handshake may still report its error.
    connection.on('error', (err: NodeJS.ErrnoException) =>
      done({ ok: false, code: err.code?.replace(/^UTP_/, '') ?? 'failed' }),
    );
  });
}

/** Both answers in words: which transports classmates can use, or why neither works. */
export function describeDials(
  tcp: DialAnswer,
  uTP: DialAnswer,
  checkedAt = Date.now(),
): Connectability {
  if (tcp.ok && uTP.ok)
    return {
      connectable: true,
      reason: 'connectable over TCP and uTP: classmates can dial it',
      checkedAt,
    };
  if (tcp.ok)
    return {
      connectable: true,
      reason: 'connectable over TCP only (uTP: no answer): classmates can dial it',
      checkedAt,
    };
  if (uTP.ok)
    return {
      connectable: true,
      reason: `connectable over uTP only (TCP ${reasonFor(tcp.code)}): classmates whose client speaks uTP can dial it`,
      checkedAt,
    };
  const tcpWhy = reasonFor(tcp.code);
  const utpWhy = reasonFor(uTP.code);
  const reason =
    tcpWhy === utpWhy ? `${tcpWhy} (neither TCP nor uTP answered)` : `TCP ${tcpWhy}; uTP ${utpWhy}`;
  return { connectable: false, reason, checkedAt };
}

/** Dials both transports at once: connectable if either answers, and the words say which. */
export async function dial(ip: string, port: number, timeoutMs: number): Promise<Connectability> {
  const [tcp, uTP] = await Promise.all([
    dialTcp(ip, port, timeoutMs),
    dialUtp(ip, port, timeoutMs),
  ]);
  return describeDials(tcp, uTP);
}

export function createConnectabilityChecker(
  opts: { timeoutMs?: number } = {},
): ConnectabilityChecker {
  const checker = new EventEmitter() as ConnectabilityChecker;
  const results = new Map<string, Connectability & { address: string }>();
  const inFlight = new Set<string>();
  let closed = false;

  checker.announced = (params) => {
    if (closed || params.type === 'ws' || !params.ip || !params.port) return;
    const peerId = params.peer_id;
    const address = `${params.ip}:${params.port}`;
    const last = results.get(peerId);
    if (inFlight.has(peerId)) return;
    if (last && last.address === address && Date.now() - last.checkedAt < RECHECK_MS) return;
    inFlight.add(peerId);
    void dial(params.ip, params.port, opts.timeoutMs ?? 4000).then((r) => {
      inFlight.delete(peerId);
      if (closed) return;
      results.set(peerId, { ...r, address });
      checker.emit('change', peerId, r);
    });
  };

  checker.results = () =>
    Object.fromEntries(
      [...results].map(([id, { connectable, reason, checkedAt }]) => [
        id,
        { connectable, reason, checkedAt },
      ]),
    );
  checker.close = () => {
    closed = true;
  };
  return checker;
}
