import type { Metadata } from 'next';
import { ProjectorBench } from '@/components/projector/ProjectorBench';

export const metadata: Metadata = { title: 'Projector under load', robots: { index: false } };

type Props = { searchParams: Promise<{ peers?: string; pieces?: string }> };

/** The projector's views under synthetic load, for bench/projector-fps.ts. */
export default async function ProjectorBenchPage({ searchParams }: Props) {
  const q = await searchParams;
  const clamp = (v: string | undefined, d: number, max: number) =>
    Math.min(max, Math.max(1, Number(v) || d));
  return (
    <main>
      <ProjectorBench peers={clamp(q.peers, 100, 1000)} pieces={clamp(q.pieces, 1000, 5000)} />
    </main>
  );
}
