import type { ReactNode } from 'react';
import styles from './blocks.module.css';

/** The lesson's opening: a few sentences in a larger type that say why the lesson matters. */
export function Intro({ children }: { children: ReactNode }) {
  return <div className={styles.intro}>{children}</div>;
}
