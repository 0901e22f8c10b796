'use client';

import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ConnectivityView, ServerToClientEvents } from '@/lib/protocol';
import styles from './ConnectivityNote.module.css';

/**
 * How the class's laptops are connecting, in plain words, with what to do about it (the lab
 * sums up every browser's ICE candidate pairs: lib/connectivity.ts). Shown on /join, the
 * instructor page and the projector; says nothing until there is a wire to talk about.
 */
export function ConnectivityNote({ audience }: { audience: 'attendee' | 'instructor' }) {
  const [view, setView] = useState<ConnectivityView | null>(null);

  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      transports: ['websocket', 'polling'],
    });
    socket.on('connect', () => socket.emit('connectivity:watch', setView));
    socket.on('connectivity:state', setView);
    return () => {
      socket.disconnect();
    };
  }, []);

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
