/**
 * bittorrent-tracker's server and swarm, as the lab subclasses them (tracker.ts builds the
 * tracker around them):
 * - a swarm never hands a peer its own address (stock HTTP/UDP replies do, and libtorrent then
 *   dials itself and stalls) and holds only a few HTTP/UDP peers per address;
 * - the server passes every WebSocket message through the lab's door (tracker-ws.ts), removes
 *   all of a closed connection's peer ids, and lets a reconnecting page take its peer id over
 *   from a connection that no longer answers.
 */
import Server, { type Swarm, type TrackerWebSocket } from 'bittorrent-tracker/server';
import createDebug from 'debug';
import type { WsGuard } from './tracker-ws';

const debug = createDebug('lab:tracker');

/** HTTP/UDP peers one address may hold in one torrent (a laptop running a client or two). */
export const MAX_PEERS_PER_ADDRESS = 8;
/** Torrents the tracker holds at most (only reachable with --open-tracker). */
export const MAX_TORRENTS = 1000;

export interface AnnounceParams {
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

/** A swarm that leaves the requester out of its own peer list and bounds peers per address. */
export class LabSwarm extends Server.Swarm {
  announce(params: AnnounceParams, cb?: AnnounceCallback) {
    if (!cb) return super.announce(params);
    if (params.type !== 'ws' && params.addr && !this.peers.peek(params.addr)) {
      let fromAddress = 0;
      for (const key of this.peers.keys) {
        const peer = this.peers.peek(key);
        if (peer && peer.type !== 'ws' && peer.ip === params.ip) fromAddress++;
      }
      if (fromAddress >= MAX_PEERS_PER_ADDRESS) {
        cb(new Error(`too many peers from one address (at most ${MAX_PEERS_PER_ADDRESS})`));
        return;
      }
    }
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

/** Messages a connection may send while its takeover probe runs (a page sends one or two). */
const MAX_WAITING_MESSAGES = 16;

/**
 * The stock server behind the lab's door (tracker-ws.ts), plus peer id takeover: a page whose
 * Wi-Fi hiccuped reconnects with its peer id before the heartbeat notices that its old
 * connection died (30-60 s). If the id's holder is on the same host, the tracker pings it; one
 * that answers keeps the id (so two live connections of one client cannot take it from each
 * other in turn), one that does not is closed as gone and the new connection gets the id.
 */
export class LabTrackerServer extends Server {
  /** Connections whose messages wait on a probe of the id's holder, with those messages. */
  private readonly waiting = new WeakMap<TrackerWebSocket, unknown[]>();
  /** One probe per holder at a time, however many messages ask. */
  private readonly probing = new Map<TrackerWebSocket, Promise<boolean>>();

  constructor(
    opts: Record<string, unknown>,
    readonly guard: WsGuard,
    private readonly isAlive: (socket: TrackerWebSocket) => Promise<boolean>,
  ) {
    super(opts);
  }

  createSwarm(infoHash: string, cb: (err: Error | null, swarm?: Swarm) => void) {
    process.nextTick(() => {
      if (Object.keys(this.torrents).length >= MAX_TORRENTS) {
        cb(new Error(`the tracker holds ${MAX_TORRENTS} torrents already`));
        return;
      }
      const swarm = new LabSwarm(infoHash, this);
      this.torrents[infoHash] = swarm;
      cb(null, swarm);
    });
  }

  _onWebSocketRequest(socket: TrackerWebSocket, opts: object, raw: unknown) {
    this.handle(socket, opts, raw, true);
  }

  private handle(socket: TrackerWebSocket, opts: object, raw: unknown, mayProbe: boolean) {
    const waiting = this.waiting.get(socket);
    if (waiting) {
      if (waiting.length < MAX_WAITING_MESSAGES) waiting.push(raw);
      else this.refuse(socket, { reason: 'too many messages while the tracker checks a peer id' });
      return;
    }
    const verdict = this.guard.check(socket, raw);
    if (verdict.ok) return super._onWebSocketRequest(socket, opts, verdict.json);
    if (verdict.heldBy && mayProbe) return this.probeHolder(socket, opts, raw, verdict.heldBy);
    this.refuse(socket, verdict);
  }

  private probeHolder(socket: TrackerWebSocket, opts: object, raw: unknown, holder: object) {
    const previous = holder as TrackerWebSocket;
    const queue = [raw];
    this.waiting.set(socket, queue);
    let probe = this.probing.get(previous);
    if (!probe) {
      probe = this.isAlive(previous).finally(() => this.probing.delete(previous));
      this.probing.set(previous, probe);
    }
    void probe.then((alive) => {
      this.waiting.delete(socket);
      if (socket.destroyed) return;
      if (!alive && !previous.destroyed) {
        debug('peer id takeover: the holder answered no ping, closing it as gone');
        // Released now, not when the close event comes: the queued messages need the id.
        this._onWebSocketClose(previous);
        previous.terminate();
      }
      for (const message of queue) this.handle(socket, opts, message, false);
    });
  }

  private refuse(socket: TrackerWebSocket, verdict: { reason: string; infoHash?: string }) {
    const reply: Record<string, string> = { 'failure reason': verdict.reason };
    if (verdict.infoHash) {
      reply.action = 'announce';
      reply.info_hash = Buffer.from(verdict.infoHash, 'hex').toString('latin1');
    }
    socket.send(JSON.stringify(reply), socket.onSend);
    this.emit('warning', new Error(`WebSocket tracker: ${verdict.reason}`));
  }

  _onWebSocketClose(socket: TrackerWebSocket) {
    if (!socket.destroyed) {
      // The stock close removes only the first peer id a socket used: remove all of them.
      const held = this.guard.release(socket);
      for (const infoHash of held.swarms) {
        const swarm = this.torrents[infoHash];
        for (const peerId of held.peerIds) {
          if (swarm?.peers.peek(peerId)?.socket !== socket) continue;
          swarm.announce({ type: 'ws', event: 'stopped', numwant: 0, peer_id: peerId });
        }
      }
    }
    super._onWebSocketClose(socket);
  }
}
