'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ClassPeer } from '@/lib/browser/class-peer';
import { streamVideo, type VideoStreamStatus } from '@/lib/browser/stream-video';
import { formatPercent } from '@/lib/format';
import styles from './FilmPlayer.module.css';

/**
 * The pack's film, playing while the torrent downloads: pieces are read in order from webtorrent
 * and fed to the video through Media Source Extensions (lib/browser/stream-video.ts).
 */
export function FilmPlayer({ peer }: { peer: ClassPeer }) {
  const s = useSyncExternalStore(peer.subscribe, peer.getState, peer.getState);
  const videoRef = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<VideoStreamStatus | null>(null);
  const [playing, setPlaying] = useState(false);
  // Known with the torrent's metadata; streamed once the torrent is ready (after a reload,
  // once the kept pieces are re-verified).
  const file = peer.videoFile();
  const ready = s.pieceCount > 0;

  useEffect(() => {
    const video = videoRef.current;
    if (!file || !ready || !video) return;
    const stream = streamVideo(video, file, setStatus);
    return () => stream.stop();
  }, [file, ready]);

  // No film when the lab seeds an instructor's own folder (--share) instead of the class pack.
  if (!file || s.phase === 'error') return null;
  const here = file?.progress ?? 0;
  let readout: string;
  if (status?.phase === 'unsupported' || status?.phase === 'error') readout = status.message ?? '';
  else if (!ready) readout = 'Getting ready… the film starts as soon as its first pieces are here.';
  else if (here >= 1)
    readout = playing ? 'Playing — the whole film is here' : 'The whole film is here';
  else if (playing) readout = `Playing while downloading — ${formatPercent(here)} here`;
  else readout = `Buffering the first pieces — ${formatPercent(here)} here`;
  // The film is a committed render of a simulated class; its end card's shares are not this
  // class's. Said beside it, with this page's own count, so the two never read as one.
  const fromSeeder = s.pieces.filter((p) => p === 'seeder').length;
  const fromPeers = s.pieces.filter((p) => p === 'peer').length;

  return (
    <section className={`card ${styles.card}`} aria-labelledby="film-title">
      <h3 id="film-title" className={styles.title}>
        How a swarm shares a file <span className="muted">· a 30-second film from the pack</span>
      </h3>
      <video
        ref={videoRef}
        className={styles.video}
        data-testid="film"
        muted
        playsInline
        controls
        onPlaying={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onWaiting={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
      />
      <p
        className={
          status?.phase === 'unsupported' || status?.phase === 'error'
            ? styles.problem
            : styles.readout
        }
        data-testid="film-status"
        data-film-progress={here}
        role="status"
      >
        {readout}
      </p>
      <p className={styles.caption} data-testid="film-caption">
        The film shows a simulated class, so its figures are not yours. Here you have{' '}
        <span data-testid="film-from-seeder">{fromSeeder}</span> pieces from the seeder and{' '}
        <span data-testid="film-from-peers">{fromPeers}</span> from classmates so far.
      </p>
    </section>
  );
}
