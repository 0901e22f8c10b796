/**
 * Who may speak for a peer id on the hub. The first socket that says hello with an id owns it
 * and gets a secret; another socket may take the id over only with that secret (the same page,
 * reconnecting after a hiccup or a lab restart of its socket). When the owner's socket drops,
 * the id is kept for a grace period, so the projector does not show the peer vanish and come
 * back at 0 pieces; after it, `release` removes the peer.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

interface Claim {
  secret: string;
  /** The owning socket, or null while it is away (grace period). */
  socketId: string | null;
  timer: NodeJS.Timeout | null;
}

export interface PeerClaims {
  /**
   * Claims `peerId` for `socketId`: returns the id's secret, or null when another page owns it
   * and `secret` is not its secret.
   */
  claim(peerId: string, socketId: string, secret?: string): string | null;
  owns(peerId: string, socketId: string): boolean;
  /** The owner's socket dropped: keep the id for the grace period. */
  leave(peerId: string, socketId: string): void;
  /** The owner gave the id up (it said hello with another one, or was kicked). */
  drop(peerId: string, socketId: string): void;
  size(): number;
  close(): void;
}

const sameSecret = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function createPeerClaims(opts: {
  graceMs: number;
  release: (peerId: string) => void;
}): PeerClaims {
  const claims = new Map<string, Claim>();
  const stopTimer = (c: Claim) => {
    if (c.timer) clearTimeout(c.timer);
    c.timer = null;
  };

  return {
    claim(peerId, socketId, secret) {
      const c = claims.get(peerId);
      if (!c) {
        const fresh = randomBytes(18).toString('base64url');
        claims.set(peerId, { secret: fresh, socketId, timer: null });
        return fresh;
      }
      if (c.socketId !== socketId && !(secret !== undefined && sameSecret(secret, c.secret)))
        return null;
      stopTimer(c);
      c.socketId = socketId;
      return c.secret;
    },
    owns: (peerId, socketId) => claims.get(peerId)?.socketId === socketId,
    leave(peerId, socketId) {
      const c = claims.get(peerId);
      if (!c || c.socketId !== socketId) return;
      c.socketId = null;
      stopTimer(c);
      c.timer = setTimeout(() => {
        claims.delete(peerId);
        opts.release(peerId);
      }, opts.graceMs);
      c.timer.unref();
    },
    drop(peerId, socketId) {
      const c = claims.get(peerId);
      if (!c || c.socketId !== socketId) return;
      stopTimer(c);
      claims.delete(peerId);
      opts.release(peerId);
    },
    size: () => claims.size,
    close() {
      for (const c of claims.values()) stopTimer(c);
      claims.clear();
    },
  };
}
