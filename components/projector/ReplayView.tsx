'use client';

import Link from 'next/link';
import type { Timeline } from '@/lib/recording';
import { CompletionChart } from './CompletionChart';
import { PeerTable } from './PeerTable';
import { RecordingList } from './RecordingList';
import { ReplayControls } from './ReplayControls';
import { SwarmCanvas } from './SwarmCanvas';
import { SwarmStats } from './SwarmStats';
import { ThemeToggle } from './ThemeToggle';
import { recordedOn } from './replay-format';
import { useReplayTrack } from './use-completion-track';
import { usePlayer, useTimeline } from './use-replay';
import styles from './Projector.module.css';
import replay from './Replay.module.css';

/** /projector/replay: the list of recordings, or one of them played back (`id`). */
export function ReplayView({ id }: { id: string | null }) {
  if (!id) return <RecordingList />;
  return <LoadedReplay id={id} />;
}

function LoadedReplay({ id }: { id: string }) {
  const { timeline, error } = useTimeline(id);
  if (error) {
    return (
      <div className={replay.page}>
        <p className={replay.error} role="alert" data-testid="replay-error">
          Cannot replay this recording: {error}
        </p>
        <Link href="/projector/replay" className="button secondary">
          All recordings
        </Link>
      </div>
    );
  }
  if (!timeline) return <p className={replay.loading}>Loading the recording…</p>;
  return <Replaying id={id} timeline={timeline} />;
}

function Replaying({ id, timeline }: { id: string; timeline: Timeline }) {
  const player = usePlayer(timeline);
  const track = useReplayTrack(timeline.frames, player.frameIndex);
  const snapshot = player.frame;
  const peersNow = snapshot.peers.filter((p) => p.kind !== 'seeder').length;
  return (
    <div className={`${styles.layout} ${replay.layout}`} data-testid="replay">
      <div className={`${styles.main} ${replay.main}`}>
        <div className={`${styles.stage} ${replay.stage}`}>
          <p className={replay.badge} data-testid="replay-badge">
            Replay · recorded {recordedOn(timeline.startedAt)}
          </p>
          <ThemeToggle />
          <SwarmCanvas snapshot={snapshot} />
        </div>
        <ReplayControls player={player} id={id} />
        <CompletionChart track={track} snapshot={snapshot} />
      </div>
      <aside className={styles.side}>
        <section className={replay.about}>
          <h2>Replay</h2>
          <p>
            Not live: this is the class of <strong>{recordedOn(timeline.startedAt)}</strong>,{' '}
            {peersNow} {peersNow === 1 ? 'peer' : 'peers'} at this moment.
          </p>
          <Link href="/projector/replay" className="button secondary">
            All recordings
          </Link>{' '}
          <Link href="/projector" className="button secondary">
            Live projector
          </Link>
        </section>
        <SwarmStats snapshot={snapshot} />
        <PeerTable snapshot={snapshot} />
      </aside>
    </div>
  );
}
