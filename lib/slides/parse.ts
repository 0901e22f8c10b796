/**
 * The deck parser: one markdown (MDX) file in, a list of slides out. Pure, with no MDX or
 * React in it, so it runs the same at build time, in the lab server and in unit tests.
 * The format is documented in slides/README.md.
 */

export const SLIDE_LAYOUTS = ['default', 'cover', 'section', 'center', 'full'] as const;
export type SlideLayout = (typeof SLIDE_LAYOUTS)[number];

/** The slide options there are: in the file's frontmatter, or in an options comment opening a slide. */
const OPTION_KEYS = new Set(['layout', 'title']);

export interface ParsedSlide {
  /** 1-based, as in URLs (`/slides/<deck>/<number>`). */
  number: number;
  /** The deck file's line where the slide's content starts (1-based), for error messages. */
  line: number;
  /** The slide's `title` option, else its first heading, else "Slide N". Plain text. */
  title: string;
  layout: SlideLayout;
  /** MDX source of the slide, speaker notes removed and reveal steps numbered. */
  body: string;
  /** Speaker notes, markdown; '' when the slide has none. */
  notes: string;
  /** How many reveal steps the slide has (0: everything shows at once). */
  steps: number;
}

export interface ParsedDeck {
  slides: ParsedSlide[];
  /** Problems an author should fix (an unknown layout, an unclosed `<Steps>`…). */
  warnings: string[];
}

const SEPARATOR = /^---\s*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const FRONTMATTER_LINE = /^([a-z][\w-]*):[ \t]*(.*)$/i;
/** `{/* layout: full; title: Why pieces? *\/}` alone on a line: a slide's options, as an MDX comment. */
const OPTIONS_COMMENT = /^\{\/\*\s*(.*?)\s*\*\/\}\s*$/;
const OPTION = /^([a-z][\w-]*)\s*:\s*(.*)$/;
const NOTES_START = /^Notes?:[ \t]*(.*)$/;
const HEADING = /^#{1,3}[ \t]+(.+?)[ \t]*#*[ \t]*$/;
const LIST_ITEM = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+\S/;

interface Chunk {
  line: number;
  lines: string[];
  meta: Record<string, string>;
}

