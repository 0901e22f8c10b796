import type { Metadata } from 'next';
import Link from 'next/link';
import { LESSONS } from '@/content/nav';

export const metadata: Metadata = { title: 'Lessons' };

export default function LessonsIndex() {
  return (
    <main className="container" style={{ maxWidth: '48rem', padding: '2rem 1.25rem 4rem' }}>
      <h1>Lessons</h1>
      <p className="muted">Read at your own pace, or follow the instructor in class.</p>
      <ol style={{ paddingLeft: '1.25rem' }}>
        {LESSONS.map((l) => (
          <li key={l.slug} style={{ marginBottom: '1rem' }}>
            <Link href={`/learn/${l.slug}`} style={{ fontWeight: 700 }}>
              {l.title}
            </Link>{' '}
            <span className="muted">· {l.minutes} min</span>
            <br />
            <span>{l.summary}</span>
          </li>
        ))}
      </ol>
    </main>
  );
}
