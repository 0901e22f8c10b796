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

/**
 * Only the tracker's own socket failing means the tracker is down: bittorrent-tracker says
 * "Error connecting to <ws url>" then, and "tracker request timed out" over UDP.
 */
const TRACKER_DOWN = /^error connecting to wss?:\/\/|tracker request timed out/i;

/**
 * One classmate's WebRTC offer that fails or times out ("Connection error: Ice connection
 * failed", "…: Connection failed."): routine in a busy swarm, and nothing the attendee can act on.
 * Matching these as "tracker down" told a class under load that the lab was gone while it
 * answered in milliseconds.
 */
const PEER_NOISE = /^connection error:/i;

/** Turns a WebTorrent warning into something to show, or null for noise not worth showing. */
export function explainWarning(message: string): string | null {
  if (/unsupported tracker protocol/i.test(message)) return null;
  if (PEER_NOISE.test(message)) return null;
  if (TRACKER_DOWN.test(message)) return PEER_MESSAGES.trackerDown;
  return message;
}
