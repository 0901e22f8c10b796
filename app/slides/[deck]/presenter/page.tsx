import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PresenterView } from '@/components/slides/PresenterView';
import { renderDeck } from '@/components/slides/render-deck';
import { DECKS, deckBySlug, deckNeighbours } from '@/slides/decks';

export const dynamicParams = false;

export function generateStaticParams() {
  return DECKS.map((d) => ({ deck: d.slug }));
}

type Params = { params: Promise<{ deck: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const entry = deckBySlug((await params).deck);
  return entry ? { title: `Presenter · ${entry.title}`, robots: { index: false } } : {};
}

export default async function PresenterPage({ params }: Params) {
  const { deck } = await params;
  if (!deckBySlug(deck)) notFound();
  const { info, slides, notes } = await renderDeck(deck);
  const { next } = deckNeighbours(deck);
  return (
    <main>
      <PresenterView
        info={info}
        slides={slides}
        notes={notes}
        nextDeck={next ? { slug: next.slug, title: next.title } : null}
      />
    </main>
  );
}
