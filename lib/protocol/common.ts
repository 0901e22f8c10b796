/**
 * What every feature's protocol shares: ids, the one label cleaner, the ack shape and how a
 * zod error reads to the client that sent bad data.
 */
import { z } from 'zod';

export const PEER_ID = z.string().regex(/^[0-9a-f]{40}$/, 'a peer id is 40 hex characters');
export const INFO_HASH = z.string().regex(/^[0-9a-f]{40}$/, 'an info hash is 40 hex characters');

/** Nicknames and client names: short enough for a projector's peer list. */
export const NICKNAME_MAX = 24;

/**
 * Anything an attendee names (a nickname, a torrent, a client) is shown to a whole room and
 * written to CSV: printable, single-line, short. React escapes it when rendering; this keeps out
 * control, bidi-override and invisible characters too (terminal escapes, RLO).
 */
export function cleanLabel(raw: string, max = NICKNAME_MAX): string {
  return raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .slice(0, max);
}

/** A label field: bounded raw length, cleaned, and at least one visible character left. */
export const label = (opts: { max: number; rawMax: number; empty: string; tooLong: string }) =>
  z
    .string()
    .max(opts.rawMax, opts.tooLong)
    .transform((raw) => cleanLabel(raw, opts.max))
    .pipe(z.string().min(1, opts.empty));

export const Nickname = label({
  max: NICKNAME_MAX,
  rawMax: 200,
  tooLong: 'nickname too long',
  empty: 'pick a nickname with at least one visible character',
});

export interface Ack {
  ok: boolean;
  error?: string;
}

/** A readable one-line reason from a zod error, for the client that sent bad data. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
