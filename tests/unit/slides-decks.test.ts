/**
 * Content checks for the real decks: each parses cleanly, every slide has speaker notes and
 * compiles as MDX, and a deck uses only the tags the slide registry provides.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { compile } from '@mdx-js/mdx';
import remarkGfm from 'remark-gfm';
import { DECK_COMPONENTS } from '../../lib/slides/components';
import { DECKS } from '../../slides/decks';
import { loadDeck } from '../../slides/load';

const DIR = path.resolve(import.meta.dirname, '../../slides');
const KNOWN = new Set<string>(DECK_COMPONENTS);

test('every deck file is listed in slides/decks.ts, and every listed deck has a file', () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => f.replace(/\.mdx$/, ''))
    .sort();
  assert.deepEqual(files, DECKS.map((d) => d.slug).sort());
});

for (const entry of DECKS) {
  test(`deck "${entry.slug}" parses cleanly, has notes on every slide and compiles`, async () => {
    const deck = loadDeck(entry.slug, DIR);
    assert.deepEqual(deck.warnings, []);
    assert.ok(deck.slides.length >= 6, `${entry.slug} has only ${deck.slides.length} slides`);
    for (const slide of deck.slides) {
      const where = `${entry.slug} slide ${slide.number} (line ${slide.line})`;
      assert.ok(slide.notes.length > 40, `${where} has no speaker notes worth the name`);
      assert.notEqual(slide.title, `Slide ${slide.number}`, `${where} has no heading or title`);
      for (const [, tag] of slide.body.matchAll(/<([A-Z][A-Za-z0-9]*)/g)) {
        assert.ok(
          KNOWN.has(tag!),
          `${where} uses <${tag}>, which is not in lib/slides/components.ts`,
        );
      }
      await assert.doesNotReject(compile(slide.body, { remarkPlugins: [remarkGfm] }), where);
      await assert.doesNotReject(
        compile(slide.notes, { remarkPlugins: [remarkGfm] }),
        `${where} notes`,
      );
    }
  });
}
