/**
 * The state of the PieceExchange diagram around the simulator: the swarm itself (lib/sim), the
 * pieces in flight on screen, who gave each peer each piece, and where each peer is drawn on
 * its way to its place. Every function is pure: it returns a new Exchange and leaves its input
 * alone, so React can hold one in a ref and the tests can replay a run.
 */
import { hasPiece } from '../bitfield';
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
  /** Sent by the bad peer: it lands, fails its hash check and is thrown away. */
  corrupt?: boolean;
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
  /** The peer that sends corrupt data, if the "bad peer" toggle is on. */
  badPeer: string | null;
  /** Per receiver, the peers it stopped downloading from after a piece failed its hash check. */
  banned: ReadonlyMap<string, readonly string[]>;
  /** Pieces that failed their hash check since the start (each one is fetched again). */
  hashFailures: number;
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
    badPeer: null,
    banned: new Map(),
    hashFailures: 0,
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
  const failed: PieceTransfer[] = [];
  const banned = new Map(ex.banned);
  for (let i = 0; i < ticks; i++) {
    sim = step(sim);
    for (const tr of sim.transfers) {
      if (tr.from === ex.badPeer) {
        // The bad peer's bytes never hash right: the receiver throws the piece away, fetches it
        // again from someone else, and stops downloading from that peer, as real clients do.
        rejectPiece(sim, tr);
        banned.set(tr.to, [...new Set([...(banned.get(tr.to) ?? []), tr.from])]);
        failed.push(tr);
      } else {
        transfers.push(tr);
      }
    }
    enforceBans(sim, banned);
  }
  const span = Math.max(sim.t - t0, 1e-9);
  const seeds = new Set(sim.peers.filter((p) => p.role === 'seed').map((p) => p.id));
  const origin = new Map(ex.origin);
  const flights = ex.flights.slice();
  for (const tr of failed) {
    flights.push({
      from: tr.from,
      to: tr.to,
      piece: tr.piece,
      fromSeed: false,
      corrupt: true,
      start: now + ((tr.t - t0) / span) * spreadMs,
    });
  }
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
    banned,
    hashFailures: ex.hashFailures + failed.length,
  };
}

/**
 * Undoes a completed piece in the simulator's fresh state (step() returns a copy, so this
 * changes nothing anyone else holds): the receiver no longer has it, so it asks again.
 */
function rejectPiece(sim: SimState, tr: PieceTransfer): void {
  const to = sim.peers.find((p) => p.id === tr.to);
  if (!to || !hasPiece(to.have, tr.piece)) return;
  to.have[tr.piece >> 3]! &= ~(0x80 >> (tr.piece & 7));
  to.haveCount--;
  sim.availability[tr.piece]!--;
  to.finishedAt = null;
  to.slotsDirty = true;
}

/** A receiver that caught a bad piece neither requests from that peer nor is served by it. */
function enforceBans(sim: SimState, banned: ReadonlyMap<string, readonly string[]>): void {
  for (const [victimId, bad] of banned) {
    const victim = sim.peers.find((p) => p.id === victimId);
    if (!victim) continue;
    for (const badId of bad) {
      const uploader = sim.peers.find((p) => p.id === badId);
      if (!uploader) continue;
      victim.requests.delete(uploader.index);
      const at = uploader.unchoked.indexOf(victim.index);
      if (at >= 0) uploader.unchoked.splice(at, 1);
      if (uploader.optimistic === victim.index) uploader.optimistic = -1;
    }
  }
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

/**
 * Turns the "bad peer" on (the first downloading peer present starts sending corrupt data) or
 * off (it sends good data again, and receivers forgive it).
 */
export function withBadPeer(ex: Exchange, on: boolean): Exchange {
  if (!on) return { ...ex, badPeer: null, banned: new Map() };
  const first = presentPeers(ex).find((p) => p.role !== 'seed');
  return first ? { ...ex, badPeer: first.id } : ex;
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
  /** Pieces that failed their hash check (sent by the bad peer) and were fetched again. */
  hashFailures: number;
  badPeer: string | null;
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
    hashFailures: ex.hashFailures,
    badPeer: ex.badPeer,
    seedPresent: present.some((p) => p.role === 'seed'),
    strategy: ex.sim.strategy,
    holdings: leechers.map((p) => ({ id: p.id, have: p.haveCount })),
    pieceCount,
  };
}
