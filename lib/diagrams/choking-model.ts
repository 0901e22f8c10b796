/**
 * ChokingTimeline's model: one uploader (you) with four upload slots, three regular and one
 * optimistic (BEP 3 counts the optimistic peer as one of the four; the mainline client ranks
 * `max_uploads - 1` peers by rate), and the peers that want to download from you. Every 10 s
 * the regular slots go to the peers that uploaded most to you over the last 10 s
 * (tit-for-tat); every 30 s the optimistic slot moves to the next choked peer. A peer you unchoke starts uploading back after a short
 * lag and slows down again some seconds after you choke it.
 *
 * lib/sim runs the same rules (lib/sim/choking.ts) inside a whole swarm, where who sends what
 * to whom emerges from everyone's choices; this model fixes how generous each peer is, so the
 * picture tells the story plainly: a fast newcomer found by the optimistic slot earns a regular
 * one, a peer that slows down loses its slot, and a free-rider only ever gets the optimistic one.
 */
import { createRng, nextFloat, shuffle } from '../sim/rng';

export type SlotStatus = 'regular' | 'optimistic' | 'choked';

export interface ChokePeer {
  id: string;
  /** KB/s this peer uploads to you once it reciprocates fully. */
  rate: number;
  /** How far it reciprocates at t = 0 (0–1): the history before the timeline starts. */
  warm: number;
  freeRider?: boolean;
  /** The peer's rate changes at these times (it got busy elsewhere, say). */
  changes?: readonly { at: number; rate: number }[];
}

export const CHOKE_PEERS: readonly ChokePeer[] = [
  { id: 'Ada', rate: 90, warm: 1 },
  { id: 'Ben', rate: 70, warm: 1, changes: [{ at: 52, rate: 15 }] },
  { id: 'Chen', rate: 55, warm: 1 },
  { id: 'Dana', rate: 42, warm: 1 },
  { id: 'Eli', rate: 35, warm: 0.1 },
  { id: 'Femi', rate: 110, warm: 0 },
  { id: 'Gus', rate: 0, warm: 0, freeRider: true },
];

export interface ChokingOptions {
  seed: number;
  peers: readonly ChokePeer[];
  /** Upload slots in all, the optimistic one included (default 4: three regular). */
  slots: number;
  /** Seconds between regular rechokes (10) and optimistic rotations (30). */
  rechoke: number;
  optimistic: number;
  duration: number;
  dt: number;
}

export const CHOKING_DEFAULTS: ChokingOptions = {
  seed: 3,
  peers: CHOKE_PEERS,
  slots: 4,
  rechoke: 10,
  optimistic: 30,
  duration: 120,
  dt: 0.5,
};

/** Seconds for a peer to warm up to you once unchoked, and to cool down once choked. */
const WARM_TAU = 2.5;
const COOL_TAU = 7;

export interface ChokeFrame {
  t: number;
  /** Per peer: KB/s it uploads to you now. */
  rates: number[];
  status: SlotStatus[];
}

export interface ChokeRound {
  t: number;
  /** Did the optimistic slot rotate (every 30 s) or only the regular slots get recomputed? */
  rotated: boolean;
  /** Every peer with its mean rate to you over the last round, best first. */
  ranking: { peer: number; rate: number }[];
  regular: number[];
  optimistic: number;
  unchoked: number[];
  choked: number[];
}

export interface ChokeTimeline {
  options: ChokingOptions;
  frames: ChokeFrame[];
  rounds: ChokeRound[];
}

function capacity(p: ChokePeer, t: number): number {
  let rate = p.rate;
  for (const c of p.changes ?? []) if (t >= c.at) rate = c.rate;
  return p.freeRider ? 0 : rate;
}

/** Slots given by rate: all but the optimistic one. */
export function regularSlots(o: Pick<ChokingOptions, 'slots'>): number {
  return Math.max(0, o.slots - 1);
}

