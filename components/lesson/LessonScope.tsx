'use client';

import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { markVisited } from './progress-store';

const LessonSlug = createContext<string | null>(null);

/** The lesson being read: marks it visited, and lets its quiz record a pass. */
export function LessonScope({ slug, children }: { slug: string; children: ReactNode }) {
  useEffect(() => markVisited(slug), [slug]);
  return <LessonSlug.Provider value={slug}>{children}</LessonSlug.Provider>;
}

/** The slug of the enclosing lesson, or null (e.g. in the handout, where nothing is recorded). */
export function useLessonSlug(): string | null {
  return useContext(LessonSlug);
}
