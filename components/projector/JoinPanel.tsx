'use client';

import { useLabInfo } from './use-lab-info';
import styles from './Projector.module.css';

/** The attendee URL and a QR code large enough to scan from the back of the room. */
export function JoinPanel({ peerCount }: { peerCount: number }) {
  const info = useLabInfo();
  return (
    <section className={styles.join} aria-label="How to join">
      <h2 className={styles.joinTitle}>Join the swarm</h2>
      {info ? (
        <>
          <div className={styles.qr} dangerouslySetInnerHTML={{ __html: info.qrSvg }} />
          <p className={styles.url} data-testid="attendee-url">
            {info.attendeeUrl.replace(/^http:\/\//, '').replace(/\/$/, '')}
          </p>
        </>
      ) : (
        <p className="muted">Loading the lab’s address…</p>
      )}
      <p className={styles.count}>
        <strong data-testid="peer-count">{peerCount}</strong> {peerCount === 1 ? 'peer' : 'peers'}{' '}
        in the swarm
      </p>
    </section>
  );
}
