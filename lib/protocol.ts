/**
 * The socket.io protocol between pages and the lab's hub: typed event maps for both sides,
 * and zod schemas for everything a client sends (a bad client never reaches the model).
 */
import { z } from 'zod';
import type { SwarmDelta, SwarmSnapshot } from './swarm-model';

export const PEER_ID = z.string().regex(/^[0-9a-f]{40}$/, 'a peer id is 40 hex characters');

const MAX_NICKNAME = 24;

/**
 * Nicknames are shown on a projector to a whole room: printable, single-line, short.
 * React escapes them when rendering; this keeps out control and invisible characters too.
 */
export function cleanNickname(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .slice(0, MAX_NICKNAME);
}

export const Nickname = z
  .string()
  .max(200, 'nickname too long')
  .transform(cleanNickname)
  .pipe(z.string().min(1, 'pick a nickname with at least one visible character'));

const Bytes = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const Rate = z.number().nonnegative().max(1e11);

export const HelloMessage = z.object({
  peerId: PEER_ID,
  nickname: Nickname,
  client: z.string().max(64).default('WebTorrent (browser)'),
  kind: z.enum(['browser', 'bot']).default('browser'),
});

export const ProgressMessage = z.object({
  infoHash: z.string().regex(/^[0-9a-f]{40}$/),
  /** Verified pieces, base64 bitfield (BEP 3 order). */
  bitfield: z.string().max(200_000).regex(/^[A-Za-z0-9+/]*={0,2}$/),
  downloaded: Bytes,
  uploaded: Bytes,
  downloadRate: Rate,
  uploadRate: Rate,
  /** Who this peer received data from. */
  incoming: z
    .array(z.object({ from: PEER_ID, bytes: Bytes, rate: Rate }))
    .max(200)
    .default([]),
});

export type Hello = z.infer<typeof HelloMessage>;
export type Progress = z.infer<typeof ProgressMessage>;

export interface Ack {
  ok: boolean;
  error?: string;
}

export interface ClientToServerEvents {
  'peer:hello': (msg: z.input<typeof HelloMessage>, ack: (res: Ack) => void) => void;
  'peer:progress': (msg: z.input<typeof ProgressMessage>) => void;
  'projector:watch': (ack: (snapshot: SwarmSnapshot) => void) => void;
}

export interface ServerToClientEvents {
  'swarm:snapshot': (snapshot: SwarmSnapshot) => void;
  'swarm:delta': (delta: SwarmDelta) => void;
  'lab:warning': (message: string) => void;
}

/** A readable one-line reason from a zod error, for the client that sent bad data. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
