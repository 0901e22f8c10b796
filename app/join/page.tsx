import type { Metadata } from 'next';
import { JoinSwarm } from '@/components/join/JoinSwarm';

export const metadata: Metadata = { title: 'Join the class swarm' };

export default function JoinPage() {
  return (
    <main className="container" style={{ padding: '2rem 1.25rem 4rem', maxWidth: '60rem' }}>
      <h1>Join the class swarm</h1>
      <p className="muted" style={{ maxWidth: '40rem' }}>
        Your browser becomes a BitTorrent peer. It downloads the class pack from the instructor’s
        laptop and from classmates, checks every piece against its hash, and uploads what it has to
        everyone else. Nothing leaves this room’s network.
      </p>
      <JoinSwarm />
    </main>
  );
}
