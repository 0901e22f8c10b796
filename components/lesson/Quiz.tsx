'use client';

import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useLessonSlug } from './LessonScope';
import { markPassed } from './progress-store';
import { QuizContext, type QuizApi } from './quiz-context';
import { useProgress } from './use-progress';
import styles from './Quiz.module.css';

/**
 * "Check yourself": a few <Question>s. When every question's last check was right, the quiz
 * counts as passed for this lesson (saved in this browser, shown in the sidebar).
 */
export function Quiz({ children, level = 2 }: { children: ReactNode; level?: 2 | 3 }) {
  const headingId = useId();
  const slug = useLessonSlug();
  const progress = useProgress();
  const [questions, setQuestions] = useState<readonly string[]>([]);
  const [results, setResults] = useState<Readonly<Record<string, boolean>>>({});

  const register = useCallback((id: string) => {
    setQuestions((qs) => [...qs, id]);
    return () => setQuestions((qs) => qs.filter((q) => q !== id));
  }, []);
  const report = useCallback((id: string, correct: boolean) => {
    setResults((r) => ({ ...r, [id]: correct }));
  }, []);
  const api = useMemo<QuizApi>(() => ({ register, report }), [register, report]);

  const right = questions.filter((q) => results[q]).length;
  const answered = questions.filter((q) => q in results).length;
  const passed = questions.length > 0 && right === questions.length;
  const passedBefore = slug !== null && progress.passed.includes(slug);

  useEffect(() => {
    if (passed && slug) markPassed(slug);
  }, [passed, slug]);

  const Tag = `h${level}` as const;
  return (
    <section className={styles.quiz} aria-labelledby={headingId} data-quiz>
      <Tag id={headingId} className={styles.title}>
        Check yourself
      </Tag>
      <p className={styles.hint}>
        Pick an answer and check it: each answer explains why it is right or wrong.
      </p>
      <QuizContext.Provider value={api}>
        <ol className={styles.questions}>{children}</ol>
      </QuizContext.Provider>
      <p className={styles.summary} role="status" data-testid="quiz-summary">
        {passed
          ? `All ${questions.length} right: quiz passed. Your progress is saved in this browser.`
          : answered > 0
            ? `${right} of ${questions.length} right so far.`
            : passedBefore
              ? 'You passed this quiz before. Try it again any time.'
              : ''}
      </p>
    </section>
  );
}
