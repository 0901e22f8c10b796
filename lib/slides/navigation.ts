/**
 * Moving through a deck, step by step. Pure: a deck's shape (how many reveal steps each slide
 * has) and a position in, a position out. Slides are numbered from 1, as in URLs; step 0 shows
 * a slide with nothing revealed yet, step `steps` shows all of it.
 */

export interface Position {
  slide: number;
  step: number;
}

/** Reveal steps per slide, in order: `shape[0]` is slide 1's. */
export type DeckShape = readonly number[];

const stepsOf = (shape: DeckShape, slide: number) => shape[slide - 1] ?? 0;

/** The nearest valid position: slide within the deck, step within the slide. */
export function clampPosition(shape: DeckShape, pos: Position): Position {
  if (shape.length === 0) return { slide: 1, step: 0 };
  const slide = Math.min(Math.max(1, Math.trunc(pos.slide) || 1), shape.length);
  const step = Math.min(Math.max(0, Math.trunc(pos.step) || 0), stepsOf(shape, slide));
  return { slide, step };
}

/** The next reveal on this slide, else the next slide with nothing revealed; stays at the end. */
export function nextPosition(shape: DeckShape, from: Position): Position {
  const pos = clampPosition(shape, from);
  if (pos.step < stepsOf(shape, pos.slide)) return { slide: pos.slide, step: pos.step + 1 };
  if (pos.slide < shape.length) return { slide: pos.slide + 1, step: 0 };
  return pos;
}

/** One reveal back, else the previous slide as it was left: fully revealed. */
export function prevPosition(shape: DeckShape, from: Position): Position {
  const pos = clampPosition(shape, from);
  if (pos.step > 0) return { slide: pos.slide, step: pos.step - 1 };
  if (pos.slide > 1) return { slide: pos.slide - 1, step: stepsOf(shape, pos.slide - 1) };
  return pos;
}

/** A whole slide forward, skipping its remaining reveals. */
export function nextSlide(shape: DeckShape, from: Position): Position {
  const pos = clampPosition(shape, from);
  return pos.slide < shape.length ? { slide: pos.slide + 1, step: 0 } : pos;
}

/** A whole slide back, to its start. */
export function prevSlide(shape: DeckShape, from: Position): Position {
  const pos = clampPosition(shape, from);
  return pos.slide > 1 ? { slide: pos.slide - 1, step: 0 } : { slide: 1, step: 0 };
}

export const firstPosition = (): Position => ({ slide: 1, step: 0 });

export function lastPosition(shape: DeckShape): Position {
  return clampPosition(shape, { slide: shape.length, step: 0 });
}

export const isAtEnd = (shape: DeckShape, pos: Position) =>
  pos.slide >= shape.length && pos.step >= stepsOf(shape, pos.slide);

export const isAtStart = (pos: Position) => pos.slide <= 1 && pos.step <= 0;
