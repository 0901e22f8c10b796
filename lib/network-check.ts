/**
 * The verdict of /check, a pure function of what the page measured: can this browser reach the
 * lab over HTTP, socket.io and the WebSocket tracker, open WebRTC to the seeder and to a classmate,
 * and which ICE candidate types can it gather. It ends in one verdict and what to do.
 */
import { wireKind, type CandidateType, type WireKind } from './connectivity';

export interface Probe {
  ok: boolean;
  /** Milliseconds it took, when it worked. */
  ms?: number;
  detail?: string;
}

export interface WireProbe extends Probe {
  local?: CandidateType;
  remote?: CandidateType;
}

export interface CheckResults {
  http: Probe;
  socket: Probe;
  tracker: Probe;
  /** Candidate types this browser gathered with the lab's ICE servers. */
  candidates: CandidateType[];
  seeder: WireProbe;
  /** null: no classmate was online to try. */
  classmate: WireProbe | null;
  /**
   * The class's own classmate wires by kind when the check ran (the lab's connectivity hub),
   * when known. A page cannot see whether it is behind NAT (browsers hide their local address
   * behind an mDNS name); what it can see is whether the trouble is this laptop's or the room's.
   */
  room?: Record<WireKind, number> | null;
}

/** The room's classmates mostly reach each other without the relay. */
const roomTradesDirectly = (room: CheckResults['room']) =>
  !!room && room.direct + room.reflexive > room.relayed;

const OWN_NETWORK =
  'Other laptops here trade directly, so the block is on this laptop’s side: a router doing NAT of its own (a travel router, a virtual machine, a phone’s tethering), a VPN, or a firewall that drops incoming connections.';

export type VerdictLevel = 'good' | 'limited' | 'blocked';

export interface Verdict {
  level: VerdictLevel;
  headline: string;
  advice: string[];
}

export function checkVerdict(r: CheckResults): Verdict {
  if (!r.http.ok)
    return {
      level: 'blocked',
      headline: 'This browser cannot reach the lab.',
      advice: [
        'Check that you are on the same Wi-Fi as the instructor and that the address is the one on the projector.',
      ],
    };
  if (!r.tracker.ok)
    return {
      level: 'blocked',
      headline: 'The lab’s tracker is unreachable over WebSocket: the swarm cannot find peers.',
      advice: [
        'A proxy, VPN or browser extension blocks WebSockets: turn it off for this page, or use another browser.',
      ],
    };
  if (!r.seeder.ok)
    return {
      level: 'blocked',
      headline: 'WebRTC to the instructor’s laptop failed: this browser cannot download.',
      advice: [
        r.candidates.length === 0
          ? 'The browser gathered no ICE candidates: WebRTC is disabled (a policy or an extension). Allow it, or use another browser.'
          : 'UDP to the lab seems filtered (a VPN or a strict firewall). Turn the VPN off, or join with a desktop client.',
      ],
    };
  const advice: string[] = [];
  if (!r.socket.ok)
    advice.push(
      'Live updates (socket.io) do not get through: you can download, but the projector will not show you.',
    );
  if (!r.candidates.includes('host') && r.candidates.includes('srflx'))
    advice.push(
      "This network has no gateway (or hides local addresses): the lab's STUN server gives your browser its address, so classmates can still reach you.",
    );
  if (r.classmate === null) {
    return {
      level: advice.length ? 'limited' : 'good',
      headline: 'You can reach the lab and its seeder. No classmate was online to try.',
      advice,
    };
  }
  if (!r.classmate.ok) {
    advice.push(
      roomTradesDirectly(r.room)
        ? `${OWN_NETWORK} You will get pieces from the seeder only.`
        : 'Classmates could not be reached: you will get pieces from the seeder only. A phone hotspot or a wired switch lets classmates trade directly.',
    );
    return {
      level: 'limited',
      headline: 'You reach the seeder, but no classmate.',
      advice,
    };
  }
  const kind = wireKind({
    local: r.classmate.local ?? 'host',
    remote: r.classmate.remote ?? 'host',
  });
  if (kind === 'relayed' && roomTradesDirectly(r.room)) {
    advice.push(
      OWN_NETWORK,
      'Classmates still trade with you, through the lab’s relay. Joining the Wi-Fi directly (or turning the VPN or firewall off for the class) lets them reach you.',
    );
    return {
      level: 'limited',
      headline: 'You reach classmates only through the lab’s relay: your connection blocks theirs.',
      advice,
    };
  }
  if (kind === 'relayed') {
    advice.push(
      "Laptops here cannot reach each other directly (the Wi-Fi keeps them apart, or each is behind a router of its own): pieces are relayed through the instructor's laptop. A phone hotspot or a wired switch lets classmates trade directly.",
    );
    return { level: 'limited', headline: 'You reach classmates, through the lab’s relay.', advice };
  }
  if (kind === 'reflexive')
    advice.push(
      'Your browser learned the address classmates see it at from the lab’s STUN server: that is how WebRTC gets through a NAT router, or past local names nobody can look up.',
    );
  return {
    level: advice.length && !r.socket.ok ? 'limited' : 'good',
    headline:
      kind === 'reflexive'
        ? "You reach classmates directly, thanks to the lab's STUN server."
        : 'You reach the lab and your classmates directly. All set.',
    advice,
  };
}
