/**
 * The lab's tracker: bittorrent-tracker's server, sharing the lab's HTTP server (HTTP announce
 * and scrape, JSON stats, WebSocket announce for browsers) and the lab's port number over UDP.
 *
 * Changes to the stock server, each for real clients on a LAN or against a hostile attendee:
 * - it never hands a peer its own address (stock HTTP/UDP replies do, and libtorrent then
 *   dials itself and stalls);
 * - class mode: it tracks only the torrents it was told to allow, and tells anyone else why not;
 * - the swarm and server subclasses are in tracker-server.ts;
 * - every request is checked before the stock server reads it: HTTP parameters
 *   (tracker-http-params.ts), WebSocket messages and peer-id ownership (tracker-ws.ts), UDP
 *   connection ids (tracker-udp.ts); scrape replies are the lab's own (tracker-scrape.ts);
 * - one address may hold only a few HTTP/UDP peers per torrent, and a WebSocket connection
 *   only a few peer ids, so nobody can fill a swarm's 1,000 places and evict the class.
 */
import { EventEmitter } from 'node:events';
import type { RemoteInfo } from 'node:dgram';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TrackerWebSocket } from 'bittorrent-tracker/server';
import createDebug from 'debug';
import type { ListedPeer } from './desktop-identity';
import { checkAnnounce, checkScrape } from './tracker-http-params';
import { encodeFailure, encodeScrape } from './tracker-scrape';
import { checkUdpPacket, createConnectionIds } from './tracker-udp';
import { LabTrackerServer, type AnnounceParams } from './tracker-server';
import { MAX_WS_MESSAGE_BYTES, createWsGuard } from './tracker-ws';

export type { AnnounceParams };
export { MAX_PEERS_PER_ADDRESS, MAX_TORRENTS } from './tracker-server';

const debug = createDebug('lab:tracker');

/** A WebSocket that answers no ping for this long is gone (its peers leave the swarm). */
const HEARTBEAT_MS = 30_000;
/** How long the holder of a peer id has to answer a ping before its own host may take it over. */
const TAKEOVER_PROBE_MS = 2_000;

export interface TrackerOptions {
  /** Track any info hash (`--open-tracker`); otherwise only the allowed ones (class mode). */
  open?: boolean;
  /** Announce interval in ms (bittorrent-tracker's default is 10 minutes). */
  intervalMs?: number;
}

export interface SwarmCounts {
  infoHash: string;
  complete: number;
  incomplete: number;
}

export interface LabTracker extends EventEmitter {
  /** Handles GET /announce, /scrape and /stats(.json); returns false for any other request. */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /** Handles the WebSocket upgrade on /announce; returns false for any other path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  listenUdp(port: number, host: string): Promise<void>;
  /** Class mode: start tracking this torrent (hex info hash). The tracker owns the list. */
  allow(infoHash: string): void;
  /** Class mode: refuse this torrent's announces from now on. */
  forbid(infoHash: string): void;
  isAllowed(infoHash: string): boolean;
  counts(infoHash: string): SwarmCounts;
  /** Read-only: the HTTP/UDP peers the tracker lists in a swarm now (the seeder's telemetry). */
  listedPeers(infoHash: string): ListedPeer[];
  close(): Promise<void>;
}

export const NOT_IN_CLASS =
  "This is a classroom tracker: it only tracks the class torrents. Share your torrent from the lab's Share page, or ask the instructor to open the tracker.";

