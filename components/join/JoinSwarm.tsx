'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { startClassPeer, type ClassPeer, type ClassPeerState } from '@/lib/browser/class-peer';
import { STRATEGY_LABELS } from '@/lib/experiments';
import { cleanLabel } from '@/lib/protocol';
import { formatBytes, formatPercent, formatRate } from '@/lib/format';
import { SwarmSeesYou } from '@/components/share/SwarmSeesYou';
import { FilmPlayer } from './FilmPlayer';
import { PieceMap } from './PieceMap';
import { ProgressBar } from '@/components/site/ProgressBar';
import styles from './JoinSwarm.module.css';
import { ConnectivityNote } from './ConnectivityNote';

const NICK_KEY = 'swarmlab:nickname';

export function JoinSwarm() {
  const [nickname, setNickname] = useState('');
  const [peer, setPeer] = useState<ClassPeer | null>(null);

  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // A nickname typed before the page's script ran (a slow phone) is in the field but not in
    // React's state: React keeps the field's text at hydration and fires no change for it.
    // Adopt it; otherwise restore the saved one.
    const typed = input.current?.value;
    const saved = window.localStorage.getItem(NICK_KEY);
    if (typed || saved) setNickname(typed || saved || '');
  }, []);

  useEffect(() => () => peer?.destroy(), [peer]);

  const clean = cleanLabel(nickname);

  if (!peer) {
    return (
      <form
        className={`card ${styles.form}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (!clean) return;
          window.localStorage.setItem(NICK_KEY, clean);
          setPeer(startClassPeer({ nickname: clean }));
        }}
      >
        <label htmlFor="nickname" className={styles.label}>
          Your nickname
        </label>
        <p className="muted">
          It appears on the projector next to your laptop. No real name needed.
        </p>
        <div className={styles.row}>
          <input
            ref={input}
            id="nickname"
            name="nickname"
            className="input"
            value={nickname}
            maxLength={24}
            autoComplete="nickname"
            placeholder="e.g. Ada"
            onChange={(e) => setNickname(e.target.value)}
          />
          <button type="submit" className="button" disabled={!clean}>
            Join the class swarm
          </button>
        </div>
      </form>
    );
  }
  return <SwarmStatus peer={peer} nickname={clean} />;
}

function SwarmStatus({ peer, nickname }: { peer: ClassPeer; nickname: string }) {
  const s: ClassPeerState = useSyncExternalStore(peer.subscribe, peer.getState, peer.getState);
  const seederBytes = s.wires
    .filter((w) => w.nickname === 'Instructor seeder')
    .reduce((n, w) => n + w.downloaded, 0);
  const phaseText: Record<ClassPeerState['phase'], string> = {
    starting: 'Loading the class torrent…',
    connecting: 'Finding peers through the lab’s tracker…',
    downloading: 'Downloading piece by piece',
    done: 'Done — you are now seeding for your classmates',
    error: 'Something went wrong',
    kicked: 'The instructor removed you from the swarm',
  };
  if (s.phase === 'kicked') {
    return (
      <section className={`card ${styles.kicked}`} data-phase="kicked" data-testid="kicked">
        <p className={styles.phase} data-testid="phase">
          {phaseText.kicked}
        </p>
        <p>
          Your browser has left the class swarm: it no longer downloads or uploads anything. Reload
          the page to join again as a new peer.
        </p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload and rejoin
        </button>
      </section>
    );
  }
  return (
    <div className={styles.status} data-phase={s.phase}>
      <section className={`card ${styles.summary}`}>
        <div className={styles.heading}>
          <div>
            <p className={styles.phase} data-testid="phase">
              {phaseText[s.phase]}
            </p>
            <h2 className={styles.name}>{s.name ?? 'Class pack'}</h2>
            <p className="muted">
              You are <strong>{nickname}</strong>
              {s.peerId ? ` · peer id ${s.peerId.slice(0, 16)}…` : ''}
              {s.firstPeerMs !== null ? (
                <>
                  {' '}
                  · first peer after{' '}
                  <span data-testid="first-peer-ms" data-ms={s.firstPeerMs}>
                    {(s.firstPeerMs / 1000).toFixed(1)} s
                  </span>
                </>
              ) : null}
            </p>
          </div>
          <p className={styles.percent} data-testid="progress">
            {formatPercent(s.progress)}
          </p>
        </div>
        <ProgressBar value={s.progress} label="Download progress" />
        <dl className={styles.stats}>
          <div>
            <dt>Downloaded</dt>
            <dd>
              {formatBytes(s.downloaded)} of {formatBytes(s.length)}
            </dd>
          </div>
          <div>
            <dt>Speed</dt>
            <dd>
              ↓ {formatRate(s.downloadRate)} · ↑ {formatRate(s.uploadRate)}
            </dd>
          </div>
          <div>
            <dt>Gave back to the class</dt>
            <dd data-testid="uploaded">{formatBytes(s.uploaded)}</dd>
          </div>
          <div>
            <dt>From the seeder</dt>
            <dd data-testid="from-seeder" data-bytes={seederBytes}>
              {formatBytes(seederBytes)}
            </dd>
          </div>
        </dl>
        {s.resumedPieces ? (
          <p className={styles.resumed} data-testid="resumed">
            Resumed {s.resumedPieces} pieces kept in this browser (verified)
          </p>
        ) : null}
        {s.message ? (
          <p className={s.phase === 'error' ? styles.error : styles.notice} role="status">
            {s.message}
          </p>
        ) : null}
      </section>

      {s.phase === 'downloading' || s.phase === 'done' ? (
        <ConnectivityNote audience="attendee" />
      ) : null}

      {s.instructorNotes.length > 0 || s.freeRider || s.round > 1 ? (
        <section className={`card ${styles.instructor}`} aria-live="polite">
          <h3 className={styles.sectionTitle}>From the instructor</h3>
          {s.freeRider ? (
            <p className={styles.freeRider} data-testid="free-rider">
              You are a free-rider: you download but upload nothing to your classmates.
            </p>
          ) : null}
          <ul className={styles.notes} data-testid="instructor-notes">
            {s.instructorNotes.map((note, i) => (
              <li key={`${i}-${note}`}>{note}</li>
            ))}
          </ul>
          <p className="muted">
            Round <span data-testid="round">{s.round}</span> · pieces picked{' '}
            {STRATEGY_LABELS[s.strategy]}
            {s.infoHash ? (
              <>
                {' '}
                · info hash{' '}
                <code data-testid="info-hash" data-info-hash={s.infoHash}>
                  {s.infoHash.slice(0, 12)}…
                </code>
              </>
            ) : null}
          </p>
        </section>
      ) : null}

      <FilmPlayer peer={peer} />

      {s.pieceCount > 0 ? (
        <section className="card">
          <h3 className={styles.sectionTitle}>
            Your piece map <span className="muted">({s.pieceCount} pieces)</span>
          </h3>
          <PieceMap pieces={s.pieces} />
        </section>
      ) : null}

      <section className="card">
        <h3 className={styles.sectionTitle}>
          Connected peers{' '}
          <span className="muted" data-testid="open-wires">
            ({s.wires.filter((w) => w.open).length})
          </span>
        </h3>
        {s.wires.length === 0 ? (
          <p className="muted">No peers yet. The seeder usually answers within a few seconds.</p>
        ) : (
          <table className={styles.peers}>
            <thead>
              <tr>
                <th>Peer</th>
                <th>Received from</th>
                <th>Sent to</th>
                <th>Rate</th>
              </tr>
            </thead>
            <tbody>
              {s.wires.map((w) => (
                <tr key={w.peerId} data-testid="wire-row" data-open={w.open}>
                  <td>
                    {w.nickname}
                    {/* Bytes to and from peers who left still count in the totals above. */}
                    {w.open ? null : <span className="muted"> · left</span>}
                  </td>
                  <td>{formatBytes(w.downloaded)}</td>
                  <td>{formatBytes(w.uploaded)}</td>
                  <td>
                    ↓ {formatRate(w.downloadRate)} ↑ {formatRate(w.uploadRate)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {s.files.length > 0 ? (
        <section className="card" data-testid="files">
          <h3 className={styles.sectionTitle}>Your files</h3>
          <ul className={styles.files}>
            {s.files.map((f) => (
              <li key={f.name}>
                <a href={f.url} download={f.name} data-testid="file-link">
                  {f.name}
                </a>{' '}
                <span className="muted">{formatBytes(f.length)}</span>
              </li>
            ))}
          </ul>
          <p className="muted">
            Keep this tab open: while it is, you are a seed and classmates download from you.
          </p>
        </section>
      ) : null}

      <SwarmSeesYou peerId={s.peerId} />
    </div>
  );
}
