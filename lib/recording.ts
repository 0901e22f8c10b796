/**
 * Recordings of a class's swarm: newline-delimited JSON, one line per sample. The first line is
 * a full snapshot, every later line the difference from the sample before it, or a fresh snapshot
 * where the lab resumed after a failed write. Pure: the lab's
 * recorder (lab-server/recorder.ts) writes these lines, the replay page and the exports read them.
 *
 * A lab that crashes mid-write leaves a truncated last line; parsing skips any line that is not
 * a whole, valid record, so a recording is always readable up to its last good sample.
 */
import { z } from 'zod';
import {
  applyDelta,
  type EdgeState,
  type PeerState,
  type SwarmDelta,
  type SwarmSnapshot,
} from './swarm-model';

export const RECORDING_FORMAT = 1;

/** A recording's id is its start time, safe in a file name: 2026-11-24T07-30-00-000Z. */
export const RECORDING_ID = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/, 'a recording id is its start time');

export function recordingIdOf(startedAt: number): string {
  return new Date(startedAt).toISOString().replace(/[:.]/g, '-');
}

/** The start time back from an id (the file name), or null for anything else. */
export function startOfRecordingId(id: string): number | null {
  if (!RECORDING_ID.safeParse(id).success) return null;
  const [date, time] = id.split('T') as [string, string];
  const [h, m, s, ms] = time.replace('Z', '').split('-');
  const t = Date.parse(`${date}T${h}:${m}:${s}.${ms}Z`);
  return Number.isFinite(t) ? t : null;
}

export type RecordLine =
  | { type: 'start'; format: number; at: number; snapshot: SwarmSnapshot }
  | { type: 'delta'; at: number; delta: SwarmDelta };

export interface RecordingSummary {
  id: string;
  startedAt: number;
  bytes: number;
  /** The lab is still writing it (this run's recording). */
  live: boolean;
}

// ── Parsing: loose enough for every line we write, strict enough that a bad line is skipped ──
const Num = z.number().finite();
const Torrent = z
  .object({
    infoHash: z.string(),
    name: z.string(),
    pieceCount: z.number().int().nonnegative(),
    pieceLength: z.number().int().nonnegative(),
    length: z.number().nonnegative(),
  })
  .nullable();
const Peer = z.object({
  id: z.string(),
  kind: z.enum(['seeder', 'browser', 'desktop', 'bot']),
  nickname: z.string(),
  client: z.string(),
  address: z.string().nullable(),
  bitfield: z.string(),
  have: Num,
  downloaded: Num,
  uploaded: Num,
  downloadRate: Num,
  uploadRate: Num,
  joinedAt: Num,
  updatedAt: Num,
}) satisfies z.ZodType<PeerState>;
const Edge = z.object({
  from: z.string(),
  to: z.string(),
  bytes: Num,
  rate: Num,
}) satisfies z.ZodType<EdgeState>;
const Snapshot = z.object({
  seq: Num,
  at: Num,
  torrent: Torrent,
  peers: z.array(Peer),
  edges: z.array(Edge),
});
const Delta = z.object({
  seq: Num,
  at: Num,
  torrent: Torrent.optional(),
  upserted: z.array(Peer),
  removed: z.array(z.string()),
  edges: z.array(Edge).optional(),
});
const Line = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), format: z.number(), at: Num, snapshot: Snapshot }),
  z.object({ type: z.literal('delta'), at: Num, delta: Delta }),
]);

export interface ParsedRecording {
  lines: RecordLine[];
  /** Lines that were not whole, valid records (a crash mid-write leaves one at the end). */
  skipped: number;
}

/** Reads a recording's text. Lines before the first snapshot, and broken lines, are skipped. */
export function parseRecording(text: string): ParsedRecording {
  const lines: RecordLine[] = [];
  let skipped = 0;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      skipped++;
      continue;
    }
    const parsed = Line.safeParse(value);
    if (!parsed.success || (lines.length === 0 && parsed.data.type !== 'start')) {
      skipped++;
      continue;
    }
    lines.push(parsed.data as RecordLine);
  }
  return { lines, skipped };
}

