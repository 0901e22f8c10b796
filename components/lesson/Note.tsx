import type { ReactNode } from 'react';
import styles from './Note.module.css';

type Kind = 'note' | 'pitfall' | 'deep-dive';

const LABEL: Record<Kind, string> = { note: 'Note', pitfall: 'Pitfall', 'deep-dive': 'Deep dive' };
const ICON: Record<Kind, string> = { note: 'i', pitfall: '!', 'deep-dive': '↓' };

/**
 * An aside: a note, a pitfall to avoid, or a deep dive for the curious. A deep dive holds
 * protocol minutiae the lesson does not need, so it stays closed until opened (a <details>, no
 * script) and its words do not count towards the lesson's minutes (content/lesson-source.ts).
 */
export function Note({
  kind = 'note',
  title,
  children,
}: {
  kind?: Kind;
  title?: string;
  children: ReactNode;
}) {
  const label = (
    <>
      <span className={styles.icon} aria-hidden="true">
        {ICON[kind]}
      </span>
      <span>
        {title ? <span className={styles.kind}>{LABEL[kind]} · </span> : null}
        {title ?? LABEL[kind]}
      </span>
    </>
  );
  return (
    <aside className={`${styles.note} ${styles[kind]}`} aria-label={title ?? LABEL[kind]}>
      {kind === 'deep-dive' ? (
        <details className={styles.details}>
          <summary className={styles.label}>
            {label}
            <span className={styles.more}>Show details</span>
          </summary>
          {children}
        </details>
      ) : (
        <>
          <p className={styles.label}>{label}</p>
          {children}
        </>
      )}
    </aside>
  );
}
