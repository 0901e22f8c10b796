/**
 * How the class's WebRTC wires connected, and what that means for the room, in plain words.
 *
 * Each browser reports, per wire, the candidate types of the pair ICE selected (from
 * RTCPeerConnection.getStats()). A wire is
 * - relayed when either end is a `relay` candidate: the bytes go through the lab's TURN;
 * - reflexive when either end is `srflx`: the laptops reach each other directly, but only because
 *   the lab's STUN told them their real LAN address (mDNS names unresolvable, or no default route);
 * - direct otherwise (`host`, or `prflx`: an address learned from the connectivity checks
 *   themselves, which on one LAN is the same direct path).
 * The class is described by its classmate wires (neither end the seeder): the most common kind,
 * ties going to the worse one. With none but the seeder's, it is `alone` while only one attendee
 * has reported a wire (nobody to reach yet: saying the Wi-Fi isolates laptops would be false)
 * and `seeder-only` once two or more have and still reach nobody but the seeder.
 */
import { z } from 'zod';

export const CandidateTypeSchema = z.enum(['host', 'srflx', 'prflx', 'relay']);
export type CandidateType = z.infer<typeof CandidateTypeSchema>;

const PeerIdSchema = z.string().regex(/^[0-9a-f]{40}$/, 'a peer id: 40 hex digits');

/** One wire as its browser saw it. */
export const WireConnectivitySchema = z.object({
  remotePeerId: PeerIdSchema,
  local: CandidateTypeSchema,
  remote: CandidateTypeSchema,
});
export type WireConnectivity = z.infer<typeof WireConnectivitySchema>;

/** What a browser sends (socket event `peer:connectivity`): its open WebRTC wires. */
export const ConnectivityReportSchema = z.object({
  wires: z.array(WireConnectivitySchema).max(200),
});
export type ConnectivityReport = z.infer<typeof ConnectivityReportSchema>;

export type WireKind = 'direct' | 'reflexive' | 'relayed';
export type ClassConnectivity = 'unknown' | 'alone' | 'seeder-only' | WireKind;

export function wireKind(w: Pick<WireConnectivity, 'local' | 'remote'>): WireKind {
  if (w.local === 'relay' || w.remote === 'relay') return 'relayed';
  if (w.local === 'srflx' || w.remote === 'srflx') return 'reflexive';
  return 'direct';
}

export interface ReportedWire extends WireConnectivity {
  /** The reporting browser's peer id. */
  peerId: string;
}

export interface ConnectivitySummary {
  state: ClassConnectivity;
  /** Classmate wires by kind (each wire counted once, even when both ends reported it). */
  classmates: Record<WireKind, number>;
  seederWires: number;
}

const SEVERITY: readonly WireKind[] = ['relayed', 'reflexive', 'direct'];

export function summarizeConnectivity(
  wires: readonly ReportedWire[],
  isSeeder: (peerId: string) => boolean,
): ConnectivitySummary {
  const classmates: Record<WireKind, number> = { direct: 0, reflexive: 0, relayed: 0 };
  const seen = new Set<string>();
  /** Attendees at either end of a reported wire. */
  const attendees = new Set<string>();
  let seederWires = 0;
  for (const w of wires) {
    for (const id of [w.peerId, w.remotePeerId]) if (!isSeeder(id)) attendees.add(id);
    const key = [w.peerId, w.remotePeerId].sort().join('-');
    if (seen.has(key)) continue;
    seen.add(key);
    if (isSeeder(w.peerId) || isSeeder(w.remotePeerId)) seederWires++;
    else classmates[wireKind(w)]++;
  }
  const total = classmates.direct + classmates.reflexive + classmates.relayed;
  let state: ClassConnectivity =
    seederWires === 0 ? 'unknown' : attendees.size < 2 ? 'alone' : 'seeder-only';
  if (total > 0) {
    state = SEVERITY.reduce((best, kind) => (classmates[kind] > classmates[best] ? kind : best));
  }
  return { state, classmates, seederWires };
}

/** What /join, the instructor page and the projector say about it. */
export function describeConnectivity(state: ClassConnectivity): {
  headline: string;
  advice: string;
} {
  switch (state) {
    case 'direct':
      return {
        headline: 'Laptops trade pieces directly with each other.',
        advice: 'Nothing to do: this network lets classmates reach each other.',
      };
    case 'reflexive':
      return {
        headline: "Laptops trade directly; they found each other through the lab's STUN server.",
        advice:
          'Their local names could not be looked up (multicast filtered, or no gateway), so the lab told each laptop its address. Nothing to do.',
      };
    case 'relayed':
      return {
        headline:
          "Laptops here cannot reach each other directly (the Wi-Fi keeps them apart, or each is behind a router of its own): pieces are relayed through the instructor's laptop.",
        advice: 'A phone hotspot or a wired switch lets classmates trade directly.',
      };
    case 'alone':
      return {
        headline: 'One laptop so far: it gets its pieces from the seeder.',
        advice:
          'There is no classmate to trade with yet. When others join, this says how their laptops reach each other.',
      };
    case 'seeder-only':
      return {
        headline: 'Laptops get pieces only from the seeder: no classmate could be reached.',
        advice:
          'The Wi-Fi probably isolates laptops and the relay is off or blocked: try a phone hotspot or a wired switch.',
      };
    case 'unknown':
      return {
        headline: 'No wires yet.',
        advice: 'Join the class swarm to see how laptops connect.',
      };
  }
}