export const encodeLine = (line: RecordLine): string => `${JSON.stringify(line)}\n`;

// ── Writing: the difference between two samples, as a delta the viewers already understand ──
const samePeer = (a: PeerState, b: PeerState) =>
  a.kind === b.kind &&
  a.nickname === b.nickname &&
  a.client === b.client &&
  a.address === b.address &&
  a.bitfield === b.bitfield &&
  a.have === b.have &&
  a.downloaded === b.downloaded &&
  a.uploaded === b.uploaded &&
  a.downloadRate === b.downloadRate &&
  a.uploadRate === b.uploadRate &&
  a.joinedAt === b.joinedAt;

const sameEdges = (a: EdgeState[], b: EdgeState[]) =>
  a.length === b.length &&
  a.every((e, i) => {
    const f = b[i]!;
    return e.from === f.from && e.to === f.to && e.bytes === f.bytes && e.rate === f.rate;
  });

const sameTorrent = (a: SwarmSnapshot['torrent'], b: SwarmSnapshot['torrent']) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * What changed from `prev` to `next`, as a delta numbered `seq`; null when nothing a viewer
 * shows changed (a peer's `updatedAt` alone does not count).
 */
export function diffSnapshots(
  prev: SwarmSnapshot,
  next: SwarmSnapshot,
  seq: number,
): SwarmDelta | null {
  const before = new Map(prev.peers.map((p) => [p.id, p]));
  const upserted = next.peers.filter((p) => {
    const old = before.get(p.id);
    return !old || !samePeer(old, p);
  });
  const present = new Set(next.peers.map((p) => p.id));
  const removed = prev.peers.filter((p) => !present.has(p.id)).map((p) => p.id);
  const torrentChanged = !sameTorrent(prev.torrent, next.torrent);
  const edgesChanged = !sameEdges(prev.edges, next.edges);
  if (!upserted.length && !removed.length && !torrentChanged && !edgesChanged) return null;
  const delta: SwarmDelta = { seq, at: next.at, upserted, removed };
  if (torrentChanged) delta.torrent = next.torrent;
  if (edgesChanged) delta.edges = next.edges;
  return delta;
}

// ── Replaying: every sample as a snapshot, and the one in force at any time ──
export interface Timeline {
  startedAt: number;
  /** Time of the last sample, ms since the epoch. */
  endedAt: number;
  /** One snapshot per sample, in time order (they share unchanged peers). */
  frames: SwarmSnapshot[];
}

export function buildTimeline(lines: RecordLine[]): Timeline | null {
  const first = lines[0];
  if (!first || first.type !== 'start') return null;
  let view: SwarmSnapshot = { ...first.snapshot, seq: 0, at: first.at };
  const frames = [view];
  for (const line of lines.slice(1)) {
    if (line.at < view.at) continue;
    // A later snapshot is where the lab resumed after failed writes: the swarm as it was then,
    // replacing the view (deltas may have been lost); the sequence carries on.
    if (line.type === 'start') view = { ...line.snapshot, seq: view.seq, at: line.at };
    else view = applyDelta(view, { ...line.delta, at: line.at });
    if (view !== frames[frames.length - 1]) frames.push(view);
  }
  return { startedAt: first.at, endedAt: view.at, frames };
}

/** The index of the frame in force at time `at` (ms since the epoch): the last not after it. */
export function frameIndexAt(timeline: Timeline, at: number): number {
  const { frames } = timeline;
  let lo = 0;
  let hi = frames.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frames[mid]!.at <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The swarm as it was at time `at`; the first sample for any time before the start. */
export function frameAt(timeline: Timeline, at: number): SwarmSnapshot {
  return timeline.frames[frameIndexAt(timeline, at)]!;
}

/**
 * Where a replay should start, ms from the recording's start: a second before the first attendee
 * appears (a lab often runs empty for a while before the class joins), or 0 if none ever does.
 */
export function firstActivity(timeline: Timeline): number {
  const first = timeline.frames.find((f) => f.peers.some((p) => p.kind !== 'seeder'));
  return first ? Math.max(0, first.at - timeline.startedAt - 1000) : 0;
}
