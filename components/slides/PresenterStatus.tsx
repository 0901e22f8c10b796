'use client';

import { useSyncExternalStore } from 'react';
import { useSwarm } from '@/components/projector/use-swarm';
import { swarmSummary } from './swarm-summary';
import styles from './Presenter.module.css';

/** Peers in the class swarm and how far along they are, from the hub's live feed. */
export function PresenterSwarm() {
  const { snapshot, connected } = useSwarm();
  const { peers, averageProgress, complete } = swarmSummary(snapshot);
  return (
    <div className={styles.readout} data-testid="presenter-swarm" aria-label="Class swarm">
      <span className={styles.metric}>
        <strong data-testid="presenter-peers">{connected ? peers : '–'}</strong>{' '}
        {peers === 1 ? 'peer' : 'peers'}
      </span>
      <span className={styles.metric}>
        <span className={styles.meter} aria-hidden="true">
          <span style={{ width: `${averageProgress * 100}%` }} />
        </span>
        <strong>{Math.floor(averageProgress * 100)}%</strong> avg
      </span>
      {complete ? <span className={styles.metric}>{complete} done</span> : null}
    </div>
  );
}

// The clock: one tick a second shared by every subscriber, and the start time kept in
// sessionStorage so a reload of the presenter view does not reset the talk's timer.
const START_KEY = 'swarmlab:presenter-started';
const listeners = new Set<() => void>();
let ticker: number | null = null;

function subscribe(listener: () => void) {
  listeners.add(listener);
  ticker ??= window.setInterval(() => listeners.forEach((l) => l()), 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && ticker !== null) {
      window.clearInterval(ticker);
      ticker = null;
    }
  };
}

function startedAt(): number {
  const saved = Number(window.sessionStorage.getItem(START_KEY));
  if (saved > 0) return saved;
  const now = Date.now();
  window.sessionStorage.setItem(START_KEY, String(now));
  return now;
}

const elapsedSeconds = () => Math.max(0, Math.floor((Date.now() - startedAt()) / 1000));

function format(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export function PresenterClock() {
  const elapsed = useSyncExternalStore(subscribe, elapsedSeconds, () => null);
  const reset = () => {
    window.sessionStorage.setItem(START_KEY, String(Date.now()));
    listeners.forEach((l) => l());
  };
  return (
    <div className={styles.clock}>
      <span className={styles.time} data-testid="presenter-clock" aria-label="Elapsed time">
        {elapsed === null ? '0:00' : format(elapsed)}
      </span>
      <button
        type="button"
        className={styles.reset}
        onClick={reset}
        aria-label="Reset the timer"
        title="Reset the timer"
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 12a8 8 0 1 0 2.4-5.7M4 4v4h4" />
        </svg>
      </button>
    </div>
  );
}
