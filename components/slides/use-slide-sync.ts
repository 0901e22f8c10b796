'use client';

import { useCallback, useSyncExternalStore } from 'react';
import type { SlidePlace } from '@/lib/slides/sync';
import {
  existingSlideSyncClient,
  INITIAL_SNAPSHOT,
  slideSyncClient,
  type SlideSyncSnapshot,
} from './sync-client';

export interface SlideSync extends SlideSyncSnapshot {
  /** Moves the class (the lab refuses unless this page holds the instructor token). */
  move: (place: SlidePlace) => void;
}

// The socket is opened on subscribe, i.e. after mount in the browser: never during a server render.
const subscribe = (listener: () => void) => slideSyncClient().subscribe(listener);
const getSnapshot = () => existingSlideSyncClient()?.getSnapshot() ?? INITIAL_SNAPSHOT;
const getServerSnapshot = () => INITIAL_SNAPSHOT;

/** Where the class is, live, and (for the presenter) a way to move it. */
export function useSlideSync(): SlideSync {
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  const move = useCallback((place: SlidePlace) => slideSyncClient().move(place), []);
  return { ...snapshot, move };
}
