'use client';

import { useState } from 'react';
import { progressOf, type SwarmSnapshot } from '@/lib/swarm-model';
import type { ExperimentsControl } from './use-experiments';
import styles from './ExperimentsPanel.module.css';

const KIND_LABELS = { seeder: 'seeder', browser: 'browser', desktop: 'desktop client', bot: 'bot' };

/** The live peer list: mark browser peers as free-riders, remove any peer but the seeder. */
export function PeerControls({
  snapshot,
  control,
}: {
  snapshot: SwarmSnapshot;
  control: ExperimentsControl;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const peers = snapshot.peers
    .filter((p) => p.kind !== 'seeder')
    .sort((a, b) => a.joinedAt - b.joinedAt);
  if (peers.length === 0)
    return <p className="muted">No attendees in the swarm yet: their peers appear here.</p>;
  return (
    <table className={styles.peers} data-testid="experiment-peers">
      <thead>
        <tr>
          <th>Peer</th>
          <th>Kind</th>
          <th>Progress</th>
          <th>Free-rider</th>
          <th>Remove</th>
        </tr>
      </thead>
      <tbody>
        {peers.map((p) => {
          const rider = control.state.freeRiders.includes(p.id);
          const name = p.nickname || 'anonymous';
          return (
            <tr key={p.id} data-peer-id={p.id} data-nickname={p.nickname}>
              <td data-label="Peer">
                <strong>{name}</strong>{' '}
                <span className={styles.peerId} title={p.id}>
                  {p.id.slice(0, 8)}
                </span>
              </td>
              <td data-label="Kind">{KIND_LABELS[p.kind]}</td>
              <td data-label="Progress">{Math.floor(progressOf(p, snapshot.torrent) * 100)}%</td>
              <td data-label="Free-rider">
                {p.kind === 'browser' || p.kind === 'bot' ? (
                  <label className={styles.toggle}>
                    <input
                      type="checkbox"
                      checked={rider}
                      onChange={(e) =>
                        control.set({ freeRider: { peerId: p.id, on: e.target.checked } })
                      }
                    />
                    {rider ? 'uploads nothing' : 'shares'}
                  </label>
                ) : (
                  <span className="muted" title="Only browser peers follow the lab's instructions">
                    —
                  </span>
                )}
              </td>
              <td data-label="Remove">
                {confirming === p.id ? (
                  <span className={styles.confirm}>
                    Remove {name}?{' '}
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        setConfirming(null);
                        control.kick(p.id);
                      }}
                    >
                      Yes, remove
                    </button>{' '}
                    <button
                      type="button"
                      className="button secondary"
                      onClick={() => setConfirming(null)}
                    >
                      Cancel
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => setConfirming(p.id)}
                  >
                    Kick
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
