'use client';

import { useEffect, useMemo, useState } from 'react';
import { syntheticSwarm } from '@/lib/synthetic-swarm';
import { CompletionChart } from './CompletionChart';
import { PeerTable } from './PeerTable';
import { SwarmCanvas } from './SwarmCanvas';
import { SwarmStats } from './SwarmStats';
import styles from './Projector.module.css';
import { useCompletionTrack } from './use-completion-track';

/** The projector's views (swarm, completion chart, stats, peers) under a synthetic load updated at the hub's ~10 Hz (bench/projector-fps.ts). */
export function ProjectorBench({ peers, pieces }: { peers: number; pieces: number }) {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 100);
    return () => clearInterval(timer);
  }, []);
  // One snapshot per tick: the chart folds each new snapshot in once.
  const snapshot = useMemo(() => syntheticSwarm(peers, pieces, tick), [peers, pieces, tick]);
  const track = useCompletionTrack(snapshot);
  return (
    <div className={styles.layout} data-testid="projector-bench" data-tick={tick}>
      <div className={styles.main}>
        <div className={styles.stage}>
          <SwarmCanvas snapshot={snapshot} />
        </div>
        <CompletionChart track={track} snapshot={snapshot} />
      </div>
      <aside className={styles.side}>
        <SwarmStats snapshot={snapshot} />
        <PeerTable snapshot={snapshot} />
      </aside>
    </div>
  );
}
