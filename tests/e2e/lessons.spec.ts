/**
 * The lessons as a reader meets them, in Chromium against the real lab server: every lesson
 * renders its mermaid chart and its interactive diagram, its quiz answers with feedback, the
 * sidebar tracks progress, search finds a lesson, and the handout holds them all. The fixtures
 * fail any test that makes a request off this machine or logs a console error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { LESSONS } from '../../content/nav';
import { expect, test } from './fixtures';

/** An answer's MDX as the reader sees it: no backticks, whitespace collapsed. */
function readable(mdx: string): string {
  return mdx.replace(/`/g, '').replace(/\s+/g, ' ').trim();
}

interface QuizAnswer {
  right: string;
  wrong: string;
}

/** The first question's right answer and one wrong answer, as the reader sees them. */
function firstQuestion(slug: string): QuizAnswer {
  const source = readFileSync(path.join('content', `${slug}.mdx`), 'utf8');
  const question = /<Question\b[\s\S]*?<\/Question>/.exec(source)?.[0] ?? '';
  const choices = [...question.matchAll(/<Choice\b([^>]*)>([\s\S]*?)<\/Choice>/g)].map(
    ([, attrs, text]) => ({ correct: /\bcorrect\b/.test(attrs!), text: readable(text!) }),
  );
  return {
    right: choices.find((c) => c.correct)!.text,
    wrong: choices.find((c) => !c.correct)!.text,
  };
}

async function openLesson(page: Page, slug: string): Promise<void> {
  await page.goto(`/learn/${slug}`);
  const title = LESSONS.find((l) => l.slug === slug)!.title;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

for (const [i, lesson] of LESSONS.entries()) {
  test(`lesson ${i + 1}, ${lesson.slug}: chart, diagram, challenges and quiz work`, async ({
    page,
    watch,
  }) => {
    watch(page);
    await openLesson(page, lesson.slug);

    const course = page.getByRole('navigation', { name: 'Course' });
    await expect(course.locator('[aria-current="page"]')).toContainText(lesson.title);

    // Mermaid is fetched after hydration and draws into the figure.
    await expect(page.locator('[data-mermaid] svg').first()).toBeVisible();
    await expect(page.getByText('Diagram failed to render')).toHaveCount(0);

    // The interactive diagram's code arrives lazily and takes over from the fallback.
    await expect(page.locator('[data-diagram]').first()).toBeVisible();
    await expect(page.locator('[data-diagram-loading]')).toHaveCount(0);

    // Two or three challenges; a solution stays closed until asked for, then opens in place.
    const challenges = page.locator('[data-challenges] [data-challenge]');
    const count = await challenges.count();
    expect(count >= 2 && count <= 3, `${count} challenges`).toBe(true);
    const first = challenges.first();
    const solution = first.locator('details > div');
    await expect(solution).toBeHidden();
    await first.getByText('Show solution').click();
    await expect(solution).toBeVisible();

    // A deep dive is closed too, and opens from its summary.
    const dive = page.locator('aside details').first();
    if ((await dive.count()) > 0) {
      await expect(dive).not.toHaveAttribute('open', '');
      await dive.locator('summary').click();
      await expect(dive).toHaveAttribute('open', '');
    }

    // Answer the first question: wrong with the mouse, then right with the keyboard.
    const { right, wrong } = firstQuestion(lesson.slug);
    const question = page.locator('[data-quiz] li').first();
    const feedback = question.getByRole('status');
    await question.getByRole('radio', { name: wrong, exact: true }).check();
    await question.getByRole('button', { name: 'Check answer' }).click();
    await expect(feedback).toContainText('Not quite.');

    const radios = question.getByRole('radio');
    const names = await radios.evaluateAll((els) =>
      els.map((el) => (el.closest('label')?.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
    const from = names.findIndex((n) => n.startsWith(wrong));
    const to = names.findIndex((n) => n.startsWith(right));
    await radios.nth(from).focus();
    for (let k = from; k !== to; k += to > from ? 1 : -1) {
      await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
    }
    await expect(question.getByRole('radio', { name: right, exact: true })).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(question.getByRole('button', { name: 'Check answer' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(feedback).toContainText('Right.');
  });
}

test('passing a quiz and reading lessons shows in the sidebar', async ({ page, watch }) => {
  watch(page);
  const lesson = LESSONS[0]!;
  await openLesson(page, lesson.slug);
  const source = readFileSync(path.join('content', `${lesson.slug}.mdx`), 'utf8');
  const questions = [...source.matchAll(/<Question\b[\s\S]*?<\/Question>/g)].map((m) =>
    readable(/<Choice\s+correct\b[^>]*>([\s\S]*?)<\/Choice>/.exec(m[0])![1]!),
  );
  const items = page.locator('[data-quiz] li');
  for (const [q, answer] of questions.entries()) {
    await items.nth(q).getByRole('radio', { name: answer, exact: true }).check();
    await items.nth(q).getByRole('button', { name: 'Check answer' }).click();
  }
  await expect(page.getByTestId('quiz-summary')).toContainText('quiz passed');

  const course = page.getByRole('navigation', { name: 'Course' });
  await expect(course.getByTestId('course-progress')).toContainText(
    `1 of ${LESSONS.length} read · 1 quiz passed`,
  );
  await expect(course.getByRole('link', { name: /quiz passed/ })).toHaveCount(1);

  // Progress survives navigation and reloads: it lives in localStorage.
  await course.getByRole('link', { name: LESSONS[1]!.title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LESSONS[1]!.title);
  await page.reload();
  await expect(course.getByTestId('course-progress')).toContainText(
    `2 of ${LESSONS.length} read · 1 quiz passed`,
  );
});

test('search finds a lesson by a word in its text', async ({ page, watch }) => {
  watch(page);
  await page.goto('/learn');
  const box = page.getByRole('searchbox', { name: 'Search the lessons' });
  await box.fill('kademlia');
  const first = page.getByTestId('search-hit').first();
  await expect(first).toContainText('Without a tracker');
  await expect(first.locator('mark')).toHaveText(/kademlia/i);

  // Keyboard: down from the box onto the first result, Enter to open it.
  await box.press('ArrowDown');
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/learn\/without-a-tracker/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Without a tracker');

  // The sidebar search on a lesson page uses the same index.
  const sidebarBox = page.getByRole('navigation', { name: 'Course' }).getByRole('searchbox');
  await sidebarBox.fill('zzz-no-such-word');
  await expect(page.getByText('No lesson mentions that.')).toBeVisible();
});

test('the handout holds every lesson on one printable page', async ({ page, watch }) => {
  watch(page);
  await page.goto('/learn/handout');
  for (const lesson of LESSONS) {
    await expect(page.getByRole('heading', { level: 2, name: lesson.title })).toBeVisible();
  }
  await expect(page.locator('[data-quiz]')).toHaveCount(LESSONS.length);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await expect(page.locator('body > header')).toBeHidden();
});
