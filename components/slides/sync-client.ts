/**
 * The browser's end of slide sync: one socket per tab, shared by every component that shows
 * or moves slides (it survives client-side navigation between decks), and the sync rules from
 * lib/slides/sync.ts applied to what it hears. The transport is here; the state rules are not.
 */
import { io, type Socket } from 'socket.io-client';
import { readInstructorToken } from '@/lib/browser/instructor-token';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SlideMoveReply,
  SlideWatchReply,
} from '@/lib/protocol';
import { propose, receive, type SlidePlace, type SlideSyncState } from '@/lib/slides/sync';

export interface SlideSyncSnapshot {
  /** Where the class is, as this page knows it. */
  state: SlideSyncState | null;
  connected: boolean;
  /** Whether the lab accepted this page's instructor token; null until it has answered. */
  instructor: boolean | null;
  /** Why the lab refused this page's last move, if it did. */
  error: string | null;
}

export const INITIAL_SNAPSHOT: SlideSyncSnapshot = {
  state: null,
  connected: false,
  instructor: null,
  error: null,
};

/** A random id for this page (crypto.randomUUID needs a secure context; a LAN address is not one). */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class SlideSyncClient {
  readonly self = randomId();
  private snapshot = INITIAL_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** A move made while offline, to hand to the lab when the connection is back. */
  private unsent = false;

  constructor(readonly token: string | null) {
    this.socket = io({ transports: ['websocket', 'polling'], auth: token ? { token } : {} });
    this.socket.on('connect', () => {
      this.update({ connected: true });
      this.socket.emit('slides:watch', (reply) => this.onWatch(reply));
    });
    this.socket.on('disconnect', (reason) => {
      this.update({ connected: false });
      // A lab shutting down disconnects every socket itself, and socket.io does not retry after
      // that on its own; reconnecting (with its usual backoff) is what lets a restart go unnoticed.
      if (reason === 'io server disconnect') this.socket.connect();
    });
    this.socket.on('slides:moved', (incoming) => {
      const state = receive(this.snapshot.state, incoming, this.self);
      if (state !== this.snapshot.state) this.update({ state });
    });
  }

  /** On every (re)connect the lab's state is the baseline, unless this page moved while offline. */
  private onWatch({ state, instructor }: SlideWatchReply) {
    const mine = this.snapshot.state;
    if (this.unsent && instructor && mine && (!state || mine.seq > state.seq)) {
      this.update({ instructor });
      this.send(mine);
      return;
    }
    this.unsent = false;
    this.update({ state, instructor });
  }

  /** The presenter's move: shown here at once, then proposed to the lab. */
  move(place: SlidePlace) {
    const next = propose(this.snapshot.state, place, this.self);
    this.update({ state: next, error: null });
    if (this.socket.connected) this.send(next);
    else this.unsent = true;
  }

  private send(next: SlideSyncState) {
    this.unsent = false;
    this.socket.emit('slides:move', next, (reply: SlideMoveReply) => {
      if (reply.ok) return;
      const mine = this.snapshot.state;
      const stale = reply.error?.startsWith('stale') ?? false;
      // Stale: another presenter page got there first; take its state unless we have moved on
      // since. Any other refusal: our move never happened, so show what the lab really has.
      const adopt = !stale || (reply.state && (!mine || reply.state.seq >= mine.seq));
      this.update({
        error: stale ? null : (reply.error ?? 'refused'),
        ...(adopt ? { state: reply.state } : {}),
      });
    });
  }

  getSnapshot = () => this.snapshot;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  close() {
    this.socket.disconnect();
    this.listeners.clear();
  }

  private update(patch: Partial<SlideSyncSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

let shared: SlideSyncClient | null = null;

/** This tab's client, created on first use; a new one if the instructor token changed. */
export function slideSyncClient(): SlideSyncClient {
  const token = readInstructorToken();
  if (shared && shared.token !== token) {
    shared.close();
    shared = null;
  }
  shared ??= new SlideSyncClient(token);
  return shared;
}

/** The client if one exists, without creating it (for render-time reads). */
export const existingSlideSyncClient = () => shared;
