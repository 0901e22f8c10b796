'use client';

import Link from 'next/link';
import { useState } from 'react';
import { CompletionChart } from './CompletionChart';
import { emptyTrack } from '@/lib/completion';
import { describeExperiments, DEFAULT_EXPERIMENTS, superSeedingLive } from '@/lib/experiments';
import { JoinPanel } from './JoinPanel';
import { PeerTable } from './PeerTable';
import { SwarmCanvas } from './SwarmCanvas';
import { SwarmStats } from './SwarmStats';
import { ThemeToggle } from './ThemeToggle';
import { useCompletionTrack } from './use-completion-track';
import { useDemoSwarm } from './use-demo-swarm';
import { useLabCompletion } from './use-lab-completion';
import { useSwarm } from './use-swarm';
import styles from './Projector.module.css';
import { ConnectivityNoteView } from '@/components/join/ConnectivityNote';
import { useConnectivity } from '@/components/join/use-connectivity';

const WAITING = emptyTrack();

export function ProjectorView() {
  const { snapshot: live, connected, showAddresses, experiments } = useSwarm();
  const [demo, setDemo] = useState(false);
  const connectivity = useConnectivity();
  const simulated = useDemoSwarm(demo);
  const snapshot = simulated ?? live;
  // The live chart is the lab's own track, the same for every viewer; the simulated swarm's is
  // folded here, from the only snapshots there are.
  const labTrack = useLabCompletion(!demo);
  const localTrack = useCompletionTrack(snapshot);
  // Until the lab's track arrives the chart waits, rather than guess from what this page saw.
  const track = demo ? localTrack : (labTrack ?? WAITING);
  const attendees = live.peers.filter((p) => p.kind !== 'seeder').length;
  const status = describeExperiments(experiments);
  // Said on the big screen only when something differs from a normal class swarm.
  const running =
    experiments.seederStopped ||
    experiments.seederPaused ||
    experiments.seederUploadLimit !== DEFAULT_EXPERIMENTS.seederUploadLimit ||
    experiments.strategy !== DEFAULT_EXPERIMENTS.strategy ||
    !superSeedingLive(experiments) ||
    experiments.freeRiders.length > 0 ||
    experiments.encryption !== DEFAULT_EXPERIMENTS.encryption ||
    experiments.round > 1;
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
          <span className={styles.replayLink}>
            <Link href="/projector/replay" className="button secondary">
              Replays
            </Link>{' '}
            <Link href="/projector/network" className="button secondary">
              What the network sees
            </Link>
          </span>
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
        {running && !demo ? (
          <section className={styles.experiment} data-testid="projector-experiment">
            <h2>Experiment running</h2>
            <ul>
              <li>{status.seeder}</li>
              {superSeedingLive(experiments) ? null : <li>{status.superSeed}</li>}
              <li>{status.strategy}</li>
              <li>{status.freeRiders}</li>
              {experiments.encryption !== DEFAULT_EXPERIMENTS.encryption ? (
                <li>{status.encryption}</li>
              ) : null}
              {experiments.round > 1 ? <li>Round {experiments.round}</li> : null}
            </ul>
          </section>
        ) : null}
        <JoinPanel peerCount={attendees} />
        {demo ? null : <ConnectivityNoteView audience="attendee" view={connectivity} />}
        <SwarmStats snapshot={snapshot} />
        <PeerTable
          snapshot={snapshot}
          showAddresses={showAddresses && !demo}
          freeRiders={demo ? [] : experiments.freeRiders}
          connectable={demo ? {} : (connectivity?.desktop ?? {})}
        />
      </aside>
    </div>
  );
}
