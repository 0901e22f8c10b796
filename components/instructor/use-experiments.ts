'use client';

import { useEffect, useRef, useState } from 'react';
import { readInstructorToken } from '@/lib/browser/instructor-token';
import {
  INITIAL_EXPERIMENTS,
  type ExperimentChange,
  type ExperimentReply,
  type ExperimentState,
} from '@/lib/experiments';
import { connectLab, type LabClientSocket } from '@/lib/browser/lab-connection';

export interface ExperimentsControl {
  state: ExperimentState;
  error: string | null;
  /** A slow control (stop/start, new round) is under way. */
  busy: string | null;
  set(change: ExperimentChange): void;
  kick(peerId: string): void;
  newRound(): void;
  reset(): void;
}

/** The instructor's socket to the lab's experiments, with the token from the page's address. */
export function useExperiments(): ExperimentsControl {
  const [state, setState] = useState<ExperimentState>(INITIAL_EXPERIMENTS);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const socketRef = useRef<LabClientSocket | null>(null);

  useEffect(() => {
    const link = connectLab({ token: readInstructorToken() });
    link.onConnect(() => link.socket.emit('experiment:watch', setState));
    link.on('experiment:state', setState);
    socketRef.current = link.socket;
    return () => link.close();
  }, []);

  const done = (reply: ExperimentReply) => {
    setBusy(null);
    setState(reply.state);
    setError(reply.ok ? null : (reply.error ?? 'refused'));
  };
  const socket = () => socketRef.current;
  return {
    state,
    error,
    busy,
    set: (change) => {
      if (change.seederStopped !== undefined)
        setBusy(change.seederStopped ? 'The seeder is leaving…' : 'The seeder is coming back…');
      socket()?.emit('experiment:set', change, done);
    },
    kick: (peerId) => socket()?.emit('experiment:kick', { peerId }, done),
    newRound: () => {
      setBusy('Starting a new round…');
      socket()?.emit('experiment:round', done);
    },
    reset: () => socket()?.emit('experiment:reset', done),
  };
}
