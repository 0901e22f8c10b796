import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DeckPlayer } from '@/components/slides/DeckPlayer';
import { renderDeck } from '@/components/slides/render-deck';
import { DECKS, deckBySlug } from '@/slides/decks';

export const dynamicParams = false;

export function generateStaticParams() {
  return DECKS.map((d) => ({ deck: d.slug }));
}

type Params = { params: Promise<{ deck: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const entry = deckBySlug((await params).deck);
  return entry ? { title: entry.title, description: entry.summary } : {};
}

export default async function DeckPage({ params }: Params) {
  const { deck } = await params;
  if (!deckBySlug(deck)) notFound();
  const { info, slides } = await renderDeck(deck);
  return (
    <main>
      <DeckPlayer info={info} slides={slides} initialSlide={1} />
    </main>
  );
}
