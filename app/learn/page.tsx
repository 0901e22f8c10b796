import type { Metadata } from 'next';
import Link from 'next/link';
import { LessonSearch } from '@/components/lesson/LessonSearch';
import { LessonStatus } from '@/components/lesson/LessonStatus';
import { LESSONS } from '@/content/nav';
import styles from './learn.module.css';

export const metadata: Metadata = { title: 'Lessons' };

export default function LessonsIndex() {
  const total = LESSONS.reduce((n, l) => n + l.minutes, 0);
  return (
    <main className={`container ${styles.page}`}>
      <p className={styles.kicker}>The course</p>
      <h1 className={styles.title}>How BitTorrent works</h1>
      <p className={styles.lead}>
        {LESSONS.length} short lessons, about {Math.round(total / 5) * 5} minutes in all. Read them
        at your own pace or follow the instructor; each one has diagrams to play with, a step to try
        in the class swarm and a quick quiz.
      </p>
      <div className={styles.tools}>
        <LessonSearch />
        <Link href="/learn/handout" className="button secondary">
          Printable handout
        </Link>
      </div>
      <ol className={styles.lessons}>
        {LESSONS.map((l, i) => (
          <li key={l.slug}>
            <Link href={`/learn/${l.slug}`} className={`card ${styles.lesson}`}>
              <span className={styles.number} aria-hidden="true">
                {i + 1}
              </span>
              <span className={styles.body}>
                <span className={styles.lessonTitle}>{l.title}</span>
                <span className={styles.summary}>{l.summary}</span>
                <span className={styles.meta}>
                  {l.minutes} min
                  <LessonStatus slug={l.slug} />
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </main>
  );
}
