'use client';

/**
 * The interactive diagrams, as lessons use them: each one's code is fetched only when a lesson
 * renders it, after the page has loaded, so a lesson's first load carries none of them. The
 * server still renders them in full (React.lazy resolves during prerendering), so the HTML has
 * the diagram and hydration picks it up when its chunk arrives.
 */
import { lazy, Suspense, type ComponentProps, type ComponentType, type ReactNode } from 'react';
import type * as Diagrams from '@/components/diagrams';
import { DiagramFallback } from './DiagramFallback';

interface DiagramProps {
  alt: string;
  children?: ReactNode;
}

function lazyDiagram<P extends DiagramProps>(load: () => Promise<ComponentType<P>>) {
  const Lazy = lazy(async () => ({ default: await load() }));
  function LazyDiagram(props: P) {
    return (
      <Suspense fallback={<DiagramFallback alt={props.alt}>{props.children}</DiagramFallback>}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return LazyDiagram;
}

// One import() per diagram file, not the barrel, so each lesson fetches only the ones it shows;
// the types come from the barrel (@/components/diagrams), the public surface.
export const PieceExchange = lazyDiagram<ComponentProps<typeof Diagrams.PieceExchange>>(() =>
  import('@/components/diagrams/PieceExchange').then((m) => m.PieceExchange),
);
export const SwarmScaling = lazyDiagram<ComponentProps<typeof Diagrams.SwarmScaling>>(() =>
  import('@/components/diagrams/SwarmScaling').then((m) => m.SwarmScaling),
);
export const HandshakeSequence = lazyDiagram<ComponentProps<typeof Diagrams.HandshakeSequence>>(
  () => import('@/components/diagrams/HandshakeSequence').then((m) => m.HandshakeSequence),
);
export const ChokingTimeline = lazyDiagram<ComponentProps<typeof Diagrams.ChokingTimeline>>(() =>
  import('@/components/diagrams/ChokingTimeline').then((m) => m.ChokingTimeline),
);
export const DhtLookup = lazyDiagram<ComponentProps<typeof Diagrams.DhtLookup>>(() =>
  import('@/components/diagrams/DhtLookup').then((m) => m.DhtLookup),
);
export const WhoSeesWhat = lazyDiagram<ComponentProps<typeof Diagrams.WhoSeesWhat>>(() =>
  import('@/components/diagrams/WhoSeesWhat').then((m) => m.WhoSeesWhat),
);
