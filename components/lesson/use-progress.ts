'use client';

import { useSyncExternalStore } from 'react';
import { getProgress, getServerProgress, subscribeProgress, type Progress } from './progress-store';

/** The course progress; empty during server rendering and hydration, then this browser's. */
export function useProgress(): Progress {
  return useSyncExternalStore(subscribeProgress, getProgress, getServerProgress);
}
