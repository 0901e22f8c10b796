/**
 * Instructor experiments on the live swarm: throttle, pause or stop the seeder, super-seeding,
 * the browsers' piece strategy, free-riders, kicking a peer, a new round, and reset. Only sockets that
 * presented the instructor token (socket.data.instructor) may change anything; everyone may
 * watch, so attendees' pages and the projector can say what is going on.
 */
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import createDebug from 'debug';
import {
  applyExperiment,
  ExperimentMessage,
  INITIAL_EXPERIMENTS,
  KickMessage,
  MAX_FREE_RIDERS,
  PIECE_STRATEGIES,
  resetExperiments,
  seederRate,
  superSeedingLive,
  type ExperimentReply,
  type ExperimentState,
} from '../lib/experiments';
import { PEER_ID } from '../lib/protocol';
import { EncryptionModeSchema, type EncryptionMode } from '../lib/wire-encryption';
import type { SwarmModel } from '../lib/swarm-model';
import { createStateFile } from './state-file';
import { Refusal, type LabSocketServer, type SocketLayer } from './socket-layer';

const debug = createDebug('lab:experiments');

export const NOT_INSTRUCTOR =
  'Only the instructor can run experiments: open the instructor URL that npm start printed.';
export const KICKED = 'The instructor removed you from the swarm. Reload the page to join again.';

export interface Experiments extends EventEmitter {
  state(): ExperimentState;
  close(): Promise<void>;
}

export interface ExperimentControls {
  throttleSeeder(bytesPerSecond: number): void;
  /** The seeder's MSE/PE on new wires; closes the wires the new mode would not have made. */
  setEncryption(mode: EncryptionMode): void;
  /** The seeder hides pieces (super-seeding) or shows them all to every peer (seeder.ts). */
  setSuperSeeding(on: boolean): void;
  /** The seeder leaves the swarm (false) or comes back (true). */
  setSeeding(on: boolean): Promise<void>;
  /** A fresh torrent; resolves with its round and info hash once it is seeded. */
  newRound(): Promise<{ round: number; infoHash: string }>;
  /** Closes the seeder's wires to a peer; returns how many it closed. */
  closeWires(peerId: string): number;
  current(): { round: number; infoHash: string } | null;
}

export const EXPERIMENTS_FILE = 'experiments.json';

/** What is kept on disk: the settings, not the round (rounds.ts keeps that). */
const SavedExperiments = z.object({
  seederUploadLimit: z.number().int().min(1024).nullable(),
  seederPaused: z.boolean(),
  seederStopped: z.boolean(),
  strategy: z.enum(PIECE_STRATEGIES),
  freeRiders: z.array(PEER_ID).max(MAX_FREE_RIDERS),
  // Files written before the encryption experiment existed have none: webtorrent's default.
  encryption: EncryptionModeSchema.default('preferred'),
});

export function createExperiments(
  opts: {
    io: LabSocketServer;
    sockets: SocketLayer;
    model: SwarmModel;
    /** Keep the settings in `<dataDir>/experiments.json` and start from them. */
    dataDir?: string;
    /**
     * Super-seeding as the lab was started (`--no-super-seed`: false), and what reset returns
     * to. Not kept on disk: a restarted lab does what its command line says.
     */
    superSeed?: boolean;
  } & ExperimentControls,
): Experiments {
  const { io, model } = opts;
  const experiments = new EventEmitter() as Experiments;
  const superSeedDefault = opts.superSeed ?? INITIAL_EXPERIMENTS.superSeed;
  let settings: ExperimentState = { ...INITIAL_EXPERIMENTS, superSeed: superSeedDefault };
  const disk = opts.dataDir
    ? createStateFile({
        dataDir: opts.dataDir,
        name: EXPERIMENTS_FILE,
        schema: SavedExperiments,
        read: () => ({
          seederUploadLimit: settings.seederUploadLimit,
          seederPaused: settings.seederPaused,
          seederStopped: settings.seederStopped,
          strategy: settings.strategy,
          freeRiders: settings.freeRiders,
          encryption: settings.encryption,
        }),
        onError: (err) => experiments.emit('error', err),
      })
    : null;
  if (disk?.problem) process.nextTick(() => experiments.emit('warning', new Error(disk.problem!)));
  const state = (): ExperimentState => {
    const current = opts.current();
    return { ...settings, round: current?.round ?? 1, infoHash: current?.infoHash ?? null };
  };
  experiments.state = state;

  const publish = () => {
    debug('experiments now %o', state());
    io.emit('experiment:state', state());
    void disk?.save();
  };

  /** Applies the new settings to the seeder; stop/start waits for the seeder to leave or return. */
  const enact = async (next: ExperimentState) => {
    const seederChanged = next.seederStopped !== settings.seederStopped;
    const encryptionChanged = next.encryption !== settings.encryption;
    settings = next;
    opts.throttleSeeder(seederRate(next));
    if (encryptionChanged) opts.setEncryption(next.encryption);
    opts.setSuperSeeding(superSeedingLive(next));
    if (seederChanged) await opts.setSeeding(!next.seederStopped);
  };

  const { sockets } = opts;
  /** Instructor-only, and the reply always carries the state the page should show. */
  const control = {
    instructorOnly: true,
    notInstructor: NOT_INSTRUCTOR,
    rate: { burst: 10, perSecond: 2 },
    refuse: (error: string): ExperimentReply => ({ ok: false, error, state: state() }),
  } as const;
  const done = (): ExperimentReply => ({ ok: true, state: state() });

  sockets.handle('experiment:watch', { handle: () => state() });

  sockets.handle('experiment:set', {
    ...control,
    schema: ExperimentMessage,
    handle: async (change) => {
      const rider = change.freeRider;
      if (rider?.on) {
        const peer = model.getPeer(rider.peerId);
        if (!peer) throw new Refusal('no such peer in the swarm: pick one from the live list');
        if (peer.kind !== 'browser' && peer.kind !== 'bot')
          throw new Refusal(
            `only browser peers (and bots) can be made free-riders; this one is a ${peer.kind}`,
          );
      }
      await enact(applyExperiment(settings, change));
      publish();
      return done();
    },
  });

  sockets.handle('experiment:kick', {
    ...control,
    schema: KickMessage,
    handle: ({ peerId }) => {
      const peer = model.getPeer(peerId);
      if (!peer) throw new Refusal('no such peer in the swarm: pick one from the live list');
      if (peer.kind === 'seeder') throw new Refusal('that is the seeder: stop the seeder instead');
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
      return done();
    },
  });

  sockets.handle('experiment:round', {
    ...control,
    // Each round re-tags the torrent and waits for the seeder: one at a time is plenty.
    rate: { burst: 2, perSecond: 0.2 },
    handle: async () => {
      const { round, infoHash } = await opts.newRound();
      // Peer ids stay, but free-riding is about the old round's uploads: start clean.
      settings = { ...settings, freeRiders: [] };
      debug('round %d (%s)', round, infoHash);
      publish();
      return done();
    },
  });

  sockets.handle('experiment:reset', {
    ...control,
    handle: async () => {
      await enact(resetExperiments(state(), superSeedDefault));
      publish();
      return done();
    },
  });

  // A restarted lab picks up where the class was: the seeder throttled, paused or away again.
  const restored = disk?.initial;
  if (restored) {
    const next = { ...state(), ...restored };
    void enact(next).then(
      () => publish(),
      (err: Error) => experiments.emit('error', err),
    );
  }

  experiments.close = async () => {
    await disk?.flush();
    experiments.removeAllListeners();
  };
  return experiments;
}
