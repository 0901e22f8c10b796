/**
 * The projector's completion-time chart, as data: how long the class would need with one server
 * alone, the fastest any peer-to-peer scheme could do it (Kumar–Ross, in lib/sim/bounds.ts), and
 * when each attendee actually finished. Pure: fold snapshots in with `trackCompletion`, then read
 * `completionFigures`.
 *
 * The model carries measured rates, not capacities, so a peer's capacity is taken to be the
 * highest rate it has shown this round: a peer that is idle because it has finished still counts
 * with what it could upload. Reported rates are smoothed and lag behind a short burst (a LAN
 * seeder can send a whole pack in three seconds), so the byte counters are read too: the average
 * rate while a counter was moving (from the sample before it first grew to the last sample it
 * grew in, once that spans RATE_WINDOW_MS), and the higher of the two counts. Averaging over the
 * whole active stretch, not short windows, keeps a throttled seeder's first-second burst into
 * socket buffers from counting as its speed.
 */
import { clientServerTime, minDistributionTime } from './sim/bounds';
import type { SwarmSnapshot } from './swarm-model';

/** Byte counters are read over at least this long: the seeder's are updated twice a second. */
export const RATE_WINDOW_MS = 2000;

/** One byte counter while it moves: where it stood before it started, and where it got to. */
interface Stretch {
  from: number;
  fromBytes: number;
  last: number;
  lastBytes: number;
}

/** Folds a counter reading in; the average over the stretch is a rate it sustained. */
function follow(stretch: Stretch | undefined, at: number, bytes: number): Stretch {
  if (!stretch || bytes < stretch.lastBytes)
    return { from: at, fromBytes: bytes, last: at, lastBytes: bytes };
  // Before it first moves, the stretch starts at the latest reading.
  if (stretch.lastBytes === stretch.fromBytes && bytes === stretch.lastBytes)
    return { from: at, fromBytes: bytes, last: at, lastBytes: bytes };
  return bytes > stretch.lastBytes ? { ...stretch, last: at, lastBytes: bytes } : stretch;
}

function sustained(s: Stretch): number {
  const ms = s.last - s.from;
  return ms >= RATE_WINDOW_MS ? ((s.lastBytes - s.fromBytes) * 1000) / ms : 0;
}

export interface Finish {
  id: string;
  nickname: string;
  /** Seconds from the round's start to this peer's first sample at 100%. */
  seconds: number;
}

export interface CompletionTrack {
  infoHash: string | null;
  /**
   * When this round began, if this track saw it begin (the torrent changed under it). Peers keep
   * their join time across rounds, so without it a long-running lab counted round 3 from the
   * moment the first attendee joined round 1 ("3 min 54 s so far" for a 90 s transfer).
   */
  roundAt: number | null;
  /** The first attendee's join time this round (ms since the epoch), not before `roundAt`. */
  startedAt: number | null;
  /** Time of the last snapshot folded in. */
  lastAt: number;
  /** Each peer's capacity as estimated now, bytes/s: the higher of `reported` and `marks`. */
  peakUp: Record<string, number>;
  peakDown: Record<string, number>;
  /** Highest rates each peer reported this round, bytes/s. */
  reportedUp: Record<string, number>;
  reportedDown: Record<string, number>;
  /** Each peer's byte counters over their current stretch of activity. */
  marks: Record<string, { up: Stretch; down: Stretch }>;
  finishes: Finish[];
  /** Peers first seen already complete (finished before this view started watching). */
  finishedUnseen: string[];
  /** When each attendee was first seen complete (ms since the epoch). */
  completeAt: Record<string, number>;
}

export const emptyTrack = (): CompletionTrack => ({
  infoHash: null,
  roundAt: null,
  startedAt: null,
  lastAt: 0,
  peakUp: {},
  peakDown: {},
  reportedUp: {},
  reportedDown: {},
  marks: {},
  finishes: [],
  finishedUnseen: [],
  completeAt: {},
});

const attendeesOf = (s: SwarmSnapshot) => s.peers.filter((p) => p.kind !== 'seeder');

/** When a peer started on this round: its join, or the round's start if it joined before. */
const startOf = (track: Pick<CompletionTrack, 'roundAt'>, p: { joinedAt: number }) =>
  Math.max(p.joinedAt, track.roundAt ?? -Infinity);

