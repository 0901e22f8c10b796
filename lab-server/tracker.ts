/**
 * The lab's tracker: bittorrent-tracker's server, sharing the lab's HTTP server (HTTP announce
 * and scrape, JSON stats, WebSocket announce for browsers) and the lab's port number over UDP.
 *
 * Two changes to the stock server, both for real clients on a LAN:
 * - it never hands a peer its own address (stock HTTP/UDP replies do, and libtorrent then
 *   dials itself and stalls);
 * - class mode: it tracks only torrents registered with the lab and tells anyone else why not.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import Server, { type Swarm } from 'bittorrent-tracker/server';
import createDebug from 'debug';
import type { ListedPeer } from './desktop-identity';

const debug = createDebug('lab:tracker');

interface AnnounceParams {
  info_hash: string;
  peer_id: string;
  ip?: string;
  port?: number;
  addr?: string;
  type?: string;
}

interface TrackerPeer {
  peerId: string;
  ip?: string;
  port?: number;
  type: string;
}

type AnnounceCallback = (err: Error | null, response?: { peers: TrackerPeer[] }) => void;

/** A swarm that leaves the requester out of its own peer list. */
class LabSwarm extends Server.Swarm {
  announce(params: AnnounceParams, cb?: AnnounceCallback) {
    if (!cb) return super.announce(params);
    return super.announce(params, (err: Error | null, response?: { peers: TrackerPeer[] }) => {
      if (response?.peers) {
        response.peers = response.peers.filter(
          (p) =>
            p.peerId !== params.peer_id &&
            !(p.type !== 'ws' && p.ip === params.ip && p.port === params.port),
        );
      }
      cb(err, response);
    });
  }
}

class LabTrackerServer extends Server {
  createSwarm(infoHash: string, cb: (err: Error | null, swarm: Swarm) => void) {
    process.nextTick(() => {
      const swarm = new LabSwarm(infoHash, this);
      this.torrents[infoHash] = swarm;
      cb(null, swarm);
    });
  }
}

export interface TrackerOptions {
  /** Class mode: only these info hashes are tracked. Undefined tracks everything. */
  isAllowed?: (infoHash: string) => boolean;
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
  counts(infoHash: string): SwarmCounts;
  /** Read-only: the HTTP/UDP peers the tracker lists in a swarm now (the seeder's telemetry). */
  listedPeers(infoHash: string): ListedPeer[];
  close(): Promise<void>;
}

export const NOT_IN_CLASS =
  "This is a classroom tracker: it only tracks the class torrents. Share your torrent from the lab's Share page, or ask the instructor to open the tracker.";

export function createTracker(opts: TrackerOptions = {}): LabTracker {
  const server = new LabTrackerServer({
    http: false,
    udp: true,
    ws: { noServer: true },
    // Stats on: the stock server then builds its /stats handler on an http.Server of its own that
    // never listens; handleHttp hands it the lab's /stats requests (JSON only, see there).
    stats: true,
    trustProxy: false,
    interval: opts.intervalMs ?? 60_000,
    filter: (infoHash: string, _params: unknown, cb: (err?: Error | null) => void) => {
      if (!opts.isAllowed || opts.isAllowed(infoHash)) cb(null);
      else cb(new Error(NOT_IN_CLASS));
    },
  });
  // The lab is an IPv4 LAN service; the stock udp6 socket would need its own bind and breaks
  // when the hostname is an IPv4 address (shared/DESIGN.md).
  server.udp6?.close();
  server.udp6 = null;

  const tracker = new EventEmitter() as LabTracker;
  server.on('warning', (err: Error) => {
    debug('warning: %s', err.message);
    tracker.emit('warning', err);
  });
  server.on('error', (err: Error) => tracker.emit('error', err));
  for (const event of ['start', 'complete', 'update', 'stop'] as const) {
    server.on(event, (addr: string, params: AnnounceParams) => tracker.emit(event, addr, params));
  }

  tracker.handleHttp = (req, res) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname === '/stats' || pathname === '/stats.json') {
      // Always the JSON form: the stock HTML page prints client versions taken from peer ids
      // unescaped, and a hostile peer id must not run script on the lab's origin.
      req.url = '/stats.json';
      server.http.emit('request', req, res);
      return true;
    }
    if (pathname !== '/announce' && pathname !== '/scrape') return false;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    server.onHttpRequest(req, res, { action: pathname.slice(1) });
    return true;
  };

  // bittorrent-tracker's WebSocket server does not track its clients; the lab does, to close them.
  const sockets = new Set<{ terminate(): void; once(e: 'close', fn: () => void): void }>();
  tracker.handleUpgrade = (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== '/announce') return false;
    server.ws.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.once('close', () => sockets.delete(ws));
      server.ws.emit('connection', ws, req);
    });
    return true;
  };

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
      for (const ws of sockets) ws.terminate();
      server.close(() => resolve());
    });

  return tracker;
}
