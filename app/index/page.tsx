import type { Metadata } from 'next';
import Link from 'next/link';
import { ClassIndex } from '@/components/share/ClassIndex';

export const metadata: Metadata = { title: 'Class index' };

export default function ClassIndexPage() {
  return (
    <main className="container" style={{ padding: '2rem 1.25rem 4rem', maxWidth: '72rem' }}>
      <h1>Class index</h1>
      <p className="muted" style={{ maxWidth: '44rem' }}>
        A tiny torrent site for this room: everything here was shared by a classmate from{' '}
        <Link href="/share">the share page</Link>. Download one, and once you have it you seed it
        too.
      </p>
      <ClassIndex />
    </main>
  );
}
