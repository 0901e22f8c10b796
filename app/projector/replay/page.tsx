import type { Metadata } from 'next';
import { ReplayView } from '@/components/projector/ReplayView';

export const metadata: Metadata = { title: 'Replay' };

export default async function ReplayPage({
  searchParams,
}: {
  searchParams: Promise<{ id?: string | string[] }>;
}) {
  const { id } = await searchParams;
  const one = Array.isArray(id) ? id[0] : id;
  return (
    <main>
      <ReplayView key={one ?? ''} id={one ?? null} />
    </main>
  );
}
