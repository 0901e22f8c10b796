/**
 * Short-lived TURN credentials, the TURN REST API scheme that coturn's `use-auth-secret` reads
 * (and RFC 7635's spirit): username = "<expiry unix seconds>:<name>", password =
 * base64(HMAC-SHA1(secret, username)). The lab hands a fresh pair to every page that loads the lab
 * info; the relay recomputes the password from the username alone, so nothing is stored, and a
 * pair copied off a page stops working when it expires.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

export interface TurnCredential {
  username: string;
  credential: string;
  /** Unix milliseconds after which the relay refuses it. */
  expiresAt: number;
}

export function turnPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

export function issueTurnCredential(
  secret: string,
  name: string,
  ttlSeconds: number,
  now = Date.now(),
): TurnCredential {
  const expiry = Math.floor(now / 1000) + ttlSeconds;
  const username = `${expiry}:${name.replace(/:/g, '')}`;
  return { username, credential: turnPassword(secret, username), expiresAt: expiry * 1000 };
}

/** The password for a username the lab issued, or null if it is malformed or expired. */
export function passwordFor(secret: string, username: string, now = Date.now()): string | null {
  const m = /^(\d{1,12}):[^:]*$/.exec(username);
  if (!m) return null;
  if (Number(m[1]) * 1000 <= now) return null;
  return turnPassword(secret, username);
}

/** The long-term credential key (RFC 8489 9.2.2): MD5(username ":" realm ":" password). */
export function longTermKey(username: string, realm: string, password: string): Buffer {
  return createHash('md5').update(`${username}:${realm}:${password}`).digest();
}

export function randomSecret(): string {
  return randomBytes(24).toString('base64url');
}
