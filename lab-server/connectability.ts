/**
 * Is a desktop client connectable? The lab dials the address and port each one announced to the
 * tracker (TCP), as any classmate would, and records the answer with its likely reason: that is
 * what the NAT lesson's hands-on shows. A refused connection means nothing listens there (or a
 * firewall rejects); silence means NAT or a firewall that drops. uTP is not dialled (not done:
 * it needs a uTP stack of its own here), so a client reachable only over uTP shows as not
 * connectable over TCP, which is what the entry says.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { AnnounceParams } from './tracker';

export interface Connectability {
  connectable: boolean;
  /** Plain words, for the projector and the peer's entry. */
  reason: string;
  checkedAt: number;
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

/** One TCP dial with a deadline: connectable, or why not. */
export function dial(ip: string, port: number, timeoutMs: number): Promise<Connectability> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: ip, port });
    const done = (connectable: boolean, reason: string) => {
      socket.destroy();
      resolve({ connectable, reason, checkedAt: Date.now() });
    };
    socket.setTimeout(timeoutMs, () => done(false, reasonFor('ETIMEDOUT')));
    socket.once('connect', () => done(true, 'connectable: classmates can dial it'));
    socket.once('error', (err: NodeJS.ErrnoException) => done(false, reasonFor(err.code)));
  });
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
