'use client';

import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import styles from './SlideFrame.module.css';

/**
 * Gives a figure (a diagram, a mermaid chart) whatever height the slide has left and shrinks it
 * to fit if it is taller, so no figure ever runs off the bottom of a slide.
 */
export function Fit({ children }: { children: ReactNode }) {
  const slot = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const s = slot.current;
    const i = inner.current;
    if (!s || !i) return;
    const observer = new ResizeObserver(() => {
      // offsetHeight ignores the transform: it is the figure's natural height.
      const next =
        i.offsetHeight > 0 && s.clientHeight > 0 ? Math.min(1, s.clientHeight / i.offsetHeight) : 1;
      setScale((current) => (Math.abs(current - next) > 0.005 ? next : current));
    });
    observer.observe(s);
    observer.observe(i);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={slot} className={styles.fit}>
      <div
        ref={inner}
        className={styles.fitInner}
        style={{ transform: `translateY(-50%) scale(${scale})` }}
      >
        {children}
      </div>
    </div>
  );
}
