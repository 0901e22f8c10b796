'use client';

import { JoinPanel } from './JoinPanel';
import { PeerTable } from './PeerTable';
import { SwarmCircle } from './SwarmCircle';
import { useSwarm } from './use-swarm';
import styles from './Projector.module.css';

export function ProjectorView() {
  const { snapshot, connected } = useSwarm();
  return (
    <div className={styles.layout}>
      <div className={styles.stage}>
        {!connected ? <p className={styles.offline}>Connecting to the lab…</p> : null}
        <SwarmCircle snapshot={snapshot} />
      </div>
      <aside className={styles.side}>
        <JoinPanel peerCount={snapshot.peers.filter((p) => p.kind !== 'seeder').length} />
        <PeerTable snapshot={snapshot} />
      </aside>
    </div>
  );
}
