/**
 * HTTP announce and scrape parameters, checked strictly before bittorrent-tracker reads them.
 *
 * Why: the stock parser takes `Number(port)`, so `port=45001.5`, `0x10` and `1e3` were accepted;
 * a fractional port then made every compact reply that included the peer throw `invalid addr`
 * (UDP announces for the class torrent went unanswered, the seeder's own announces failed).
 * The query is decoded as the stock server does (`unescape`: info hashes are raw bytes, not
 * UTF-8), validated with zod, and the announce is handed on rebuilt from the checked values only.
 */
import querystring from 'node:querystring';
import { z } from 'zod';

/** BEP 15 fits about 74 hashes in a packet; HTTP gets the same bound. */
export const MAX_SCRAPE_HASHES = 74;

const bytes20 = z
  .string({ error: 'must be given once' })
  .length(20, 'must be 20 bytes')
  .refine((s) => [...s].every((c) => c.charCodeAt(0) <= 0xff), 'must be 20 bytes');
const digits = (max: number) =>
  z
    .string({ error: 'must be given once' })
    .regex(new RegExp(`^[0-9]{1,${max}}$`), 'must be a whole number written in decimal digits');

const announceSchema = z.object({
  info_hash: bytes20,
  peer_id: bytes20,
  port: digits(5).refine((p) => Number(p) >= 1 && Number(p) <= 65535, 'must be 1 to 65535'),
  uploaded: digits(16).optional(),
  downloaded: digits(16).optional(),
  left: digits(16).optional(),
  compact: z.enum(['0', '1'], { error: 'must be 0 or 1' }).optional(),
  numwant: digits(4).optional(),
  event: z
    .enum(['started', 'stopped', 'completed', 'paused', 'empty', ''], {
      error: 'must be started, stopped, completed, paused or empty',
    })
    .optional(),
});
export type HttpAnnounce = z.infer<typeof announceSchema>;

function queryOf(url: string) {
  // The stock server reads the part between the first and a second '?': so does this.
  return querystring.parse(url.split('?')[1] ?? '', undefined, undefined, {
    decodeURIComponent: unescape,
  });
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `invalid ${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'malformed'}`;
}

/** Every byte percent-encoded, so the stock `unescape` gets back exactly these bytes. */
const escapeBytes = (binary: string) =>
  [...binary].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Validates an announce; on success, the canonical URL to hand the stock server. */
export function checkAnnounce(url: string): Checked<{ params: HttpAnnounce; url: string }> {
  const result = announceSchema.safeParse(queryOf(url));
  if (!result.success) return { ok: false, reason: describeIssue(result.error) };
  const p = result.data;
  const parts = [`info_hash=${escapeBytes(p.info_hash)}`, `peer_id=${escapeBytes(p.peer_id)}`];
  for (const key of [
    'port',
    'uploaded',
    'downloaded',
    'left',
    'compact',
    'numwant',
    'event',
  ] as const)
    if (p[key] !== undefined) parts.push(`${key}=${p[key]}`);
  return { ok: true, value: { params: p, url: `/announce?${parts.join('&')}` } };
}

/** Validates a scrape; `null` hashes means the request named none. Returns hex info hashes. */
export function checkScrape(url: string): Checked<string[] | null> {
  const raw = queryOf(url).info_hash;
  if (raw === undefined) return { ok: true, value: null };
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length > MAX_SCRAPE_HASHES)
    return { ok: false, reason: `invalid info_hash: at most ${MAX_SCRAPE_HASHES} per scrape` };
  const hashes: string[] = [];
  for (const one of list) {
    const checked = bytes20.safeParse(one);
    if (!checked.success)
      return { ok: false, reason: describeIssue(checked.error).replace('request', 'info_hash') };
    hashes.push(Buffer.from(checked.data, 'latin1').toString('hex'));
  }
  return { ok: true, value: [...new Set(hashes)] };
}
