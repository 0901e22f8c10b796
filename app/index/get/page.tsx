import type { Metadata } from 'next';
import { FetchTorrent } from '@/components/share/FetchTorrent';

export const metadata: Metadata = { title: 'Download a shared torrent' };

export default function GetPage() {
  return (
    <main className="container" style={{ padding: '2rem 1.25rem 4rem', maxWidth: '60rem' }}>
      <h1>Download from a classmate</h1>
      <p className="muted" style={{ maxWidth: '40rem' }}>
        Your browser joins this torrent’s swarm through the lab’s tracker and downloads straight
        from the classmates who have it.
      </p>
      <FetchTorrent />
    </main>
  );
}
