import type { Metadata } from 'next';
import Link from 'next/link';
import { FollowInstructor } from '@/components/slides/FollowInstructor';
import { DECKS } from '@/slides/decks';
import { loadDeck } from '@/slides/load';
import styles from '@/components/slides/DeckIndex.module.css';

export const metadata: Metadata = {
  title: 'Slides',
  description: 'The workshop’s slide decks, one per part, for the projector or to follow along.',
};

export default function SlidesIndexPage() {
  return (
    <main className={`container ${styles.page}`}>
      <header className={styles.header}>
        <h1>Slides</h1>
        <p className="muted">
          One deck per part of the workshop. Open one to page through it yourself, or follow the
          instructor and your screen moves with the projector.
        </p>
      </header>
      <FollowInstructor variant="inline" />
      <ol className={styles.decks}>
        {DECKS.map((deck, i) => (
          <li key={deck.slug} className={styles.deck}>
            <span className={styles.part}>Part {i + 1}</span>
            <h2>
              <Link href={`/slides/${deck.slug}`}>{deck.title}</Link>
            </h2>
            <p>{deck.summary}</p>
            <p className={styles.meta}>
              {loadDeck(deck.slug).slides.length} slides · about {deck.minutes} min ·{' '}
              <Link href={`/slides/${deck.slug}/presenter`} className={styles.present}>
                Present
              </Link>
            </p>
          </li>
        ))}
      </ol>
      <p className={`muted ${styles.keys}`}>
        Keys: <kbd>→</kbd> <kbd>Space</kbd> next · <kbd>←</kbd> back · <kbd>↑</kbd> <kbd>↓</kbd>{' '}
        whole slides · <kbd>Home</kbd> <kbd>End</kbd> · <kbd>O</kbd> overview · <kbd>F</kbd> full
        screen
      </p>
    </main>
  );
}
