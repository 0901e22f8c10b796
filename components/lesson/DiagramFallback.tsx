import type { ReactNode } from 'react';
import styles from './DiagramFallback.module.css';

/** What shows while an interactive diagram's code is still loading: its alt text and caption. */
export function DiagramFallback({ alt, children }: { alt: string; children?: ReactNode }) {
  return (
    <figure className={styles.figure} data-diagram-loading>
      <div className={styles.stage} role="img" aria-label={alt}>
        <p className={styles.alt}>{alt}</p>
      </div>
      {children ? <figcaption className={styles.caption}>{children}</figcaption> : null}
    </figure>
  );
}
