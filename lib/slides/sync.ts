/**
 * The shared slide state, as in Slidev: one typed object that says where the class is. The
 * presenter proposes a new state with the next sequence number; the lab keeps the newest; a
 * viewer applies a state only if it is newer and came from another sender. Pure: the socket
 * that carries these objects lives elsewhere (lab-server/slide-sync.ts, components/slides).
 */

export interface SlidePlace {
  /** The deck's slug (`/slides/<deck>`). */
  deck: string;
  /** 1-based slide number. */
  slide: number;
  /** Reveal steps shown on that slide. */
  step: number;
}

export interface SlideSyncState extends SlidePlace {
  /** Who moved the class there: a random id per presenter page. */
  sender: string;
  /** Increases with every move; the newest state wins. */
  seq: number;
}

/** A viewer's rule: take a state only if it is newer than ours and not our own echo. */
export function shouldApply(
  current: SlideSyncState | null,
  incoming: SlideSyncState,
  self: string,
): boolean {
  if (incoming.sender === self) return false;
  return current === null || incoming.seq > current.seq;
}

/** What a viewer holds after a state arrives. */
export function receive(
  current: SlideSyncState | null,
  incoming: SlideSyncState,
  self: string,
): SlideSyncState | null {
  return shouldApply(current, incoming, self) ? incoming : current;
}

/** The presenter's next state: the new place, signed, one past the newest it knows. */
export function propose(
  current: SlideSyncState | null,
  place: SlidePlace,
  self: string,
): SlideSyncState {
  return {
    deck: place.deck,
    slide: place.slide,
    step: place.step,
    sender: self,
    seq: (current?.seq ?? 0) + 1,
  };
}

/** The highest sequence number the lab keeps: millions of moves, far below 2^53. */
export const MAX_SEQ = 2 ** 31 - 1;
/**
 * How far ahead of the kept state a proposal may be. A presenter proposes the next number; a
 * page that moved while offline is a few ahead. A huge jump (2^53 - 1) would leave no room
 * for any later move: sync would be stuck for good.
 */
export const MAX_SEQ_JUMP = 1000;

export type AcceptResult =
  | { ok: true; state: SlideSyncState }
  | { ok: false; reason: 'stale'; state: SlideSyncState }
  | { ok: false; reason: 'jump'; state: SlideSyncState | null };

/** The lab's rule: a proposal replaces the kept state only if its sequence number is higher. */
export function accept(current: SlideSyncState | null, proposal: SlideSyncState): AcceptResult {
  if (current && proposal.seq <= current.seq) return { ok: false, reason: 'stale', state: current };
  if (proposal.seq > (current?.seq ?? 0) + MAX_SEQ_JUMP || proposal.seq > MAX_SEQ)
    return { ok: false, reason: 'jump', state: current };
  return { ok: true, state: proposal };
}

export const samePlace = (a: SlidePlace | null, b: SlidePlace | null) =>
  !!a && !!b && a.deck === b.deck && a.slide === b.slide && a.step === b.step;
