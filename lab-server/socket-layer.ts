/**
 * The one way a socket.io handler is registered in the lab. Every event gets the same checks,
 * in the same order, so no feature can forget one:
 *
 *   1. a per-socket, per-event token bucket (a flood costs the flooder, not the class);
 *   2. the instructor token, for instructor-only events (socket.data.instructor, set at the
 *      handshake from lab-server/auth.ts);
 *   3. the payload parsed with the event's zod schema (the handler only sees valid data);
 *   4. the handler, whose result is the ack reply; a missing ack callback is a no-op;
 *   5. a thrown `Refusal` (the client's mistake) becomes `{ ok: false, error }`, a 'warning' and
 *      a `lab:warning` to that socket; any other throw is the lab's own bug: the same reply, but
 *      an 'error' (always printed) instead of a warning.
 */
import { EventEmitter } from 'node:events';
import type { Server as SocketServer, Socket } from 'socket.io';
import type { z } from 'zod';
import createDebug from 'debug';
import {
  describeIssues,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../lib/protocol';

const debug = createDebug('lab:sockets');

/** What the lab keeps on each socket. */
export interface LabSocketData {
  /** Presented the instructor token in the handshake. */
  instructor: boolean;
  /** The peer id this socket said hello with (the hub sets it; kick finds pages by it). */
  peerId?: string;
  /** The instructor removed this page from the swarm. */
  kicked?: boolean;
}

export type LabSocketServer = SocketServer<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  LabSocketData
>;
export type LabSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  LabSocketData
>;

export type EventName = keyof ClientToServerEvents;

/** The type an event's ack callback takes, or never for events without one. */
type AckOf<E extends EventName> =
  Parameters<ClientToServerEvents[E]> extends [...unknown[], infer Last]
    ? Last extends (reply: infer R) => void
      ? R
      : never
    : never;
export type ReplyOf<E extends EventName> = [AckOf<E>] extends [never] ? void : AckOf<E>;

/** A client's mistake: refused with this message, logged as a warning, never a crash. */
export class Refusal extends Error {}

export const NOT_INSTRUCTOR_DEFAULT = 'only the instructor can do that';

export interface RateLimit {
  /** Messages a socket may send at once. */
  burst: number;
  /** Messages per second it earns back. */
  perSecond: number;
}

/** A page sends a handful of each event per minute; a tight loop gets cut off within a second. */
export const DEFAULT_RATE: RateLimit = { burst: 20, perSecond: 5 };

export interface EventSpec<E extends EventName, S extends z.ZodType | undefined> {
  /** The payload's schema; events without one take only an ack. */
  schema?: S;
  /** Only sockets that presented the instructor token. */
  instructorOnly?: boolean;
  /** What a non-instructor is told (default NOT_INSTRUCTOR_DEFAULT). */
  notInstructor?: string;
  rate?: RateLimit;
  /** The reply for a refusal, when the event's ack expects more than `{ ok, error }`. */
  refuse?: (error: string) => ReplyOf<E>;
  handle: (
    msg: S extends z.ZodType ? z.output<S> : undefined,
    socket: LabSocket,
  ) => ReplyOf<E> | Promise<ReplyOf<E>>;
}

export interface SocketLayer extends EventEmitter {
  /** Registers one client event for every socket, connected now or later. */
  handle<E extends EventName, S extends z.ZodType | undefined = undefined>(
    event: E,
    spec: EventSpec<E, S>,
  ): void;
  /** Lifecycle hooks (not client events): a feature's per-socket setup and cleanup. */
  onConnect(fn: (socket: LabSocket) => void): () => void;
  onDisconnect(fn: (socket: LabSocket, reason: string) => void): () => void;
  /** Refuses a socket's input from outside a handler (e.g. a later async check). */
  warn(socket: LabSocket, message: string): void;
  close(): void;
}

interface Bucket {
  tokens: number;
  at: number;
  /** Already warned about this flood (one warning per flood, not one per message). */
  warned: boolean;
}

type AnySpec = EventSpec<EventName, z.ZodType | undefined>;

export function createSocketLayer(opts: { io: LabSocketServer; now?: () => number }): SocketLayer {
  const { io } = opts;
  const now = opts.now ?? Date.now;
  const layer = new EventEmitter() as SocketLayer;
  const specs = new Map<EventName, AnySpec>();
  const connectHooks = new Set<(socket: LabSocket) => void>();
  const disconnectHooks = new Set<(socket: LabSocket, reason: string) => void>();
  const buckets = new WeakMap<LabSocket, Map<EventName, Bucket>>();

  const warn = (socket: LabSocket, message: string) => {
    debug('refused from %s: %s', socket.id, message);
    layer.emit('warning', new Error(`${socket.handshake.address}: ${message}`));
    socket.emit('lab:warning', message);
  };
  layer.warn = warn;

  /** Takes one token; false when the socket is over its rate for this event. */
  const admit = (socket: LabSocket, event: EventName, rate: RateLimit): boolean => {
    let perSocket = buckets.get(socket);
    if (!perSocket) buckets.set(socket, (perSocket = new Map()));
    const t = now();
    let b = perSocket.get(event);
    if (!b) perSocket.set(event, (b = { tokens: rate.burst, at: t, warned: false }));
    b.tokens = Math.min(rate.burst, b.tokens + ((t - b.at) / 1000) * rate.perSecond);
    b.at = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      b.warned = false;
      return true;
    }
    if (!b.warned) {
      b.warned = true;
      warn(socket, `${event}: too many messages, slow down (later ones are dropped)`);
    }
    return false;
  };

  const dispatch = async (socket: LabSocket, event: EventName, spec: AnySpec, args: unknown[]) => {
    // socket.io puts the ack last; an event without a payload may have only the ack.
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (reply: unknown) => void) : null;
    const payload = ack ? args.slice(0, -1)[0] : args[0];
    const reply = (value: unknown) => {
      if (ack && socket.connected) ack(value);
    };
    const refusal = (error: string) => (spec.refuse ? spec.refuse(error) : { ok: false, error });

    if (!admit(socket, event, spec.rate ?? DEFAULT_RATE))
      return reply(refusal(`${event}: too many messages, slow down`));
    try {
      if (spec.instructorOnly && socket.data.instructor !== true)
        throw new Refusal(spec.notInstructor ?? NOT_INSTRUCTOR_DEFAULT);
      let msg: unknown = undefined;
      // An event that takes no message gets none: anything else is a confused or hostile client.
      if (!spec.schema && payload !== undefined)
        throw new Refusal(`${event} takes no message, only a reply callback`);
      if (spec.schema) {
        const parsed = spec.schema.safeParse(payload);
        if (!parsed.success) throw new Refusal(describeIssues(parsed.error));
        msg = parsed.data;
      }
      reply(await spec.handle(msg as never, socket));
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      if (e instanceof Refusal) {
        warn(socket, `${event} refused: ${e.message}`);
        return reply(refusal(e.message));
      }
      debug('%s failed: %O', event, e);
      const bug = new Error(`${event} failed: ${e.message}`, { cause: e });
      // An 'error' nobody listens to would throw here and take the lab down: print it instead.
      if (layer.listenerCount('error') > 0) layer.emit('error', bug);
      else console.error(bug);
      reply(refusal(`${event} failed: ${e.message}`));
    }
  };

  const attach = (socket: LabSocket, event: EventName, spec: AnySpec) => {
    // The typed socket.on would need one overload per event; the layer's spec is typed instead.
    (socket as unknown as EventEmitter).on(event, (...args: unknown[]) => {
      void dispatch(socket, event, spec, args);
    });
  };

  const onConnection = (socket: LabSocket) => {
    for (const [event, spec] of specs) attach(socket, event, spec);
    for (const fn of connectHooks) fn(socket);
    socket.on('disconnect', (reason) => {
      for (const fn of disconnectHooks) fn(socket, reason);
    });
  };
  io.on('connection', onConnection);

  layer.handle = (event, spec) => {
    if (specs.has(event)) throw new Error(`socket event ${event} is registered twice`);
    specs.set(event, spec as unknown as AnySpec);
    for (const socket of io.sockets.sockets.values())
      attach(socket, event, spec as unknown as AnySpec);
  };

  layer.onConnect = (fn) => {
    connectHooks.add(fn);
    return () => connectHooks.delete(fn);
  };
  layer.onDisconnect = (fn) => {
    disconnectHooks.add(fn);
    return () => disconnectHooks.delete(fn);
  };
  layer.close = () => {
    io.off('connection', onConnection);
    specs.clear();
    connectHooks.clear();
    disconnectHooks.clear();
  };
  return layer;
}
