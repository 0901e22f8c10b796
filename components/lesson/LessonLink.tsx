import Link from 'next/link';
import type { ComponentPropsWithoutRef } from 'react';

/**
 * Links in lessons. Other lessons navigate in place (and are prefetched); the lab's own pages
 * (/join, /share, /class.torrent…) get a plain link, so they start fresh, are not prefetched
 * from every lesson, and may be served by the lab server rather than by Next. Links to read
 * elsewhere are plain links too: nothing from outside is ever loaded into the page.
 */
export function LessonLink({ href = '', children, ...rest }: ComponentPropsWithoutRef<'a'>) {
  if (isLessonHref(href)) {
    return (
      <Link href={href} {...rest}>
        {children}
      </Link>
    );
  }
  return (
    <a
      href={href}
      rel={href.startsWith('/') || href.startsWith('#') ? undefined : 'noreferrer'}
      {...rest}
    >
      {children}
    </a>
  );
}

export function isLessonHref(href: string): boolean {
  return href === '/learn' || href.startsWith('/learn/') || href.startsWith('/learn#');
}
