/** Shared torrents: /share, the class index, the seedbox (lab-server/shared-torrents.ts). */
import { z } from 'zod';
import { INFO_HASH, label, Nickname, type Ack } from './common';

export const ShareRegisterMessage = z.object({
  infoHash: INFO_HASH,
  /** A torrent's name goes on the class index: cleaned like a nickname, a little longer. */
  name: label({
    max: 80,
    rawMax: 1000,
    tooLong: 'name too long',
    empty: 'the torrent needs a visible name',
  }),
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

export interface ShareClientEvents {
  'share:register': (
    msg: z.input<typeof ShareRegisterMessage>,
    ack: (r: ShareReply) => void,
  ) => void;
  'share:watch': (ack: (index: ShareIndex) => void) => void;
  'share:moderate': (msg: z.input<typeof ShareModerateMessage>, ack: (r: Ack) => void) => void;
  'share:seedbox': (msg: z.input<typeof ShareSeedboxMessage>, ack: (r: Ack) => void) => void;
}

export interface ShareServerEvents {
  'share:index': (index: ShareIndex) => void;
}
