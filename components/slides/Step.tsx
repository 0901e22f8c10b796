'use client';

import type { ReactNode } from 'react';
import { useSlideView } from './slide-view';
import styles from './Step.module.css';

/**
 * A reveal fragment. Authors write `<Step>…</Step>`; the deck parser numbers each one (`n`) and
 * marks those that stand on their own line (`block`). Hidden steps keep their space, so the
 * slide does not jump as they appear.
 */
export function Step({
  n = 0,
  block = false,
  children,
}: {
  n?: number;
  block?: boolean;
  children?: ReactNode;
}) {
  const { step } = useSlideView();
  const shown = step >= n;
  return (
    <span
      className={`${styles.step} ${block ? styles.block : ''}`}
      data-step={n}
      data-shown={shown}
      aria-hidden={!shown}
    >
      {children}
    </span>
  );
}
