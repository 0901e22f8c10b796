'use client';

import type { ReactNode } from 'react';

/** Placeholder until the interactive version lands: shows the caption so lessons still read well. */
export function SwarmScaling({ alt, children }: { alt: string; children?: ReactNode }) {
  return (
    <figure role="img" aria-label={alt}>
      <figcaption>{children}</figcaption>
    </figure>
  );
}
