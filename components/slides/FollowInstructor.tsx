'use client';

import Link from 'next/link';
import { useState } from 'react';
import { deckBySlug } from '@/slides/decks';
import { slideHref } from './DeckPlayer';
import { useSlideSync } from './use-slide-sync';
import styles from './FollowInstructor.module.css';

/**
 * "Follow the instructor": where the instructor's slides are, live, and a link that opens them
 * in follow mode. Shown once the instructor has started presenting. `floating` sits in the
 * bottom corner of a lesson page; `inline` is a card in the page's flow (the deck index).
 */
export function FollowInstructor({ variant = 'floating' }: { variant?: 'floating' | 'inline' }) {
  const { state, connected } = useSlideSync();
  // Dismissed for the deck it was showing; it comes back when the instructor changes deck.
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!state || !connected || dismissed === state.deck) return null;
  const deck = deckBySlug(state.deck);
  return (
    <aside
      className={`${styles.bar} ${styles[variant]}`}
      aria-label="Follow the instructor"
      data-testid="follow-instructor"
    >
      <span className={styles.dot} aria-hidden="true" />
      <p className={styles.text}>
        <span className={styles.kicker}>The instructor is presenting</span>
        <span className={styles.where}>
          <strong>{deck?.title ?? state.deck}</strong> · slide {state.slide}
        </span>
      </p>
      <Link className={`button ${styles.follow}`} href={slideHref(state.deck, state.slide, true)}>
        Follow along
      </Link>
      {variant === 'floating' ? (
        <button
          type="button"
          className={styles.close}
          onClick={() => setDismissed(state.deck)}
          aria-label="Hide"
        >
          ×
        </button>
      ) : null}
    </aside>
  );
}
