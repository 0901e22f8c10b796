/**
 * Full-text search over the lessons' index (content/search-index.ts), in the browser. Pure, so
 * it is unit-tested without a page: every word of the query must appear in a section; a match
 * in the section heading or the lesson title counts more than one in the text, the whole query
 * as a phrase counts most, and a section of a lesson that is about the topic beats a passing
 * mention elsewhere.
 */
import type { SearchIndex } from '@/content/search-index';

export interface SearchHit {
  href: string;
  lessonTitle: string;
  heading: string | null;
  /** The text around the best match, cut into parts so the matches can be highlighted. */
  snippet: { text: string; match: boolean }[];
  score: number;
}

/** Words too common to search for, unless the query has nothing else. */
const STOP_WORDS = new Set(
  'a an and are as at be by do does for from how i in is it of on or the to what when where which who why with you your'.split(
    ' ',
  ),
);

export function queryTerms(query: string): string[] {
  const words = normalize(query)
    .split(' ')
    .filter((t) => t.length >= 2 || /\d/.test(t));
  const unique = [...new Set(words)];
  const meaningful = unique.filter((t) => !STOP_WORDS.has(t));
  return meaningful.length > 0 ? meaningful : unique;
}

/** Lower case, every run of non-letters and non-digits as one space: "Tit-for-tat" → "tit for tat". */
function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function occurrences(hay: string, term: string, cap: number): number {
  let n = 0;
  for (let i = hay.indexOf(term); i >= 0 && n < cap; i = hay.indexOf(term, i + term.length)) n++;
  return n;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern for the query as a phrase, in the original text: "tit for tat" finds "tit-for-tat". */
function phrasePattern(query: string): RegExp | null {
  const words = normalize(query).split(' ').filter(Boolean);
  if (words.length < 2) return null;
  return new RegExp(words.map(escapeRegExp).join('[^\\p{L}\\p{N}]+'), 'iu');
}

function snippetAround(text: string, terms: string[], phrase: RegExp | null): SearchHit['snippet'] {
  const lower = text.toLowerCase();
  let at = -1;
  const p = phrase?.exec(text);
  if (p) at = p.index;
  else {
    // Centre on the longest term: it is usually the one the reader cares about.
    const term = [...terms].sort((a, b) => b.length - a.length).find((t) => lower.includes(t));
    if (term) at = lower.indexOf(term);
  }
  if (at < 0) return [{ text: text.slice(0, 140).trimEnd() + '…', match: false }];
  const start = Math.max(0, text.lastIndexOf(' ', Math.max(0, at - 60)) + 1);
  const endSpace = text.indexOf(' ', at + 120);
  const end = endSpace < 0 ? text.length : endSpace;
  const window = text.slice(start, end);
  const pattern = new RegExp([...(p ? [p[0]] : []), ...terms].map(escapeRegExp).join('|'), 'giu');
  const parts: SearchHit['snippet'] = [];
  let last = 0;
  for (const m of window.matchAll(pattern)) {
    if (m.index > last) parts.push({ text: window.slice(last, m.index), match: false });
    parts.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (last < window.length) parts.push({ text: window.slice(last), match: false });
  if (start > 0) parts.unshift({ text: '…', match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}

export function searchLessons(index: SearchIndex, query: string, limit = 8): SearchHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const phrase = phrasePattern(query);

  const lessonCounts = new Map<number, number>();
  for (const entry of index.entries) {
    const text = entry.text.toLowerCase();
    const n = terms.reduce((sum, t) => sum + occurrences(text, t, 10), 0);
    lessonCounts.set(entry.lesson, (lessonCounts.get(entry.lesson) ?? 0) + n);
  }

  const best = new Map<string, SearchHit>();
  for (const entry of index.entries) {
    const lesson = index.lessons[entry.lesson];
    if (!lesson) continue;
    const title = lesson.title.toLowerCase();
    const heading = (entry.heading ?? '').toLowerCase();
    const text = entry.text.toLowerCase();
    let score = 0;
    let all = true;
    for (const t of terms) {
      const inTitle = title.includes(t);
      const inHeading = heading.includes(t);
      const inText = occurrences(text, t, 5);
      if (!inTitle && !inHeading && inText === 0) {
        all = false;
        break;
      }
      score += (inTitle ? 6 : 0) + (inHeading ? 8 : 0) + inText;
    }
    if (!all) continue;
    if (phrase && (phrase.test(entry.text) || phrase.test(entry.heading ?? ''))) score += 15;
    score += Math.min(10, lessonCounts.get(entry.lesson) ?? 0);
    // The intro of a lesson whose title matches is the best landing place for that lesson.
    if (entry.heading === null && terms.every((t) => title.includes(t))) score += 10;

    const href = `/learn/${lesson.slug}${entry.anchor ? `#${entry.anchor}` : ''}`;
    const seen = best.get(href);
    // One hit per place: a lesson's intro and its recap both land on the lesson itself.
    if (seen && seen.score >= score) continue;
    best.set(href, {
      href,
      lessonTitle: lesson.title,
      heading: entry.heading,
      snippet: snippetAround(entry.text, terms, phrase),
      score,
    });
  }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
}
