/**
 * Instructor experiments on the live swarm: throttle or pause the seeder. Only sockets that
 * presented the instructor token (socket.data.instructor) may change anything; everyone may
 * watch, so attendees' pages can say what is going on.
 */
import { EventEmitter } from 'node:events';
import createDebug from 'debug';
import {
  applyExperiment,
  ExperimentMessage,
  INITIAL_EXPERIMENTS,
  seederRate,
  type ExperimentState,
} from '../lib/experiments';
import { describeIssues } from '../lib/protocol';
import type { LabSocketServer } from './hub';

const debug = createDebug('lab:experiments');

export const NOT_INSTRUCTOR =
  'Only the instructor can run experiments: open the instructor URL that npm start printed.';

export interface Experiments extends EventEmitter {
  state(): ExperimentState;
}

export function createExperiments(opts: {
  io: LabSocketServer;
  throttleSeeder: (bytesPerSecond: number) => void;
}): Experiments {
  const experiments = new EventEmitter() as Experiments;
  let state = INITIAL_EXPERIMENTS;
  experiments.state = () => state;

  opts.io.on('connection', (socket) => {
    socket.on('experiment:watch', (ack) => {
      if (typeof ack === 'function') ack(state);
    });
    socket.on('experiment:set', (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (socket.data.instructor !== true) {
        experiments.emit(
          'warning',
          new Error(`${socket.handshake.address}: experiment refused without the instructor token`),
        );
        return reply({ ok: false, error: NOT_INSTRUCTOR, state });
      }
      const parsed = ExperimentMessage.safeParse(raw);
      if (!parsed.success) return reply({ ok: false, error: describeIssues(parsed.error), state });
      state = applyExperiment(state, parsed.data);
      opts.throttleSeeder(seederRate(state));
      debug('experiments now %o', state);
      opts.io.emit('experiment:state', state);
      reply({ ok: true, state });
    });
  });

  return experiments;
}
