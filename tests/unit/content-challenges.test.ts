/**
 * Content checks for learning by doing: every lesson ends with two or three challenges (change
 * something in a diagram or the live lab, predict, then see), each with a solution; at least one
 * quiz question is answered with the lesson's own diagram; protocol minutiae sit in deep dives,
 * which stay out of the lesson's minutes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  countTag,
  countWords,
  deepDivesOf,
  estimateMinutes,
  plainText,
  readLessonSource,
} from '../../content/lesson-source';
import { LESSONS } from '../../content/nav';

const lessons = LESSONS.map((l) => ({ ...l, source: readLessonSource(l.slug) }));

function challengesOf(source: string) {
  const block = /<Challenges>([\s\S]*?)<\/Challenges>/.exec(source)?.[1] ?? '';
  return [...block.matchAll(/<Challenge\b([^>]*)>([\s\S]*?)<\/Challenge>/g)].map(
    ([, attrs, body]) => ({ attrs: attrs!, body: body! }),
  );
}

for (const lesson of lessons) {
  const { slug, source } = lesson;

  test(`${slug}: one <Challenges> with two or three challenges, before the quiz`, () => {
    assert.equal(countTag(source, 'Challenges'), 1, 'exactly one <Challenges>');
    const n = countTag(source, 'Challenge');
    assert.ok(n >= 2 && n <= 3, `${n} challenges`);
    assert.equal(challengesOf(source).length, n, 'every <Challenge> sits inside <Challenges>');
    assert.ok(source.indexOf('<Challenges>') < source.indexOf('<Quiz>'), 'challenges come first');
  });

  test(`${slug}: every challenge says where, asks for a prediction and has one solution`, () => {
    for (const { attrs, body } of challengesOf(source)) {
      const title = /\btitle="([^"]{8,})"/.exec(attrs)?.[1];
      assert.ok(title, `a challenge needs a title: ${attrs}`);
      assert.match(attrs, /\bwhere="(diagram|lab)"/, `"${title}": where="diagram" or "lab"`);
      assert.equal(countTag(body, 'Solution'), 1, `"${title}": exactly one <Solution>`);
      const [task, solution] = body.split(/<Solution>/);
      assert.match(task!, /\b(predict|guess)/i, `"${title}": ask for a prediction first`);
      const answer = /([\s\S]*?)<\/Solution>/.exec(solution ?? '')?.[1] ?? '';
      assert.ok(countWords(plainText(answer)) >= 25, `"${title}": the solution explains why`);
      if (/where="diagram"/.test(attrs)) {
        assert.match(task!, /diagram|chart|timeline/i, `"${title}": which diagram to change`);
      }
    }
  });

  test(`${slug}: at least one quiz question is answered with the lesson's diagram`, () => {
    const quiz = /<Quiz>([\s\S]*?)<\/Quiz>/.exec(source)?.[1] ?? '';
    const prompts = [...quiz.matchAll(/<Question\s+prompt="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(
      prompts.some((p) => /\b(diagram|chart|timeline)\b/i.test(p)),
      `no question sends the reader to a diagram: ${prompts.join(' | ')}`,
    );
  });

  test(`${slug}: deep dives have a title and a body, and do not count towards the minutes`, () => {
    for (const dive of deepDivesOf(source)) {
      assert.match(dive, /\btitle="[^"]{8,}"/, 'a deep dive needs a title');
      assert.ok(countWords(plainText(dive)) >= 20, 'a deep dive with nothing in it');
    }
    const withDives = source.replace(/<Note\s+kind="deep-dive"[^>]*>/g, '<Note kind="note">');
    assert.ok(
      estimateMinutes(withDives) >= estimateMinutes(source),
      'deep dives must not add to the estimate',
    );
  });
}

test('protocol minutiae live in deep dives, not in the lessons’ main text', () => {
  // The details issue 14 names: UDP retry schedule, KRPC internals, token secrets, PEX limits.
  const minutiae: [slug: string, text: string][] = [
    ['trackers-and-swarms', '3,840 seconds'],
    ['trackers-and-swarms', '74 info hashes'],
    ['without-a-tracker', 'd1:ad2:id20:'],
    ['without-a-tracker', 'changes every five minutes'],
    ['without-a-tracker', '50 added'],
  ];
  for (const [slug, text] of minutiae) {
    const source = readLessonSource(slug);
    const inDives = deepDivesOf(source).some((d) => d.includes(text));
    assert.ok(inDives, `${slug}: "${text}" belongs in a <Note kind="deep-dive">`);
    const outside = source.replace(/<Note\s+kind="deep-dive"[^>]*>[\s\S]*?<\/Note>/g, '');
    assert.ok(!outside.includes(text), `${slug}: "${text}" is still in the main text`);
  }
});
