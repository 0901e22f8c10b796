'use client';

import { useEffect, useState } from 'react';
import type { CompletionTrack } from '@/lib/completion';
import { CompletionReply } from '@/lib/completion-schema';

/** How often the projector reads the lab's track; the lab samples four times as often. */
const POLL_MS = 1000;

/**
 * The completion track the lab keeps for the round (GET /api/completion): the same for every
 * projector, however late it opened. Null until the first good answer, or while `enabled` is off
 * (the simulated swarm tracks itself).
 */
export function useLabCompletion(enabled: boolean): CompletionTrack | null {
  const [track, setTrack] = useState<CompletionTrack | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    const read = async () => {
      try {
        const res = await fetch('/api/completion', { cache: 'no-store' });
        const parsed = CompletionReply.safeParse(await res.json());
        if (!stopped && parsed.success) setTrack(parsed.data.track);
      } catch {
        // The lab is restarting or busy: keep the last track and read again next time.
      }
    };
    void read();
    const timer = setInterval(read, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [enabled]);
  return enabled ? track : null;
}
