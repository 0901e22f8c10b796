import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LessonScope } from '@/components/lesson/LessonScope';
import { LessonSidebar } from '@/components/lesson/LessonSidebar';
import { LESSONS, lessonBySlug, neighbours } from '@/content/nav';
import styles from './lesson.module.css';

export const dynamicParams = false;

export function generateStaticParams() {
  return LESSONS.map((l) => ({ slug: l.slug }));
}

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  const lesson = lessonBySlug(slug);
  return lesson ? { title: lesson.title, description: lesson.summary } : {};
}

export default async function LessonPage({ params }: Params) {
  const { slug } = await params;
  const lesson = lessonBySlug(slug);
  if (!lesson) notFound();
  const { default: Content } = await import(`@/content/${slug}.mdx`);
  const { prev, next } = neighbours(slug);
  return (
    <div className={`container ${styles.layout}`}>
      <aside className={styles.sidebar}>
        <LessonSidebar
          lessons={LESSONS.map(({ slug, title }) => ({ slug, title }))}
          current={slug}
        />
      </aside>
      <main className={styles.main}>
        <LessonScope slug={slug}>
          <article className={styles.article}>
            <p className={styles.kicker}>
              Lesson {LESSONS.indexOf(lesson) + 1} of {LESSONS.length} · {lesson.minutes} min
            </p>
            <h1 className={styles.title}>{lesson.title}</h1>
            <Content />
          </article>
        </LessonScope>
        <nav className={styles.pager} aria-label="Lesson navigation">
          {prev ? (
            <Link href={`/learn/${prev.slug}`} className={styles.pagerLink} rel="prev">
              <span className={styles.pagerLabel}>← Previous</span>
              {prev.title}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link
              href={`/learn/${next.slug}`}
              className={`${styles.pagerLink} ${styles.next}`}
              rel="next"
            >
              <span className={styles.pagerLabel}>Next →</span>
              {next.title}
            </Link>
          ) : (
            <Link href="/learn" className={`${styles.pagerLink} ${styles.next}`}>
              <span className={styles.pagerLabel}>Course complete</span>
              Back to all lessons
            </Link>
          )}
        </nav>
      </main>
    </div>
  );
}
