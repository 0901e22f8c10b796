'use client';

import { useSyncExternalStore } from 'react';

/**
 * Whether this tab follows the instructor. One flag per tab, kept outside React so it survives
 * the client-side navigation from one deck to the next while following; the slide view sets it
 * from its address (`?follow=1`) when it mounts.
 */
let following = false;
const listeners = new Set<() => void>();

export function setFollowing(value: boolean) {
  if (value === following) return;
  following = value;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export function useFollowing(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => following,
    () => false,
  );
}
