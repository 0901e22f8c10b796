/**
 * `/api/health`: readiness, not only liveness. `ok` once every part of the lab serves — the
 * site included — otherwise 503 naming the parts that are not ready yet.
 *
 * Why: health answered ok while every page still returned 503 "SwarmLab is starting"; a room
 * check (and Playwright's webServer) that waited for health then hit 503 on / and /join. It is
 * answered before anything else, so it also speaks while the class torrent is being prepared.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Each part of the lab and whether it serves yet. */
export type Readiness = Record<string, boolean>;

export function handleHealth(
  req: IncomingMessage,
  res: ServerResponse,
  parts: () => Readiness,
  details: () => Record<string, unknown>,
): boolean {
  if ((req.url ?? '').split('?')[0] !== '/api/health') return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const state = parts();
  const notReady = Object.entries(state)
    .filter(([, ready]) => !ready)
    .map(([part]) => part);
  const ok = notReady.length === 0;
  const body = JSON.stringify(
    ok ? { ok, parts: state, ...details() } : { ok, notReady, parts: state },
  );
  res.writeHead(ok ? 200 : 503, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
    ...(ok ? {} : { 'Retry-After': '2' }),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
