import type { Metadata } from 'next';
import { NetworkView } from '@/components/network/NetworkView';

export const metadata: Metadata = { title: 'What the network sees' };

export default function NetworkPage() {
  return (
    <main>
      <NetworkView />
    </main>
  );
}
