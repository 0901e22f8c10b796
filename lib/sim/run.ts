/** Running a swarm to the end, for lessons' tables, tests and benchmarks. */
import { createSim } from './state';
import { stepInPlace } from './step';
import type { SimConfig, SimState } from './types';

export interface RunOptions {
  /** Stop here even if someone is still downloading (simulated seconds). */
  maxTime: number;
  /** Tick; default the config's dt. */
  dt?: number;
  /** Called after every tick with the live state: read it, do not keep or change it. */
  onStep?: (state: SimState) => void;
}

export interface RunResult {
  /** Every leecher's completion time, or null if it left or ran out of time before finishing. */
  finishTimes: Record<string, number | null>;
  /** The state when the run stopped. */
  state: SimState;
}

/** True when no leecher is still downloading or waiting to join. */
export function allFinished(state: SimState): boolean {
  return state.peers.every(
    (p) => p.role === 'seed' || p.finishedAt !== null || p.status === 'left',
  );
}

export function runToCompletion(config: SimConfig, options: RunOptions): RunResult {
  const state = createSim(config);
  while (!allFinished(state) && state.t < options.maxTime) {
    stepInPlace(state, options.dt);
    options.onStep?.(state);
  }
  const finishTimes: Record<string, number | null> = {};
  for (const p of state.peers) if (p.role === 'leecher') finishTimes[p.id] = p.finishedAt;
  return { finishTimes, state };
}
