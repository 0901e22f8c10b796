'use client';

import type { ConnectivityView } from '@/lib/protocol';
import { useConnectivity } from './use-connectivity';
import styles from './ConnectivityNote.module.css';

/**
 * How the class's laptops are connecting, in plain words, with what to do about it (the lab
 * sums up every browser's ICE candidate pairs: lib/connectivity.ts). Shown on /join, the
 * instructor page and the projector; says nothing until there is a wire to talk about.
 */
export function ConnectivityNote({ audience }: { audience: 'attendee' | 'instructor' }) {
  return <ConnectivityNoteView audience={audience} view={useConnectivity()} />;
}

/** The same, for a page that already follows the connectivity summary (the projector). */
export function ConnectivityNoteView({
  audience,
  view,
}: {
  audience: 'attendee' | 'instructor';
  view: ConnectivityView | null;
}) {
  if (!view || view.state === 'unknown') return null;
  const { classmates } = view;
  return (
    <section
      className={`card ${styles.note}`}
      data-connectivity={view.state}
      data-testid="connectivity"
      aria-live="polite"
    >
      <h3 className={styles.title}>How laptops connect</h3>
      <p className={styles.headline}>{view.headline}</p>
      {view.state !== 'direct' || audience === 'instructor' ? (
        <p className={styles.advice}>{view.advice}</p>
      ) : null}
      {audience === 'instructor' ? (
        <p className="muted">
          Classmate wires: {classmates.direct} direct, {classmates.reflexive} via the lab’s STUN,{' '}
          {classmates.relayed} relayed; {view.seederWires} to the seeder.
        </p>
      ) : null}
    </section>
  );
}
