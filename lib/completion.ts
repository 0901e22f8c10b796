/**
 * The projector's completion-time chart, as data: how long the class would need with one server
 * alone, the fastest any peer-to-peer scheme could do it (Kumar–Ross, in lib/sim/bounds.ts), and
 * when each attendee actually finished. Pure: fold snapshots in with `trackCompletion`, then read
 * `completionFigures`.
 *
 * The model carries measured rates, not capacities, so a peer's capacity is taken to be the
 * highest rate it has shown this round: a peer that is idle because it has finished still counts
 * with what it could upload. Reported rates are smoothed and lag behind a short burst (a LAN
 * seeder can send a whole pack in three seconds), so the byte counters are read too, over
 * windows of at least RATE_WINDOW_MS, and the higher of the two counts.
 */
import { clientServerTime, minDistributionTime } from './sim/bounds';
import type { SwarmSnapshot } from './swarm-model';

/** Byte counters are read over at least this long: the seeder's are updated twice a second. */
export const RATE_WINDOW_MS = 2000;

export interface Finish {
  id: string;
  nickname: string;
  /** Seconds from the round's start to this peer's first sample at 100%. */
  seconds: number;
}

export interface CompletionTrack {
  infoHash: string | null;
  /** The first attendee's join time this round (ms since the epoch). */
  startedAt: number | null;
  /** Time of the last snapshot folded in. */
  lastAt: number;
  /** Highest upload and download rates seen per peer this round, bytes/s. */
  peakUp: Record<string, number>;
  peakDown: Record<string, number>;
  /** Where each peer's byte counters stood at the start of its current rate window. */
  marks: Record<string, { at: number; uploaded: number; downloaded: number }>;
  finishes: Finish[];
  /** Peers first seen already complete (finished before this view started watching). */
  finishedUnseen: string[];
}

export const emptyTrack = (): CompletionTrack => ({
  infoHash: null,
  startedAt: null,
  lastAt: 0,
  peakUp: {},
  peakDown: {},
  marks: {},
  finishes: [],
  finishedUnseen: [],
});

const attendeesOf = (s: SwarmSnapshot) => s.peers.filter((p) => p.kind !== 'seeder');

/** Folds one snapshot in. A new torrent is a new round; time going backwards starts over. */
export function trackCompletion(prev: CompletionTrack, snapshot: SwarmSnapshot): CompletionTrack {
  const infoHash = snapshot.torrent?.infoHash ?? null;
  const fresh = prev.infoHash !== infoHash || snapshot.at < prev.lastAt;
  const base = fresh ? { ...emptyTrack(), infoHash } : prev;
  const peakUp = { ...base.peakUp };
  const peakDown = { ...base.peakDown };
  const marks = { ...base.marks };
  for (const p of snapshot.peers) {
    let up = p.uploadRate;
    let down = p.downloadRate;
    const mark = marks[p.id];
    if (!mark || p.uploaded < mark.uploaded || p.downloaded < mark.downloaded) {
      marks[p.id] = { at: snapshot.at, uploaded: p.uploaded, downloaded: p.downloaded };
    } else if (snapshot.at - mark.at >= RATE_WINDOW_MS) {
      const seconds = (snapshot.at - mark.at) / 1000;
      up = Math.max(up, (p.uploaded - mark.uploaded) / seconds);
      down = Math.max(down, (p.downloaded - mark.downloaded) / seconds);
      marks[p.id] = { at: snapshot.at, uploaded: p.uploaded, downloaded: p.downloaded };
    }
    peakUp[p.id] = Math.max(peakUp[p.id] ?? 0, up);
    peakDown[p.id] = Math.max(peakDown[p.id] ?? 0, down);
  }
  const attendees = attendeesOf(snapshot);
  let startedAt = base.startedAt;
  for (const p of attendees) startedAt = Math.min(startedAt ?? p.joinedAt, p.joinedAt);

  const pieces = snapshot.torrent?.pieceCount ?? 0;
  const known = new Set([...base.finishes.map((f) => f.id), ...base.finishedUnseen]);
  const finishes = [...base.finishes];
  const finishedUnseen = [...base.finishedUnseen];
  for (const p of attendees) {
    if (pieces === 0 || p.have < pieces || known.has(p.id)) continue;
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
    startedAt,
    lastAt: snapshot.at,
    peakUp,
    peakDown,
    marks,
    finishes,
    finishedUnseen,
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
  /** d_min over attendees that have downloaded at all, bytes/s; null before anyone has. */
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
  // A peer that has not downloaded yet tells us nothing about its link: leave it out of d_min.
  const downloads = attendees.map((p) => track.peakDown[p.id] || Infinity);
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
