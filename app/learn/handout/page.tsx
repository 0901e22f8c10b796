import type { Metadata } from 'next';
import type { MDXComponents } from 'mdx/types';
import type { ComponentProps, ReactNode } from 'react';
import { Challenges } from '@/components/lesson/Challenges';
import { headingComponents } from '@/components/lesson/Heading';
import { Mermaid } from '@/components/lesson/Mermaid';
import { PrintButton } from '@/components/lesson/PrintButton';
import { Quiz } from '@/components/lesson/Quiz';
import { Recap } from '@/components/lesson/Recap';
import { YouWillLearn } from '@/components/lesson/YouWillLearn';
import { LESSONS } from '@/content/nav';
import styles from './handout.module.css';

export const metadata: Metadata = {
  title: 'Handout',
  description: 'Every lesson on one page, ready to print or save as PDF.',
};

/** Inside the handout a lesson sits one heading level deeper, and its anchors are prefixed. */
function nested(slug: string): MDXComponents {
  return {
    ...headingComponents(1, `${slug}-`),
    YouWillLearn: ({ children }: { children: ReactNode }) => (
      <YouWillLearn level={3}>{children}</YouWillLearn>
    ),
    Recap: ({ children }: { children: ReactNode }) => <Recap level={3}>{children}</Recap>,
    Quiz: ({ children }: { children: ReactNode }) => <Quiz level={3}>{children}</Quiz>,
    Challenges: ({ children }: { children: ReactNode }) => (
      <Challenges level={3}>{children}</Challenges>
    ),
    // Charts are drawn light whatever the screen's scheme: this page is meant for paper.
    Mermaid: (props: ComponentProps<typeof Mermaid>) => <Mermaid {...props} theme="default" />,
  };
}

export default async function HandoutPage() {
  const lessons = await Promise.all(
    LESSONS.map(async (l) => ({
      ...l,
      Content: (await import(`@/content/${l.slug}.mdx`)).default,
    })),
  );
  return (
    <main className={`container ${styles.page}`} data-handout>
      <header className={styles.cover}>
        <p className={styles.kicker}>SwarmLab · handout</p>
        <h1 className={styles.title}>How BitTorrent works</h1>
        <p className={styles.lead}>
          All {LESSONS.length} lessons on one page. The diagrams are drawn as you scroll; print once
          they have appeared.
        </p>
        <p className={styles.actions}>
          <PrintButton />
        </p>
        <nav aria-label="Contents" className={styles.toc}>
          <h2 className={styles.tocTitle}>Contents</h2>
          <ol>
            {LESSONS.map((l) => (
              <li key={l.slug}>
                <a href={`#${l.slug}`}>{l.title}</a>{' '}
                <span className="muted">· {l.minutes} min</span>
              </li>
            ))}
          </ol>
        </nav>
      </header>
      {lessons.map(({ slug, title, Content }, i) => (
        <section key={slug} id={slug} className={styles.lesson} aria-labelledby={`${slug}-title`}>
          <p className={styles.lessonKicker}>Lesson {i + 1}</p>
          <h2 id={`${slug}-title`} className={styles.lessonTitle}>
            {title}
          </h2>
          <Content components={nested(slug)} />
        </section>
      ))}
    </main>
  );
}
