/**
 * Turns a deck file into React, on the server at build time: the pure parser splits it into
 * slides, and each slide's MDX (and its notes) is compiled on its own with @mdx-js/mdx, the
 * compiler Next's own MDX pipeline uses. A deck cannot be one imported .mdx module, since one
 * module is one document and a deck is many slides; compiling per slide also lets an error
 * name its slide.
 */
import { evaluate } from '@mdx-js/mdx';
import type { MDXContent } from 'mdx/types';
import type { ReactNode } from 'react';
import * as runtime from 'react/jsx-runtime';
import remarkGfm from 'remark-gfm';
import type { SlideLayout } from '@/lib/slides/parse';
import { loadDeck } from '@/slides/load';
import { deckComponents } from './registry';
import { SlideFrame } from './SlideFrame';

/** What the browser needs to know about a deck besides the rendered slides. */
export interface DeckInfo {
  slug: string;
  title: string;
  slides: { title: string; steps: number; layout: SlideLayout }[];
}

export interface RenderedDeck {
  info: DeckInfo;
  /** One rendered slide per entry, in order. */
  slides: ReactNode[];
  /** Speaker notes, one per slide (null when a slide has none). */
  notes: (ReactNode | null)[];
}

async function compile(source: string, where: string): Promise<MDXContent> {
  try {
    const { default: Content } = await evaluate(source, { ...runtime, remarkPlugins: [remarkGfm] });
    return Content;
  } catch (err) {
    throw new Error(`${where}: ${(err as Error).message}`, { cause: err });
  }
}

const cache = new Map<string, Promise<RenderedDeck>>();

async function render(slug: string): Promise<RenderedDeck> {
  const deck = loadDeck(slug);
  if (deck.warnings.length) throw new Error(`${deck.file}:\n  ${deck.warnings.join('\n  ')}`);
  const info: DeckInfo = {
    slug,
    title: deck.entry.title,
    slides: deck.slides.map((s) => ({ title: s.title, steps: s.steps, layout: s.layout })),
  };
  const slides = await Promise.all(
    deck.slides.map(async (s) => {
      const Content = await compile(s.body, `${deck.file}, slide ${s.number} (line ${s.line})`);
      return (
        <SlideFrame
          key={s.number}
          layout={s.layout}
          number={s.number}
          total={deck.slides.length}
          deckTitle={deck.entry.title}
        >
          <Content components={deckComponents} />
        </SlideFrame>
      );
    }),
  );
  const notes = await Promise.all(
    deck.slides.map(async (s) => {
      if (!s.notes) return null;
      const Notes = await compile(s.notes, `${deck.file}, notes of slide ${s.number}`);
      return <Notes key={s.number} components={deckComponents} />;
    }),
  );
  return { info, slides, notes };
}

/** A deck rendered once per build (every slide URL of a deck shares it). */
export function renderDeck(slug: string): Promise<RenderedDeck> {
  let hit = cache.get(slug);
  if (!hit) {
    hit = render(slug);
    cache.set(slug, hit);
  }
  return hit;
}
