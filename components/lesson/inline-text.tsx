import type { ReactNode } from 'react';

/** Renders `backticks` in a plain-string prop (quiz prompts and feedback) as inline code. */
export function inlineText(text: string): ReactNode[] {
  return text
    .split(/(`[^`]+`)/g)
    .map((part, i) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 2 ? (
        <code key={i}>{part.slice(1, -1)}</code>
      ) : (
        part
      ),
    );
}
