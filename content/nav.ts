/**
 * The course order. A lesson's file is content/<slug>.mdx and its URL is /learn/<slug>;
 * the order is this list, never the file system's.
 */
export interface LessonEntry {
  slug: string;
  title: string;
  /** One line for the course index. */
  summary: string;
  minutes: number;
}

export const LESSONS: readonly LessonEntry[] = [
  {
    slug: 'pieces-and-hashes',
    title: 'Pieces and hashes',
    summary: 'How a file is cut into pieces, fingerprinted, and described by a .torrent or a magnet link.',
    minutes: 15,
  },
];

export function lessonBySlug(slug: string): LessonEntry | undefined {
  return LESSONS.find((l) => l.slug === slug);
}

export function neighbours(slug: string): { prev?: LessonEntry; next?: LessonEntry } {
  const i = LESSONS.findIndex((l) => l.slug === slug);
  if (i < 0) return {};
  return { prev: LESSONS[i - 1], next: LESSONS[i + 1] };
}
