import type { ReactNode } from 'react';
import styles from './Note.module.css';

type Kind = 'note' | 'pitfall' | 'deep-dive';

const LABEL: Record<Kind, string> = { note: 'Note', pitfall: 'Pitfall', 'deep-dive': 'Deep dive' };
const ICON: Record<Kind, string> = { note: 'i', pitfall: '!', 'deep-dive': '↓' };

/** An aside: a note, a pitfall to avoid, or a deep dive for the curious. */
export function Note({
  kind = 'note',
  title,
  children,
}: {
  kind?: Kind;
  title?: string;
  children: ReactNode;
}) {
  return (
    <aside className={`${styles.note} ${styles[kind]}`} aria-label={title ?? LABEL[kind]}>
      <p className={styles.label}>
        <span className={styles.icon} aria-hidden="true">
          {ICON[kind]}
        </span>
        <span>
          {title ? <span className={styles.kind}>{LABEL[kind]} · </span> : null}
          {title ?? LABEL[kind]}
        </span>
      </p>
      {children}
    </aside>
  );
}
