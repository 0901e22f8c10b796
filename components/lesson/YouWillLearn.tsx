import type { ReactNode } from 'react';
import styles from './blocks.module.css';

/** "You will learn": the lesson's goals as a list, right under the intro. */
export function YouWillLearn({ children, level = 2 }: { children: ReactNode; level?: 2 | 3 }) {
  const Tag = `h${level}` as const;
  return (
    <section className={`${styles.box} ${styles.learn}`} aria-label="You will learn">
      <Tag className={styles.boxTitle}>You will learn</Tag>
      {children}
    </section>
  );
}
