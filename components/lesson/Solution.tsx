import type { ReactNode } from 'react';
import styles from './Challenges.module.css';

/** A challenge's answer, closed until asked for, so the prediction comes first. */
export function Solution({ children }: { children: ReactNode }) {
  return (
    <details className={styles.solution}>
      <summary>Show solution</summary>
      <div className={styles.solutionBody}>{children}</div>
    </details>
  );
}
