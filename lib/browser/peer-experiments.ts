/**
 * How a browser peer follows the instructor's experiments: it applies the piece strategy and its
 * own free-rider mark to WebTorrent, switches to a new round's torrent, and collects what to tell
 * the attendee. Framework-free and transport-free: class-peer.ts feeds it `experiment:state`.
 */
import {
  announceChanges,
  INITIAL_EXPERIMENTS,
  peerUploadRate,
  type ExperimentState,
} from '../experiments';

/** How many of the instructor's latest changes the page keeps on screen. */
const MAX_NOTES = 3;

export interface ExperimentHooks {
  peerId: string;
  /** webtorrent's client.throttleUpload: 0 for a free-rider, -1 for no limit. */
  throttleUpload(rate: number): void;
  /** Sets the piece strategy on the current torrent (webtorrent reads it at every request). */
  setStrategy(strategy: ExperimentState['strategy']): void;
  /** The torrent the peer is on; a different info hash means a new round to switch to. */
  currentInfoHash(): string | null;
  switchRound(infoHash: string): void;
  /** The instructor's latest changes, newest first, and the whole state. */
  changed(notes: string[], state: ExperimentState): void;
}

export function followExperiments(hooks: ExperimentHooks) {
  let last: ExperimentState | null = null;
  let notes: string[] = [];
  return (state: ExperimentState) => {
    const current = hooks.currentInfoHash();
    const switching = !!state.infoHash && !!current && state.infoHash !== current;
    // The first state a page sees is compared with the defaults (a paused seeder is news to a
    // newcomer), except the round: joining in round 3 is not a change. Leaving this page's
    // torrent for another always is, even when the page hears of it first in its first state.
    let prev = last ?? { ...INITIAL_EXPERIMENTS, round: state.round, infoHash: state.infoHash };
    if (switching && prev.round >= state.round) prev = { ...prev, round: state.round - 1 };
    last = state;
    hooks.throttleUpload(peerUploadRate(state, hooks.peerId));
    hooks.setStrategy(state.strategy);
    if (switching) hooks.switchRound(state.infoHash!);
    const fresh = announceChanges(prev, state, hooks.peerId);
    if (fresh.length) notes = [...fresh, ...notes].slice(0, MAX_NOTES);
    hooks.changed(notes, state);
  };
}