/** Walks lines while tracking fenced code, so nothing inside a code block is ever interpreted. */
function fenceTracker() {
  let fence: { char: string; length: number } | null = null;
  return (line: string): boolean => {
    if (fence) {
      const close = new RegExp(`^ {0,3}${fence.char === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
      if (close.test(line)) fence = null;
      return true;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      return true;
    }
    return false;
  };
}

function unquote(value: string): string {
  const v = value.trim();
  return /^(['"]).*\1$/.test(v) ? v.slice(1, -1) : v;
}

/** The file's frontmatter: lines after the opening `---` up to the next, each `key: value` with a known key. */
function readFrontmatter(
  lines: string[],
  from: number,
): { meta: Record<string, string>; end: number } | null {
  const meta: Record<string, string> = {};
  for (let j = from; j < lines.length; j++) {
    const line = lines[j]!;
    if (SEPARATOR.test(line)) return j > from ? { meta, end: j } : null;
    const kv = FRONTMATTER_LINE.exec(line);
    if (!kv || !OPTION_KEYS.has(kv[1]!)) return null;
    meta[kv[1]!] = unquote(kv[2]!);
  }
  return null;
}

function splitChunks(lines: string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk = { line: 1, lines: [], meta: {} };
  let start = 0;
  // Frontmatter at the top of the file holds the first slide's options. (Only there: a block of
  // `key: value` lines between two separators mid-file would not survive a markdown formatter,
  // which reads `text` + `---` as a heading. Later slides use an options comment instead.)
  const top = SEPARATOR.test(lines[0] ?? '') ? readFrontmatter(lines, 1) : null;
  if (top) {
    current = { line: top.end + 2, lines: [], meta: top.meta };
    start = top.end + 1;
  }
  const inCode = fenceTracker();
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (inCode(line)) {
      current.lines.push(line);
      continue;
    }
    if (SEPARATOR.test(line)) {
      chunks.push(current);
      current = { line: i + 2, lines: [], meta: {} };
      continue;
    }
    current.lines.push(line);
  }
  chunks.push(current);
  return chunks;
}

/**
 * Takes a slide's options comment off the top of its lines: the first non-blank line, if it is
 * `{/* key: value; key: value *\/}` with known keys. Any other comment stays (it renders nothing).
 */
function takeOptions(
  lines: string[],
  warn: (message: string) => void,
): { meta: Record<string, string>; lines: string[] } {
  const first = lines.findIndex((l) => l.trim() !== '');
  const m = first < 0 ? null : OPTIONS_COMMENT.exec(lines[first]!);
  if (!m) return { meta: {}, lines };
  const pairs = m[1]!.split(';').map((part) => OPTION.exec(part.trim()));
  if (pairs.some((p) => !p)) return { meta: {}, lines };
  const unknown = pairs.filter((p) => !OPTION_KEYS.has(p![1]!)).map((p) => p![1]);
  if (unknown.length) {
    warn(
      `unknown slide option ${unknown.join(', ')} (the options are ${[...OPTION_KEYS].join(', ')})`,
    );
    return { meta: {}, lines };
  }
  const meta = Object.fromEntries(pairs.map((p) => [p![1]!, unquote(p![2]!)]));
  return { meta, lines: lines.filter((_, i) => i !== first) };
}

/** Splits a slide into its body and its notes (from the first `Notes:` line outside code). */
function splitNotes(lines: string[]): { body: string[]; notes: string } {
  const inCode = fenceTracker();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (inCode(line)) continue;
    const m = NOTES_START.exec(line);
    if (m) {
      const notes = [m[1]!, ...lines.slice(i + 1)].join('\n').trim();
      return { body: lines.slice(0, i), notes };
    }
  }
  return { body: lines, notes: '' };
}

/** Plain text of a markdown heading: no emphasis, code ticks, links or tags. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/<[^>]*>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function findTitle(lines: string[]): string | null {
  const inCode = fenceTracker();
  for (const line of lines) {
    if (inCode(line)) continue;
    const m = HEADING.exec(line);
    if (m) return plainText(m[1]!) || null;
  }
  return null;
}

/**
 * Applies `fn` to the parts of a line outside inline code spans (`` `…` ``), so an example
 * such as `` `<Step>` `` in a slide is shown, not numbered.
 */
function outsideInlineCode(
  line: string,
  fn: (text: string, atLineStart: boolean) => string,
): string {
  const parts = line.split(/(`+[^`]*`+)/);
  return parts.map((part, i) => (i % 2 === 1 ? part : fn(part, i === 0))).join('');
}

const STEP_OPEN = /<Step(?=[\s>])/g;
/** components/slides/Step.module.css has a rule per revealed count up to this many. */
export const MAX_STEPS_ITEMS = 16;
const STEPS_OPEN = /<Steps(?=[\s>])/;
const STEPS_CLOSE = /<\/Steps\s*>/;

/**
 * Numbers the reveal steps of a slide body in document order: each `<Step>` becomes
 * `<Step n={k}>` (plus `block` when it stands on its own line), and each `<Steps>` block
 * becomes `<Steps from={k} count={c}>`, where c is the number of its top-level list items.
 */
function numberSteps(
  lines: string[],
  warn: (message: string) => void,
): { body: string[]; steps: number } {
  let next = 1;
  const out = [...lines];
  const inCode = fenceTracker();
  for (let i = 0; i < out.length; i++) {
    const line = out[i]!;
    if (inCode(line)) continue;
    let stepsBlock = false;
    let rewritten = outsideInlineCode(line, (text, atLineStart) => {
      const indent = text.length - text.trimStart().length;
      let t = text.replace(STEP_OPEN, (_m, offset: number) => {
        // A tag that opens its line is a block in MDX; anywhere else it sits inside a paragraph.
        const block = atLineStart && offset === indent;
        return `<Step n={${next++}}${block ? ' block' : ''}`;
      });
      if (STEPS_OPEN.test(t)) {
        stepsBlock = true;
        t = t.replace(STEPS_OPEN, '<Steps __STEPS__');
      }
      return t;
    });
    if (stepsBlock) {
      let end = i + 1;
      const blockCode = fenceTracker();
      let items: { indent: number }[] = [];
      for (; end < out.length; end++) {
        const l = out[end]!;
        if (blockCode(l)) continue;
        if (STEPS_CLOSE.test(l)) break;
        const item = LIST_ITEM.exec(l);
        if (item) items.push({ indent: item[1]!.replace(/\t/g, '    ').length });
      }
      if (end >= out.length) warn(`<Steps> opened on line ${i + 1} of the slide is never closed`);
      const top = Math.min(...items.map((it) => it.indent));
      items = items.filter((it) => it.indent === top);
      if (items.length === 0)
        warn(`<Steps> on line ${i + 1} of the slide holds no list items to reveal`);
      if (items.length > MAX_STEPS_ITEMS) {
        warn(
          `<Steps> on line ${i + 1} of the slide has ${items.length} items; it reveals at most ${MAX_STEPS_ITEMS}`,
        );
      }
      rewritten = rewritten.replace('__STEPS__', `from={${next}} count={${items.length}}`);
      next += items.length;
    }
    out[i] = rewritten;
  }
  return { body: out, steps: next - 1 };
}

function isLayout(value: string): value is SlideLayout {
  return (SLIDE_LAYOUTS as readonly string[]).includes(value);
}

export function parseDeck(source: string): ParsedDeck {
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const warnings: string[] = [];
  const slides: ParsedSlide[] = [];

  for (const chunk of splitChunks(lines)) {
    const { body: allLines, notes } = splitNotes(chunk.lines);
    // A slide with no content (two separators in a row, a separator at the very start) is dropped.
    if (allLines.every((l) => l.trim() === '') && notes === '') continue;
    const number = slides.length + 1;
    const where = `slide ${number} (line ${chunk.line})`;
    const warn = (m: string) => warnings.push(`${where}: ${m}`);
    const options = takeOptions(allLines, warn);
    const meta = { ...chunk.meta, ...options.meta };
    const bodyLines = options.lines;
    const { body, steps } = numberSteps(bodyLines, warn);

    let layout: SlideLayout = 'default';
    const wanted = meta.layout;
    if (wanted !== undefined) {
      if (isLayout(wanted)) layout = wanted;
      else
        warnings.push(
          `${where}: unknown layout "${wanted}" (use one of ${SLIDE_LAYOUTS.join(', ')})`,
        );
    }

    slides.push({
      number,
      line: chunk.line,
      title: meta.title || findTitle(bodyLines) || `Slide ${number}`,
      layout,
      body: body.join('\n').trim(),
      notes,
      steps,
    });
  }

  if (slides.length === 0) warnings.push('the deck has no slides');
  return { slides, warnings };
}
