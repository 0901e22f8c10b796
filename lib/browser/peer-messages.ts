/**
 * What an attendee reads when something is wrong, in words that say what to do. Pure, so the
 * wording is tested and the browser peer only decides when to show which.
 */

export const PEER_MESSAGES = {
  labLost:
    'Lost contact with the lab. Reconnecting… Is the instructor’s laptop still on, and are you on the same network?',
  labBack: 'The lab is back. Carrying on where you were.',
  noWebRTC:
    'This browser has WebRTC switched off, so it cannot join the swarm. Try another browser, or join with a desktop client (see Desktop clients).',
  noPeers:
    'No peer has connected yet. If this lasts, this network may block connections between devices (guest Wi-Fi, some VPNs): try a phone hotspot, or a desktop client.',
  trackerDown:
    'The lab’s tracker does not answer, so no peers can be found. Is the lab still running?',
} as const;

/** Seconds without any peer before suggesting WebRTC may be blocked. */
export const NO_PEERS_AFTER_SECONDS = 20;

/** Turns a WebTorrent warning into something to show, or null for noise not worth showing. */
export function explainWarning(message: string): string | null {
  if (/unsupported tracker protocol/i.test(message)) return null;
  if (/error connecting to|websocket|connection error|tracker.*(timed out|closed)/i.test(message)) {
    return PEER_MESSAGES.trackerDown;
  }
  return message;
}
