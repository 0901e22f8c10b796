'use client';

import { useState } from 'react';
import { emptyTrack, trackCompletion, type CompletionTrack } from '@/lib/completion';
import type { SwarmSnapshot } from '@/lib/swarm-model';

/** Folds each live snapshot the projector receives into the completion chart's track. */
export function useCompletionTrack(snapshot: SwarmSnapshot): CompletionTrack {
  const [state, setState] = useState(() => ({
    snapshot,
    track: trackCompletion(emptyTrack(), snapshot),
  }));
  if (state.snapshot === snapshot) return state.track;
  // Adjusting state while rendering (react.dev, "storing information from previous renders").
  const next = { snapshot, track: trackCompletion(state.track, snapshot) };
  setState(next);
  return next.track;
}

function fold(frames: SwarmSnapshot[], from: number, to: number, track: CompletionTrack) {
  for (let i = from + 1; i <= to && i < frames.length; i++)
    track = trackCompletion(track, frames[i]!);
  return track;
}

/**
 * The track of a replay at frame `index`: every frame up to it folded in order (so a jump with
 * the scrubber misses no finish), continuing from the last fold when playing forwards.
 */
export function useReplayTrack(frames: SwarmSnapshot[], index: number): CompletionTrack {
  const [state, setState] = useState(() => ({
    frames,
    index,
    track: fold(frames, -1, index, emptyTrack()),
  }));
  if (state.frames === frames && state.index === index) return state.track;
  const forwards = state.frames === frames && index > state.index;
  const next = {
    frames,
    index,
    track: forwards
      ? fold(frames, state.index, index, state.track)
      : fold(frames, -1, index, emptyTrack()),
  };
  setState(next);
  return next.track;
}
