import type { Metadata } from 'next';
import Link from 'next/link';
import { ExperimentsPanel } from '@/components/instructor/ExperimentsPanel';
import { ConnectivityNote } from '@/components/join/ConnectivityNote';

export const metadata: Metadata = { title: 'Instructor', robots: { index: false } };

export default function InstructorPage() {
  return (
    <main className="container" style={{ padding: '2rem 1.25rem 4rem', maxWidth: '48rem' }}>
      <h1>Instructor</h1>
      <p>
        This page’s address carries your instructor token after the <code>#</code>: keep it to
        yourself. Put the projector view on the big screen and let the class scan its QR code.
      </p>
      <ul>
        <li>
          <Link href="/projector">Projector view</Link> — the live swarm and the join QR code
        </li>
        <li>
          <Link href="/slides">Slides</Link> — each deck has a presenter view that drives the class
        </li>
        <li>
          <Link href="/index">Class index</Link> — attendees’ shared torrents: hide or remove
          entries, turn the seedbox on, allow the projector to show addresses (this tab carries your
          token)
        </li>
        <li>
          <a href="/class.torrent">Class pack .torrent</a> — for desktop clients
        </li>
        <li>
          <a href="/api/swarm">Swarm model (JSON)</a> · <a href="/api/health">Health</a>
        </li>
      </ul>
      <ConnectivityNote audience="instructor" />
      <ExperimentsPanel />
    </main>
  );
}
