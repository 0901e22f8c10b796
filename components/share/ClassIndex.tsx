'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { readInstructorToken } from '@/lib/browser/instructor-token';
import { connectLab, type LabClientSocket } from '@/lib/browser/lab-connection';
import type { ShareIndex } from '@/lib/protocol';
import { formatBytes } from '@/lib/format';
import styles from './Share.module.css';

function ago(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}

/** The class index: a tiny, legal torrent site, live over socket.io. */
export function ClassIndex() {
  const [index, setIndex] = useState<ShareIndex | null>(null);
  const socket = useRef<LabClientSocket | null>(null);
  const [instructor, setInstructor] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const token = readInstructorToken();
    const link = connectLab({ token });
    const s = link.socket;
    link.onConnect(() =>
      s.emit('share:watch', (i) => {
        setIndex(i);
        setInstructor(!!token);
      }),
    );
    link.on('share:index', (i) => setIndex(i));
    socket.current = s;
    const tick = setInterval(() => setNow(Date.now()), 15_000);
    return () => {
      clearInterval(tick);
      link.close();
    };
  }, []);

  const act = (event: 'share:moderate' | 'share:seedbox' | 'privacy:set', msg: object) => {
    // The lab re-checks the token: these buttons are only a convenience for the instructor.
    socket.current?.emit(event as 'share:seedbox', msg as { on: boolean }, (r) =>
      setError(r.ok ? null : (r.error ?? 'refused')),
    );
  };

  if (!index) return <p className="muted">Loading the class index…</p>;
  return (
    <section className="card" data-testid="class-index">
      {instructor ? (
        <div className={styles.toolbar} data-testid="instructor-tools">
          <label>
            <input
              type="checkbox"
              checked={index.seedboxAll}
              data-testid="seedbox-all"
              onChange={(e) => act('share:seedbox', { on: e.target.checked })}
            />{' '}
            Seedbox: the lab seeds every shared torrent (for desktop clients)
          </label>
          <label>
            <input
              type="checkbox"
              checked={index.showAddresses}
              data-testid="show-addresses"
              onChange={(e) => act('privacy:set', { showAddresses: e.target.checked })}
            />{' '}
            Show addresses on the projector
          </label>
        </div>
      ) : null}
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
      {index.entries.length === 0 ? (
        <p className="muted">
          Nothing shared yet. <Link href="/share">Share a file</Link> and it appears here.
        </p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th>Name</th>
              <th>Size</th>
              <th>Shared by</th>
              <th title="peers with the whole file">Seeders</th>
              <th title="peers still downloading">Leechers</th>
              <th>When</th>
              <th>Get it</th>
            </tr>
          </thead>
          <tbody>
            {index.entries.map((e) => (
              <tr key={e.infoHash} data-testid="index-entry" data-infohash={e.infoHash}>
                <td>
                  <Link className={styles.entryName} href={`/index/get?h=${e.infoHash}`}>
                    {e.name}
                  </Link>
                  {e.hidden ? <span className={styles.tag}>hidden</span> : null}
                  {e.seedbox !== 'off' ? (
                    <span className={styles.tag}>seedbox {e.seedbox}</span>
                  ) : null}
                </td>
                <td data-label="Size">{formatBytes(e.length)}</td>
                <td data-label="Shared by">{e.nickname}</td>
                <td
                  data-label="Seeders"
                  className={`${styles.count} ${styles.seeders}`}
                  data-testid="seeders"
                >
                  {e.seeders}
                </td>
                <td data-label="Leechers" className={`${styles.count} ${styles.leechers}`}>
                  {e.leechers}
                </td>
                <td data-label="Shared">{ago(e.sharedAt, now)}</td>
                <td>
                  <div className={styles.actions}>
                    <Link className="button" href={`/index/get?h=${e.infoHash}`}>
                      Download
                    </Link>
                    <a
                      className="button secondary"
                      href={`/shared/${e.infoHash}.torrent`}
                      data-testid="desktop-torrent"
                      title="A .torrent listing the lab's HTTP, UDP and WebSocket trackers, for qBittorrent, Transmission or aria2"
                    >
                      .torrent
                    </a>
                    {instructor ? (
                      <>
                        <button
                          type="button"
                          className="button secondary"
                          onClick={() =>
                            act('share:seedbox', { infoHash: e.infoHash, on: e.seedbox === 'off' })
                          }
                        >
                          {e.seedbox === 'off' ? 'Seedbox on' : 'Seedbox off'}
                        </button>
                        <button
                          type="button"
                          className="button secondary"
                          onClick={() =>
                            act('share:moderate', {
                              infoHash: e.infoHash,
                              action: e.hidden ? 'show' : 'hide',
                            })
                          }
                        >
                          {e.hidden ? 'Show' : 'Hide'}
                        </button>
                        <button
                          type="button"
                          className="button secondary"
                          onClick={() =>
                            act('share:moderate', { infoHash: e.infoHash, action: 'remove' })
                          }
                        >
                          Remove
                        </button>
                      </>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        Up to {formatBytes(index.maxBytes)} per torrent. Counts come from the lab’s tracker and
        update live. Desktop clients: use the <strong>.torrent</strong> link.
      </p>
    </section>
  );
}
