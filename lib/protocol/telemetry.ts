/**
 * Telemetry: pages tell the hub who they are and what they have (lab-server/hub.ts); the
 * projector watches the swarm model.
 */
import { z } from 'zod';
import type { SwarmDelta, SwarmSnapshot } from '../swarm-model';
import { cleanLabel, INFO_HASH, Nickname, PEER_ID, type Ack } from './common';

const Bytes = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const Rate = z.number().nonnegative().max(1e11);

const DEFAULT_CLIENT = 'WebTorrent (browser)';

export const HelloMessage = z.object({
  peerId: PEER_ID,
  nickname: Nickname,
  /** Client software, shown on the projector and in the CSV: cleaned like a nickname. */
  client: z
    .string()
    .max(200)
    .transform((raw) => cleanLabel(raw, 64) || DEFAULT_CLIENT)
    .default(DEFAULT_CLIENT),
  kind: z.enum(['browser', 'bot']).default('browser'),
  /** The secret a previous hello with this peer id got: a reconnecting page reclaims its id. */
  secret: z.string().max(64).optional(),
});

export interface HelloReply extends Ack {
  /** Present this with the same peer id after a reconnect to keep your place. */
  secret?: string;
}

export const ProgressMessage = z.object({
  infoHash: INFO_HASH,
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

export type Hello = z.infer<typeof HelloMessage>;
export type Progress = z.infer<typeof ProgressMessage>;

export interface TelemetryClientEvents {
  'peer:hello': (msg: z.input<typeof HelloMessage>, ack: (res: HelloReply) => void) => void;
  'peer:progress': (msg: z.input<typeof ProgressMessage>) => void;
  'projector:watch': (ack: (snapshot: SwarmSnapshot) => void) => void;
}

export interface TelemetryServerEvents {
  'swarm:delta': (delta: SwarmDelta) => void;
  'lab:warning': (message: string) => void;
}
