'use client';

import Link from 'next/link';
import { useState } from 'react';
import { CompletionChart } from './CompletionChart';
import { JoinPanel } from './JoinPanel';
import { PeerTable } from './PeerTable';
import { SwarmCanvas } from './SwarmCanvas';
import { SwarmStats } from './SwarmStats';
import { ThemeToggle } from './ThemeToggle';
import { useCompletionTrack } from './use-completion-track';
import { useDemoSwarm } from './use-demo-swarm';
import { useSwarm } from './use-swarm';
import styles from './Projector.module.css';

export function ProjectorView() {
  const { snapshot: live, connected, showAddresses } = useSwarm();
  const [demo, setDemo] = useState(false);
  const simulated = useDemoSwarm(demo);
  const snapshot = simulated ?? live;
  const track = useCompletionTrack(snapshot);
  const attendees = live.peers.filter((p) => p.kind !== 'seeder').length;
  return (
    <div className={styles.layout}>
      <div className={styles.main}>
        <div className={styles.stage}>
          {!connected && !demo ? <p className={styles.offline}>Connecting to the lab…</p> : null}
          {demo ? (
            <p className={styles.simulated} data-testid="simulated">
              Simulated swarm — not the class
            </p>
          ) : null}
          <ThemeToggle />
          <Link href="/projector/replay" className={`button secondary ${styles.replayLink}`}>
            Replays
          </Link>
          <button
            type="button"
            className={`button secondary ${styles.demoToggle}`}
            onClick={() => setDemo((d) => !d)}
          >
            {demo
              ? 'Back to the live class'
              : attendees === 0
                ? 'No one yet? Show a simulated swarm'
                : 'Show a simulated swarm'}
          </button>
          <SwarmCanvas snapshot={snapshot} />
        </div>
        <CompletionChart track={track} snapshot={snapshot} />
      </div>
      <aside className={styles.side}>
        <JoinPanel peerCount={attendees} />
        <SwarmStats snapshot={snapshot} />
        <PeerTable snapshot={snapshot} showAddresses={showAddresses && !demo} />
      </aside>
    </div>
  );
}
