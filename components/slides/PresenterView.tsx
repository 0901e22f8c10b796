'use client';

import Link from 'next/link';
import { useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { readInstructorToken } from '@/lib/browser/instructor-token';
import {
  clampPosition,
  firstPosition,
  isAtEnd,
  lastPosition,
  nextPosition,
  nextSlide,
  prevPosition,
  prevSlide,
  type Position,
} from '@/lib/slides/navigation';
import { deckBySlug } from '@/slides/decks';
import { slideHref } from './DeckPlayer';
import { PresenterClock, PresenterSwarm } from './PresenterStatus';
import type { DeckInfo } from './render-deck';
import { ScaledSlide } from './ScaledSlide';
import { toggleFullscreen, useDeckKeys, type DeckAction } from './use-deck-keys';
import { useSlideSync } from './use-slide-sync';
import styles from './Presenter.module.css';

interface Props {
  info: DeckInfo;
  slides: ReactNode[];
  notes: (ReactNode | null)[];
  nextDeck: { slug: string; title: string } | null;
}

const noSubscribe = () => () => {};

/** The instructor's screen: gated by the instructor token, which the lab checks on every move. */
export function PresenterView(props: Props) {
  // undefined while rendering on the server, then the token or null.
  const token = useSyncExternalStore(noSubscribe, readInstructorToken, () => undefined);
  if (token === undefined) return <div className={styles.gate} />;
  if (token === null) {
    return (
      <Gate title="The presenter view is for the instructor">
        <p>
          It moves everyone’s slides, so it needs the instructor token that <code>npm start</code>{' '}
          printed. Open the instructor link from the terminal (it ends in{' '}
          <code>/instructor#token=…</code>) in this browser, then come back here, or add{' '}
          <code>#token=…</code> to this page’s address.
        </p>
        <p>
          Attendee? <Link href={`/slides/${props.info.slug}`}>Open the slides</Link> and press{' '}
          <strong>Follow the instructor</strong>.
        </p>
      </Gate>
    );
  }
  return <Presenter {...props} />;
}

function Gate({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className={styles.gate} data-testid="presenter-gate">
      <div className={`card ${styles.gateCard}`}>
        <h1>{title}</h1>
        {children}
      </div>
    </div>
  );
}

function Presenter({ info, slides, notes, nextDeck }: Props) {
  const shape = useMemo(() => info.slides.map((s) => s.steps), [info]);
  const sync = useSlideSync();
  const [local, setLocal] = useState<Position>(firstPosition);

  // When the class is on this deck, this view shows where the class is (after a reload too).
  const classHere = sync.state?.deck === info.slug ? clampPosition(shape, sync.state) : null;
  const pos = classHere ?? local;
  const elsewhere = sync.state && !classHere ? sync.state : null;

  const goTo = (to: Position) => {
    if (sync.instructor === false) return; // the lab would refuse it anyway
    setLocal(to);
    sync.move({ deck: info.slug, slide: to.slide, step: to.step });
  };

  useDeckKeys((action: DeckAction) => {
    if (action === 'fullscreen') return toggleFullscreen();
    const moves: Partial<Record<DeckAction, () => Position>> = {
      next: () => nextPosition(shape, pos),
      prev: () => prevPosition(shape, pos),
      nextSlide: () => nextSlide(shape, pos),
      prevSlide: () => prevSlide(shape, pos),
      first: () => firstPosition(),
      last: () => lastPosition(shape),
    };
    const move = moves[action];
    if (move) goTo(move());
  });

  if (sync.instructor === false) {
    return (
      <Gate title="The lab did not accept this instructor token">
        <p>
          The token in this browser does not match the running lab’s (a lab gets a new one each time
          it starts). Open the instructor link the lab printed this time, then come back here.
        </p>
      </Gate>
    );
  }

  const current = info.slides[pos.slide - 1];
  const next = nextPosition(shape, pos);
  const atEnd = isAtEnd(shape, pos);
  return (
    <div
      className={styles.presenter}
      data-testid="presenter"
      data-slide={pos.slide}
      data-step={pos.step}
      data-instructor={sync.instructor === true}
    >
      <header className={styles.top}>
        <div className={styles.where}>
          <Link href="/slides" className={styles.back} aria-label="All decks">
            <span className={styles.logo} aria-hidden="true" />
          </Link>
          <div>
            <h1 className={styles.deckTitle}>{info.title}</h1>
            <p className={styles.position} data-testid="presenter-position">
              Slide {pos.slide} of {info.slides.length}
              {current?.steps ? ` · reveal ${pos.step} of ${current.steps}` : ''}
            </p>
          </div>
        </div>
        <PresenterSwarm />
        <PresenterClock />
        <div className={styles.actions}>
          <span
            className={`${styles.status} ${sync.connected ? styles.online : styles.offline}`}
            role="status"
          >
            {sync.connected ? 'Live' : 'Offline: moves are sent on reconnect'}
          </span>
          <a
            className="button secondary"
            href={slideHref(info.slug, pos.slide, true)}
            target="_blank"
            rel="noreferrer"
          >
            Projected view ↗
          </a>
        </div>
      </header>

      <section className={styles.current} aria-label="Current slide">
        {elsewhere || sync.error ? (
          <p className={`${styles.banner} ${sync.error ? styles.bannerError : ''}`} role="status">
            {sync.error ? (
              <>The lab refused the last move: {sync.error}</>
            ) : elsewhere ? (
              <>
                The class is on{' '}
                <strong>{deckBySlug(elsewhere.deck)?.title ?? elsewhere.deck}</strong>, slide{' '}
                {elsewhere.slide}. Your next move brings everyone to this deck.{' '}
                <button type="button" className="button" onClick={() => goTo(pos)}>
                  Bring the class here
                </button>
              </>
            ) : null}
          </p>
        ) : null}
        <div className={styles.slideArea}>
          <ScaledSlide view={{ step: pos.step, mode: 'live' }} className={styles.slideBox}>
            {slides[pos.slide - 1]}
          </ScaledSlide>
        </div>
      </section>

      <aside className={styles.side}>
        <section className={styles.next} aria-label="Next">
          <h2 className={styles.label}>
            {atEnd
              ? 'End of the deck'
              : next.slide === pos.slide
                ? `Next: reveal ${next.step} of ${current?.steps}`
                : `Next: ${info.slides[next.slide - 1]?.title}`}
          </h2>
          {atEnd ? (
            <div className={styles.endCard}>
              {nextDeck ? (
                <Link className="button" href={`/slides/${nextDeck.slug}/presenter`}>
                  Present “{nextDeck.title}” →
                </Link>
              ) : (
                <p className="muted">That was the last deck of the workshop.</p>
              )}
            </div>
          ) : (
            <div className={styles.nextBox}>
              <ScaledSlide view={{ step: next.step, mode: 'thumbnail' }}>
                {slides[next.slide - 1]}
              </ScaledSlide>
            </div>
          )}
        </section>
        <section className={styles.notes} aria-label="Speaker notes" data-testid="presenter-notes">
          <h2 className={styles.label}>Notes</h2>
          <div className={styles.notesBody}>
            {notes[pos.slide - 1] ?? <p className="muted">No notes for this slide.</p>}
          </div>
        </section>
      </aside>

      <footer className={styles.bottom}>
        <button
          type="button"
          className="button secondary"
          onClick={() => goTo(prevPosition(shape, pos))}
        >
          ← Back
        </button>
        <button
          type="button"
          className="button"
          onClick={() => goTo(nextPosition(shape, pos))}
          disabled={atEnd}
        >
          Next →
        </button>
        <span className={styles.keys}>
          <kbd>→</kbd> <kbd>Space</kbd> next · <kbd>←</kbd> back · <kbd>↑</kbd> <kbd>↓</kbd> whole
          slides · <kbd>F</kbd> full screen
        </span>
      </footer>
    </div>
  );
}
