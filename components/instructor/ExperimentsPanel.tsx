'use client';

import { useMemo, useState } from 'react';
import { describeExperiments, PIECE_STRATEGIES, STRATEGY_LABELS } from '@/lib/experiments';
import { formatRate } from '@/lib/format';
import { useSwarm } from '@/components/projector/use-swarm';
import { EncryptionControl } from '@/components/network/EncryptionControl';
import { PeerControls } from './PeerControls';
import { useExperiments } from './use-experiments';
import styles from './ExperimentsPanel.module.css';

const KiB = 1024;
const LIMITS: { label: string; value: number | null }[] = [
  { label: 'no limit', value: null },
  { label: '4 MB/s', value: 4096 * KiB },
  { label: '1 MB/s', value: 1024 * KiB },
  { label: '256 KB/s', value: 256 * KiB },
  { label: '64 KB/s', value: 64 * KiB },
];

const STRATEGY_HELP = {
  rarest: 'each browser asks first for the pieces fewest peers have (ties at random)',
  sequential: 'each browser asks for pieces in order, like a video player',
};

/** The instructor's controls for experiments on the live swarm. */
export function ExperimentsPanel() {
  const control = useExperiments();
  const { state, error, busy } = control;
  const { snapshot } = useSwarm();
  const seeder = useMemo(() => snapshot.peers.find((p) => p.kind === 'seeder'), [snapshot]);
  const [confirmRound, setConfirmRound] = useState(false);
  const status = describeExperiments(state);

  const limitIndex = Math.max(
    0,
    LIMITS.findIndex((l) => l.value === state.seederUploadLimit),
  );
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="experiments-title">
      <div className={styles.titleRow}>
        <h2 id="experiments-title">Experiments</h2>
        <button type="button" className="button secondary" onClick={control.reset}>
          Reset all experiments
        </button>
      </div>
      <p className="muted">Change the swarm while the class watches the projector.</p>

      <ul className={styles.status} data-testid="experiment-status" aria-live="polite">
        <li data-testid="status-seeder">{status.seeder}</li>
        <li data-testid="status-super-seed">{status.superSeed}</li>
        <li data-testid="status-strategy">{status.strategy}</li>
        <li data-testid="status-free-riders">{status.freeRiders}</li>
        <li data-testid="status-encryption">{status.encryption}</li>
        <li data-testid="status-round">{status.round}</li>
      </ul>
      {busy ? (
        <p className={styles.busy} role="status">
          {busy}
        </p>
      ) : null}
      {error ? (
        <p className={styles.error} role="alert" data-testid="experiment-error">
          {error}
        </p>
      ) : null}

      <h3>The seeder</h3>
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
          onChange={(e) =>
            control.set({ seederUploadLimit: LIMITS[Number(e.target.value)]!.value })
          }
        />
        <p className="muted">
          The seeder is uploading{' '}
          <strong data-testid="seeder-rate">{formatRate(seeder?.uploadRate ?? 0)}</strong> right
          now.
        </p>
      </div>

      <div className={styles.buttons}>
        <div className={styles.row}>
          <button
            type="button"
            className={`button ${state.seederPaused ? '' : 'secondary'}`}
            aria-pressed={state.seederPaused}
            onClick={() => control.set({ seederPaused: !state.seederPaused })}
          >
            {state.seederPaused ? 'Resume the seeder' : 'Pause the seeder'}
          </button>
          <p className="muted">
            Paused, the seeder stays in the swarm but sends nothing: can the class finish from each
            other?
          </p>
        </div>
        <div className={styles.row}>
          <button
            type="button"
            className={`button ${state.seederStopped ? '' : 'secondary'}`}
            aria-pressed={state.seederStopped}
            disabled={busy !== null}
            onClick={() => control.set({ seederStopped: !state.seederStopped })}
          >
            {state.seederStopped ? 'Start the seeder' : 'Stop the seeder'}
          </button>
          <p className="muted">
            Stopped, the seeder leaves the swarm: its connections close and it disappears from the
            projector. Can the class still finish?
          </p>
        </div>
        <div className={styles.row}>
          <button
            type="button"
            className={`button ${state.superSeed ? 'secondary' : ''}`}
            aria-pressed={!state.superSeed}
            onClick={() => control.set({ superSeed: !state.superSeed })}
          >
            {state.superSeed ? 'Turn super-seeding off' : 'Turn super-seeding on'}
          </button>
          <p className="muted">
            Super-seeding (BEP 16), the lab&apos;s default: the seeder shows each peer a few pieces
            at a time, so each piece leaves it about once. Off, it shows every piece at once and
            sends many pieces several times. Turning it on again applies to peers that join later.
          </p>
        </div>
      </div>

      <h3>How browsers pick pieces</h3>
      <fieldset className={styles.strategies}>
        <legend className={styles.srOnly}>Piece strategy</legend>
        {PIECE_STRATEGIES.map((s) => (
          <label key={s} className={styles.choice}>
            <input
              type="radio"
              name="strategy"
              value={s}
              checked={state.strategy === s}
              onChange={() => control.set({ strategy: s })}
            />
            <span>
              <strong>{STRATEGY_LABELS[s]}</strong>
              <span className="muted"> — {STRATEGY_HELP[s]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted">
        WebTorrent offers these two; there is no purely random strategy. Rarest first with one
        source (only the seeder) already looks random, since it breaks ties at random.
      </p>

      <h3>Peers: free-riders and kicking</h3>
      <p className="muted">
        A free-rider downloads but uploads nothing. Kicking tells a browser to leave (reloading its
        page rejoins); a desktop client loses its connection to the seeder for this round.
      </p>
      <PeerControls snapshot={snapshot} control={control} />

      <h3>What the network sees</h3>
      <p className="muted">
        Project <a href="/projector/network">/projector/network</a> (from this browser it shows this
        switch too): the first bytes of each desktop client’s connection to the seeder, as someone
        on the Wi-Fi reads them.
      </p>
      <EncryptionControl control={control} />

      <h3>New round</h3>
      <div className={styles.row}>
        {confirmRound ? (
          <p className={styles.confirm}>
            Everyone starts again from zero.{' '}
            <button
              type="button"
              className="button"
              onClick={() => {
                setConfirmRound(false);
                control.newRound();
              }}
            >
              Yes, start round {state.round + 1}
            </button>{' '}
            <button
              type="button"
              className="button secondary"
              onClick={() => setConfirmRound(false)}
            >
              Cancel
            </button>
          </p>
        ) : (
          <button
            type="button"
            className="button secondary"
            disabled={busy !== null}
            onClick={() => setConfirmRound(true)}
          >
            Start a new round
          </button>
        )}
        <p className="muted">
          The same files as a fresh torrent (a new info hash): browsers switch by themselves.{' '}
          <strong>Desktop clients must download the new .torrent</strong> from{' '}
          <a href="/class.torrent">/class.torrent</a> (or the magnet on /desktop).
        </p>
      </div>
    </section>
  );
}