/** Folds one snapshot in. A new torrent is a new round; time going backwards starts over. */
export function trackCompletion(prev: CompletionTrack, snapshot: SwarmSnapshot): CompletionTrack {
  const infoHash = snapshot.torrent?.infoHash ?? null;
  const fresh = prev.infoHash !== infoHash || snapshot.at < prev.lastAt;
  // A torrent that replaces one this track followed is a new round starting now.
  const newRound = prev.infoHash !== null && infoHash !== null && prev.infoHash !== infoHash;
  const base = fresh ? { ...emptyTrack(), infoHash, roundAt: newRound ? snapshot.at : null } : prev;
  const peakUp = { ...base.peakUp };
  const peakDown = { ...base.peakDown };
  const reportedUp = { ...base.reportedUp };
  const reportedDown = { ...base.reportedDown };
  const marks = { ...base.marks };
  for (const p of snapshot.peers) {
    const mark = marks[p.id];
    const next = {
      up: follow(mark?.up, snapshot.at, p.uploaded),
      down: follow(mark?.down, snapshot.at, p.downloaded),
    };
    marks[p.id] = next;
    const rUp = Math.max(reportedUp[p.id] ?? 0, p.uploadRate);
    const rDown = Math.max(reportedDown[p.id] ?? 0, p.downloadRate);
    reportedUp[p.id] = rUp;
    reportedDown[p.id] = rDown;
    // The stretch's average, not its highest value so far: it starts high on a buffer burst.
    peakUp[p.id] = Math.max(rUp, sustained(next.up));
    peakDown[p.id] = Math.max(rDown, sustained(next.down));
  }
  const attendees = attendeesOf(snapshot);
  let startedAt = base.startedAt;
  for (const p of attendees) {
    const start = startOf(base, p);
    startedAt = Math.min(startedAt ?? start, start);
  }

  const pieces = snapshot.torrent?.pieceCount ?? 0;
  const known = new Set([...base.finishes.map((f) => f.id), ...base.finishedUnseen]);
  const finishes = [...base.finishes];
  const finishedUnseen = [...base.finishedUnseen];
  const completeAt = { ...base.completeAt };
  for (const p of attendees) {
    if (pieces === 0 || p.have < pieces || known.has(p.id)) continue;
    completeAt[p.id] = snapshot.at;
    // Seen at 100% in the very first snapshot of this round: when it finished is unknown.
    if (fresh || base.lastAt === 0) finishedUnseen.push(p.id);
    else
      finishes.push({
        id: p.id,
        nickname: p.nickname,
        seconds: Math.max(0, (snapshot.at - (startedAt ?? snapshot.at)) / 1000),
      });
  }
  return {
    infoHash,
    roundAt: base.roundAt,
    startedAt,
    lastAt: snapshot.at,
    peakUp,
    peakDown,
    reportedUp,
    reportedDown,
    marks,
    finishes,
    finishedUnseen,
    completeAt,
  };
}

export interface CompletionFigures {
  /** N: attendees in the swarm now. */
  n: number;
  /** F, bytes. */
  fileSize: number;
  /** u_s: the seeders' peak upload, bytes/s. */
  seedUpload: number;
  /** Σ u_i over the N attendees, bytes/s. */
  classUpload: number;
  /** d_min over attendees that have finished, bytes/s; null before anyone has. */
  minDownload: number | null;
  /** Client–server time max(N·F/u_s, F/d_min), seconds. */
  clientServer: number;
  /** Kumar–Ross lower bound for peer-to-peer, seconds. */
  p2p: number;
  /** Seconds since the round started, at the last snapshot. */
  elapsed: number;
  finished: number;
}

/** The chart's figures, or null while there is nothing to bound (no attendee, no seeder rate). */
export function completionFigures(
  track: CompletionTrack,
  snapshot: SwarmSnapshot,
): CompletionFigures | null {
  const fileSize = snapshot.torrent?.length ?? 0;
  const attendees = attendeesOf(snapshot);
  const seedUpload = snapshot.peers
    .filter((p) => p.kind === 'seeder')
    .reduce((sum, p) => sum + (track.peakUp[p.id] ?? 0), 0);
  if (fileSize === 0 || attendees.length === 0 || seedUpload <= 0) return null;
  const uploads = attendees.map((p) => track.peakUp[p.id] ?? 0);
  // d_i is a link's capacity; a peer still downloading may be short of supply, not of link (its
  // rate says nothing of what it could take), so only finished peers count towards d_min.
  // A finished peer took F in at most (first seen complete − joined): its link carries at least
  // that average. This matters for a peer that finished before the view opened, whose smoothed
  // rate has long decayed (without it, one such peer made the bound hours long).
  const pieces = snapshot.torrent?.pieceCount ?? 0;
  const downloads = attendees.map((p) => {
    if (p.have < pieces) return Infinity;
    const took = (track.completeAt[p.id] ?? snapshot.at) - startOf(track, p);
    const averaged = took > 0 ? (fileSize * 1000) / took : 0;
    return Math.max(track.peakDown[p.id] ?? 0, averaged) || Infinity;
  });
  const input = { fileSize, seedUpload, uploads, downloads };
  const minDownload = Math.min(...downloads);
  const ids = new Set(attendees.map((p) => p.id));
  return {
    n: attendees.length,
    fileSize,
    seedUpload,
    classUpload: uploads.reduce((a, b) => a + b, 0),
    minDownload: Number.isFinite(minDownload) ? minDownload : null,
    clientServer: clientServerTime(input),
    p2p: minDistributionTime(input),
    elapsed: track.startedAt === null ? 0 : Math.max(0, (track.lastAt - track.startedAt) / 1000),
    finished:
      track.finishes.filter((f) => ids.has(f.id)).length +
      track.finishedUnseen.filter((id) => ids.has(id)).length,
  };
}
