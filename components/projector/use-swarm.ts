'use client';

import { useEffect, useState } from 'react';
import { INITIAL_EXPERIMENTS, type ExperimentState } from '@/lib/experiments';
import { connectLab } from '@/lib/browser/lab-connection';
import { applyDelta, emptySnapshot, type SwarmSnapshot } from '@/lib/swarm-model';

export interface SwarmFeed {
  snapshot: SwarmSnapshot;
  connected: boolean;
  /** The instructor allows showing attendees' addresses (off by default). */
  showAddresses: boolean;
  /** The instructor's experiments (free-riders are marked, the seeder's state is shown). */
  experiments: ExperimentState;
}

/** The live swarm: a snapshot when (re)connecting, then the hub's batched deltas. */
export function useSwarm(): SwarmFeed {
  const [snapshot, setSnapshot] = useState<SwarmSnapshot>(emptySnapshot);
  const [connected, setConnected] = useState(false);
  const [showAddresses, setShowAddresses] = useState(false);
  const [experiments, setExperiments] = useState<ExperimentState>(INITIAL_EXPERIMENTS);

  useEffect(() => {
    const link = connectLab();
    const { socket } = link;
    let addresses = false;
    const onIndex = (show: boolean) => {
      // The lab sends addresses only once they are switched on: fetch the swarm again then.
      if (show && !addresses) socket.emit('projector:watch', (snap) => setSnapshot(snap));
      addresses = show;
      setShowAddresses(show);
    };
    link.onConnect(() => {
      setConnected(true);
      socket.emit('projector:watch', (snap) => setSnapshot(snap));
      socket.emit('share:watch', (index) => onIndex(index.showAddresses));
      socket.emit('experiment:watch', setExperiments);
    });
    link.on('experiment:state', setExperiments);
    link.on('share:index', (index) => onIndex(index.showAddresses));
    link.onDisconnect(() => setConnected(false));
    link.on('swarm:delta', (delta) => setSnapshot((view) => applyDelta(view, delta)));
    return () => link.close();
  }, []);

  return { snapshot, connected, showAddresses, experiments };
}
