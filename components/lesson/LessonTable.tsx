import type { ComponentProps } from 'react';
import styles from './blocks.module.css';

/**
 * A lesson's markdown table. On a phone a wide table scrolls inside its own box instead of
 * widening the whole page; the box is focusable so the keyboard can scroll it too.
 */
export function LessonTable(props: ComponentProps<'table'>) {
  return (
    // Focusable: a scrollable region must be reachable by keyboard.
    <div className={styles.tableScroll} tabIndex={0} role="region" aria-label="Table">
      <table {...props} />
    </div>
  );
}
