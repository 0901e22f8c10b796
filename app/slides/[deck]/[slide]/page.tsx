import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DeckPlayer } from '@/components/slides/DeckPlayer';
import { renderDeck } from '@/components/slides/render-deck';
import { DECKS, deckBySlug } from '@/slides/decks';
import { loadDeck } from '@/slides/load';

export const dynamicParams = false;

/** Every slide has its own address (/slides/<deck>/<n>), so a reload or a shared link lands on it. */
export function generateStaticParams() {
  return DECKS.flatMap((d) =>
    loadDeck(d.slug).slides.map((s) => ({ deck: d.slug, slide: String(s.number) })),
  );
}

type Params = { params: Promise<{ deck: string; slide: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { deck, slide } = await params;
  const entry = deckBySlug(deck);
  const title = entry ? loadDeck(deck).slides[Number(slide) - 1]?.title : undefined;
  return entry && title ? { title: `${title} · ${entry.title}`, description: entry.summary } : {};
}

export default async function SlidePage({ params }: Params) {
  const { deck, slide } = await params;
  if (!deckBySlug(deck)) notFound();
  const { info, slides } = await renderDeck(deck);
  const n = Number(slide);
  if (!Number.isInteger(n) || n < 1 || n > slides.length) notFound();
  return (
    <main>
      <DeckPlayer info={info} slides={slides} initialSlide={n} />
    </main>
  );
}
