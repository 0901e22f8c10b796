/**
 * The lessons' full-text search index, built from the MDX sources at build time and served as
 * static JSON (app/learn/search-index.json/route.ts). The search box fetches it the first time
 * it is used; no outside service is involved.
 */
import { LESSONS } from './nav';
import { readLessonSource, sectionsOf } from './lesson-source';

export interface SearchEntry {
  /** Index into `lessons`. */
  lesson: number;
  heading: string | null;
  anchor: string | null;
  text: string;
}

export interface SearchIndex {
  lessons: { slug: string; title: string; summary: string }[];
  entries: SearchEntry[];
}

export function buildSearchIndex(): SearchIndex {
  return {
    lessons: LESSONS.map(({ slug, title, summary }) => ({ slug, title, summary })),
    entries: LESSONS.flatMap((lesson, i) =>
      sectionsOf(readLessonSource(lesson.slug)).map((s) => ({ lesson: i, ...s })),
    ),
  };
}
