'use client';

import { useProgress } from './use-progress';
import styles from './LessonStatus.module.css';

/** "Read" or "Quiz passed" for one lesson, from this browser's progress. */
export function LessonStatus({ slug }: { slug: string }) {
  const progress = useProgress();
  if (progress.passed.includes(slug)) {
    return <span className={`${styles.status} ${styles.passed}`}>✓ Quiz passed</span>;
  }
  if (progress.visited.includes(slug)) return <span className={styles.status}>Read</span>;
  return null;
}
