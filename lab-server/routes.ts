/**
 * The lab's own HTTP endpoints. Thin: each reads state the lab already holds and writes JSON
 * or bytes. Everything else goes to the tracker or the Next.js site.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LabInfo } from '../lib/lab-info';
import type { SwarmModel } from '../lib/swarm-model';
import { redactSnapshot } from '../lib/swarm-privacy';
import type { RecordingStore } from './recorder';
import { MAX_QR_TEXT, qrCache } from './qr';
import { handleCompletionRoute, handleRecordingRoute } from './recording-routes';
import type { CompletionTrack } from '../lib/completion';

export type { LabInfo };

export interface RouteContext {
  model: SwarmModel;
  info: () => LabInfo;
  /** The class pack's .torrent; `browser` gives the one that lists only the WebSocket tracker. */
  torrentFile: (browser: boolean) => Buffer | null;
  startedAt: number;
  /** Attendees' shared torrents (lab-server/shared-torrents.ts). */
  shared?: {
    index(): unknown;
    torrentFile(infoHash: string, browser: boolean): Buffer | null;
    /** The instructor's privacy switch: attendees' addresses visible to everyone. */
    showAddresses(): boolean;
  };
  /** The class's swarm recordings (lab-server/recorder.ts). */
  recordings?: RecordingStore;
  /** This round's completion track, kept by the lab (lab-server/completion-history.ts). */
  completion?: () => CompletionTrack;
}

function json(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const qrSvg = (text: string) => qrCache.svg(text);

/** Answers the lab's own routes; returns false for anything else. */
export async function handleLabRoute(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://lab');
  const pathname = url.pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  switch (pathname) {
    case '/api/swarm':
      // Addresses only when the instructor has switched them on for everyone.
      json(
        res,
        200,
        ctx.shared?.showAddresses() ? ctx.model.snapshot() : redactSnapshot(ctx.model.snapshot()),
      );
      return true;
    case '/api/lab': {
      const info = ctx.info();
      json(res, 200, { ...info, qrSvg: await qrSvg(info.attendeeUrl) });
      return true;
    }
    case '/class.torrent': {
      const file = ctx.torrentFile(url.searchParams.get('for') === 'browser');
      if (!file) {
        json(res, 503, {
          ok: false,
          error: 'the class pack is still being prepared; try again in a moment',
        });
        return true;
      }
      res.writeHead(200, {
        'Content-Type': 'application/x-bittorrent',
        'Content-Disposition': 'attachment; filename="swarmlab-class-pack.torrent"',
        'Content-Length': file.length,
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : file);
      return true;
    }
    case '/api/shared':
      json(res, 200, ctx.shared?.index() ?? { entries: [] });
      return true;
    case '/api/whoami':
      // The address this page's requests come from: what the hub and the tracker see too.
      json(res, 200, { address: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '') });
      return true;
    case '/api/qr': {
      const text = url.searchParams.get('text') ?? '';
      if (!text || text.length > MAX_QR_TEXT) {
        json(res, 400, { ok: false, error: `text is required (up to ${MAX_QR_TEXT} characters)` });
        return true;
      }
      const svg = await qrSvg(text);
      res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-store' });
      res.end(svg);
      return true;
    }
    default: {
      if (ctx.recordings && (await handleRecordingRoute(ctx.recordings, url, req, res)))
        return true;
      if (ctx.completion && handleCompletionRoute(ctx.completion, url, res)) return true;
      const shared = /^\/shared\/([0-9a-f]{40})\.torrent$/.exec(pathname);
      if (!shared || !ctx.shared) return false;
      const file = ctx.shared.torrentFile(shared[1]!, url.searchParams.get('for') === 'browser');
      if (!file) {
        json(res, 404, { ok: false, error: 'no such torrent in the class index' });
        return true;
      }
      res.writeHead(200, {
        'Content-Type': 'application/x-bittorrent',
        'Content-Disposition': `attachment; filename="${shared[1]}.torrent"`,
        'Content-Length': file.length,
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : file);
      return true;
    }
  }
}
