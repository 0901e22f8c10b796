import type { Metadata } from 'next';
import { ProjectorView } from '@/components/projector/ProjectorView';

export const metadata: Metadata = { title: 'Projector' };

export default function ProjectorPage() {
  return (
    <main>
      <ProjectorView />
    </main>
  );
}
