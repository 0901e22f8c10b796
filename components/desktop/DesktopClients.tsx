'use client';

import type { ReactNode } from 'react';
import { useLabInfo } from '@/components/projector/use-lab-info';
import { CopyField } from './CopyField';
import styles from './Desktop.module.css';

interface ClientGuide {
  id: string;
  name: string;
  platforms: string;
  steps: (links: Links) => ReactNode[];
}

interface Links {
  torrentUrl: string | null;
  magnet: string | null;
}

const GUIDES: ClientGuide[] = [
  {
    id: 'qbittorrent',
    name: 'qBittorrent',
    platforms: 'Windows · macOS · Linux',
    steps: ({ magnet }) => [
      <>
        Open qBittorrent and choose <strong>File → Add Torrent Link…</strong>
      </>,
      <>
        Paste the magnet link below (or the .torrent link) and press <strong>Download</strong>.
        <CopyField label="magnet link" value={magnet} />
      </>,
      <>
        Keep the default save folder, or pick one, and confirm. The transfer starts within a few
        seconds: the magnet names the lab’s tracker, so DHT is not needed.
      </>,
    ],
  },
  {
    id: 'transmission',
    name: 'Transmission',
    platforms: 'macOS · Linux · Windows',
    steps: ({ torrentUrl }) => [
      <>
        In the Transmission app choose <strong>File → Open URL…</strong> (or{' '}
        <strong>Open Torrent Address</strong>), paste the .torrent link and open it.
        <CopyField label=".torrent link" value={torrentUrl} />
      </>,
      <>
        Or, in a terminal, with <code>transmission-cli</code>:
        <CopyField
          label="Transmission command"
          value={torrentUrl && `transmission-cli -w ~/Downloads ${torrentUrl}`}
        />
        It keeps seeding when it is done; press <kbd>Ctrl-C</kbd> to stop.
      </>,
    ],
  },
  {
    id: 'aria2',
    name: 'aria2',
    platforms: 'command line, everywhere',
    steps: ({ torrentUrl }) => [
      <>
        aria2 fetches the .torrent and then the class pack in one command:
        <CopyField
          label="aria2 command"
          value={torrentUrl && `aria2c --enable-dht=false --seed-time=0 ${torrentUrl}`}
        />
      </>,
      <>
        <code>--seed-time=0</code> makes it exit as soon as the download is verified; leave it out
        to keep seeding for classmates (<kbd>Ctrl-C</kbd> stops it). <code>-d folder</code> picks
        where the files go.
      </>,
    ],
  },
];

export function DesktopClients() {
  const info = useLabInfo();
  const torrentUrl = info ? new URL('/class.torrent', info.attendeeUrl).href : null;
  const links: Links = { torrentUrl, magnet: info?.torrent?.magnet ?? null };
  const size = info?.torrent ? `${(info.torrent.length / 1048576).toFixed(1)} MiB` : null;

  return (
    <div className={styles.layout}>
      <section className={`card ${styles.get}`} aria-labelledby="get-torrent">
        <h2 id="get-torrent">The class torrent</h2>
        <p className="muted">
          {info?.torrent
            ? `${info.torrent.name} · ${size} · ${info.torrent.pieceCount} pieces`
            : 'Asking the lab for its torrent…'}
        </p>
        <div className={styles.actions}>
          <a
            className="button"
            href="/class.torrent"
            download="swarmlab-class-pack.torrent"
            data-testid="torrent-link"
          >
            Download class.torrent
          </a>
        </div>
        <h3 className={styles.fieldLabel}>.torrent link</h3>
        <CopyField label=".torrent link" value={torrentUrl} testId="torrent-url" />
        <h3 className={styles.fieldLabel}>Magnet link</h3>
        <CopyField label="magnet link" value={links.magnet} testId="magnet" />
        {info && (
          <p className={`muted ${styles.small}`}>
            Trackers: <code>{info.trackers.http}</code> · <code>{info.trackers.udp}</code>
          </p>
        )}
      </section>

      <div className={styles.guides}>
        {GUIDES.map((g) => (
          <section
            key={g.id}
            className={`card ${styles.guide}`}
            aria-labelledby={`guide-${g.id}`}
            data-testid={`guide-${g.id}`}
          >
            <header className={styles.guideHeader}>
              <h2 id={`guide-${g.id}`}>{g.name}</h2>
              <span className={styles.platforms}>{g.platforms}</span>
            </header>
            <ol className={styles.steps}>
              {g.steps(links).map((step, i) => (
                <li key={i}>{step}</li>
              ))}
            </ol>
          </section>
        ))}
      </div>

      <section className={`card ${styles.why}`} aria-labelledby="why-projector">
        <h2 id="why-projector">Why your client appears on the projector</h2>
        <p>
          A desktop client never talks to the lab’s website. It talks BitTorrent to the instructor’s
          seeder over TCP or uTP, and that is enough to put it on the projector:
        </p>
        <ul>
          <li>
            <strong>Its peer id names it.</strong> Every client opens a connection with a 20-byte
            peer id; Transmission’s starts <code>-TR3000-</code>, qBittorrent’s{' '}
            <code>-qB4620-</code>, aria2’s <code>A2-1-36-0-</code>. The projector shows that name
            instead of a nickname.
          </li>
          <li>
            <strong>
              Its <code>have</code> messages show its progress.
            </strong>{' '}
            Each time it verifies a piece against the hash in the torrent, it tells every peer it is
            connected to. The seeder is one of them, so your square fills in piece by piece.
          </li>
          <li>
            <strong>It stays a little after it leaves.</strong> When your client finishes and hangs
            up, it stays on the projector for a minute with the pieces it had, so the class sees it
            reach 100%.
          </li>
        </ul>
        <p className="muted">
          Your client also trades pieces with classmates’ desktop clients. Browsers speak only
          WebRTC, so it does not trade with them directly: both get pieces from the seeder, which
          speaks both.
        </p>
      </section>
    </div>
  );
}
