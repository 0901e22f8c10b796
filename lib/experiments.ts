/**
 * The instructor's experiments on the live swarm: what can be set, validated once, shared by
 * the lab's controls and the instructor page.
 */
import { z } from 'zod';

export interface ExperimentState {
  /** Cap on the seeder's upload, bytes per second; null for none. */
  seederUploadLimit: number | null;
  /** The seeder stays connected but uploads nothing: can the class finish on its own? */
  seederPaused: boolean;
}

export const INITIAL_EXPERIMENTS: ExperimentState = {
  seederUploadLimit: null,
  seederPaused: false,
};

export const ExperimentMessage = z
  .object({
    seederUploadLimit: z
      .number()
      .int()
      .min(1024, 'a limit below 1 KiB/s would look like a pause: pause the seeder instead')
      .max(10 * 1024 * 1024 * 1024)
      .nullable()
      .optional(),
    seederPaused: z.boolean().optional(),
  })
  .strict();

export type ExperimentChange = z.infer<typeof ExperimentMessage>;

export function applyExperiment(state: ExperimentState, change: ExperimentChange): ExperimentState {
  return {
    seederUploadLimit:
      change.seederUploadLimit !== undefined ? change.seederUploadLimit : state.seederUploadLimit,
    seederPaused: change.seederPaused ?? state.seederPaused,
  };
}

/** The rate to hand webtorrent's throttle: 0 when paused, -1 for no limit. */
export function seederRate(state: ExperimentState): number {
  if (state.seederPaused) return 0;
  return state.seederUploadLimit ?? -1;
}

export interface ExperimentReply {
  ok: boolean;
  error?: string;
  state: ExperimentState;
}
