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
import type { Socket } from 'socket.io';
import createDebug from 'debug';
import {
  SlideStateMessage,
  describeIssues,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../lib/protocol';
import { clampPosition, type DeckShape } from '../lib/slides/navigation';
import { accept, type SlideSyncState } from '../lib/slides/sync';
import { deckShape as readDeckShape } from '../slides/load';
import type { LabSocketServer } from './hub';

const debug = createDebug('lab:slides');

const ROOM = 'slides';
export const SLIDE_STATE_FILE = 'slide-state.json';
const SLIDES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'slides');

type LabSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface SlideSyncOptions {
  io: LabSocketServer;
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
  let writing: Promise<void> = Promise.resolve();
  let queued = false;
  const persist = () => {
    if (queued) return;
    queued = true;
    writing = writing
      .then(async () => {
        queued = false;
        const tmp = `${file}.${process.pid}.tmp`;
        await mkdir(opts.dataDir, { recursive: true });
        await writeFile(tmp, `${JSON.stringify(current)}\n`);
        await rename(tmp, file);
      })
      .catch((err: Error) => {
        sync.emit('warning', new Error(`could not save the slide state: ${err.message}`));
      });
  };

  const refuse = (socket: LabSocket, error: string) => {
    debug('refused from %s: %s', socket.id, error);
    sync.emit('warning', new Error(`${socket.handshake.address}: slide move refused: ${error}`));
    socket.emit('lab:warning', `slide move refused: ${error}`);
    return { ok: false, error, state: current };
  };

  const onConnection = (socket: LabSocket) => {
    socket.on('slides:watch', (ack) => {
      void socket.join(ROOM);
      if (typeof ack === 'function')
        ack({ state: current, instructor: socket.data.instructor === true });
    });

    socket.on('slides:move', (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (socket.data.instructor !== true)
        return reply(refuse(socket, 'only the instructor can move the slides'));
      const parsed = SlideStateMessage.safeParse(raw);
      if (!parsed.success) return reply(refuse(socket, describeIssues(parsed.error)));
      const proposal = parsed.data;
      const shape = shapeOf(proposal.deck);
      if (!shape) return reply(refuse(socket, `there is no deck "${proposal.deck}"`));
      const clamped = clampPosition(shape, proposal);
      if (clamped.slide !== proposal.slide || clamped.step !== proposal.step) {
        return reply(
          refuse(
            socket,
            `deck "${proposal.deck}" has no slide ${proposal.slide} step ${proposal.step}`,
          ),
        );
      }
      const result = accept(current, proposal);
      if (!result.ok) {
        // Another presenter page moved first; this one adopts the newer state from the reply.
        return reply({
          ok: false,
          error: 'stale: the class has already moved on',
          state: result.state,
        });
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
      persist();
      reply({ ok: true, state: current });
    });
  };
  io.on('connection', onConnection);

  sync.state = () => current;
  sync.close = async () => {
    io.off('connection', onConnection);
    await writing;
  };
  return sync;
}
