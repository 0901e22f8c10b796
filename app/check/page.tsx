import type { Metadata } from 'next';
import { NetworkCheck } from '@/components/check/NetworkCheck';

export const metadata: Metadata = { title: 'Network check' };

export default function CheckPage() {
  return (
    <main className="container" style={{ padding: '2rem 1.25rem 4rem', maxWidth: '48rem' }}>
      <h1>Network check</h1>
      <p className="muted">
        Before you join: can this browser reach the lab, its tracker, the instructor’s seeder and
        your classmates on this network? Nothing is uploaded; the check ends with what to do.
      </p>
      <NetworkCheck />
    </main>
  );
}
