import type { ReactNode } from 'react';
import styles from './Challenges.module.css';

/**
 * "Try it yourself": two or three <Challenge>s at the end of a lesson, in the manner of
 * react.dev. A server component: the only interaction is each solution's <details>, which the
 * browser handles without any script.
 */
export function Challenges({ children, level = 2 }: { children: ReactNode; level?: 2 | 3 }) {
  const Tag = `h${level}` as const;
  return (
    <section className={styles.challenges} aria-label="Try it yourself" data-challenges>
      <Tag className={styles.title}>Try it yourself</Tag>
      <p className={styles.hint}>
        Change something, say what you expect to happen before you look, then check. The solution
        explains what you should see and why.
      </p>
      <ol className={styles.list}>{children}</ol>
    </section>
  );
}
