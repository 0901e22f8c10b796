import type { ReactNode } from 'react';
import styles from './blocks.module.css';

/** The lesson's summary: what to remember, as a short list. */
export function Recap({ children, level = 2 }: { children: ReactNode; level?: 2 | 3 }) {
  const Tag = `h${level}` as const;
  return (
    <section className={`${styles.box} ${styles.recap}`} aria-label="Recap">
      <Tag className={styles.boxTitle}>Recap</Tag>
      {children}
    </section>
  );
}
