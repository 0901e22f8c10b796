'use client';

import { useEffect, useRef } from 'react';

export type DeckAction =
  | 'next'
  | 'prev'
  | 'nextSlide'
  | 'prevSlide'
  | 'first'
  | 'last'
  | 'fullscreen'
  | 'overview'
  | 'close';

/** The deck's keyboard, as in Slidev and reveal.js; presentation clickers send PageUp/PageDown. */
export function deckAction(e: Pick<KeyboardEvent, 'key' | 'shiftKey'>): DeckAction | null {
  switch (e.key) {
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case ' ':
      return e.shiftKey ? 'prev' : 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'prev';
    case 'ArrowDown':
      return 'nextSlide';
    case 'ArrowUp':
      return 'prevSlide';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'f':
    case 'F':
      return 'fullscreen';
    case 'o':
    case 'O':
      return 'overview';
    case 'Escape':
      return 'close';
    default:
      return null;
  }
}

/** Keys typed into a field, or Space/Enter on a button or link, belong to that element. */
function ownedByTarget(e: KeyboardEvent): boolean {
  const el = e.target instanceof Element ? e.target : null;
  if (!el) return false;
  if (el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'))
    return true;
  return (e.key === ' ' || e.key === 'Enter') && !!el.closest('button, a, [role="button"]');
}

export function useDeckKeys(onAction: (action: DeckAction) => void) {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || ownedByTarget(e)) return;
      const action = deckAction(e);
      if (!action) return;
      e.preventDefault();
      handler.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Full screen on and off (a key press counts as the user gesture browsers ask for). */
export function toggleFullscreen() {
  const done = () => {};
  if (document.fullscreenElement) void document.exitFullscreen().catch(done);
  else void document.documentElement.requestFullscreen?.().catch(done);
}
