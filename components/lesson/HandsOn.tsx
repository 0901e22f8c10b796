import type { ReactNode } from 'react';
import styles from './blocks.module.css';

interface Props {
  title: string;
  /** The lab page to open, e.g. "/join". */
  href?: string;
  /** The link's label; defaults to "Open <href>". */
  action?: string;
  children: ReactNode;
}

/** A step to do in the live classroom lab (or alone: every lab page also works solo). */
export function HandsOn({ title, href, action, children }: Props) {
  return (
    <aside className={`${styles.box} ${styles.handsOn}`} aria-label={`In the lab: ${title}`}>
      <p className={styles.handsOnLabel}>In the lab</p>
      <p className={styles.boxTitle}>{title}</p>
      {children}
      {href ? (
        <p className={styles.handsOnAction}>
          {/* A plain link: a lab page starts fresh (it may join the swarm) and is not prefetched. */}
          <a href={href} className="button">
            {action ?? `Open ${href}`}
          </a>
        </p>
      ) : null}
    </aside>
  );
}
