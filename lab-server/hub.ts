/**
 * The telemetry hub: browser peers report to it over socket.io, it keeps the one swarm model,
 * and the projector gets a snapshot on connect and batched deltas (at most every `flushMs`),
 * never one message per piece.
 */
import { EventEmitter } from 'node:events';
import type { Server as SocketServer, Socket } from 'socket.io';
import createDebug from 'debug';
import {
  HelloMessage,
  ProgressMessage,
  describeIssues,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../lib/protocol';
import type { SwarmModel } from '../lib/swarm-model';
import { redactDelta, redactSnapshot } from '../lib/swarm-privacy';

const debug = createDebug('lab:hub');

const PROJECTOR_ROOM = 'projector';
/** A well-behaved page reports a few times a second; anything beyond this is dropped. */
const MAX_PROGRESS_PER_SECOND = 20;

export type LabSocketServer = SocketServer<ClientToServerEvents, ServerToClientEvents>;
export type LabSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface HubOptions {
  io: LabSocketServer;
  model: SwarmModel;
  /** Only reports about this torrent count (the current round's). */
  currentInfoHash: () => string | null;
  /** Whether the instructor allows everyone to see attendees' addresses (the privacy switch). */
  showAddresses?: () => boolean;
  flushMs?: number;
}

export interface Hub extends EventEmitter {
  /** Sends any pending delta now (tests, shutdown). */
  flush(): void;
  close(): void;
}

export function createHub(opts: HubOptions): Hub {
  const { io, model } = opts;
  const hub = new EventEmitter() as Hub;
  const maysee = (socket: LabSocket) =>
    socket.data.instructor === true || (opts.showAddresses?.() ?? false);

  const warn = (socket: LabSocket, message: string) => {
    debug('rejected from %s: %s', socket.id, message);
    hub.emit('warning', new Error(`${socket.handshake.address}: ${message}`));
    socket.emit('lab:warning', message);
  };

  io.on('connection', (socket: LabSocket) => {
    let peerId: string | null = null;
    let windowStart = 0;
    let inWindow = 0;

    socket.on('peer:hello', (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const parsed = HelloMessage.safeParse(raw);
      if (!parsed.success) {
        const error = describeIssues(parsed.error);
        warn(socket, `hello refused: ${error}`);
        return reply({ ok: false, error });
      }
      const hello = parsed.data;
      if (socket.data.kicked === true)
        return reply({ ok: false, error: 'removed by the instructor' });
      if (peerId && peerId !== hello.peerId) model.removePeer(peerId);
      peerId = hello.peerId;
      // Instructor controls (experiments: kick) find a peer's page by its peer id.
      socket.data.peerId = peerId;
      model.upsertPeer({
        id: peerId,
        kind: hello.kind,
        nickname: hello.nickname,
        client: hello.client,
        address: socket.handshake.address.replace(/^::ffff:/, ''),
      });
      debug('hello from %s (%s)', hello.nickname, peerId);
      reply({ ok: true });
    });

    socket.on('peer:progress', (raw) => {
      const now = Date.now();
      if (now - windowStart > 1000) {
        windowStart = now;
        inWindow = 0;
      }
      if (++inWindow > MAX_PROGRESS_PER_SECOND) return;
      if (socket.data.kicked === true) return;
      if (!peerId) return warn(socket, 'progress before hello: say hello first');
      const parsed = ProgressMessage.safeParse(raw);
      if (!parsed.success) return warn(socket, `progress refused: ${describeIssues(parsed.error)}`);
      const p = parsed.data;
      if (p.infoHash !== opts.currentInfoHash()) return;
      model.upsertPeer({
        id: peerId,
        bitfield: p.bitfield,
        downloaded: p.downloaded,
        uploaded: p.uploaded,
        downloadRate: p.downloadRate,
        uploadRate: p.uploadRate,
      });
      model.setIncomingEdges(peerId, p.incoming);
    });

    socket.on('projector:watch', (ack) => {
      void socket.join(PROJECTOR_ROOM);
      if (typeof ack !== 'function') return;
      const snapshot = model.snapshot();
      ack(maysee(socket) ? snapshot : redactSnapshot(snapshot));
    });

    socket.on('disconnect', () => {
      if (peerId) model.removePeer(peerId);
    });
  });

  hub.flush = () => {
    const delta = model.takeDelta();
    if (!delta) return;
    const sockets = io.sockets.adapter.rooms.get(PROJECTOR_ROOM);
    if (!sockets?.size) return;
    let redacted: typeof delta | null = null;
    for (const id of sockets) {
      const socket = io.sockets.sockets.get(id);
      if (!socket) continue;
      if (maysee(socket)) socket.emit('swarm:delta', delta);
      else socket.emit('swarm:delta', (redacted ??= redactDelta(delta)));
    }
  };
  const timer = setInterval(hub.flush, opts.flushMs ?? 100);
  timer.unref();

  hub.close = () => clearInterval(timer);
  return hub;
}
