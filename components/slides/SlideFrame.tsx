import type { ReactNode } from 'react';
import type { SlideLayout } from '@/lib/slides/parse';
import { CoverArt } from './CoverArt';
import styles from './SlideFrame.module.css';

/** One slide on its 1280 × 720 canvas: the layout, the content, a quiet footer. */
export function SlideFrame({
  layout,
  number,
  total,
  deckTitle,
  children,
}: {
  layout: SlideLayout;
  number: number;
  total: number;
  deckTitle: string;
  children: ReactNode;
}) {
  return (
    <article className={`${styles.slide} ${styles[layout]}`} data-layout={layout}>
      {layout === 'cover' ? <CoverArt /> : null}
      <div className={styles.content}>{children}</div>
      {layout === 'cover' ? null : (
        <footer className={styles.footer} aria-hidden="true">
          <span className={styles.brand}>
            <span className={styles.logo} />
            {deckTitle}
          </span>
          <span>
            {number} / {total}
          </span>
        </footer>
      )}
    </article>
  );
}
