/**
 * Slide sync: the lab keeps the one shared slide state (deck, slide, step, sender, seq), lets
 * only instructor sockets move it, hands it to every page that watches, and keeps it on disk so
 * a reconnect or a restart of the lab lands everyone where the class was. The rules themselves
 * (newest sequence number wins) are the pure lib/slides/sync.ts.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import createDebug from 'debug';
import { SlideStateMessage, describeIssues } from '../lib/protocol';
import { clampPosition, type DeckShape } from '../lib/slides/navigation';
import { accept, type SlideSyncState } from '../lib/slides/sync';
import { deckShape as readDeckShape } from '../slides/load';
import { Refusal, type LabSocketServer, type SocketLayer } from './socket-layer';

const debug = createDebug('lab:slides');

const ROOM = 'slides';
export const SLIDE_STATE_FILE = 'slide-state.json';
const SLIDES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'slides');

export interface SlideSyncOptions {
  io: LabSocketServer;
  sockets: SocketLayer;
  /** The lab's data dir; the state is kept in `<dataDir>/slide-state.json`. */
  dataDir: string;
  /** Reveal steps per slide of a deck, or null if there is no such deck. Default: slides/<deck>.mdx. */
  deckShape?: (deck: string) => DeckShape | null;
}

export interface SlideSync extends EventEmitter {
  /** Where the class is, or null before the instructor's first move. */
  state(): SlideSyncState | null;
  /** Waits for the state to be on disk and stops listening. */
  close(): Promise<void>;
}

export function createSlideSync(opts: SlideSyncOptions): SlideSync {
  const { io } = opts;
  const shapeOf = opts.deckShape ?? ((deck: string) => readDeckShape(deck, SLIDES_DIR));
  const file = path.join(opts.dataDir, SLIDE_STATE_FILE);
  const sync = new EventEmitter() as SlideSync;

  /** A state that names a deck and slide that exist, or null. */
  const valid = (s: SlideSyncState): SlideSyncState | null => {
    const shape = shapeOf(s.deck);
    if (!shape || shape.length === 0) return null;
    return { ...s, ...clampPosition(shape, s) };
  };

  let current: SlideSyncState | null = null;
  try {
    const parsed = SlideStateMessage.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) current = valid(parsed.data);
    else
      process.nextTick(() =>
        sync.emit('warning', new Error(`${file}: ignored (${describeIssues(parsed.error)})`)),
      );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      process.nextTick(() =>
        sync.emit('warning', new Error(`${file}: ignored (${(err as Error).message})`)),
      );
    }
  }
  debug('starting at %o', current);

  // Writes are chained and coalesced: however fast the slides move, at most one write waits,
  // and it writes whatever is newest when its turn comes. Write-then-rename keeps the file whole.
  // Each caller learns whether the state it saw is on disk (a full disk: the move says so).
  let writing: Promise<boolean> = Promise.resolve(true);
  let queued: Promise<boolean> | null = null;
  const persist = (): Promise<boolean> => {
    if (queued) return queued;
    const next = writing.then(async () => {
      queued = null;
      try {
        const tmp = `${file}.${process.pid}.tmp`;
        await mkdir(opts.dataDir, { recursive: true });
        await writeFile(tmp, `${JSON.stringify(current)}\n`);
        await rename(tmp, file);
        return true;
      } catch (err) {
        sync.emit(
          'warning',
          new Error(`could not save the slide state: ${(err as Error).message}`),
        );
        return false;
      }
    });
    queued = next;
    writing = next;
    return next;
  };

  opts.sockets.handle('slides:watch', {
    handle: (_msg, socket) => {
      void socket.join(ROOM);
      return { state: current, instructor: socket.data.instructor === true };
    },
  });

  opts.sockets.handle('slides:move', {
    instructorOnly: true,
    notInstructor: 'only the instructor can move the slides',
    // A presenter clicking through steps fast: a few a second, in bursts.
    rate: { burst: 30, perSecond: 10 },
    schema: SlideStateMessage,
    refuse: (error) => ({ ok: false, error, state: current }),
    handle: async (proposal) => {
      const shape = shapeOf(proposal.deck);
      if (!shape) throw new Refusal(`there is no deck "${proposal.deck}"`);
      const clamped = clampPosition(shape, proposal);
      if (clamped.slide !== proposal.slide || clamped.step !== proposal.step)
        throw new Refusal(
          `deck "${proposal.deck}" has no slide ${proposal.slide} step ${proposal.step}`,
        );
      const result = accept(current, proposal);
      if (!result.ok && result.reason === 'jump')
        throw new Refusal(
          `seq ${proposal.seq} jumps too far ahead of ${result.state?.seq ?? 0}: propose the next one`,
        );
      if (!result.ok) {
        // Another presenter page moved first; this one adopts the newer state from the reply.
        return { ok: false, error: 'stale: the class has already moved on', state: result.state };
      }
      current = result.state;
      debug(
        'moved to %s/%d step %d (seq %d)',
        current.deck,
        current.slide,
        current.step,
        current.seq,
      );
      io.to(ROOM).emit('slides:moved', current);
      sync.emit('moved', current);
      const saved = await persist();
      return saved
        ? { ok: true, state: current, saved }
        : {
            ok: true,
            state: current,
            saved,
            error: 'moved, but the lab could not save it: a restart would forget this slide',
          };
    },
  });

  sync.state = () => current;
  sync.close = async () => {
    await writing;
  };
  return sync;
}
