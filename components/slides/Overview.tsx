'use client';

import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { DeckInfo } from './render-deck';
import { ScaledSlide } from './ScaledSlide';
import styles from './DeckPlayer.module.css';

const COLUMNS = 4;

/** Every slide of the deck at a glance (key `o`); pick one to go there. */
export function Overview({
  info,
  slides,
  current,
  onPick,
  onClose,
}: {
  info: DeckInfo;
  slides: ReactNode[];
  current: number;
  onPick: (slide: number) => void;
  onClose: () => void;
}) {
  const grid = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = grid.current?.querySelector<HTMLButtonElement>(`[data-slide="${current}"]`);
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  }, [current]);

  // Arrow keys move between thumbnails, as in the grid they are drawn in.
  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>) => {
    const delta = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -COLUMNS, ArrowDown: COLUMNS }[e.key];
    const from = Number((document.activeElement as HTMLElement | null)?.dataset.slide);
    if (!delta || !from) return;
    e.preventDefault();
    e.stopPropagation();
    const to = Math.min(slides.length, Math.max(1, from + delta));
    grid.current?.querySelector<HTMLButtonElement>(`[data-slide="${to}"]`)?.focus();
  };

  return (
    <div
      className={styles.overview}
      role="dialog"
      aria-modal="true"
      aria-label={`${info.title}: all slides`}
      data-testid="overview"
    >
      <header className={styles.overviewHeader}>
        <h2>{info.title}</h2>
        <button type="button" className="button secondary" onClick={onClose}>
          Close <kbd>Esc</kbd>
        </button>
      </header>
      <ol ref={grid} className={styles.grid} onKeyDown={onKeyDown}>
        {slides.map((slide, i) => (
          <li key={i} className={`${styles.thumb} ${i + 1 === current ? styles.currentThumb : ''}`}>
            {/* The copy is inert: its links and diagram controls are not to be clicked here. */}
            <div className={styles.thumbSlide} inert>
              <ScaledSlide view={{ step: Number.POSITIVE_INFINITY, mode: 'thumbnail' }}>
                {slide}
              </ScaledSlide>
            </div>
            <button
              type="button"
              className={styles.thumbButton}
              data-slide={i + 1}
              aria-current={i + 1 === current ? 'true' : undefined}
              onClick={() => onPick(i + 1)}
            >
              <span className={styles.thumbNumber}>{i + 1}</span>
              <span className={styles.thumbTitle}>{info.slides[i]?.title}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
