/**
 * Content checks for the lessons: every lesson in content/nav.ts exists, follows the skeleton
 * (intro, you-will-learn, a chart, an interactive diagram, a quiz, a recap), uses only the
 * registered components, and takes 10 to 15 minutes.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ALLOWED_TAGS, DIAGRAMS, REQUIRED_PARTS } from '../../components/lesson/parts';
import {
  CONTENT_DIR,
  anchorsOf,
  countTag,
  estimateMinutes,
  lessonExists,
  readLessonSource,
  tagsOf,
} from '../../content/lesson-source';
import { LESSONS } from '../../content/nav';

const lessons = LESSONS.map((l) => ({
  ...l,
  source: lessonExists(l.slug) ? readLessonSource(l.slug) : '',
}));

test('nav entries are unique, well-formed, and each has its MDX file', () => {
  const slugs = LESSONS.map((l) => l.slug);
  assert.deepEqual(slugs, [...new Set(slugs)], 'duplicate slug in content/nav.ts');
  const titles = LESSONS.map((l) => l.title);
  assert.deepEqual(titles, [...new Set(titles)], 'duplicate title in content/nav.ts');
  for (const l of LESSONS) {
    assert.match(l.slug, /^[a-z0-9]+(-[a-z0-9]+)*$/, `slug "${l.slug}" is not kebab-case`);
    assert.ok(l.title.trim() && l.summary.trim(), `${l.slug}: title and summary are required`);
    assert.ok(lessonExists(l.slug), `${l.slug}: content/${l.slug}.mdx is missing`);
  }
});

test('every MDX file in content/ is a lesson in the nav', () => {
  const files = readdirSync(CONTENT_DIR).filter((f) => f.endsWith('.mdx'));
  const inNav = new Set(LESSONS.map((l) => `${l.slug}.mdx`));
  assert.deepEqual(
    files.filter((f) => !inNav.has(f)),
    [],
    'lesson files missing from content/nav.ts',
  );
});

test('the registry provides every allowed tag', () => {
  const registry = readFileSync(path.join('components', 'lesson', 'registry.tsx'), 'utf8');
  const body = registry.slice(registry.indexOf('lessonComponents'));
  for (const tag of ALLOWED_TAGS) {
    assert.match(body, new RegExp(`\\b${tag},`), `registry.tsx does not register <${tag}>`);
  }
});

for (const lesson of lessons) {
  test(`${lesson.slug}: follows the lesson skeleton`, () => {
    const { source } = lesson;
    const tags = tagsOf(source);
    for (const part of REQUIRED_PARTS) assert.ok(tags.has(part), `missing <${part}>`);
    assert.ok(
      DIAGRAMS.some((d) => tags.has(d)),
      `uses no interactive diagram (one of ${DIAGRAMS.join(', ')})`,
    );
    const unknown = [...tags].filter((t) => !(ALLOWED_TAGS as readonly string[]).includes(t));
    assert.deepEqual(unknown, [], 'tags that the registry does not provide');
    assert.ok(source.trimStart().startsWith('<Intro>'), 'a lesson starts with its <Intro>');
    assert.doesNotMatch(source, /^# /m, 'no # heading: the page renders the title from nav.ts');
    assert.equal(countTag(source, 'Recap'), 1, 'exactly one <Recap>');
    assert.equal(countTag(source, 'Quiz'), 1, 'exactly one <Quiz>');
    assert.match(source, /<Recap>[\s\S]*<\/Recap>\s*$/, 'the <Recap> comes last');
  });

  test(`${lesson.slug}: every diagram has alt text`, () => {
    for (const tag of ['Mermaid', ...DIAGRAMS]) {
      for (const m of lesson.source.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))) {
        assert.match(m[1]!, /\balt="[^"]{20,}"/, `<${tag}> needs a descriptive alt`);
      }
    }
    for (const m of lesson.source.matchAll(/chart=\{`([\s\S]*?)`\}/g)) {
      assert.match(m[1]!.trim(), /^(flowchart|sequenceDiagram|graph)\b/, 'unexpected chart type');
    }
  });

  test(`${lesson.slug}: quiz has 2 to 4 questions, one right answer each, feedback on every answer`, () => {
    const quiz = /<Quiz>([\s\S]*?)<\/Quiz>/.exec(lesson.source)?.[1] ?? '';
    const questions = [...quiz.matchAll(/<Question\s+prompt="([^"]+)">([\s\S]*?)<\/Question>/g)];
    assert.ok(questions.length >= 2 && questions.length <= 4, `${questions.length} questions`);
    for (const [, prompt, body] of questions) {
      const choices = [...body!.matchAll(/<Choice\b([^>]*)>([\s\S]*?)<\/Choice>/g)];
      assert.ok(choices.length >= 2, `"${prompt}": needs at least two choices`);
      const right = choices.filter(([, attrs]) => /\bcorrect\b/.test(attrs!));
      assert.equal(right.length, 1, `"${prompt}": exactly one choice is correct`);
      for (const [, attrs, text] of choices) {
        assert.match(attrs!, /\bwhy="[^"]{15,}"/, `"${text}": needs a why explaining it`);
      }
    }
  });

  test(`${lesson.slug}: section headings are unique`, () => {
    const anchors = anchorsOf(lesson.source);
    assert.ok(anchors.length >= 3, 'a lesson has at least three sections');
    assert.deepEqual(anchors, [...new Set(anchors)], 'two headings with the same anchor');
  });

  test(`${lesson.slug}: takes 10 to 15 minutes, as nav.ts says`, () => {
    const minutes = estimateMinutes(lesson.source);
    assert.ok(minutes >= 10 && minutes <= 15, `estimated ${minutes.toFixed(1)} min`);
    assert.ok(
      Math.abs(minutes - lesson.minutes) <= 1,
      `nav.ts says ${lesson.minutes} min, the text takes about ${minutes.toFixed(1)}`,
    );
  });
}
