'use client';

import { createContext, useContext } from 'react';

export interface SlideView {
  /** Reveal steps shown; Infinity shows everything (outside a deck, in the overview). */
  step: number;
  /**
   * `thumbnail` for small copies (the overview grid, the presenter's next-slide preview):
   * live components draw a still stand-in there instead of opening sockets of their own.
   */
  mode: 'live' | 'thumbnail';
}

export const SlideViewContext = createContext<SlideView>({
  step: Number.POSITIVE_INFINITY,
  mode: 'live',
});

export const useSlideView = () => useContext(SlideViewContext);
