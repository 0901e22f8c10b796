/**
 * A recording as CSV for a spreadsheet. Two shapes:
 *
 * - long (default): one row per peer per sample, every figure the projector had;
 * - wide: one row per sample, one column per peer holding its completion in percent, which a
 *   spreadsheet plots as "completion over time" in one click (select all, insert line chart).
 *
 * Pure; the lab's route streams the text.
 */
import { progressOf, type SwarmSnapshot } from './swarm-model';
import type { Timeline } from './recording';

export const LONG_COLUMNS = [
  'time_s',
  'clock_utc',
  'peer_id',
  'nickname',
  'kind',
  'client',
  'pieces_have',
  'pieces_total',
  'progress_percent',
  'downloaded_bytes',
  'uploaded_bytes',
  'download_rate_bytes_per_s',
  'upload_rate_bytes_per_s',
] as const;

/**
 * One CSV cell (RFC 4180). Nicknames and client names are attendee input: control and bidi
 * characters (terminal escapes, RLO) are dropped (a recording made before the hub cleaned them
 * may hold some); cells that a spreadsheet would run as a formula (=, +, -, @) get a leading
 * apostrophe; and a cell with a `;` is quoted too, so a spreadsheet that splits on `;` (most
 * European locales) cannot cut `a;=1+1` into a formula cell.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const printable = value.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '');
  const safe = /^[=+\-@]/.test(printable) ? `'${printable}` : printable;
  return /[",;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const row = (cells: (string | number)[]) => `${cells.map(csvCell).join(',')}\r\n`;

const seconds = (timeline: Timeline, frame: SwarmSnapshot) =>
  Math.round((frame.at - timeline.startedAt) / 100) / 10;

const percent = (frame: SwarmSnapshot, p: SwarmSnapshot['peers'][number]) =>
  p.kind === 'seeder' ? 100 : Math.round(progressOf(p, frame.torrent) * 1000) / 10;

/** One row per peer per sample, in time order. */
export function* longCsv(timeline: Timeline): Generator<string> {
  yield row([...LONG_COLUMNS]);
  for (const frame of timeline.frames) {
    const t = seconds(timeline, frame);
    const clock = new Date(frame.at).toISOString();
    for (const p of frame.peers) {
      yield row([
        t,
        clock,
        p.id,
        p.nickname,
        p.kind,
        p.client,
        p.kind === 'seeder' ? (frame.torrent?.pieceCount ?? 0) : p.have,
        frame.torrent?.pieceCount ?? 0,
        percent(frame, p),
        Math.round(p.downloaded),
        Math.round(p.uploaded),
        Math.round(p.downloadRate),
        Math.round(p.uploadRate),
      ]);
    }
  }
}

/**
 * One row per sample: time, then each attendee's completion in percent (empty while that peer
 * is not in the swarm). Columns are named "nickname (first 6 of the peer id)" so two attendees
 * with the same nickname stay apart. The seeder is left out: it is always 100%.
 */
export function* wideCsv(timeline: Timeline): Generator<string> {
  const columns = new Map<string, string>();
  for (const frame of timeline.frames)
    for (const p of frame.peers)
      if (p.kind !== 'seeder' && !columns.has(p.id))
        columns.set(p.id, `${p.nickname || 'anonymous'} (${p.id.slice(0, 6)})`);
  const ids = [...columns.keys()];
  yield row(['time_s', ...columns.values()]);
  for (const frame of timeline.frames) {
    const byId = new Map(frame.peers.map((p) => [p.id, p]));
    yield row([
      seconds(timeline, frame),
      ...ids.map((id) => {
        const p = byId.get(id);
        return p ? percent(frame, p) : '';
      }),
    ]);
  }
}
