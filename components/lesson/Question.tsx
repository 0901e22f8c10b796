'use client';

import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { inlineText } from './inline-text';
import { QuestionContext, useQuiz, type Answer, type QuestionApi } from './quiz-context';
import styles from './Quiz.module.css';

/** One quiz question: a radio group of <Choice>s, a check button and the feedback. */
export function Question({ prompt, children }: { prompt: string; children: ReactNode }) {
  const id = useId();
  const quiz = useQuiz();
  const [selected, setSelected] = useState<Answer | null>(null);
  const [checked, setChecked] = useState<Answer | null>(null);
  const [nudge, setNudge] = useState(false);

  useEffect(() => quiz?.register(id), [quiz, id]);

  const api = useMemo<QuestionApi>(
    () => ({
      name: id,
      selected: selected?.choiceId ?? null,
      checked,
      choose: (answer) => {
        setSelected(answer);
        setChecked(null);
        setNudge(false);
      },
    }),
    [id, selected, checked],
  );

  return (
    <li className={styles.question}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!selected) {
            setNudge(true);
            return;
          }
          setChecked(selected);
          quiz?.report(id, selected.correct);
        }}
      >
        <fieldset className={styles.fieldset}>
          <legend className={styles.prompt}>{inlineText(prompt)}</legend>
          <QuestionContext.Provider value={api}>
            <div className={styles.choices}>{children}</div>
          </QuestionContext.Provider>
        </fieldset>
        <div className={styles.actions}>
          <button type="submit" className="button secondary">
            Check answer
          </button>
          <p
            className={styles.feedback}
            role="status"
            data-verdict={checked ? (checked.correct ? 'right' : 'wrong') : undefined}
          >
            {checked ? (
              <>
                <strong>{checked.correct ? 'Right.' : 'Not quite.'}</strong>{' '}
                {inlineText(checked.why)}
              </>
            ) : nudge ? (
              'Pick an answer first.'
            ) : null}
          </p>
        </div>
      </form>
    </li>
  );
}
