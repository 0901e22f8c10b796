/**
 * The state of the PieceExchange diagram around the simulator: the swarm itself (lib/sim), the
 * pieces in flight on screen, who gave each peer each piece, and where each peer is drawn on
 * its way to its place. Every function is pure: it returns a new Exchange and leaves its input
 * alone, so React can hold one in a ref and the tests can replay a run.
 */
import {
  addPeer,
  createSim,
  removePeer,
  removeSeed,
  setStrategy,
  step,
  type PieceTransfer,
  type SimState,
  type Strategy,
} from '../sim';

export const PIECE_BYTES = 262_144;
/** Rates in pieces per simulated second: the seed can feed two peers' worth, a peer one. */
const SEED_UPLOAD = 2 * PIECE_BYTES;
const PEER_UPLOAD = 1 * PIECE_BYTES;
const PEER_DOWNLOAD = 4 * PIECE_BYTES;

export const MAX_PEERS = 16;
/** How long a piece takes to fly from its sender to its receiver on screen (wall-clock ms). */
export const FLIGHT_MS = 750;
/** Beyond this many pieces in the air at once, the oldest land at once: a busy swarm stays legible. */
const MAX_FLIGHTS = 160;
/** Time constant of a peer sliding to its new place on the ring, ms. */
const SLIDE_MS = 220;

export interface ExchangeOptions {
  /** Downloading peers at the start (the seed comes on top). */
  peers: number;
  pieces: number;
  strategy: Strategy;
  /** The simulator's PRNG seed: the same options give the same run. */
  seed: number;
}

export const EXCHANGE_DEFAULTS: ExchangeOptions = {
  peers: 7,
  pieces: 32,
  strategy: 'rarest-first',
  seed: 7,
};

/** Who gave a peer a piece. */
export const ORIGIN_NONE = 0;
export const ORIGIN_SEED = 1;
export const ORIGIN_PEER = 2;

export interface Flight {
  from: string;
  to: string;
  piece: number;
  fromSeed: boolean;
  /** Wall-clock ms when it leaves; it lands FLIGHT_MS later. */
  start: number;
}

export interface Exchange {
  sim: SimState;
  /** Simulated seconds owed to the simulator (less than one tick). */
  carry: number;
  flights: readonly Flight[];
  /** Per peer id, per piece: ORIGIN_NONE, ORIGIN_SEED or ORIGIN_PEER. */
  origin: ReadonlyMap<string, Uint8Array>;
  /** Pieces received by anyone since the start. */
  delivered: number;
  /** Peers added with addPeer so far, to name the next one. */
  added: number;
  /** Where each present peer is drawn: a fractional place on the ring (0 = top). */
  places: ReadonlyMap<string, number>;
  /** The pieces completed during the last advance, for the still (reduced-motion) picture. */
  recent: readonly PieceTransfer[];
}

function leecher(id: string) {
  return { id, upload: PEER_UPLOAD, download: PEER_DOWNLOAD };
}

export function createExchange(options: Partial<ExchangeOptions> = {}): Exchange {
  const o = { ...EXCHANGE_DEFAULTS, ...options };
  const peers = Math.max(1, Math.min(MAX_PEERS, Math.round(o.peers)));
  const sim = createSim({
    seed: o.seed,
    fileSize: Math.max(1, Math.round(o.pieces)) * PIECE_BYTES,
    pieceCount: Math.max(1, Math.round(o.pieces)),
    strategy: o.strategy,
    peers: [
      { id: 'seed', role: 'seed', upload: SEED_UPLOAD, download: 0 },
      ...Array.from({ length: peers }, (_, i) => leecher(`peer ${i + 1}`)),
    ],
  });
  const origin = new Map<string, Uint8Array>();
  for (const p of sim.peers) {
    origin.set(p.id, new Uint8Array(sim.config.pieceCount).fill(p.role === 'seed' ? 1 : 0));
  }
  const ex: Exchange = {
    sim,
    carry: 0,
    flights: [],
    origin,
    delivered: 0,
    added: peers,
    places: new Map(),
    recent: [],
  };
  return { ...ex, places: targetPlaces(ex) };
}

/** The peers on screen, in ring order: seeds first, then everyone else by arrival. */
export function presentPeers(ex: Exchange) {
  return ex.sim.peers
    .filter((p) => p.status === 'active')
    .sort((a, b) => (a.role === b.role ? a.index - b.index : a.role === 'seed' ? -1 : 1));
}

function targetPlaces(ex: Exchange): Map<string, number> {
  return new Map(presentPeers(ex).map((p, i) => [p.id, i]));
}

/**
 * Runs the simulator for `simSeconds` more (whole ticks; the rest is carried over) and turns
 * the pieces completed on the way into flights. `now` is the wall clock in ms; a transfer at
 * simulated time t leaves at a wall time spread over `spreadMs` in simulated order, so a
 * one-second step plays out instead of firing every piece at once.
 */
