'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import { LessonSearch } from './LessonSearch';
import { resetProgress } from './progress-store';
import { useProgress } from './use-progress';
import styles from './LessonSidebar.module.css';

export interface SidebarLesson {
  slug: string;
  title: string;
}

/**
 * The course sidebar: search, progress through the course, and every lesson with the current
 * one highlighted. On a phone it folds into a "contents" button above the lesson.
 */
export function LessonSidebar({
  lessons,
  current,
}: {
  lessons: SidebarLesson[];
  current?: string;
}) {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const progress = useProgress();
  const isVisited = (slug: string) => progress.visited.includes(slug);
  const isPassed = (slug: string) => progress.passed.includes(slug);
  const visited = lessons.filter((l) => isVisited(l.slug)).length;
  const passed = lessons.filter((l) => isPassed(l.slug)).length;
  const n = lessons.length;
  const at = lessons.findIndex((l) => l.slug === current);

  return (
    <nav className={styles.sidebar} aria-label="Course" data-open={open}>
      <LessonSearch />
      <button
        type="button"
        className={styles.toggle}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span>{at >= 0 ? `Lesson ${at + 1} of ${n}` : `${n} lessons`}</span>
        <span className={styles.toggleHint}>
          {visited}/{n} read · {open ? 'Hide' : 'All lessons'}
        </span>
      </button>
      <div id={panelId} className={styles.panel}>
        <div className={styles.progress} data-testid="course-progress">
          <p className={styles.progressTitle}>Your progress</p>
          <div
            className={styles.bar}
            role="progressbar"
            aria-label="Lessons read"
            aria-valuemin={0}
            aria-valuemax={n}
            aria-valuenow={visited}
          >
            <span className={styles.barRead} style={{ width: `${(visited / n) * 100}%` }} />
            <span className={styles.barPassed} style={{ width: `${(passed / n) * 100}%` }} />
          </div>
          <p className={styles.progressText}>
            {visited} of {n} read · {passed} {passed === 1 ? 'quiz' : 'quizzes'} passed
          </p>
        </div>
        <ol className={styles.list}>
          {lessons.map((l, i) => {
            const state = isPassed(l.slug) ? 'passed' : isVisited(l.slug) ? 'visited' : 'new';
            return (
              <li key={l.slug}>
                <Link
                  href={`/learn/${l.slug}`}
                  className={styles.item}
                  aria-current={l.slug === current ? 'page' : undefined}
                  data-state={state}
                >
                  <span className={styles.badge} aria-hidden="true">
                    {state === 'passed' ? '✓' : i + 1}
                  </span>
                  <span className={styles.title}>{l.title}</span>
                  <span className="visually-hidden">
                    {state === 'passed' ? ' (quiz passed)' : state === 'visited' ? ' (read)' : ''}
                  </span>
                </Link>
              </li>
            );
          })}
        </ol>
        <p className={styles.footer}>
          <Link href="/learn/handout">Printable handout</Link>
          {visited > 0 ? (
            <button type="button" className={styles.reset} onClick={resetProgress}>
              Reset progress
            </button>
          ) : null}
        </p>
      </div>
    </nav>
  );
}
