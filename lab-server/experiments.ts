/**
 * Instructor experiments on the live swarm: throttle, pause or stop the seeder, the browsers'
 * piece strategy, free-riders, kicking a peer, a new round, and reset. Only sockets that
 * presented the instructor token (socket.data.instructor) may change anything; everyone may
 * watch, so attendees' pages and the projector can say what is going on.
 */
import { EventEmitter } from 'node:events';
import createDebug from 'debug';
import {
  applyExperiment,
  ExperimentMessage,
  INITIAL_EXPERIMENTS,
  KickMessage,
  resetExperiments,
  seederRate,
  type ExperimentReply,
  type ExperimentState,
} from '../lib/experiments';
import { describeIssues } from '../lib/protocol';
import type { SwarmModel } from '../lib/swarm-model';
import type { LabSocketServer } from './hub';

const debug = createDebug('lab:experiments');

export const NOT_INSTRUCTOR =
  'Only the instructor can run experiments: open the instructor URL that npm start printed.';
export const KICKED = 'The instructor removed you from the swarm. Reload the page to join again.';

export interface Experiments extends EventEmitter {
  state(): ExperimentState;
}

export interface ExperimentControls {
  throttleSeeder(bytesPerSecond: number): void;
  /** The seeder leaves the swarm (false) or comes back (true). */
  setSeeding(on: boolean): Promise<void>;
  /** A fresh torrent; resolves with its round and info hash once it is seeded. */
  newRound(): Promise<{ round: number; infoHash: string }>;
  /** Closes the seeder's wires to a peer; returns how many it closed. */
  closeWires(peerId: string): number;
  current(): { round: number; infoHash: string } | null;
}

export function createExperiments(
  opts: { io: LabSocketServer; model: SwarmModel } & ExperimentControls,
): Experiments {
  const { io, model } = opts;
  const experiments = new EventEmitter() as Experiments;
  let settings = INITIAL_EXPERIMENTS;
  const state = (): ExperimentState => {
    const current = opts.current();
    return { ...settings, round: current?.round ?? 1, infoHash: current?.infoHash ?? null };
  };
  experiments.state = state;

  const publish = () => {
    debug('experiments now %o', state());
    io.emit('experiment:state', state());
  };

  /** Applies the new settings to the seeder; stop/start waits for the seeder to leave or return. */
  const enact = async (next: ExperimentState) => {
    const seederChanged = next.seederStopped !== settings.seederStopped;
    settings = next;
    opts.throttleSeeder(seederRate(next));
    if (seederChanged) await opts.setSeeding(!next.seederStopped);
  };

  /** Wraps an instructor-only handler: the token check, the reply, and errors as replies. */
  const instructorOnly =
    (
      socket: { data: { instructor?: unknown }; handshake: { address: string } },
      what: string,
      fn: () => Promise<string | null>,
    ) =>
    (ack: unknown) => {
      const reply = (typeof ack === 'function' ? ack : () => {}) as (r: ExperimentReply) => void;
      if (socket.data.instructor !== true) {
        experiments.emit(
          'warning',
          new Error(`${socket.handshake.address}: ${what} refused without the instructor token`),
        );
        return reply({ ok: false, error: NOT_INSTRUCTOR, state: state() });
      }
      fn().then(
        (error) =>
          reply(error ? { ok: false, error, state: state() } : { ok: true, state: state() }),
        (err: Error) => {
          experiments.emit('warning', err);
          reply({ ok: false, error: `${what} failed: ${err.message}`, state: state() });
        },
      );
    };

  io.on('connection', (socket) => {
    socket.on('experiment:watch', (ack) => {
      if (typeof ack === 'function') ack(state());
    });

    socket.on('experiment:set', (raw, ack) =>
      instructorOnly(socket, 'experiment', async () => {
        const parsed = ExperimentMessage.safeParse(raw);
        if (!parsed.success) return describeIssues(parsed.error);
        const rider = parsed.data.freeRider;
        if (rider?.on) {
          const peer = model.getPeer(rider.peerId);
          if (!peer) return 'no such peer in the swarm: pick one from the live list';
          if (peer.kind !== 'browser' && peer.kind !== 'bot')
            return `only browser peers (and bots) can be made free-riders; this one is a ${peer.kind}`;
        }
        await enact(applyExperiment(settings, parsed.data));
        publish();
        return null;
      })(ack),
    );

    socket.on('experiment:kick', (raw, ack) =>
      instructorOnly(socket, 'kick', async () => {
        const parsed = KickMessage.safeParse(raw);
        if (!parsed.success) return describeIssues(parsed.error);
        const { peerId } = parsed.data;
        const peer = model.getPeer(peerId);
        if (!peer) return 'no such peer in the swarm: pick one from the live list';
        if (peer.kind === 'seeder') return 'that is the seeder: stop the seeder instead';
        // A browser's page is told to leave; its hub socket then stops counting for the model.
        for (const s of io.sockets.sockets.values()) {
          if (s.data.peerId !== peerId) continue;
          s.data.kicked = true;
          s.emit('experiment:kicked', KICKED);
          // A page that ignores the message still leaves the hub.
          setTimeout(() => s.disconnect(true), 2000).unref();
        }
        // A desktop client (or a browser's WebRTC wire) is cut off by the seeder itself.
        const closed = opts.closeWires(peerId);
        model.removePeer(peerId);
        if (settings.freeRiders.includes(peerId))
          settings = applyExperiment(settings, { freeRider: { peerId, on: false } });
        debug('kicked %s (%s), %d seeder wires closed', peer.nickname, peerId, closed);
        publish();
        return null;
      })(ack),
    );

    socket.on('experiment:round', (ack) =>
      instructorOnly(socket, 'new round', async () => {
        const { round, infoHash } = await opts.newRound();
        // Peer ids stay, but free-riding is about the old round's uploads: start clean.
        settings = { ...settings, freeRiders: [] };
        debug('round %d (%s)', round, infoHash);
        publish();
        return null;
      })(ack),
    );

    socket.on('experiment:reset', (ack) =>
      instructorOnly(socket, 'reset', async () => {
        await enact(resetExperiments(state()));
        publish();
        return null;
      })(ack),
    );
  });

  return experiments;
}
