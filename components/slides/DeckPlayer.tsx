'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import {
  clampPosition,
  firstPosition,
  lastPosition,
  nextPosition,
  nextSlide,
  prevPosition,
  prevSlide,
  type Position,
} from '@/lib/slides/navigation';
import { DeckControls } from './DeckControls';
import { setFollowing, useFollowing } from './follow-store';
import { Overview } from './Overview';
import type { DeckInfo } from './render-deck';
import { ScaledSlide } from './ScaledSlide';
import { toggleFullscreen, useDeckKeys, type DeckAction } from './use-deck-keys';
import { useSlideSync } from './use-slide-sync';
import styles from './DeckPlayer.module.css';

const noSubscribe = () => () => {};

export const slideHref = (deck: string, slide: number, follow = false) =>
  `/slides/${deck}/${slide}${follow ? '?follow=1' : ''}`;

/**
 * The projected view: one slide, full screen, 16:9. Whoever opens it can page through on their
 * own; a follower's view is wherever the instructor is, and their own first move stops following.
 */
export function DeckPlayer({
  info,
  slides,
  initialSlide,
}: {
  info: DeckInfo;
  slides: ReactNode[];
  initialSlide: number;
}) {
  const router = useRouter();
  const shape = useMemo(() => info.slides.map((s) => s.steps), [info]);
  const sync = useSlideSync();
  const following = useFollowing();
  const [pos, setPos] = useState<Position>(() =>
    clampPosition(shape, { slide: initialSlide, step: 0 }),
  );
  const [overview, setOverview] = useState(false);
  // False in the server's HTML, true once hydrated: keys work from then on (tests wait for it).
  const hydrated = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );

  const classHere = sync.state?.deck === info.slug ? clampPosition(shape, sync.state) : null;
  const shown = following && classHere ? classHere : pos;

  // `?follow=1` in the address turns following on (a link from the follow bar, a reload).
  useEffect(() => {
    setFollowing(new URLSearchParams(window.location.search).has('follow'));
    return () => setFollowing(false);
  }, []);

  // Following the class to another deck is a navigation; `replace`, so Back leaves the slides.
  const elsewhere = following && sync.state && sync.state.deck !== info.slug ? sync.state : null;
  useEffect(() => {
    if (elsewhere) router.replace(slideHref(elsewhere.deck, elsewhere.slide, true));
  }, [elsewhere, router]);

  // The address names the slide on screen, so a reload or a shared link lands on it (but it is
  // left alone while a navigation to the class's deck is under way).
  const leaving = elsewhere !== null;
  const slideTitle = info.slides[shown.slide - 1]?.title ?? '';
  useEffect(() => {
    if (leaving) return;
    const url = slideHref(info.slug, shown.slide, following);
    if (window.location.pathname + window.location.search !== url) {
      window.history.replaceState(null, '', url + window.location.hash);
    }
    document.title = `${slideTitle} · ${info.title} · SwarmLab`;
  }, [info.slug, info.title, slideTitle, shown.slide, following, leaving]);

  const goTo = (to: Position) => {
    setFollowing(false);
    setPos(clampPosition(shape, to));
  };

  useDeckKeys((action: DeckAction) => {
    if (action === 'fullscreen') return toggleFullscreen();
    if (action === 'overview') return setOverview((o) => !o);
    if (overview) {
      if (action === 'close') setOverview(false);
      return;
    }
    const moves: Partial<Record<DeckAction, () => Position>> = {
      next: () => nextPosition(shape, shown),
      prev: () => prevPosition(shape, shown),
      nextSlide: () => nextSlide(shape, shown),
      prevSlide: () => prevSlide(shape, shown),
      first: () => firstPosition(),
      last: () => lastPosition(shape),
    };
    const move = moves[action];
    if (move) goTo(move());
  });

  const current = info.slides[shown.slide - 1];
  return (
    <div
      className={styles.stage}
      data-testid="slide-stage"
      data-deck={info.slug}
      data-slide={shown.slide}
      data-step={shown.step}
      data-following={following}
      data-ready={hydrated}
    >
      <h1 className="visually-hidden">
        {info.title}: {current?.title}
      </h1>
      <ScaledSlide view={{ step: shown.step, mode: 'live' }} className={styles.screen}>
        {slides[shown.slide - 1]}
      </ScaledSlide>
      <DeckControls
        info={info}
        position={shown}
        following={following}
        sync={sync}
        onPrev={() => goTo(prevPosition(shape, shown))}
        onNext={() => goTo(nextPosition(shape, shown))}
        onFollow={() => setFollowing(true)}
        onOverview={() => setOverview(true)}
      />
      {overview ? (
        <Overview
          info={info}
          slides={slides}
          current={shown.slide}
          onPick={(slide) => {
            setOverview(false);
            goTo({ slide, step: 0 });
          }}
          onClose={() => setOverview(false)}
        />
      ) : null}
    </div>
  );
}
