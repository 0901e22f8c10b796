import type { Metadata } from 'next';
import { DesktopClients } from '@/components/desktop/DesktopClients';

export const metadata: Metadata = { title: 'Join with a desktop client' };

export default function DesktopPage() {
  return (
    <main className="container" style={{ padding: '2rem 1.25rem 4rem', maxWidth: '60rem' }}>
      <h1>Join with a desktop client</h1>
      <p className="muted" style={{ maxWidth: '42rem' }}>
        The class swarm is plain BitTorrent, so any real client can join it: qBittorrent,
        Transmission or aria2. It finds the class through the lab’s own tracker, downloads the class
        pack from the instructor’s laptop and from classmates, and shows up on the projector like
        every browser does.
      </p>
      <DesktopClients />
    </main>
  );
}