export function advance(ex: Exchange, simSeconds: number, now: number, spreadMs = 0): Exchange {
  const dt = ex.sim.config.dt;
  let budget = ex.carry + Math.max(0, simSeconds);
  const ticks = Math.floor(budget / dt + 1e-9);
  if (ticks === 0) return { ...ex, carry: budget };
  budget -= ticks * dt;
  let sim = ex.sim;
  const t0 = sim.t;
  const transfers: PieceTransfer[] = [];
  for (let i = 0; i < ticks; i++) {
    sim = step(sim);
    transfers.push(...sim.transfers);
  }
  const span = Math.max(sim.t - t0, 1e-9);
  const seeds = new Set(sim.peers.filter((p) => p.role === 'seed').map((p) => p.id));
  const origin = new Map(ex.origin);
  const flights = ex.flights.slice();
  for (const tr of transfers) {
    const fromSeed = seeds.has(tr.from);
    const row = (origin.get(tr.to) ?? new Uint8Array(sim.config.pieceCount)).slice();
    row[tr.piece] = fromSeed ? ORIGIN_SEED : ORIGIN_PEER;
    origin.set(tr.to, row);
    flights.push({
      from: tr.from,
      to: tr.to,
      piece: tr.piece,
      fromSeed,
      start: now + ((tr.t - t0) / span) * spreadMs,
    });
  }
  return {
    ...ex,
    sim,
    carry: Math.max(0, budget),
    flights: flights.length > MAX_FLIGHTS ? flights.slice(-MAX_FLIGHTS) : flights,
    origin,
    delivered: ex.delivered + transfers.length,
    recent: transfers,
  };
}

/**
 * Moves the picture on by `dtMs` of wall time: landed flights go, peers slide towards their
 * places on the ring. With motion off everything is where it belongs at once.
 */
export function animate(ex: Exchange, now: number, dtMs: number, motion = true): Exchange {
  const targets = targetPlaces(ex);
  const k = motion ? 1 - Math.exp(-Math.max(0, dtMs) / SLIDE_MS) : 1;
  const places = new Map<string, number>();
  for (const [id, target] of targets) {
    const from = ex.places.get(id) ?? target;
    const next = from + (target - from) * k;
    places.set(id, Math.abs(next - target) < 1e-3 ? target : next);
  }
  const flights = motion
    ? ex.flights.filter(
        (f) => now < f.start + FLIGHT_MS && targets.has(f.to) && targets.has(f.from),
      )
    : [];
  return { ...ex, places, flights };
}

/** True while something on screen is still moving (the loop may sleep otherwise). */
export function isMoving(ex: Exchange): boolean {
  if (ex.flights.length > 0) return true;
  const targets = targetPlaces(ex);
  for (const [id, place] of ex.places) if (targets.get(id) !== place) return true;
  return targets.size !== ex.places.size;
}

export function withStrategy(ex: Exchange, strategy: Strategy): Exchange {
  return { ...ex, sim: setStrategy(ex.sim, strategy) };
}

export function canAddPeer(ex: Exchange): boolean {
  return presentPeers(ex).filter((p) => p.role !== 'seed').length < MAX_PEERS;
}

export function withPeerAdded(ex: Exchange): Exchange {
  if (!canAddPeer(ex)) return ex;
  const id = `peer ${ex.added + 1}`;
  const origin = new Map(ex.origin);
  origin.set(id, new Uint8Array(ex.sim.config.pieceCount));
  return { ...ex, sim: addPeer(ex.sim, leecher(id)), origin, added: ex.added + 1 };
}

/** The newest downloading peer still present, which "remove peer" takes away. */
export function newestPeer(ex: Exchange): string | null {
  const leechers = presentPeers(ex).filter((p) => p.role !== 'seed');
  return leechers.at(-1)?.id ?? null;
}

export function withPeerRemoved(ex: Exchange, id = newestPeer(ex)): Exchange {
  if (id === null) return ex;
  return { ...ex, sim: removePeer(ex.sim, id) };
}

export function withSeedRemoved(ex: Exchange): Exchange {
  return { ...ex, sim: removeSeed(ex.sim) };
}

export interface ExchangeSummary {
  /** Simulated seconds. */
  time: number;
  /** Downloading peers present, and how many of them hold the whole file. */
  peers: number;
  done: number;
  /** Pieces that nobody present holds any more (only after the seed left). */
  lost: number;
  delivered: number;
  seedPresent: boolean;
  strategy: Strategy;
  /** Per downloading peer present: its name and how many pieces it holds. */
  holdings: { id: string; have: number }[];
  pieceCount: number;
}

export function summarize(ex: Exchange): ExchangeSummary {
  const present = presentPeers(ex);
  const leechers = present.filter((p) => p.role !== 'seed');
  const { pieceCount } = ex.sim.config;
  let lost = 0;
  for (let i = 0; i < pieceCount; i++) if (ex.sim.availability[i] === 0) lost++;
  return {
    time: ex.sim.t,
    peers: leechers.length,
    done: leechers.filter((p) => p.haveCount === pieceCount).length,
    lost,
    delivered: ex.delivered,
    seedPresent: present.some((p) => p.role === 'seed'),
    strategy: ex.sim.strategy,
    holdings: leechers.map((p) => ({ id: p.id, have: p.haveCount })),
    pieceCount,
  };
}
