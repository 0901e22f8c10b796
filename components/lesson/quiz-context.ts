'use client';

import { createContext, useContext } from 'react';

/** What a <Question> tells its <Quiz>: that it exists, and how its last check went. */
export interface QuizApi {
  register(questionId: string): () => void;
  report(questionId: string, correct: boolean): void;
}

export const QuizContext = createContext<QuizApi | null>(null);

export function useQuiz(): QuizApi | null {
  return useContext(QuizContext);
}

export interface Answer {
  choiceId: string;
  correct: boolean;
  why: string;
}

/** What a <Choice> needs from its <Question>. */
export interface QuestionApi {
  name: string;
  selected: string | null;
  checked: Answer | null;
  choose(answer: Answer): void;
}

export const QuestionContext = createContext<QuestionApi | null>(null);

export function useQuestion(): QuestionApi {
  const q = useContext(QuestionContext);
  if (!q) throw new Error('<Choice> must be inside a <Question>');
  return q;
}
