/**
 * The browser's end of slide sync: one socket per tab, shared by every component that shows
 * or moves slides (it survives client-side navigation between decks), and the sync rules from
 * lib/slides/sync.ts applied to what it hears. The transport is here; the state rules are not.
 */
import { readInstructorToken } from '@/lib/browser/instructor-token';
import { connectLab, type LabClientSocket, type LabConnection } from '@/lib/browser/lab-connection';
import type { SlideMoveReply, SlideWatchReply } from '@/lib/protocol';
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
  private readonly link: LabConnection;
  private readonly socket: LabClientSocket;
  /** A move made while offline, to hand to the lab when the connection is back. */
  private unsent = false;

  constructor(readonly token: string | null) {
    // The shared connection reconnects after a lab restart too (lib/browser/lab-connection.ts).
    this.link = connectLab({ token });
    this.socket = this.link.socket;
    this.link.onConnect(() => {
      this.update({ connected: true });
      this.socket.emit('slides:watch', (reply) => this.onWatch(reply));
    });
    this.link.onDisconnect(() => this.update({ connected: false }));
    this.link.on('slides:moved', (incoming) => {
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
    this.link.close();
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
