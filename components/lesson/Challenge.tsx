import type { ReactNode } from 'react';
import styles from './Challenges.module.css';

type Where = 'diagram' | 'lab';

const WHERE: Record<Where, string> = { diagram: 'In the diagram', lab: 'In the live lab' };

/**
 * One challenge: what to change (in a diagram of the lesson or in the live lab), a prediction to
 * make, and a <Solution>. `where` says which, so a self-learner without a class can tell the
 * diagram ones apart.
 */
export function Challenge({
  title,
  where,
  children,
}: {
  title: string;
  where: Where;
  children: ReactNode;
}) {
  return (
    <li className={styles.challenge} data-challenge={where}>
      <p className={styles.challengeTitle}>
        <span className={styles.where}>{WHERE[where]}</span>
        {title}
      </p>
      {children}
    </li>
  );
}
