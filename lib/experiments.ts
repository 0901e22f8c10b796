/**
 * The instructor's experiments on the live swarm: what can be set, validated once, shared by
 * the lab's controls, the instructor page, the projector and every attendee's page.
 */
import { z } from 'zod';
import { PEER_ID } from './protocol/common';
import {
  describeEncryption,
  ENCRYPTION_LABELS,
  EncryptionModeSchema,
  type EncryptionMode,
} from './wire-encryption';

/**
 * Piece selection in webtorrent 3 (a torrent's `strategy`): rarest-first breaks ties at random,
 * so with one source it already looks random; webtorrent has no pure 'random' strategy.
 */
export const PIECE_STRATEGIES = ['rarest', 'sequential'] as const;
export type PieceStrategy = (typeof PIECE_STRATEGIES)[number];

export interface ExperimentState {
  /** Cap on the seeder's upload, bytes per second; null for none. */
  seederUploadLimit: number | null;
  /** The seeder stays connected but uploads nothing: can the class finish on its own? */
  seederPaused: boolean;
  /** The seeder has left the swarm: its wires are closed and it no longer announces. */
  seederStopped: boolean;
  /** How browser peers pick the next piece. */
  strategy: PieceStrategy;
  /**
   * The seeder super-seeds (BEP 16): it shows each peer a few pieces at a time, so each piece
   * leaves it about once. The lab's default; `--no-super-seed` starts without it. Paused while
   * browsers pick pieces in order (see superSeedingLive).
   */
  superSeed: boolean;
  /** Browser peers (by peer id) that download but upload nothing. */
  freeRiders: string[];
  /** The seeder's protocol encryption (MSE/PE) on its TCP and uTP wires (lib/wire-encryption.ts). */
  encryption: EncryptionMode;
  /** The round: a fresh torrent (new info hash) of the same files, everyone from zero. */
  round: number;
  /** The current round's info hash; null before the lab has a torrent. */
  infoHash: string | null;
}

/** What reset goes back to; the round and its torrent are not an experiment and stay. */
export const DEFAULT_EXPERIMENTS = {
  seederUploadLimit: null,
  seederPaused: false,
  seederStopped: false,
  strategy: 'rarest',
  superSeed: true,
  freeRiders: [],
  // What webtorrent does by default (MSE offered, plaintext accepted), without its plaintext pick.
  encryption: 'preferred',
} satisfies Omit<ExperimentState, 'round' | 'infoHash'>;

export const INITIAL_EXPERIMENTS: ExperimentState = {
  ...DEFAULT_EXPERIMENTS,
  round: 1,
  infoHash: null,
};

/** How many peers may be marked at once: far more than any class, a bound on a client's list. */
export const MAX_FREE_RIDERS = 500;

export const ExperimentMessage = z
  .object({
    seederUploadLimit: z
      .number()
      .int()
      .min(1024, 'a limit below 1 KiB/s would look like a pause: pause the seeder instead')
      .max(10 * 1024 * 1024 * 1024)
      .nullable()
      .optional(),
    seederPaused: z.boolean().optional(),
    seederStopped: z.boolean().optional(),
    strategy: z
      .enum(PIECE_STRATEGIES, { error: 'the piece strategy is "rarest" or "sequential"' })
      .optional(),
    superSeed: z.boolean().optional(),
    /** Marks (on) or unmarks one peer as a free-rider. */
    freeRider: z.object({ peerId: PEER_ID, on: z.boolean() }).strict().optional(),
    encryption: EncryptionModeSchema.optional(),
  })
  .strict();

export type ExperimentChange = z.infer<typeof ExperimentMessage>;

export const KickMessage = z.object({ peerId: PEER_ID }).strict();
export type KickRequest = z.infer<typeof KickMessage>;

export function applyExperiment(state: ExperimentState, change: ExperimentChange): ExperimentState {
  let freeRiders = state.freeRiders;
  if (change.freeRider) {
    const { peerId, on } = change.freeRider;
    const others = freeRiders.filter((id) => id !== peerId);
    freeRiders = on ? [...others, peerId].slice(-MAX_FREE_RIDERS) : others;
  }
  return {
    ...state,
    seederUploadLimit:
      change.seederUploadLimit !== undefined ? change.seederUploadLimit : state.seederUploadLimit,
    seederPaused: change.seederPaused ?? state.seederPaused,
    seederStopped: change.seederStopped ?? state.seederStopped,
    strategy: change.strategy ?? state.strategy,
    superSeed: change.superSeed ?? state.superSeed,
    freeRiders,
    encryption: change.encryption ?? state.encryption,
  };
}

/**
 * Every experiment back to its default; the round stays. `superSeed` goes back to what the lab
 * was started with (`--no-super-seed` makes that false).
 */
export function resetExperiments(
  state: ExperimentState,
  superSeed: boolean = DEFAULT_EXPERIMENTS.superSeed,
): ExperimentState {
  return { ...state, ...DEFAULT_EXPERIMENTS, superSeed };
}