export function createTracker(opts: TrackerOptions = {}): LabTracker {
  // One owner for the allow-list: the round and the class index ask, neither holds the set.
  const allowed = new Set<string>();
  const isAllowed = (infoHash: string) => opts.open === true || allowed.has(infoHash);
  // bittorrent-tracker's WebSocket server does not track its clients; the lab does, to close
  // them, to drop the ones that stopped answering (a laptop that left without closing) and to
  // know each one's host (read at the upgrade: Node forgets it once the TCP link is gone).
  const sockets = new Map<TrackerWebSocket, { alive: boolean; host?: string }>();
  const guard = createWsGuard({ hostOf: (ws) => sockets.get(ws as TrackerWebSocket)?.host });
  const server = new LabTrackerServer(
    {
      http: false,
      udp: true,
      ws: { noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES },
      // Stats on: the stock server then builds its /stats handler on an http.Server of its own that
      // never listens; handleHttp hands it the lab's /stats requests (JSON only, see there).
      stats: true,
      trustProxy: false,
      interval: opts.intervalMs ?? 60_000,
      filter: (infoHash: string, _params: unknown, cb: (err?: Error | null) => void) => {
        if (isAllowed(infoHash)) cb(null);
        else cb(new Error(NOT_IN_CLASS));
      },
    },
    guard,
    (ws) => isAlive(ws),
  );
  // The lab is an IPv4 LAN service; the stock udp6 socket would need its own bind and breaks
  // when the hostname is an IPv4 address (shared/DESIGN.md).
  server.udp6?.close();
  server.udp6 = null;

  const tracker = new EventEmitter() as LabTracker;
  server.on('warning', (err: Error) => {
    debug('warning: %s', err.message);
    // The stock server forwards an offer to a peer whose page is closing that moment and reports
    // the failed send; nobody sent bad data, and the offer's sender just gets no answer.
    if (/^WebSocket is not open: readyState [23] \(CLOS(ING|ED)\)$/.test(err.message)) return;
    tracker.emit('warning', err);
  });
  server.on('error', (err: Error) => tracker.emit('error', err));
  for (const event of ['start', 'complete', 'update', 'stop'] as const) {
    server.on(event, (addr: string, params: AnnounceParams) => tracker.emit(event, addr, params));
  }

  tracker.allow = (infoHash) => void allowed.add(infoHash);
  tracker.forbid = (infoHash) => void allowed.delete(infoHash);
  tracker.isAllowed = isAllowed;

  tracker.handleHttp = (req, res) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname === '/stats' || pathname === '/stats.json') {
      // Always the JSON form: the stock HTML page prints client versions taken from peer ids
      // unescaped, and a hostile peer id must not run script on the lab's origin.
      req.url = '/stats.json';
      server.http.emit('request', req, res);
      return true;
    }
    if (pathname === '/announce') {
      const checked = checkAnnounce(req.url ?? '');
      if (!checked.ok) return refuse(res, checked.reason);
      req.url = checked.value.url;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      server.onHttpRequest(req, res, { action: 'announce' });
      return true;
    }
    if (pathname === '/scrape') {
      const checked = checkScrape(req.url ?? '');
      if (!checked.ok) return refuse(res, checked.reason);
      // No info_hash: BEP 48 leaves it to the tracker, the original spec says "all torrents it
      // manages". In class mode that is the allowed torrents, already public on /api/lab and the
      // class index; an open tracker would list strangers' torrents, so it asks for one.
      if (checked.value === null && opts.open) return refuse(res, 'scrape needs an info_hash');
      const hashes = checked.value ?? [...allowed];
      const body = encodeScrape(hashes.map(tracker.counts), Math.ceil(server.intervalMs / 1000));
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': body.length });
      res.end(body);
      return true;
    }
    return false;
  };

  /** A client's bad request: the protocol's failure reply, and a warning for the lab. */
  const refuse = (res: ServerResponse, reason: string) => {
    tracker.emit('warning', new Error(`tracker: ${reason}`));
    const body = encodeFailure(reason);
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': body.length });
    res.end(body);
    return true;
  };

  const heartbeat = setInterval(() => {
    for (const [ws, state] of sockets) {
      if (!state.alive) ws.terminate();
      else {
        state.alive = false;
        ws.ping();
      }
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  /** Pings one connection now: true if it answers within TAKEOVER_PROBE_MS. */
  const isAlive = (ws: TrackerWebSocket) =>
    new Promise<boolean>((resolve) => {
      if (ws.readyState !== ws.OPEN) return resolve(false);
      const onPong = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        ws.off('pong', onPong);
        resolve(false);
      }, TAKEOVER_PROBE_MS);
      timer.unref();
      ws.once('pong', onPong);
      ws.ping();
    });
  tracker.handleUpgrade = (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== '/announce') return false;
    server.ws.handleUpgrade(req, socket, head, (ws) => {
      const state = { alive: true, host: req.socket.remoteAddress };
      sockets.set(ws, state);
      ws.on('pong', () => (state.alive = true));
      ws.once('close', () => sockets.delete(ws));
      server.ws.emit('connection', ws, req);
    });
    return true;
  };

  // UDP: the lab answers BEP 15 connects itself and forwards only checked requests.
  const connectionIds = createConnectionIds();
  server.udp4.removeAllListeners('message');
  server.udp4.on('message', (msg: Buffer, rinfo: RemoteInfo) => {
    const verdict = checkUdpPacket(msg, rinfo, connectionIds);
    if (verdict.kind === 'forward') return server.onUdpRequest(verdict.packet, rinfo);
    if (verdict.kind === 'drop') {
      tracker.emit('warning', new Error(`UDP tracker: ${verdict.reason}`));
      return;
    }
    server.udp4.send(verdict.packet, rinfo.port, rinfo.address, (err) => {
      if (err) tracker.emit('warning', err);
    });
  });

  tracker.listenUdp = (port, host) =>
    new Promise((resolve, reject) => {
      const udp = server.udp4;
      const onError = (err: Error) => reject(err);
      udp.once('error', onError);
      udp.bind(port, host, () => {
        udp.off('error', onError);
        resolve();
      });
    });

  // The stock counts add up swarm entries, and a peer that announces over WebSocket and HTTP
  // or UDP (the lab's own seeder does) has two. Counted here by peer id, once each.
  tracker.counts = (infoHash) => {
    const swarm = server.torrents[infoHash];
    const complete = new Map<string, boolean>();
    for (const key of swarm?.peers.keys ?? []) {
      const peer = swarm!.peers.peek(key);
      if (peer) complete.set(peer.peerId, (complete.get(peer.peerId) ?? false) || peer.complete);
    }
    const seeders = [...complete.values()].filter(Boolean).length;
    return { infoHash, complete: seeders, incomplete: complete.size - seeders };
  };

  tracker.listedPeers = (infoHash) => {
    const swarm = server.torrents[infoHash];
    const out: ListedPeer[] = [];
    for (const key of swarm?.peers.keys ?? []) {
      const p = swarm!.peers.peek(key);
      if (p && p.type !== 'ws')
        out.push({
          peerId: p.peerId,
          ip: p.ip ?? null,
          port: p.port ?? null,
          complete: p.complete,
        });
    }
    return out;
  };

  tracker.close = () =>
    new Promise((resolve) => {
      // ws with noServer leaves open sockets alone on close(); browsers must see the lab go.
      clearInterval(heartbeat);
      for (const ws of sockets.keys()) ws.terminate();
      server.close(() => resolve());
    });

  return tracker;
}
