/**
 * First-load JavaScript of every lesson page, from the production build: for each lesson, the
 * JS chunks its prerendered HTML makes the browser fetch before the page is interactive (script
 * tags, script preloads, and the client-component chunks named in the inline RSC payload),
 * gzipped, summed, and the maximum over all lessons against the 200 kB budget. Chunks loaded
 * later (mermaid, the interactive diagrams, the search index) are not first load and are not
 * counted; `nomodule` polyfills are skipped, as modern browsers never fetch them.
 *
 *   npx next build && npx tsx bench/lesson-bundle.ts [--dir .next] [--verbose]
 *
 * kB here are 1,000 bytes, gzip at zlib's default level, as a web server would send them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { LESSONS } from '../content/nav';

const BUDGET_KB = 200;

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: '.next' },
    verbose: { type: 'boolean', default: false },
  },
});
const dist = path.resolve(args.dir!);

function lessonHtml(slug: string): string {
  const file = path.join(dist, 'server', 'app', 'learn', `${slug}.html`);
  if (!existsSync(file)) {
    throw new Error(`${file} not found: run \`npx next build\` first (or pass --dir)`);
  }
  return readFileSync(file, 'utf8');
}

/** Paths under /_next/static/ of the JS a page loads at first, in order of appearance. */
function firstLoadScripts(html: string): string[] {
  const noModule = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*>/gi)) {
    const tag = m[0];
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src && /\bnomodule\b/i.test(tag)) noModule.add(src.replace(/^.*?\/_next\//, ''));
  }
  const found = new Set<string>();
  // Script tags, preloads and the RSC payload all name chunks as (/_next/)static/chunks/….js;
  // in the payload the slashes may be escaped.
  for (const m of html.replaceAll('\\/', '/').matchAll(/static\/chunks\/[\w.~-]+\.js/g)) {
    if (!noModule.has(m[0])) found.add(m[0]);
  }
  return [...found];
}

const gzipCache = new Map<string, number>();
function gzipped(chunk: string): number {
  let size = gzipCache.get(chunk);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(dist, chunk))).length;
    gzipCache.set(chunk, size);
  }
  return size;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1).padStart(6)} kB`;

function main(): void {
  const rows = LESSONS.map((l) => {
    const chunks = firstLoadScripts(lessonHtml(l.slug));
    return { slug: l.slug, chunks, total: chunks.reduce((n, c) => n + gzipped(c), 0) };
  });
  const shared = rows
    .map((r) => new Set(r.chunks))
    .reduce((a, b) => new Set([...a].filter((c) => b.has(c))));
  const sharedBytes = [...shared].reduce((n, c) => n + gzipped(c), 0);

  console.log(
    `First-load JS of lesson pages (gzipped), from ${path.relative(process.cwd(), dist) || '.'}`,
  );
  console.log(`shared by every lesson: ${kB(sharedBytes)} in ${shared.size} chunks\n`);
  for (const r of rows) {
    console.log(`  /learn/${r.slug.padEnd(24)} ${kB(r.total)}  (${r.chunks.length} chunks)`);
    if (args.verbose) {
      for (const c of r.chunks.slice().sort((a, b) => gzipped(b) - gzipped(a))) {
        console.log(`      ${kB(gzipped(c))}  ${c}${shared.has(c) ? '' : '  (this page)'}`);
      }
    }
  }
  const max = rows.reduce((a, b) => (b.total > a.total ? b : a));
  const ok = max.total <= BUDGET_KB * 1000;
  console.log(
    `\nmax: ${kB(max.total)} (/learn/${max.slug}); budget ${BUDGET_KB} kB: ${ok ? 'within' : 'OVER'}`,
  );
  if (!ok) process.exitCode = 1;
}

main();
