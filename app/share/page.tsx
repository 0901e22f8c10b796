import type { Metadata } from 'next';
import { ShareTorrent } from '@/components/share/ShareTorrent';

export const metadata: Metadata = { title: 'Share a file' };

export default function SharePage() {
  return (
    <main className="container" style={{ padding: '2rem 1.25rem 4rem', maxWidth: '60rem' }}>
      <h1>Share a file with the class</h1>
      <p className="muted" style={{ maxWidth: '40rem' }}>
        Make a torrent of your own file right here, in your browser, and seed it to your neighbours.
        The lab only learns its name, size and info hash so its tracker can introduce you.
      </p>
      <ShareTorrent />
    </main>
  );
}
