/**
 * Reading the lessons' MDX sources as text, for the search index (built at build time by
 * app/learn/search-index.json/route.ts) and for the content checks in tests/unit. Node only.
 *
 * This is deliberately a light, line-based reading of our own MDX, not a full MDX parser: the
 * lessons use a small, fixed set of tags (components/lesson/registry.tsx), and the tests hold
 * them to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { headingId } from '../components/lesson/heading-id';
import { DIAGRAMS } from '../components/lesson/parts';

export const CONTENT_DIR = path.join(process.cwd(), 'content');

export function lessonFile(slug: string, dir = CONTENT_DIR): string {
  return path.join(dir, `${slug}.mdx`);
}

export function lessonExists(slug: string): boolean {
  return existsSync(lessonFile(slug));
}

/** `dir` for callers whose working directory may not be the project (the lab's class pack). */
export function readLessonSource(slug: string, dir = CONTENT_DIR): string {
  return readFileSync(lessonFile(slug, dir), 'utf8');
}

/** The source without fenced code blocks and without mermaid `chart={`…`}` literals. */
function withoutCode(source: string, keepCodeText: boolean): string {
  const noCharts = source.replace(/chart=\{`[\s\S]*?`\}/g, '');
  return noCharts.replace(/^```[^\n]*\n([\s\S]*?)^```\s*$/gm, (_m, body: string) =>
    keepCodeText ? body : '',
  );
}

