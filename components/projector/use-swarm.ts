'use client';

import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { INITIAL_EXPERIMENTS, type ExperimentState } from '@/lib/experiments';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/protocol';
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
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      transports: ['websocket', 'polling'],
    });
    let addresses = false;
    const onIndex = (show: boolean) => {
      // The lab sends addresses only once they are switched on: fetch the swarm again then.
      if (show && !addresses) socket.emit('projector:watch', (snap) => setSnapshot(snap));
      addresses = show;
      setShowAddresses(show);
    };
    socket.on('connect', () => {
      setConnected(true);
      socket.emit('projector:watch', (snap) => setSnapshot(snap));
      socket.emit('share:watch', (index) => onIndex(index.showAddresses));
      socket.emit('experiment:watch', setExperiments);
    });
    socket.on('experiment:state', setExperiments);
    socket.on('share:index', (index) => onIndex(index.showAddresses));
    socket.on('disconnect', () => setConnected(false));
    socket.on('swarm:delta', (delta) => setSnapshot((view) => applyDelta(view, delta)));
    return () => {
      socket.disconnect();
    };
  }, []);

  return { snapshot, connected, showAddresses, experiments };
}
