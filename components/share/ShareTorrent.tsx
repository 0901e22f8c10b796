'use client';

import Link from 'next/link';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { startShare, type ShareSession, type ShareState } from '@/lib/browser/share-client';
import { cleanLabel } from '@/lib/protocol';
import { formatBytes, formatPercent, formatRate } from '@/lib/format';
import { SwarmSeesYou } from './SwarmSeesYou';
import { ProgressBar } from '@/components/site/ProgressBar';
import styles from './Share.module.css';

const NICK_KEY = 'swarmlab:nickname';

export function ShareTorrent() {
  const [nickname, setNickname] = useState('');
  const [session, setSession] = useState<ShareSession | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const saved = window.localStorage.getItem(NICK_KEY);
    // Restoring a saved nickname is a one-off sync from storage, not a render cascade.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (saved) setNickname(saved);
  }, []);
  useEffect(() => () => session?.destroy(), [session]);

  const clean = cleanLabel(nickname);
  const start = (list: FileList | null) => {
    const files = list ? [...list] : [];
    if (!files.length || !clean) return;
    window.localStorage.setItem(NICK_KEY, clean);
    setSession(startShare({ files, nickname: clean }));
  };

  if (session) return <Sharing session={session} />;
  return (
    <form className={`card ${styles.form}`} onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="nickname" className={styles.label}>
        Your nickname
      </label>
      <input
        id="nickname"
        className="input"
        value={nickname}
        maxLength={24}
        autoComplete="nickname"
        placeholder="e.g. Ada"
        onChange={(e) => setNickname(e.target.value)}
      />
      <label
        className={styles.drop}
        data-dragging={dragging || undefined}
        data-disabled={!clean || undefined}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          start(e.dataTransfer.files);
        }}
      >
        <input
          type="file"
          multiple
          className="visually-hidden"
          data-testid="share-files"
          disabled={!clean}
          onChange={(e) => start(e.target.files)}
        />
        <strong>{clean ? 'Drop files here, or tap to pick' : 'Pick a nickname first'}</strong>
        <span className="muted">
          Your browser hashes them into a torrent. Nothing is uploaded to the lab: neighbours
          download straight from you.
        </span>
      </label>
      <p className="muted">Share only what you have the right to share, such as your own photos.</p>
    </form>
  );
}

function Sharing({ session }: { session: ShareSession }) {
  const s: ShareState = useSyncExternalStore(session.subscribe, session.getState, session.getState);
  const [copied, setCopied] = useState(false);
  const getUrl =
    s.infoHash && typeof window !== 'undefined'
      ? `${window.location.origin}/index/get?h=${s.infoHash}`
      : null;
  const phaseText: Record<ShareState['phase'], string> = {
    starting: 'Loading WebTorrent…',
    hashing: `Hashing pieces… ${formatPercent(s.hashed)}`,
    registering: 'Adding it to the class index…',
    seeding: 'Seeding — keep this tab open',
    connecting: '',
    downloading: '',
    done: '',
    error: 'Something went wrong',
  };
  return (
    <div className={styles.stack} data-phase={s.phase}>
      <section className={`card ${styles.summary}`}>
        <p className={styles.phase} data-testid="share-phase">
          {phaseText[s.phase]}
        </p>
        <h2 className={styles.name} data-testid="share-name">
          {s.name ?? 'Your torrent'}
        </h2>
        {s.phase === 'hashing' || s.phase === 'starting' ? (
          <ProgressBar value={s.hashed} label="Hashing progress" />
        ) : null}
        {s.infoHash ? (
          <dl className={styles.facts}>
            <div className={styles.wide}>
              <dt>Info hash</dt>
              <dd className={styles.mono} data-testid="share-infohash">
                {s.infoHash}
              </dd>
            </div>
            <div>
              <dt>Size</dt>
              <dd>{formatBytes(s.length)}</dd>
            </div>
            <div>
              <dt>Pieces</dt>
              <dd data-testid="share-pieces">
                {s.pieceCount} × {formatBytes(s.pieceLength)}
              </dd>
            </div>
            <div>
              <dt>Peers connected</dt>
              <dd>{s.peers}</dd>
            </div>
            <div>
              <dt>Sent to the class</dt>
              <dd data-testid="share-uploaded">
                {formatBytes(s.uploaded)} · ↑ {formatRate(s.uploadRate)}
              </dd>
            </div>
          </dl>
        ) : null}
        {s.pieceCount ? (
          <p className={styles.lesson}>
            Your file was cut into {s.pieceCount} pieces of {formatBytes(s.pieceLength)}, each with
            its own SHA-1 hash in the torrent. The info hash is the SHA-1 of that list (with the
            name and piece size): change one byte of the file and it changes. See{' '}
            <Link href="/learn/pieces-and-hashes">Pieces and hashes</Link>.
          </p>
        ) : null}
        {s.message ? (
          <p className={s.phase === 'error' ? styles.error : styles.notice} role="status">
            {s.message}
          </p>
        ) : null}
      </section>

      {s.magnet && getUrl ? (
        <section className={`card ${styles.handoff}`}>
          <div>
            <h3 className={styles.sectionTitle}>Give it to a neighbour</h3>
            <p className="muted">
              They scan the code, or find <strong>{s.name}</strong> on the{' '}
              <Link href="/index">class index</Link>, or paste the magnet link.
            </p>
            <label className={styles.small} htmlFor="magnet">
              Magnet link
            </label>
            <div className={styles.row}>
              <input
                id="magnet"
                className={`input ${styles.mono}`}
                readOnly
                value={s.magnet}
                data-testid="share-magnet"
                onFocus={(e) => e.currentTarget.select()}
              />
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  void navigator.clipboard?.writeText(s.magnet!).then(() => setCopied(true));
                }}
              >
                {copied ? 'Copied' : 'Copy'}
              </button>
            </div>
            <p>
              {s.torrentUrl ? (
                <a
                  className="button secondary"
                  href={s.torrentUrl}
                  download={`${s.name ?? 'shared'}.torrent`}
                  data-testid="share-torrent-file"
                >
                  Download the .torrent
                </a>
              ) : null}
            </p>
          </div>
          {/* The lab draws the QR code: no outside service, and it works offline. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            className={styles.qr}
            src={`/api/qr?text=${encodeURIComponent(getUrl)}`}
            alt={`QR code linking to the download page for ${s.name}`}
            width={200}
            height={200}
            data-testid="share-qr"
          />
        </section>
      ) : null}

      <SwarmSeesYou peerId={s.peerId} />
    </div>
  );
}
