import type { ReactNode } from 'react';
import styles from './Note.module.css';

type Kind = 'note' | 'pitfall' | 'deep-dive';

const LABEL: Record<Kind, string> = { note: 'Note', pitfall: 'Pitfall', 'deep-dive': 'Deep dive' };

export function Note({ kind = 'note', title, children }: { kind?: Kind; title?: string; children: ReactNode }) {
  return (
    <aside className={`${styles.note} ${styles[kind]}`}>
      <p className={styles.label}>{title ?? LABEL[kind]}</p>
      {children}
    </aside>
  );
}
