/**
 * The lab's configuration, validated once at start-up so a bad value fails loudly.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

export const LabConfigSchema = z.object({
  /** HTTP, WebSocket and UDP tracker port. 0 picks a free one (tests). */
  port: z.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on; all interfaces by default. */
  host: z.string().min(1).default('0.0.0.0'),
  /** The seeder's TCP + uTP port for desktop clients. 0 picks a free one. */
  torrentPort: z.number().int().min(0).max(65535).default(6881),
  /** The LAN address announced in URLs and used for WebRTC; picked automatically when absent. */
  publicAddress: z.string().min(1).optional(),
  /** Where generated data (the class pack) lives. */
  dataDir: z.string().min(1).default(path.resolve('.lab-data')),
  /** Size of the generated class pack's media, in MiB. */
  packMiB: z.number().int().min(1).max(512).default(24),
  /** The instructor's secret; random per start unless given. */
  instructorToken: z
    .string()
    .min(16)
    .default(() => randomBytes(18).toString('base64url')),
  /** Serve the Next.js site (off in integration tests that only need the swarm). */
  site: z.boolean().default(true),
  /** Next.js dev mode (hot reload) instead of the production build. */
  dev: z.boolean().default(false),
  /** Seed from this process (off only for tests that bring their own seeder). */
  seed: z.boolean().default(true),
  /**
   * Signal end-of-candidates from the seeder's WebRTC (see wrtc.ts). Only the benchmark turns
   * it off, to measure what it saves.
   */
  webrtcFastStart: z.boolean().default(true),
  /** Seed this folder (an instructor's own files) instead of the generated class pack. */
  share: z.string().min(1).optional(),
  /** Folders seeded by the lab as well as the class pack, listed in the class index. */
  alsoShare: z.array(z.string().min(1)).default([]),
  /**
   * The seeder reveals pieces a few at a time so each leaves it about once (lab-server/super-seed.ts).
   * On by default: the classroom bench measured the class finishing in 1.3–1.7 × the ideal time
   * with it and 3.6–6.5 × without (8 and 16 attendees, bench/README.md). Experiments switch it
   * live (`superSeed`, and off while browsers pick pieces in order).
   */
  superSeed: z.boolean().default(true),
  /**
   * Run the privacy lesson's SOCKS5 proxy on this port (0 picks a free one); off when absent.
   * It reaches only the room's own subnets (lab-server/socks-proxy.ts).
   */
  socksProxy: z.number().int().min(0).max(65535).optional(),
  /** Track any info hash, not only the class's own torrents (off: class mode). */
  openTracker: z.boolean().default(false),
  /** UDP port of the room's STUN + TURN (lab-server/ice.ts); default the lab's port + 1. */
  icePort: z.number().int().min(0).max(65535).optional(),
  /** Run the lab's TURN relay (off: STUN only; classmates on isolating Wi-Fi then get the seeder alone). */
  relay: z.boolean().default(true),
  /** An outside TURN server (coturn with use-auth-secret) handed out instead of the lab's relay. */
  turnUrl: z
    .string()
    .regex(/^turns?:/, 'a turn: or turns: URL')
    .optional(),
  /** The outside TURN server's static-auth-secret. */
  turnSecret: z.string().min(8).optional(),
  /** Subnets the relay may relay to (CIDR); default the subnet of the lab's address. */
  roomSubnets: z.array(z.string().min(1)).optional(),
  /** The largest torrent an attendee may share on the class index, in bytes (2 GiB). */
  maxShareBytes: z
    .number()
    .int()
    .positive()
    .default(2 * 1024 ** 3),
});

const LabConfigChecked = LabConfigSchema.refine((c) => !c.turnUrl === !c.turnSecret, {
  message: '--turn-url and --turn-secret go together',
  path: ['turn-secret'],
});

export type LabConfigInput = z.input<typeof LabConfigSchema>;
export type LabConfig = z.output<typeof LabConfigSchema>;

export function parseLabConfig(input: LabConfigInput): LabConfig {
  const result = LabConfigChecked.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid lab configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
