'use client';

import { useId, type ReactNode } from 'react';
import { useQuestion } from './quiz-context';
import styles from './Quiz.module.css';

interface Props {
  /** Marks the right answer (exactly one per question). */
  correct?: boolean;
  /** Shown after checking this answer: why it is right, or why it is wrong. */
  why: string;
  children: ReactNode;
}

/** One answer of a <Question>: a radio button and its label. */
export function Choice({ correct = false, why, children }: Props) {
  const id = useId();
  const q = useQuestion();
  const isChecked = q.checked?.choiceId === id;
  const state = isChecked ? (correct ? 'right' : 'wrong') : undefined;
  return (
    <label className={styles.choice} data-state={state}>
      <input
        type="radio"
        name={q.name}
        value={id}
        checked={q.selected === id}
        onChange={() => q.choose({ choiceId: id, correct, why })}
      />
      {/* A div, not a span: formatted MDX may give the answer text its own paragraph. */}
      <div className={styles.choiceText}>{children}</div>
      {state ? (
        <span className={styles.mark} aria-hidden="true">
          {correct ? '✓' : '✗'}
        </span>
      ) : null}
    </label>
  );
}
