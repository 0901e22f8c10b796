/**
 * The socket.io protocol between pages and the lab's hub: typed event maps for both sides,
 * and zod schemas for everything a client sends (a bad client never reaches the model).
 */
import { z } from 'zod';
import type {
  ExperimentChange,
  ExperimentReply,
  ExperimentState,
  KickRequest,
} from './experiments';
import type { SwarmDelta, SwarmSnapshot } from './swarm-model';
import type { SlideSyncState } from './slides/sync';
import type { ConnectivityReport, ConnectivitySummary } from './connectivity';

/** The class's connectivity as the pages show it (lab-server/connectivity-hub.ts). */
export interface ConnectivityView extends ConnectivitySummary {
  headline: string;
  advice: string;
  /** Desktop clients by peer id: did the lab's dial to their announced port get through? */
  desktop: Record<string, { connectable: boolean; reason: string }>;
}

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
  bitfield: z
    .string()
    .max(200_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
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

// ── Slide sync (lab-server/slide-sync.ts, lib/slides/sync.ts) ──────────────────────────────
export const DeckSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a deck is a lowercase slug');

/** The presenter's proposed slide state; the lab keeps it only if `seq` is newer. */
export const SlideStateMessage = z.object({
  deck: DeckSlug,
  slide: z.number().int().min(1).max(999),
  step: z.number().int().min(0).max(99),
  sender: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a sender id is 1 to 64 letters, digits, - or _'),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

export interface SlideWatchReply {
  /** Where the class is; null before the instructor has moved a slide. */
  state: SlideSyncState | null;
  /** Whether this socket presented the instructor token (only then may it move slides). */
  instructor: boolean;
}

export interface SlideMoveReply {
  ok: boolean;
  error?: string;
  /** The state the lab kept: the proposal when accepted, else the newer one it already had. */
  state: SlideSyncState | null;
}
// ── end slide sync ────────────────────────────────────────────────────────────────────────

// ── Shared torrents: /share, the class index, the seedbox (lab-server/shared-torrents.ts) ──
const MAX_SHARE_NAME = 80;

/** A torrent's name goes on the class index: cleaned like a nickname, a little longer. */
export function cleanTorrentName(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .slice(0, MAX_SHARE_NAME);
}

export const INFO_HASH = z.string().regex(/^[0-9a-f]{40}$/, 'an info hash is 40 hex characters');

export const ShareRegisterMessage = z.object({
  infoHash: INFO_HASH,
  name: z
    .string()
    .max(1000, 'name too long')
    .transform(cleanTorrentName)
    .pipe(z.string().min(1, 'the torrent needs a visible name')),
  length: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  pieceCount: z.number().int().positive().max(10_000_000),
  pieceLength: z
    .number()
    .int()
    .positive()
    .max(64 * 1024 * 1024),
  /** The .torrent file, base64; the lab checks it matches the fields above. */
  torrentFile: z
    .string()
    .max(4_000_000, 'the .torrent file is too large')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the .torrent file must be base64'),
  nickname: Nickname,
});

export const ShareModerateMessage = z.object({
  infoHash: INFO_HASH,
  action: z.enum(['hide', 'show', 'remove']),
});

/** The seedbox for one torrent, or (without infoHash) for every shared torrent. */
export const ShareSeedboxMessage = z.object({
  infoHash: INFO_HASH.optional(),
  on: z.boolean(),
});

export const PrivacyMessage = z.object({ showAddresses: z.boolean() });

export type SeedboxState = 'off' | 'fetching' | 'seeding' | 'error';

export interface SharedEntry {
  infoHash: string;
  name: string;
  length: number;
  pieceCount: number;
  pieceLength: number;
  nickname: string;
  sharedAt: number;
  magnet: string;
  seeders: number;
  leechers: number;
  hidden: boolean;
  seedbox: SeedboxState;
}

export interface ShareIndex {
  entries: SharedEntry[];
  /** The instructor seeds every new share from the lab. */
  seedboxAll: boolean;
  /** The projector may show attendees' addresses (off by default). */
  showAddresses: boolean;
  maxBytes: number;
}

export interface ShareReply extends Ack {
  entry?: SharedEntry;
}
// ── end shared torrents ───────────────────────────────────────────────────────────────────

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
  // ── slide sync ──
  'slides:watch': (ack: (reply: SlideWatchReply) => void) => void;
  'slides:move': (
    msg: z.input<typeof SlideStateMessage>,
    ack: (reply: SlideMoveReply) => void,
  ) => void;
  // ── end slide sync ──
  // ── shared torrents ──
  'share:register': (
    msg: z.input<typeof ShareRegisterMessage>,
    ack: (r: ShareReply) => void,
  ) => void;
  'share:watch': (ack: (index: ShareIndex) => void) => void;
  'share:moderate': (msg: z.input<typeof ShareModerateMessage>, ack: (r: Ack) => void) => void;
  'share:seedbox': (msg: z.input<typeof ShareSeedboxMessage>, ack: (r: Ack) => void) => void;
  'privacy:set': (msg: z.input<typeof PrivacyMessage>, ack: (r: Ack) => void) => void;
  // ── end shared torrents ──
  // ── experiments (lib/experiments.ts, lab-server/experiments.ts) ──
  'experiment:watch': (ack: (state: ExperimentState) => void) => void;
  'experiment:set': (msg: ExperimentChange, ack: (reply: ExperimentReply) => void) => void;
  'experiment:kick': (msg: KickRequest, ack: (reply: ExperimentReply) => void) => void;
  /** A fresh torrent of the same files; the reply comes once the seeder seeds it. */
  'experiment:round': (ack: (reply: ExperimentReply) => void) => void;
  'experiment:reset': (ack: (reply: ExperimentReply) => void) => void;
  // ── end experiments ──
  // ── connectivity (lib/connectivity.ts, lab-server/connectivity-hub.ts) ──
  'peer:connectivity': (msg: ConnectivityReport) => void;
  'connectivity:watch': (ack: (view: ConnectivityView) => void) => void;
  // ── end connectivity ──
}

export interface ServerToClientEvents {
  'swarm:snapshot': (snapshot: SwarmSnapshot) => void;
  'swarm:delta': (delta: SwarmDelta) => void;
  'lab:warning': (message: string) => void;
  // ── slide sync ──
  'slides:moved': (state: SlideSyncState) => void;
  // ── end slide sync ──
  // ── shared torrents ──
  'share:index': (index: ShareIndex) => void;
  // ── end shared torrents ──
  // ── experiments ──
  'experiment:state': (state: ExperimentState) => void;
  /** Sent to one peer's page: the instructor removed it from the swarm. */
  'experiment:kicked': (message: string) => void;
  // ── end experiments ──
  // ── connectivity ──
  'connectivity:state': (view: ConnectivityView) => void;
  // ── end connectivity ──
}

/** A readable one-line reason from a zod error, for the client that sent bad data. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
