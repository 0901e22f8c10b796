import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDeck, plainText } from '../../lib/slides/parse';

const deck = (...lines: string[]) => lines.join('\n');

test('slides are split at --- lines, numbered from 1, with the line each starts on', () => {
  const parsed = parseDeck(deck('# One', '', 'Hello', '', '---', '', '# Two', '---', '## Three'));
  assert.deepEqual(
    parsed.slides.map((s) => [s.number, s.title, s.line, s.body]),
    [
      [1, 'One', 1, '# One\n\nHello'],
      [2, 'Two', 6, '# Two'],
      [3, 'Three', 9, '## Three'],
    ],
  );
  assert.deepEqual(parsed.warnings, []);
});

test('--- inside fenced code is content, not a separator', () => {
  const parsed = parseDeck(
    deck('# Code', '```yaml', '---', 'a: 1', '---', '```', '~~~~', '---', '~~~~', '---', '# Next'),
  );
  assert.equal(parsed.slides.length, 2);
  assert.match(parsed.slides[0]!.body, /```yaml\n---\na: 1\n---\n```/);
  assert.equal(parsed.slides[1]!.title, 'Next');
});

test('a fence closes only with the same character and at least its length', () => {
  const parsed = parseDeck(deck('````', '```', '---', '````', '---', 'after'));
  assert.equal(parsed.slides.length, 2);
  assert.equal(parsed.slides[1]!.body, 'after');
});

test('frontmatter at the top of the file and an options comment opening a slide set layout and title', () => {
  const parsed = parseDeck(
    deck(
      '---',
      'layout: cover',
      '---',
      '',
      '# Welcome',
      '---',
      '',
      '{/* layout: section; title: "Part two" */}',
      '',
      '# Pieces *and* hashes',
    ),
  );
  assert.deepEqual(
    parsed.slides.map((s) => [s.layout, s.title, s.line, s.body]),
    [
      ['cover', 'Welcome', 4, '# Welcome'],
      ['section', 'Part two', 7, '# Pieces *and* hashes'],
    ],
  );
  assert.deepEqual(parsed.warnings, []);
});

test('key: value lines between separators mid-file are slide content, not options', () => {
  // A markdown formatter would turn `layout: full` + `---` into a heading, so this is not a format.
  const parsed = parseDeck(deck('# One', '---', 'layout: full', '---', '# Two'));
  assert.deepEqual(
    parsed.slides.map((s) => [s.layout, s.body]),
    [
      ['default', '# One'],
      ['default', 'layout: full'],
      ['default', '# Two'],
    ],
  );
});

test('other comments stay; an options comment with an unknown key is a warning', () => {
  const kept = parseDeck(deck('{/* TODO: a better picture */}', '# A'));
  assert.equal(kept.slides[0]!.body, '{/* TODO: a better picture */}\n# A');
  assert.deepEqual(kept.warnings, []);
  const typo = parseDeck(deck('# A', '---', '{/* layuot: full */}', '# B'));
  assert.equal(typo.slides[1]!.layout, 'default');
  assert.match(typo.warnings[0]!, /slide 2 \(line 3\): unknown slide option layuot/);
});

test('an unknown layout is a warning and falls back to the default', () => {
  const parsed = parseDeck(deck('---', 'layout: fancy', '---', '# Hi'));
  assert.equal(parsed.slides[0]!.layout, 'default');
  assert.match(parsed.warnings[0]!, /slide 1 \(line 4\): unknown layout "fancy"/);
});

test('speaker notes start at a Notes: (or Note:) line and run to the end of the slide', () => {
  const parsed = parseDeck(
    deck(
      '# A',
      'Body',
      '',
      'Notes: say hello',
      'and *smile*',
      '---',
      '# B',
      'Note:',
      '- point one',
      '---',
      '# C',
    ),
  );
  assert.deepEqual(
    parsed.slides.map((s) => [s.body, s.notes]),
    [
      ['# A\nBody', 'say hello\nand *smile*'],
      ['# B', '- point one'],
      ['# C', ''],
    ],
  );
});

