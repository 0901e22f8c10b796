'use client';

import Link from 'next/link';
import type { Position } from '@/lib/slides/navigation';
import { deckBySlug } from '@/slides/decks';
import type { DeckInfo } from './render-deck';
import type { SlideSync } from './use-slide-sync';
import { usePointerActive } from './use-idle';
import { toggleFullscreen } from './use-deck-keys';
import styles from './DeckPlayer.module.css';

interface Props {
  info: DeckInfo;
  position: Position;
  following: boolean;
  sync: SlideSync;
  onPrev: () => void;
  onNext: () => void;
  onFollow: () => void;
  onOverview: () => void;
}

/** The bar under the slide: paging, follow, overview, full screen. It fades while the pointer rests. */
export function DeckControls({
  info,
  position,
  following,
  sync,
  onPrev,
  onNext,
  onFollow,
  onOverview,
}: Props) {
  const active = usePointerActive();
  const total = info.slides.length;
  return (
    <nav className={`${styles.controls} ${active ? '' : styles.idle}`} aria-label="Slide controls">
      <Link href="/slides" className={styles.iconButton} aria-label="All decks" title="All decks">
        <span className={styles.logo} aria-hidden="true" />
      </Link>
      <div className={styles.pager}>
        <button type="button" className={styles.iconButton} onClick={onPrev} aria-label="Previous">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M15 5l-7 7 7 7" />
          </svg>
        </button>
        <span className={styles.counter} data-testid="slide-counter">
          {position.slide} / {total}
        </span>
        <button type="button" className={styles.iconButton} onClick={onNext} aria-label="Next">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M9 5l7 7-7 7" />
          </svg>
        </button>
      </div>
      <div className={styles.tools}>
        <FollowChip info={info} following={following} sync={sync} onFollow={onFollow} />
        <button
          type="button"
          className={styles.iconButton}
          onClick={onOverview}
          aria-label="Overview (O)"
          title="Overview (O)"
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <rect x="4" y="4" width="7" height="7" rx="1.5" />
            <rect x="13" y="4" width="7" height="7" rx="1.5" />
            <rect x="4" y="13" width="7" height="7" rx="1.5" />
            <rect x="13" y="13" width="7" height="7" rx="1.5" />
          </svg>
        </button>
        <button
          type="button"
          className={styles.iconButton}
          onClick={toggleFullscreen}
          aria-label="Full screen (F)"
          title="Full screen (F)"
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
          </svg>
        </button>
      </div>
    </nav>
  );
}

function FollowChip({
  info,
  following,
  sync,
  onFollow,
}: Pick<Props, 'info' | 'following' | 'sync' | 'onFollow'>) {
  const where = sync.state;
  if (following) {
    return (
      <span
        className={`${styles.chip} ${sync.connected ? styles.live : styles.offline}`}
        data-testid="follow-status"
        role="status"
      >
        <span className={styles.dot} aria-hidden="true" />
        {sync.connected ? 'Following the instructor' : 'Reconnecting to the lab…'}
      </span>
    );
  }
  if (!where) return null;
  const there =
    where.deck === info.slug
      ? `slide ${where.slide}`
      : `${deckBySlug(where.deck)?.title ?? where.deck}, slide ${where.slide}`;
  return (
    <button
      type="button"
      className={`${styles.chip} ${styles.followButton}`}
      onClick={onFollow}
      title={`The instructor is on ${there}`}
      data-testid="follow-button"
    >
      <span className={styles.dot} aria-hidden="true" />
      Follow the instructor
      {where.deck === info.slug ? <span className={styles.where}>· {there}</span> : null}
    </button>
  );
}
