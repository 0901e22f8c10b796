/**
 * The completion chart's track, kept by the lab from its own model for the whole round, so every
 * projector draws the same chart: one opened after the class finished folded only the snapshots
 * it happened to see, took the seeder's decayed rate for its speed ("One server alone 14655 min",
 * "at 293 B/s") and called every finish unseen. Sampled on its own clock, like the recorder,
 * and often enough that a finish time is off by at most `intervalMs`.
 */
import { emptyTrack, trackCompletion, type CompletionTrack } from '../lib/completion';
import type { SwarmModel } from '../lib/swarm-model';

export interface CompletionHistory {
  /** The round's track so far. */
  track(): CompletionTrack;
  /** Folds the model in now (tests); the timer does it every `intervalMs`. */
  sample(): void;
  close(): void;
}

export function createCompletionHistory(opts: {
  model: SwarmModel;
  intervalMs?: number;
}): CompletionHistory {
  let track = trackCompletion(emptyTrack(), opts.model.snapshot());
  const sample = () => {
    track = trackCompletion(track, opts.model.snapshot());
  };
  const timer = setInterval(sample, opts.intervalMs ?? 250);
  timer.unref();
  return { track: () => track, sample, close: () => clearInterval(timer) };
}
