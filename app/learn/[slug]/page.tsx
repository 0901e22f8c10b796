import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
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
    <main className={`container ${styles.page}`}>
      <article className={styles.article}>
        <p className={styles.kicker}>
          Lesson {LESSONS.indexOf(lesson) + 1} of {LESSONS.length} · {lesson.minutes} min
        </p>
        <Content />
      </article>
      <nav className={styles.pager} aria-label="Lesson navigation">
        {prev ? <Link href={`/learn/${prev.slug}`}>← {prev.title}</Link> : <span />}
        {next ? <Link href={`/learn/${next.slug}`}>{next.title} →</Link> : <span />}
      </nav>
    </main>
  );
}
