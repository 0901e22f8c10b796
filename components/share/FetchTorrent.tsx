'use client';

import Link from 'next/link';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { sha256 } from '@noble/hashes/sha2.js';
import { startFetch, type ShareSession, type ShareState } from '@/lib/browser/share-client';
import { formatBytes, formatPercent, formatRate } from '@/lib/format';
import { SwarmSeesYou } from './SwarmSeesYou';
import { ProgressBar } from '@/components/site/ProgressBar';
import styles from './Share.module.css';

/** Files up to this size get their SHA-256 shown, to compare with the sharer's copy. */
const HASH_LIMIT = 64 * 1024 * 1024;

export function FetchTorrent() {
  const [source, setSource] = useState('');
  const [session, setSession] = useState<ShareSession | null>(null);

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const from = params.get('h') ?? params.get('magnet');
    // Starting from the link's ?h= is a one-off read of the URL, not a render cascade.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (from) setSession(startFetch({ source: from }));
  }, []);
  useEffect(() => () => session?.destroy(), [session]);

  if (session) return <Fetching session={session} />;
  return (
    <form
      className={`card ${styles.form}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (source.trim()) setSession(startFetch({ source }));
      }}
    >
      <label htmlFor="magnet" className={styles.label}>
        Paste a magnet link
      </label>
      <div className={styles.row}>
        <input
          id="magnet"
          className={`input ${styles.mono}`}
          value={source}
          placeholder="magnet:?xt=urn:btih:…"
          onChange={(e) => setSource(e.target.value)}
        />
        <button type="submit" className="button" disabled={!source.trim()}>
          Download
        </button>
      </div>
      <p className="muted">
        Or pick one from the <Link href="/index">class index</Link>.
      </p>
    </form>
  );
}

function Fetching({ session }: { session: ShareSession }) {
  const s: ShareState = useSyncExternalStore(session.subscribe, session.getState, session.getState);
  const [hashes, setHashes] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    void (async () => {
      for (const f of s.files) {
        if (f.length > HASH_LIMIT) continue;
        const bytes = new Uint8Array(await (await fetch(f.url)).arrayBuffer());
        const hex = Array.from(sha256(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
        if (live) setHashes((h) => ({ ...h, [f.url]: hex }));
      }
    })();
    return () => {
      live = false;
    };
  }, [s.files]);
  const phaseText: Record<ShareState['phase'], string> = {
    starting: 'Loading WebTorrent…',
    hashing: '',
    registering: '',
    seeding: '',
    connecting: 'Asking the lab’s tracker for peers…',
    downloading: 'Downloading piece by piece',
    done: 'Done — you are now seeding it too',
    error: 'Something went wrong',
  };
  return (
    <div className={styles.stack} data-phase={s.phase}>
      <section className="card">
        <p className={styles.phase} data-testid="fetch-phase">
          {phaseText[s.phase]}
        </p>
        <h2 className={styles.name}>{s.name ?? 'Fetching the torrent’s details…'}</h2>
        <ProgressBar value={s.progress} label="Download progress" />
        <dl className={styles.facts}>
          <div>
            <dt>Progress</dt>
            <dd data-testid="fetch-progress">{formatPercent(s.progress)}</dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd>{formatBytes(s.length)}</dd>
          </div>
          <div>
            <dt>Peers</dt>
            <dd>{s.peers}</dd>
          </div>
          <div>
            <dt>Speed</dt>
            <dd>
              ↓ {formatRate(s.downloadRate)} · ↑ {formatRate(s.uploadRate)}
            </dd>
          </div>
        </dl>
        {s.message ? (
          <p className={s.phase === 'error' ? styles.error : styles.notice} role="status">
            {s.message}
          </p>
        ) : null}
      </section>
      {s.files.length ? (
        <section className="card" data-testid="fetch-files">
          <h3 className={styles.sectionTitle}>Your files</h3>
          <ul>
            {s.files.map((f) => (
              <li key={f.url}>
                <a href={f.url} download={f.name}>
                  {f.name}
                </a>{' '}
                <span className="muted">{formatBytes(f.length)}</span>
                {hashes[f.url] ? (
                  <div className={`${styles.mono} muted`}>
                    SHA-256 <span data-testid="file-sha256">{hashes[f.url]}</span>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          <p className="muted">
            Keep this tab open: while it is, classmates download from you too.
          </p>
        </section>
      ) : null}
      <SwarmSeesYou peerId={s.peerId} />
    </div>
  );
}
