/**
 * The telemetry hub: browser peers report to it over socket.io, it keeps the one swarm model,
 * and the projector gets a snapshot on connect and batched deltas (at most every `flushMs`),
 * never one message per piece.
 *
 * A peer id belongs to the first page that said hello with it (peer-claims.ts): another socket
 * cannot overwrite it, and the seeder's and desktop clients' ids cannot be claimed at all. A page
 * whose socket drops keeps its place for `graceMs`, and takes it back on reconnect with the
 * secret its first hello got.
 */
import { EventEmitter } from 'node:events';
import createDebug from 'debug';
import { HelloMessage, ProgressMessage } from '../lib/protocol';
import type { SwarmModel } from '../lib/swarm-model';
import { redactDelta, redactSnapshot } from '../lib/swarm-privacy';
import { createPeerClaims } from './peer-claims';
import { Refusal, type LabSocket, type LabSocketServer, type SocketLayer } from './socket-layer';

export type { LabSocketServer } from './socket-layer';

const debug = createDebug('lab:hub');

const PROJECTOR_ROOM = 'projector';
/** How long a page whose socket dropped keeps its place (and its pieces) on the projector. */
export const PEER_GRACE_MS = 10_000;

export interface HubOptions {
  io: LabSocketServer;
  sockets: SocketLayer;
  model: SwarmModel;
  /** Only reports about this torrent count (the current round's). */
  currentInfoHash: () => string | null;
  /** Whether the instructor allows everyone to see attendees' addresses (the privacy switch). */
  showAddresses?: () => boolean;
  flushMs?: number;
  graceMs?: number;
}

export interface Hub extends EventEmitter {
  /** Sends any pending delta now (tests, shutdown). */
  flush(): void;
  close(): void;
}

export function createHub(opts: HubOptions): Hub {
  const { io, model, sockets } = opts;
  const hub = new EventEmitter() as Hub;
  const maysee = (socket: LabSocket) =>
    socket.data.instructor === true || (opts.showAddresses?.() ?? false);
  const claims = createPeerClaims({
    graceMs: opts.graceMs ?? PEER_GRACE_MS,
    release: (peerId) => {
      debug('%s did not come back: removed', peerId);
      model.removePeer(peerId);
    },
  });

  sockets.handle('peer:hello', {
    schema: HelloMessage,
    rate: { burst: 5, perSecond: 1 },
    handle: (hello, socket) => {
      if (socket.data.kicked === true) throw new Refusal('removed by the instructor');
      const existing = model.getPeer(hello.peerId);
      // The seeder and desktop clients are reported by the seeder itself, never by a page.
      if (existing && existing.kind !== 'browser' && existing.kind !== 'bot')
        throw new Refusal('that peer id is not yours');
      const secret = claims.claim(hello.peerId, socket.id, hello.secret);
      if (secret === null) throw new Refusal('that peer id belongs to another page');
      const previous = socket.data.peerId;
      if (previous && previous !== hello.peerId) claims.drop(previous, socket.id);
      // Instructor controls (experiments: kick) find a peer's page by its peer id.
      socket.data.peerId = hello.peerId;
      model.upsertPeer({
        id: hello.peerId,
        kind: hello.kind,
        nickname: hello.nickname,
        client: hello.client,
        address: socket.handshake.address.replace(/^::ffff:/, ''),
      });
      debug('hello from %s (%s)', hello.nickname, hello.peerId);
      return { ok: true, secret };
    },
  });

  sockets.handle('peer:progress', {
    // A well-behaved page reports a few times a second.
    rate: { burst: 40, perSecond: 20 },
    schema: ProgressMessage,
    handle: (p, socket) => {
      if (socket.data.kicked === true) return;
      const peerId = socket.data.peerId;
      if (!peerId || !claims.owns(peerId, socket.id))
        throw new Refusal('progress before hello: say hello first');
      if (p.infoHash !== opts.currentInfoHash()) return;
      model.upsertPeer({
        id: peerId,
        bitfield: p.bitfield,
        downloaded: p.downloaded,
        uploaded: p.uploaded,
        downloadRate: p.downloadRate,
        uploadRate: p.uploadRate,
      });
      // Edges only between peers the lab knows: made-up ids would only cost every projector.
      model.setIncomingEdges(
        peerId,
        p.incoming.filter((e) => model.getPeer(e.from) !== undefined),
      );
    },
  });

  sockets.handle('projector:watch', {
    // Once on connect, once more when the privacy switch flips; not a snapshot per message.
    rate: { burst: 4, perSecond: 0.2 },
    handle: (_msg, socket) => {
      void socket.join(PROJECTOR_ROOM);
      const snapshot = model.snapshot();
      return maysee(socket) ? snapshot : redactSnapshot(snapshot);
    },
  });

  sockets.onDisconnect((socket) => {
    const peerId = socket.data.peerId;
    if (!peerId) return;
    // A kicked page does not get a grace period: the instructor wants it gone now.
    if (socket.data.kicked === true) claims.drop(peerId, socket.id);
    else claims.leave(peerId, socket.id);
  });

  hub.flush = () => {
    const delta = model.takeDelta();
    if (!delta) return;
    const watchers = io.sockets.adapter.rooms.get(PROJECTOR_ROOM);
    if (!watchers?.size) return;
    let redacted: typeof delta | null = null;
    for (const id of watchers) {
      const socket = io.sockets.sockets.get(id);
      if (!socket) continue;
      if (maysee(socket)) socket.emit('swarm:delta', delta);
      else socket.emit('swarm:delta', (redacted ??= redactDelta(delta)));
    }
  };
  const timer = setInterval(hub.flush, opts.flushMs ?? 100);
  timer.unref();

  hub.close = () => {
    clearInterval(timer);
    claims.close();
  };
  return hub;
}
