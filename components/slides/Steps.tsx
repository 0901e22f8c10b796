'use client';

import type { ReactNode } from 'react';
import { useSlideView } from './slide-view';
import styles from './Step.module.css';

/**
 * Reveals the items of the list inside it one step at a time. The deck parser gives it `from`
 * (the first item's step) and `count` (how many top-level items there are).
 */
export function Steps({
  from = 1,
  count = 0,
  children,
}: {
  from?: number;
  count?: number;
  children?: ReactNode;
}) {
  const { step } = useSlideView();
  const revealed = Math.max(0, Math.min(count, step - from + 1));
  return (
    <div className={styles.steps} data-revealed={revealed}>
      {children}
    </div>
  );
}
