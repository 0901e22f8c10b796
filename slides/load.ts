/**
 * Reads and parses deck files. Node only (the site's build and the lab server use it; pages
 * in the browser never do). Parsing itself is the pure lib/slides/parse.ts.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDeck, type ParsedDeck } from '../lib/slides/parse';
import type { DeckShape } from '../lib/slides/navigation';
import { DECKS, deckBySlug, type DeckEntry } from './decks';

export interface LoadedDeck extends ParsedDeck {
  entry: DeckEntry;
  file: string;
}

/** The slides/ folder: the working directory's during `next build`, or the one given. */
export const defaultSlidesDir = () => path.join(process.cwd(), 'slides');

const cache = new Map<string, { mtimeMs: number; deck: LoadedDeck }>();

/** A deck by slug, parsed; re-read only when its file changed. Throws for an unknown slug. */
export function loadDeck(slug: string, dir = defaultSlidesDir()): LoadedDeck {
  const entry = deckBySlug(slug);
  if (!entry) throw new Error(`No deck "${slug}" in slides/decks.ts`);
  const file = path.join(dir, `${entry.slug}.mdx`);
  const { mtimeMs } = statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.deck;
  const deck: LoadedDeck = { ...parseDeck(readFileSync(file, 'utf8')), entry, file };
  cache.set(file, { mtimeMs, deck });
  return deck;
}

export function loadAllDecks(dir = defaultSlidesDir()): LoadedDeck[] {
  return DECKS.map((d) => loadDeck(d.slug, dir));
}

/** A deck's shape (reveal steps per slide), or null when there is no such deck. */
export function deckShape(slug: string, dir = defaultSlidesDir()): DeckShape | null {
  if (!deckBySlug(slug)) return null;
  try {
    return loadDeck(slug, dir).slides.map((s) => s.steps);
  } catch {
    return null;
  }
}
