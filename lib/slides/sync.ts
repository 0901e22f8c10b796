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

export type AcceptResult =
  { ok: true; state: SlideSyncState } | { ok: false; reason: 'stale'; state: SlideSyncState };

/** The lab's rule: a proposal replaces the kept state only if its sequence number is higher. */
export function accept(current: SlideSyncState | null, proposal: SlideSyncState): AcceptResult {
  if (current && proposal.seq <= current.seq) return { ok: false, reason: 'stale', state: current };
  return { ok: true, state: proposal };
}

export const samePlace = (a: SlidePlace | null, b: SlidePlace | null) =>
  !!a && !!b && a.deck === b.deck && a.slide === b.slide && a.step === b.step;
