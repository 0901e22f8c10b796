'use client';

import { useEffect, useState } from 'react';
import { createSim, stepInPlace, toSwarmSnapshot, type SimState } from '@/lib/sim';
import type { SwarmSnapshot } from '@/lib/swarm-model';

const MiB = 1024 * 1024;

function newDemo(seed: number): SimState {
  return createSim({
    seed,
    fileSize: 48 * MiB,
    pieceCount: 120,
    peers: [
      { role: 'seed', upload: 4 * MiB, download: 0 },
      ...Array.from({ length: 14 }, (_, i) => ({
        upload: (0.5 + (i % 4) * 0.4) * MiB,
        download: 6 * MiB,
        joinAt: i * 1.5,
      })),
    ],
  });
}

/**
 * Demo mode: the in-browser simulator feeding the same view, for rehearsing or teaching
 * without a class. Restarts with a new seed when everyone has finished.
 */
export function useDemoSwarm(enabled: boolean): SwarmSnapshot | null {
  const [snapshot, setSnapshot] = useState<SwarmSnapshot | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let seed = 1;
    let state = newDemo(seed);
    const timer = setInterval(() => {
      for (let i = 0; i < 5; i++) stepInPlace(state);
      const snap = toSwarmSnapshot(state, { edges: 'active' });
      setSnapshot(snap);
      if (snap.torrent && snap.peers.every((p) => p.have === snap.torrent!.pieceCount))
        state = newDemo(++seed);
    }, 100);
    return () => clearInterval(timer);
  }, [enabled]);
  return enabled ? snapshot : null;
}
