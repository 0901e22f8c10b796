'use client';

import { useEffect, useRef, useState } from 'react';
import {
  RECORDING_ID,
  buildTimeline,
  firstActivity,
  frameIndexAt,
  type RecordLine,
  type RecordingSummary,
  type Timeline,
} from '@/lib/recording';
import type { SwarmSnapshot } from '@/lib/swarm-model';

export const SPEEDS = [1, 2, 5, 10] as const;

/** The recordings on the lab, newest first; null while loading. */
export function useRecordings(): { recordings: RecordingSummary[] | null; error: string | null } {
  const [recordings, setRecordings] = useState<RecordingSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch('/api/recordings', { cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`the lab answered ${r.status}`))))
      .then((body: { recordings: RecordingSummary[] }) => {
        if (!cancelled) setRecordings(body.recordings);
      })
      .catch((err: Error) => {
        if (!cancelled) setError(`Could not list the recordings: ${err.message}`);
      });
    return () => {
      cancelled = true;
    };
  }, []);
  return { recordings, error };
}

/** One recording, loaded and turned into a timeline. */
export function useTimeline(id: string): { timeline: Timeline | null; error: string | null } {
  const [state, setState] = useState<{
    id: string;
    timeline: Timeline | null;
    error: string | null;
  }>({ id: '', timeline: null, error: null });
  useEffect(() => {
    let cancelled = false;
    if (!RECORDING_ID.safeParse(id).success) {
      // Not worth a request: say what a recording id looks like.
      queueMicrotask(() => {
        if (!cancelled)
          setState({
            id,
            timeline: null,
            error: `“${id.slice(0, 40)}” is not a recording id (they look like 2026-11-24T07-30-00-000Z)`,
          });
      });
      return () => {
        cancelled = true;
      };
    }
    fetch(`/api/recordings/${encodeURIComponent(id)}.json`, { cache: 'no-store' })
      .then(async (r) => {
        const body = (await r.json()) as { lines?: RecordLine[]; error?: string };
        if (!r.ok) throw new Error(body.error ?? `the lab answered ${r.status}`);
        const timeline = buildTimeline(body.lines ?? []);
        if (!timeline) throw new Error('this recording has no snapshot to start from');
        return timeline;
      })
      .then((timeline) => {
        if (!cancelled) setState({ id, timeline, error: null });
      })
      .catch((err: Error) => {
        if (!cancelled) setState({ id, timeline: null, error: err.message });
      });
    return () => {
      cancelled = true;
    };
  }, [id]);
  return state.id === id ? state : { timeline: null, error: null };
}

export interface Player {
  /** Milliseconds since the recording started. */
  position: number;
  duration: number;
  playing: boolean;
  speed: number;
  frame: SwarmSnapshot;
  frameIndex: number;
  play(): void;
  pause(): void;
  setSpeed(speed: number): void;
  seek(position: number): void;
}

/** Plays a timeline at a chosen speed; starts paused just before the first attendee appears. */
export function usePlayer(timeline: Timeline): Player {
  const duration = timeline.endedAt - timeline.startedAt;
  const [position, setPosition] = useState(() => firstActivity(timeline));
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);

  // Reaching the end stops playing; "play" then starts over.
  const running = playing && position < duration;
  const positionRef = useRef(position);
  useEffect(() => {
    positionRef.current = position;
  }, [position]);
  useEffect(() => {
    if (!running) return;
    // 10 updates a second, like the live hub: the canvas animates between them by itself.
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const dt = (now - last) * speed;
      last = now;
      const next = Math.min(duration, positionRef.current + dt);
      positionRef.current = next;
      setPosition(next);
      // At the end it stops for good: seeking back afterwards does not start it again.
      if (next >= duration) setPlaying(false);
    }, 100);
    return () => clearInterval(timer);
  }, [running, speed, duration]);

  const frameIndex = frameIndexAt(timeline, timeline.startedAt + position);
  const frame = timeline.frames[frameIndex]!;
  return {
    position,
    duration,
    playing: running,
    speed,
    frame,
    frameIndex,
    play: () => {
      if (position >= duration) setPosition(0);
      setPlaying(true);
    },
    pause: () => setPlaying(false),
    setSpeed,
    seek: (p) => setPosition(Math.max(0, Math.min(duration, p))),
  };
}
