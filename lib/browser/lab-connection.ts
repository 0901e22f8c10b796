/**
 * One socket.io connection to the lab per tab (and per instructor token), shared by every page
 * feature: the class peer, sharing, the projector, the class index, the experiments panel and
 * slide sync. One reconnect policy for all of them: socket.io's own backoff after a lost
 * connection, and also after the lab itself hung up (a restart, a kick), which socket.io does
 * not retry on its own.
 *
 * A feature gets a handle: it emits on `socket`, listens with `on`/`onConnect` (removed again
 * at `close()`), and the connection closes when the last feature lets go of it.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol';

export type LabClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LabConnection {
  socket: LabClientSocket;
  /** A lab event, for as long as this handle is open. */
  on<E extends keyof ServerToClientEvents>(event: E, fn: ServerToClientEvents[E]): void;
  /** Runs now if connected, and on every reconnect: where a feature says hello or watches. */
  onConnect(fn: () => void): void;
  onDisconnect(fn: (reason: string) => void): void;
  close(): void;
}

interface Shared {
  socket: LabClientSocket;
  users: number;
}

const connections = new Map<string, Shared>();

function open(key: string, origin: string | undefined, token: string | null): LabClientSocket {
  const opts = { transports: ['websocket', 'polling'], auth: token ? { token } : {} };
  const socket: LabClientSocket = origin ? io(origin, opts) : io(opts);
  socket.on('disconnect', (reason) => {
    // The lab hung up (it is restarting, or removed this page): come back after a pause; the
    // features say hello again in their onConnect. Not if every feature has let go meanwhile.
    if (reason !== 'io server disconnect') return;
    setTimeout(() => {
      if (connections.get(key)?.socket === socket && !socket.connected) socket.connect();
    }, 1000);
  });
  return socket;
}

export function connectLab(opts: { origin?: string; token?: string | null } = {}): LabConnection {
  const token = opts.token ?? null;
  const key = `${opts.origin ?? ''} ${token ?? ''}`;
  let shared = connections.get(key);
  if (!shared) {
    shared = { socket: open(key, opts.origin, token), users: 0 };
    connections.set(key, shared);
  }
  shared.users++;
  const { socket } = shared;
  const removers: (() => void)[] = [];
  let closed = false;

  return {
    socket,
    on(event, fn) {
      // The typed overloads do not follow a generic event name; the map types `fn` for callers.
      const untyped = socket as unknown as {
        on(e: string, f: unknown): void;
        off(e: string, f: unknown): void;
      };
      untyped.on(event, fn);
      removers.push(() => untyped.off(event, fn));
    },
    onConnect(fn) {
      socket.on('connect', fn);
      removers.push(() => socket.off('connect', fn));
      if (socket.connected) fn();
    },
    onDisconnect(fn) {
      socket.on('disconnect', fn);
      removers.push(() => socket.off('disconnect', fn));
    },
    close() {
      if (closed) return;
      closed = true;
      for (const remove of removers) remove();
      if (--shared.users > 0) return;
      connections.delete(key);
      socket.disconnect();
    },
  };
}
