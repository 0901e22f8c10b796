'use client';

import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { SlideViewContext, type SlideView } from './slide-view';
import styles from './ScaledSlide.module.css';

export const SLIDE_WIDTH = 1280;
export const SLIDE_HEIGHT = 720;

/**
 * Fits a 1280 × 720 slide into whatever box it is given, keeping 16:9, by scaling the whole
 * canvas: text, diagrams and live views all grow together, from a thumbnail to a projector.
 */
export function ScaledSlide({
  view,
  className,
  children,
}: {
  view: SlideView;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // 0 until measured: the canvas stays invisible rather than flash at the wrong size.
  const [scale, setScale] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      setScale(Math.min(el.clientWidth / SLIDE_WIDTH, el.clientHeight / SLIDE_HEIGHT));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className={`${styles.viewport} ${className ?? ''}`}>
      <div className={styles.canvas} style={{ transform: `translate(-50%, -50%) scale(${scale})` }}>
        <SlideViewContext.Provider value={view}>{children}</SlideViewContext.Provider>
      </div>
    </div>
  );
}
