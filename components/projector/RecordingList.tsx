'use client';

import Link from 'next/link';
import { formatBytes } from '@/lib/format';
import { recordedOn } from './replay-format';
import { ThemeToggle } from './ThemeToggle';
import { useRecordings } from './use-replay';
import replay from './Replay.module.css';

/** Every recording the lab has kept, newest first, with replay and export links. */
export function RecordingList() {
  const { recordings, error } = useRecordings();
  return (
    <div className={replay.page}>
      <div className={replay.head}>
        <h1>Replays of the class swarm</h1>
        <ThemeToggle />
      </div>
      <p className={replay.intro}>
        The lab records the swarm from every start, about once a second. Replay one on the
        projector, or download it: <strong>CSV</strong> has one row per peer per second (columns:
        time_s, clock_utc, peer_id, nickname, kind, client, pieces_have, pieces_total,
        progress_percent, downloaded_bytes, uploaded_bytes, download_rate_bytes_per_s,
        upload_rate_bytes_per_s); <strong>CSV by peer</strong> has one row per second and one
        completion column per attendee, ready to plot as a line chart.
      </p>
      {error ? (
        <p className={replay.error} role="alert">
          {error}
        </p>
      ) : null}
      {recordings === null && !error ? <p className="muted">Loading…</p> : null}
      {recordings?.length === 0 ? (
        <p className={replay.intro}>No recordings yet: they start when the lab starts.</p>
      ) : null}
      <ul className={replay.list} data-testid="recordings">
        {recordings?.map((r) => (
          <li key={r.id} className={replay.item} data-recording={r.id}>
            <span className={replay.when}>
              {recordedOn(r.startedAt)}
              {r.live ? <span className={replay.live}>this session</span> : null}
            </span>
            <span className="muted">{formatBytes(r.bytes)}</span>
            <Link className="button" href={`/projector/replay?id=${r.id}`}>
              Replay
            </Link>
            <a className="button secondary" href={`/api/recordings/${r.id}.csv`} download>
              CSV
            </a>
            <a
              className="button secondary"
              href={`/api/recordings/${r.id}.csv?shape=wide`}
              download
            >
              CSV by peer
            </a>
            <a className="button secondary" href={`/api/recordings/${r.id}.json`} download>
              JSON
            </a>
          </li>
        ))}
      </ul>
      <p>
        <Link href="/projector">← Live projector</Link>
      </p>
    </div>
  );
}