/**
 * Whether the seeder hides pieces right now. Not while browsers pick pieces in order: a peer
 * can only ask for what it has been shown, so "in order" would mean "in the order the seeder
 * reveals" and the experiment would show nothing. The seeder then reveals every piece to every
 * connected peer (lab-server/super-seed.ts `revealAll`).
 */
export function superSeedingLive(state: Pick<ExperimentState, 'superSeed' | 'strategy'>): boolean {
  return state.superSeed && state.strategy !== 'sequential';
}

/** The rate to hand webtorrent's throttle: 0 when paused, -1 for no limit. */
export function seederRate(state: ExperimentState): number {
  if (state.seederPaused) return 0;
  return state.seederUploadLimit ?? -1;
}

/** Upload rate for one browser peer: 0 for a free-rider, -1 (no limit) for everyone else. */
export function peerUploadRate(state: ExperimentState, peerId: string): number {
  return state.freeRiders.includes(peerId) ? 0 : -1;
}

export const STRATEGY_LABELS: Record<PieceStrategy, string> = {
  rarest: 'rarest first',
  sequential: 'sequential (in order)',
};

function formatLimit(bytesPerSecond: number): string {
  const KiB = 1024;
  return bytesPerSecond >= KiB * KiB
    ? `${+(bytesPerSecond / KiB / KiB).toFixed(1)} MB/s`
    : `${Math.round(bytesPerSecond / KiB)} KB/s`;
}

/** One readable line per experiment, for the instructor page and the projector. */
export function describeExperiments(state: ExperimentState): {
  seeder: string;
  superSeed: string;
  strategy: string;
  freeRiders: string;
  encryption: string;
  round: string;
} {
  let seeder = 'The seeder is running';
  if (state.seederStopped) seeder = 'The seeder has left the swarm';
  else if (state.seederPaused) seeder = 'The seeder is paused: connected, uploading nothing';
  else if (state.seederUploadLimit !== null)
    seeder = `The seeder is throttled to ${formatLimit(state.seederUploadLimit)}`;
  if (state.seederStopped && state.seederPaused) seeder += ' (and paused when it returns)';
  const n = state.freeRiders.length;
  const superSeed = !state.superSeed
    ? 'The seeder shows every piece it has (no super-seeding)'
    : superSeedingLive(state)
      ? 'The seeder super-seeds: it shows each peer a few pieces at a time'
      : 'Super-seeding is paused while browsers pick in order: the seeder shows every piece';
  return {
    seeder,
    superSeed,
    strategy: `Browsers pick pieces ${STRATEGY_LABELS[state.strategy]}`,
    freeRiders: n === 0 ? 'No free-riders' : `${n} free-rider${n === 1 ? '' : 's'}`,
    encryption: describeEncryption(state.encryption),
    round: `Round ${state.round}${state.infoHash ? ` · info hash ${state.infoHash.slice(0, 8)}…` : ''}`,
  };
}

/**
 * What an attendee's page says when the instructor changes something, from the previous and
 * the new state. `self` is the page's own peer id, so a free-rider learns it is one.
 */
export function announceChanges(
  prev: ExperimentState,
  next: ExperimentState,
  self: string | null,
): string[] {
  const out: string[] = [];
  if (next.round !== prev.round)
    out.push(`The instructor started round ${next.round}: a fresh torrent, everyone from zero.`);
  if (next.seederStopped !== prev.seederStopped)
    out.push(
      next.seederStopped
        ? 'The instructor stopped the seeder: it has left the swarm. Can the class finish without it?'
        : 'The instructor brought the seeder back.',
    );
  if (next.seederPaused !== prev.seederPaused)
    out.push(
      next.seederPaused
        ? 'The instructor paused the seeder: it stays connected but sends nothing.'
        : 'The instructor resumed the seeder.',
    );
  if (next.seederUploadLimit !== prev.seederUploadLimit)
    out.push(
      next.seederUploadLimit === null
        ? 'The instructor lifted the seeder’s upload limit.'
        : `The instructor throttled the seeder to ${formatLimit(next.seederUploadLimit)}.`,
    );
  if (next.strategy !== prev.strategy)
    out.push(`The instructor switched piece picking to ${STRATEGY_LABELS[next.strategy]}.`);
  if (next.encryption !== prev.encryption)
    out.push(
      `The instructor set the seeder's protocol encryption to ${ENCRYPTION_LABELS[next.encryption]}.`,
    );
  if (next.superSeed !== prev.superSeed)
    out.push(
      next.superSeed
        ? 'The instructor turned super-seeding on: the seeder shows newcomers a few pieces at a time.'
        : 'The instructor turned super-seeding off: the seeder now shows every piece it has.',
    );
  if (self) {
    const was = prev.freeRiders.includes(self);
    const is = next.freeRiders.includes(self);
    if (is && !was)
      out.push('The instructor made you a free-rider: you download but upload nothing.');
    if (was && !is) out.push('You are no longer a free-rider: you share pieces again.');
  }
  return out;
}

export interface ExperimentReply {
  ok: boolean;
  error?: string;
  state: ExperimentState;
}
