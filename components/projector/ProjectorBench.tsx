'use client';

import { useEffect, useState } from 'react';
import { syntheticSwarm } from '@/lib/synthetic-swarm';
import { PeerTable } from './PeerTable';
import { SwarmCanvas } from './SwarmCanvas';
import { SwarmStats } from './SwarmStats';
import styles from './Projector.module.css';

/** The projector's views under a synthetic load updated at the hub's ~10 Hz (bench/projector-fps.ts). */
export function ProjectorBench({ peers, pieces }: { peers: number; pieces: number }) {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 100);
    return () => clearInterval(timer);
  }, []);
  const snapshot = syntheticSwarm(peers, pieces, tick);
  return (
    <div className={styles.layout} data-testid="projector-bench" data-tick={tick}>
      <div className={styles.stage}>
        <SwarmCanvas snapshot={snapshot} />
      </div>
      <aside className={styles.side}>
        <SwarmStats snapshot={snapshot} />
        <PeerTable snapshot={snapshot} />
      </aside>
    </div>
  );
}
