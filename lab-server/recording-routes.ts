/**
 * The lab's history over HTTP (thin: lib/recording*.ts and lib/completion.ts do the work):
 *
 *   GET /api/completion                  this round's completion track, as the lab kept it
 *   GET /api/recordings                  the list, newest first
 *   GET /api/recordings/<id>.json        one recording: its lines (snapshot, then deltas)
 *   GET /api/recordings/<id>.csv         one row per peer per sample (?shape=wide: one row per
 *                                        sample, one completion column per peer)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RECORDING_FORMAT, buildTimeline, parseRecording } from '../lib/recording';
import { longCsv, wideCsv } from '../lib/recording-csv';
import type { CompletionTrack } from '../lib/completion';
import type { RecordingStore } from './recorder';

const ONE = /^\/api\/recordings\/([^/]+)\.(json|csv)$/;

function json(res: ServerResponse, status: number, body: unknown, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Answers /api/completion; returns false for any other path. */
export function handleCompletionRoute(
  track: () => CompletionTrack,
  url: URL,
  res: ServerResponse,
): boolean {
  if (url.pathname !== '/api/completion') return false;
  json(res, 200, { track: track() });
  return true;
}

/** Answers /api/recordings…; returns false for any other path. */
export async function handleRecordingRoute(
  store: RecordingStore,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  if (url.pathname === '/api/recordings' || url.pathname === '/api/recordings/') {
    json(res, 200, { recordings: await store.list() });
    return true;
  }
  if (!url.pathname.startsWith('/api/recordings/')) return false;
  const match = ONE.exec(url.pathname);
  if (!match) {
    json(res, 404, {
      ok: false,
      error: 'ask for /api/recordings, or /api/recordings/<id>.json or .csv',
    });
    return true;
  }
  const [, id, ext] = match as unknown as [string, string, 'json' | 'csv'];
  const text = await store.read(id);
  if (text === null) {
    json(res, 404, { ok: false, error: `no recording ${id} (see /api/recordings)` });
    return true;
  }
  const { lines, skipped } = parseRecording(text);
  const timeline = buildTimeline(lines);
  if (ext === 'json') {
    json(
      res,
      200,
      {
        format: RECORDING_FORMAT,
        id,
        startedAt: timeline?.startedAt ?? null,
        endedAt: timeline?.endedAt ?? null,
        skippedLines: skipped,
        lines,
      },
      { 'Content-Disposition': `attachment; filename="swarmlab-${id}.json"` },
    );
    return true;
  }
  const wide = url.searchParams.get('shape') === 'wide';
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Disposition': `attachment; filename="swarmlab-${id}${wide ? '-wide' : ''}.csv"`,
  });
  if (req.method === 'HEAD' || !timeline) {
    res.end();
    return true;
  }
  // A byte-order mark so spreadsheets read nicknames as UTF-8.
  let out = '\uFEFF';
  for (const chunk of (wide ? wideCsv : longCsv)(timeline)) {
    out += chunk;
    if (out.length > 64 * 1024) {
      if (!res.write(out)) await new Promise((r) => res.once('drain', r));
      out = '';
    }
  }
  res.end(out);
  return true;
}
