/**
 * "What the network sees": the first bytes of each of the seeder's TCP and uTP connections, each
 * way, as an eavesdropper on the room's Wi-Fi reads them, for the projector's wire panel
 * (`wires:watch`, then `wires:state`). Bounded: CAPTURE_BYTES per direction, the latest
 * CAPTURE_CONNECTIONS connections; a socket's taps come off once its bytes are in.
 */
import { EventEmitter } from 'node:events';
import createDebug from 'debug';
import { clientFromPeerId } from '../lib/peer-id';
import {
  bytesToHex,
  readWireBytes,
  CAPTURE_BYTES,
  CAPTURE_CONNECTIONS,
  type CapturedConnection,
  type EncryptionMode,
  type WireCaptureView,
} from '../lib/wire-encryption';
import type { RawConnection } from './seeder-sockets';
import type { WireHandshake } from './seeder-encryption';
import type { LabSocketServer, SocketLayer } from './socket-layer';

const debug = createDebug('lab:wire-capture');
const ROOM = 'wires';

interface Entry {
  view: Omit<CapturedConnection, 'received' | 'sent' | 'address'>;
  remote: string;
  received: Buffer;
  sent: Buffer;
}

export interface WireCapture extends EventEmitter {
  /** A socket the seeder accepted or dialled, before any byte. */
  record(conn: RawConnection): void;
  opened(wire: WireHandshake): void;
  refused(wire: WireHandshake, reason: string): void;
  view(): WireCaptureView;
  /** Something the view depends on changed (the address switch): send it again. */
  refresh(): void;
  close(): void;
}

/** Bytes as a Buffer, whatever a stream's write() was handed. */
function asBuffer(chunk: unknown): Buffer | null {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  if (typeof chunk === 'string') return Buffer.from(chunk);
  return null;
}

export function createWireCapture(opts: {
  io: LabSocketServer;
  sockets: SocketLayer;
  mode: () => EncryptionMode;
  showAddresses: () => boolean;
  /** How often a changed view is sent, at most (ms). */
  flushMs?: number;
}): WireCapture {
  const capture = new EventEmitter() as WireCapture;
  const entries: Entry[] = [];
  let nextId = 1;
  let dirty = false;

  const find = (remote: string) => {
    for (let i = entries.length - 1; i >= 0; i--)
      if (entries[i]!.remote === remote) return entries[i];
    return undefined;
  };

  capture.record = ({ socket, transport, direction, remote }) => {
    const entry: Entry = {
      view: {
        id: nextId++,
        transport,
        direction,
        openedAt: Date.now(),
        client: null,
        outcome: 'open',
        reason: null,
        infoHash: null,
      },
      remote,
      received: Buffer.alloc(0),
      sent: Buffer.alloc(0),
    };
    entries.push(entry);
    if (entries.length > CAPTURE_CONNECTIONS) entries.shift();
    dirty = true;

    const onData = (chunk: Buffer) => {
      entry.received = Buffer.concat([entry.received, chunk]).subarray(0, CAPTURE_BYTES);
      dirty = true;
      if (entry.received.length >= CAPTURE_BYTES) socket.off('data', onData);
    };
    socket.on('data', onData);
    // No stream event carries what a socket sends: its write() is wrapped, on this socket only,
    // until the first CAPTURE_BYTES have gone.
    const write = socket.write;
    socket.write = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
      const bytes = asBuffer(chunk);
      if (bytes && entry.sent.length < CAPTURE_BYTES) {
        entry.sent = Buffer.concat([entry.sent, bytes]).subarray(0, CAPTURE_BYTES);
        dirty = true;
      }
      if (entry.sent.length >= CAPTURE_BYTES) socket.write = write;
      return write.call(this, chunk, ...rest);
    };
    socket.once('close', () => {
      socket.write = write;
      socket.off('data', onData);
      // Nothing crossed (the lab's own connectability dial to the seeder's port, say): nothing
      // for an eavesdropper to see, and no reason to take a place on the panel.
      if (entry.received.length === 0 && entry.sent.length === 0) {
        const at = entries.indexOf(entry);
        if (at >= 0) entries.splice(at, 1);
        dirty = true;
        return;
      }
      if (entry.view.outcome === 'open') {
        entry.view.outcome = 'failed';
        entry.view.reason =
          opts.mode() === 'off' && !readWireBytes(entry.received).plaintextHandshake
            ? 'the seeder, set to plaintext only, cannot read a key exchange'
            : 'closed during the handshake';
        dirty = true;
      }
    });
  };

  const identify = (wire: WireHandshake) => {
    const entry = find(wire.remote);
    if (!entry) return null;
    entry.view.client = clientFromPeerId(wire.peerId);
    entry.view.infoHash = wire.infoHash;
    dirty = true;
    return entry;
  };
  capture.opened = (wire) => {
    const entry = identify(wire);
    if (entry) entry.view.outcome = wire.encryption === 'rc4' ? 'encrypted' : 'plaintext';
  };
  capture.refused = (wire, reason) => {
    const entry = identify(wire);
    if (!entry) return;
    entry.view.outcome = 'refused';
    entry.view.reason = reason;
  };

  capture.view = () => {
    const show = opts.showAddresses();
    return {
      mode: opts.mode(),
      connections: entries
        .filter((e) => e.received.length > 0 || e.sent.length > 0)
        .map((e) => ({
          ...e.view,
          address: show ? e.remote : null,
          received: bytesToHex(e.received),
          sent: bytesToHex(e.sent),
        }))
        .reverse(),
    };
  };

  capture.refresh = () => void (dirty = true);

  const { sockets } = opts;
  sockets.handle('wires:watch', {
    // A snapshot each: a page asks once, then listens.
    rate: { burst: 5, perSecond: 1 },
    handle: (_msg, socket) => {
      void socket.join(ROOM);
      return capture.view();
    },
  });

  let lastMode = opts.mode();
  const timer = setInterval(() => {
    if (opts.mode() !== lastMode) dirty = true;
    if (!dirty) return;
    dirty = false;
    lastMode = opts.mode();
    const view = capture.view();
    debug('%d connections', view.connections.length);
    opts.io.to(ROOM).emit('wires:state', view);
  }, opts.flushMs ?? 250);
  timer.unref();
  capture.close = () => clearInterval(timer);
  return capture;
}