export function simulateChoking(options: Partial<ChokingOptions> = {}): ChokeTimeline {
  const o = { ...CHOKING_DEFAULTS, ...options };
  const n = o.peers.length;
  const rng = createRng(o.seed);
  // The optimistic slot walks through the peers in a seeded order, round-robin.
  const order = shuffle(
    rng,
    Array.from({ length: n }, (_, i) => i),
  );
  let cursor = 0;
  const warmth = o.peers.map((p) => p.warm);
  const sent = o.peers.map((p) => capacity(p, 0) * p.warm * o.rechoke);
  let regular: number[] = [];
  let optimistic = -1;
  const frames: ChokeFrame[] = [];
  const rounds: ChokeRound[] = [];

  const nextOptimistic = (exclude: number) => {
    for (let k = 0; k < n; k++) {
      const v = order[(cursor + k) % n]!;
      if (!regular.includes(v) && v !== exclude) {
        cursor = (cursor + k + 1) % n;
        return v;
      }
    }
    return -1;
  };

  const steps = Math.round(o.duration / o.dt);
  for (let s = 0; s <= steps; s++) {
    const t = s * o.dt;
    if (s % Math.round(o.rechoke / o.dt) === 0) {
      const before = new Set([...regular, optimistic]);
      const ranking = sent
        .map((bytes, peer) => ({ peer, rate: bytes / o.rechoke }))
        .sort((a, b) => b.rate - a.rate || a.peer - b.peer);
      // Only a peer that uploaded something can win a regular slot: tit-for-tat.
      regular = ranking
        .filter((r) => r.rate > 0)
        .slice(0, regularSlots(o))
        .map((r) => r.peer);
      const rotated = s % Math.round(o.optimistic / o.dt) === 0;
      if (rotated || optimistic < 0 || regular.includes(optimistic)) {
        optimistic = nextOptimistic(optimistic);
      }
      const now = new Set([...regular, optimistic]);
      rounds.push({
        t,
        rotated,
        ranking,
        regular: [...regular],
        optimistic,
        unchoked: [...now].filter((v) => v >= 0 && !before.has(v)),
        choked: [...before].filter((v) => v >= 0 && !now.has(v)),
      });
      sent.fill(0);
    }
    const status = o.peers.map((_, i): SlotStatus =>
      regular.includes(i) ? 'regular' : i === optimistic ? 'optimistic' : 'choked',
    );
    const rates = o.peers.map((p, i) => {
      const jitter = 1 + (nextFloat(rng) - 0.5) * 0.08;
      return Math.round(capacity(p, t) * warmth[i]! * jitter * 10) / 10;
    });
    frames.push({ t, rates, status });
    // Then the peers react to being unchoked or choked, and bytes flow for one tick.
    o.peers.forEach((_, i) => {
      const target = status[i] === 'choked' ? 0 : 1;
      const tau = target === 1 ? WARM_TAU : COOL_TAU;
      warmth[i]! += (target - warmth[i]!) * (1 - Math.exp(-o.dt / tau));
      sent[i]! += rates[i]! * o.dt;
    });
  }
  return { options: o, frames, rounds };
}

/** The frame at simulated time t (the last one at or before it). */
export function frameAt(tl: ChokeTimeline, t: number): ChokeFrame {
  const i = Math.max(0, Math.min(tl.frames.length - 1, Math.floor(t / tl.options.dt + 1e-9)));
  return tl.frames[i]!;
}

/** The last round at or before t. */
export function roundAt(tl: ChokeTimeline, t: number): ChokeRound {
  let found = tl.rounds[0]!;
  for (const r of tl.rounds) if (r.t <= t + 1e-9) found = r;
  return found;
}

/** One or two sentences on what a round decided, for the text under the timeline. */
export function describeRound(tl: ChokeTimeline, round: ChokeRound): string {
  const { peers, rechoke } = tl.options;
  const slots = regularSlots(tl.options);
  const prev = tl.rounds[tl.rounds.indexOf(round) - 1];
  const name = (i: number) => peers[i]?.id ?? '?';
  const rated = (i: number) =>
    `${name(i)} (${Math.round(round.ranking.find((r) => r.peer === i)?.rate ?? 0)} KB/s)`;
  const list = (xs: number[]) => xs.map(rated).join(', ');
  const o = round.optimistic;
  const parts: string[] = [];
  if (!prev) {
    parts.push(
      `The ${slots} regular slots go to the peers that uploaded most to you: ${list(round.regular)}.`,
    );
  } else {
    const gained = round.regular.filter((v) => !prev.regular.includes(v));
    const lost = prev.regular.filter((v) => !round.regular.includes(v));
    if (gained.length > 0)
      parts.push(`Rechoke: ${list(gained)} uploaded more and earns a regular slot.`);
    for (const v of lost) {
      parts.push(
        `${rated(v)} falls out of the top ${slots}${v === o ? ' but gets the optimistic slot' : ' and is choked'}.`,
      );
    }
    if (gained.length === 0 && lost.length === 0) {
      parts.push(`Rechoke after ${rechoke} s: the same ${slots} peers uploaded most.`);
    }
    const was = prev.optimistic;
    if (was >= 0 && was !== o && !round.regular.includes(was))
      parts.push(`${name(was)} is choked again.`);
  }
  if (o >= 0 && (!prev || o !== prev.optimistic) && !(prev?.regular.includes(o) ?? false)) {
    parts.push(
      peers[o]?.freeRider
        ? `The optimistic slot moves to ${name(o)}, a free-rider: it downloads but uploads nothing back, so it can never earn a regular slot.`
        : `The optimistic slot ${round.rotated ? 'moves' : 'goes'} to ${name(o)}: a chance to show what it uploads in return.`,
    );
  }
  return parts.join(' ');
}
