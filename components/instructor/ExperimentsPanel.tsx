'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { readInstructorToken } from '@/lib/browser/instructor-token';
import {
  INITIAL_EXPERIMENTS,
  type ExperimentChange,
  type ExperimentState,
} from '@/lib/experiments';
import { formatRate } from '@/lib/format';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/protocol';
import { useSwarm } from '@/components/projector/use-swarm';
import styles from './ExperimentsPanel.module.css';

const KiB = 1024;
const LIMITS: { label: string; value: number | null }[] = [
  { label: 'no limit', value: null },
  { label: '4 MB/s', value: 4096 * KiB },
  { label: '1 MB/s', value: 1024 * KiB },
  { label: '256 KB/s', value: 256 * KiB },
  { label: '64 KB/s', value: 64 * KiB },
];

/** The instructor's controls for experiments on the live swarm. */
export function ExperimentsPanel() {
  const [state, setState] = useState<ExperimentState>(INITIAL_EXPERIMENTS);
  const [error, setError] = useState<string | null>(null);
  const socketRef = useRef<Socket<ServerToClientEvents, ClientToServerEvents> | null>(null);
  const { snapshot } = useSwarm();
  const seeder = useMemo(() => snapshot.peers.find((p) => p.kind === 'seeder'), [snapshot]);

  useEffect(() => {
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      transports: ['websocket', 'polling'],
      auth: { token: readInstructorToken() ?? '' },
    });
    s.on('connect', () => s.emit('experiment:watch', setState));
    s.on('experiment:state', setState);
    socketRef.current = s;
    return () => {
      s.disconnect();
    };
  }, []);

  const send = (change: ExperimentChange) => {
    socketRef.current?.emit('experiment:set', change, (reply) => {
      setState(reply.state);
      setError(reply.ok ? null : (reply.error ?? 'refused'));
    });
  };

  const limitIndex = Math.max(
    0,
    LIMITS.findIndex((l) => l.value === state.seederUploadLimit),
  );
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="experiments-title">
      <h2 id="experiments-title">Experiments</h2>
      <p className="muted">Change the swarm while the class watches the projector.</p>

      <div className={styles.row}>
        <label htmlFor="seeder-limit" className={styles.label}>
          Seeder upload limit:{' '}
          <strong data-testid="seeder-limit">{LIMITS[limitIndex]!.label}</strong>
        </label>
        <input
          id="seeder-limit"
          type="range"
          min={0}
          max={LIMITS.length - 1}
          step={1}
          value={limitIndex}
          onChange={(e) => send({ seederUploadLimit: LIMITS[Number(e.target.value)]!.value })}
        />
        <p className="muted">
          The seeder is uploading{' '}
          <strong data-testid="seeder-rate">{formatRate(seeder?.uploadRate ?? 0)}</strong> right
          now.
        </p>
      </div>

      <div className={styles.row}>
        <button
          type="button"
          className={`button ${state.seederPaused ? '' : 'secondary'}`}
          aria-pressed={state.seederPaused}
          onClick={() => send({ seederPaused: !state.seederPaused })}
        >
          {state.seederPaused ? 'Resume the seeder' : 'Pause the seeder'}
        </button>
        <p className="muted">
          Paused, the seeder stays in the swarm but sends nothing: can the class finish from each
          other?
        </p>
      </div>

      {error ? (
        <p className={styles.error} role="alert" data-testid="experiment-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