test('Notes: inside code, or not at the start of a line, is slide content', () => {
  const parsed = parseDeck(deck('# A', '```', 'Notes: not notes', '```', 'See Notes: below?'));
  assert.equal(parsed.slides[0]!.notes, '');
  assert.match(parsed.slides[0]!.body, /Notes: not notes/);
});

test('<Step> fragments are numbered in order; a tag opening its line is a block', () => {
  const parsed = parseDeck(
    deck(
      '# Reveal',
      '<Step>',
      'First',
      '</Step>',
      '',
      'Then <Step>inline</Step> and <Step data-x="1">more</Step>',
    ),
  );
  const [slide] = parsed.slides;
  assert.equal(slide!.steps, 3);
  assert.equal(
    slide!.body,
    '# Reveal\n<Step n={1} block>\nFirst\n</Step>\n\nThen <Step n={2}>inline</Step> and <Step n={3} data-x="1">more</Step>',
  );
});

test('<Step> in inline code or fenced code is left alone', () => {
  const parsed = parseDeck(
    deck('Write `<Step>` like this:', '', '```mdx', '<Step>', 'x', '</Step>', '```'),
  );
  assert.equal(parsed.slides[0]!.steps, 0);
  assert.doesNotMatch(parsed.slides[0]!.body, /n=\{/);
});

test('<Steps> reveals its top-level list items one by one, numbered after earlier steps', () => {
  const parsed = parseDeck(
    deck(
      '<Step>intro</Step>',
      '',
      '<Steps>',
      '',
      '- one',
      '  - nested stays with one',
      '- two',
      '  continued',
      '- three',
      '',
      '</Steps>',
      '',
      '<Step>outro</Step>',
    ),
  );
  const [slide] = parsed.slides;
  assert.equal(slide!.steps, 5);
  assert.match(slide!.body, /^<Step n=\{1\} block>intro<\/Step>/);
  assert.match(slide!.body, /<Steps from=\{2\} count=\{3\}>/);
  assert.match(slide!.body, /<Step n=\{5\} block>outro<\/Step>$/);
});

test('<Steps> counts numbered lists too, and an unclosed or empty one is a warning', () => {
  const ok = parseDeck(deck('<Steps>', '1. a', '2. b', '</Steps>'));
  assert.equal(ok.slides[0]!.steps, 2);
  const bad = parseDeck(deck('# T', '<Steps>', 'no list here'));
  assert.equal(bad.warnings.length, 2);
  assert.match(bad.warnings[0]!, /never closed/);
  assert.match(bad.warnings[1]!, /no list items/);
});

test('empty slides are dropped; CRLF and a BOM are fine; an empty deck is a warning', () => {
  const parsed = parseDeck('\uFEFF---\r\n\r\n---\r\n# Only\r\n---\r\n\r\n');
  assert.deepEqual(
    parsed.slides.map((s) => [s.number, s.title]),
    [[1, 'Only']],
  );
  assert.deepEqual(parseDeck('  \n').warnings, ['the deck has no slides']);
});

test('titles come from the first heading, as plain text', () => {
  const parsed = parseDeck(
    deck('Intro text', '', '## The `info` hash, [explained](https://x)', '# Later'),
  );
  assert.equal(parsed.slides[0]!.title, 'The info hash, explained');
  assert.equal(plainText('**Bold** <Tag>x</Tag> _it_'), 'Bold x it');
});

test('<Steps> with more items than the reveal styles cover is a warning', () => {
  const items = Array.from({ length: 17 }, (_, i) => `- item ${i}`);
  const parsed = parseDeck(deck('<Steps>', ...items, '</Steps>'));
  assert.equal(parsed.slides[0]!.steps, 17);
  assert.match(parsed.warnings[0]!, /17 items; it reveals at most 16/);
});
