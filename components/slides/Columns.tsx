import type { ReactNode } from 'react';
import styles from './SlideFrame.module.css';

/** Side by side: each `<Column>` inside is one column of equal width. */
export function Columns({ children }: { children?: ReactNode }) {
  return <div className={styles.columns}>{children}</div>;
}

export function Column({ children }: { children?: ReactNode }) {
  return <div className={styles.column}>{children}</div>;
}

/** One big statement or number, the whole point of a slide. */
export function Big({ children }: { children?: ReactNode }) {
  return <p className={styles.big}>{children}</p>;
}