/** Markdown and JSX reduced to the words a reader sees (and the alt texts they would hear). */
export function plainText(mdx: string): string {
  return (
    withoutCode(mdx, true)
      .replace(/^(import|export)\s.*$/gm, '')
      // Subscripts read as in plain-text maths: u<sub>s</sub> becomes u_s (the marker keeps
      // the underscore out of the emphasis rule below, and becomes "_" at the end).
      .replace(/<sub>([^<]*)<\/sub>/g, '\u0001$1')
      .replace(/<sup>([^<]*)<\/sup>/g, '^$1')
      // A tag gives way to its readable string props: quiz prompts and feedback, titles, alts.
      .replace(/<\/?[A-Za-z][^>"]*(?:"[^"]*"[^>"]*)*>/g, (tag) =>
        [...tag.matchAll(/\b(?:title|prompt|why|alt|action)="([^"]*)"/g)]
          .map((m) => ` ${m[1]}${/[.!?:]$/.test(m[1]!) ? '' : '.'} `)
          .join('\n'),
      )
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/(\*\*|__|\*|_)(\S[^*_]*?)\1/g, '$2')
      .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+\.|>)\s+/gm, '')
      .replace(/^\s*\|?[-:| ]+\|?\s*$/gm, '')
      .replace(/\|/g, ' ')
      .replace(/&[a-z]+;/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .replace(/\n{2,}/g, '\n')
      .replaceAll('\u0001', '_')
      .trim()
  );
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export interface Section {
  /** The ## or ### heading above this text, or null for the text before the first one. */
  heading: string | null;
  /** The heading's id on the page (see components/lesson/heading-id.ts). */
  anchor: string | null;
  text: string;
  /**
   * The same text cut at blank lines, for readers that keep paragraphs (the class pack's
   * handout): a paragraph is one line of text; a list keeps one line per item.
   */
  blocks: { list: boolean; lines: string[] }[];
}

const LIST_ITEM = /^\s{0,3}([-*+]|\d+\.)\s+/;

function blocksOf(lines: string[]): Section['blocks'] {
  return (
    lines
      .join('\n')
      // A JSX tag may span lines (and blank ones, where a chart literal was cut): one line each.
      .replace(/<\/?[A-Za-z][^>"]*(?:"[^"]*"[^>"]*)*>/g, (tag) => tag.replace(/\s*\n\s*/g, ' '))
      .split(/\n\s*\n/)
      .map((raw) => {
        const rawLines = raw.split('\n').filter((l) => l.trim());
        const list =
          rawLines.length > 0 &&
          rawLines.every((l) => LIST_ITEM.test(l) || /^\s{2,}\S/.test(l)) &&
          LIST_ITEM.test(rawLines[0]!);
        if (!list) return { list, lines: [plainText(raw).replace(/\s*\n\s*/g, ' ')] };
        // One item per marker; continuation lines join their item.
        const items: string[] = [];
        for (const l of rawLines) {
          if (LIST_ITEM.test(l)) items.push(l);
          else items[items.length - 1] += ` ${l.trim()}`;
        }
        return { list, lines: items.map((i) => plainText(i).replace(/\s*\n\s*/g, ' ')) };
      })
      .map((b) => ({ ...b, lines: b.lines.filter(Boolean) }))
      .filter((b) => b.lines.length > 0)
  );
}

/**
 * The lesson cut at its ## and ### headings, each part as plain text. The <Recap> is a part of
 * its own (it has no anchor: links to it land on the lesson), and the <Quiz> is left out: its
 * wrong answers would only make searches match in misleading places.
 */
export function sectionsOf(source: string): Section[] {
  const sections: Section[] = [];
  let heading: string | null = null;
  let anchor: string | null = null;
  let lines: string[] = [];
  let inQuiz = false;
  const flush = () => {
    const text = plainText(lines.join('\n'));
    if (heading !== null || text) sections.push({ heading, anchor, text, blocks: blocksOf(lines) });
  };
  for (const line of withoutCode(source, true).split('\n')) {
    if (inQuiz) {
      inQuiz = !line.includes('</Quiz>');
      continue;
    }
    if (/^<Quiz[\s>]/.test(line)) {
      inQuiz = !line.includes('</Quiz>');
      continue;
    }
    const m = /^#{2,3}\s+(.+?)\s*$/.exec(line);
    if (m || /^<Recap[\s>]/.test(line)) {
      flush();
      heading = m ? plainText(m[1]!) : 'Recap';
      anchor = m ? headingId(heading) : null;
      lines = m ? [] : [line];
    } else {
      lines.push(line);
    }
  }
  flush();
  return sections;
}

/** Ids of the ## and ### headings of a lesson, as the page renders them. */
export function anchorsOf(source: string): string[] {
  const ids: string[] = [];
  for (const line of withoutCode(source, false).split('\n')) {
    const m = /^#{2,3}\s+(.+?)\s*$/.exec(line);
    if (m) ids.push(headingId(plainText(m[1]!)));
  }
  return ids;
}

/** Every JSX tag name used (outside code): `<Quiz>` gives "Quiz". */
export function tagsOf(source: string): Set<string> {
  const tags = new Set<string>();
  for (const m of withoutCode(source, false).matchAll(/<([A-Z][A-Za-z0-9]*)[\s/>]/g))
    tags.add(m[1]!);
  return tags;
}

/** How many times a tag is used. */
export function countTag(source: string, tag: string): number {
  return [...withoutCode(source, false).matchAll(new RegExp(`<${tag}[\\s/>]`, 'g'))].length;
}

/** Links to this site (paths starting with "/"), from markdown links and href props. */
export function internalLinks(source: string): string[] {
  const text = withoutCode(source, false);
  const links: string[] = [];
  for (const m of text.matchAll(/\]\((\/[^)\s]*)\)/g)) links.push(m[1]!);
  for (const m of text.matchAll(/\bhref=["'{`]+(\/[^"'`}\s]*)/g)) links.push(m[1]!);
  return links;
}

const DEEP_DIVE = /<Note\s+kind="deep-dive"[^>]*>[\s\S]*?<\/Note>/g;
const SOLUTION = /<Solution>[\s\S]*?<\/Solution>/g;

/** The deep dives' bodies: optional reading, closed until opened, so outside the lesson's minutes. */
export function deepDivesOf(source: string): string[] {
  return [...withoutCode(source, true).matchAll(DEEP_DIVE)].map((m) => m[0]);
}

/**
 * Minutes to work through a lesson: reading at 200 words a minute (a beginner reading new,
 * technical material), plus time to play with each interactive diagram, look at each chart,
 * try each challenge and think over each quiz question. Deep dives and challenge solutions are
 * left out: both are closed until a reader opens them, and the lesson makes sense without them.
 */
export function estimateMinutes(source: string): number {
  const core = source.replace(DEEP_DIVE, '').replace(SOLUTION, '');
  const words = countWords(plainText(core));
  const diagrams = DIAGRAMS.reduce((n, tag) => n + countTag(source, tag), 0);
  return (
    words / 200 +
    diagrams * 1 +
    countTag(source, 'Mermaid') * 0.5 +
    countTag(source, 'Challenge') * 0.5 +
    countTag(source, 'Question') * 0.25
  );
}
