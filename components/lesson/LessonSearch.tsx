'use client';

import Link from 'next/link';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchIndex } from '@/content/search-index';
import { searchLessons } from './search';
import styles from './LessonSearch.module.css';

const INDEX_URL = '/learn/search-index.json';

/** A search box over every lesson. The index is fetched from this site on first use. */
export function LessonSearch() {
  const inputId = useId();
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const requested = useRef(false);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState<SearchIndex | null>(null);
  const [failed, setFailed] = useState(false);

  const load = () => {
    if (requested.current) return;
    requested.current = true;
    fetch(INDEX_URL)
      .then((r) =>
        r.ok ? (r.json() as Promise<SearchIndex>) : Promise.reject(new Error(r.statusText)),
      )
      .then(setIndex)
      .catch(() => {
        requested.current = false;
        setFailed(true);
      });
  };

  const hits = useMemo(() => (index ? searchLessons(index, query) : []), [index, query]);
  const active = query.trim().length > 0;

  const links = () => Array.from(listRef.current?.querySelectorAll('a') ?? []);
  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const all = links();
    const i = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (e.key === 'ArrowDown' && i < all.length - 1) all[i + 1]?.focus();
    else if (e.key === 'ArrowUp') (i > 0 ? all[i - 1] : inputRef.current)?.focus();
    else if (e.key === 'Escape') inputRef.current?.focus();
    else return;
    e.preventDefault();
  };

  let status = '';
  if (active) {
    if (failed) status = 'The search index could not be loaded.';
    else if (!index) status = 'Loading the index…';
    else if (hits.length === 0) status = 'No lesson mentions that.';
    else status = hits.length === 1 ? '1 match' : `${hits.length} matches`;
  }

  return (
    <div role="search" className={styles.search}>
      <label htmlFor={inputId} className="visually-hidden">
        Search the lessons
      </label>
      <svg className={styles.icon} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <circle cx="7" cy="7" r="4.75" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <input
        ref={inputRef}
        id={inputId}
        type="search"
        className={`input ${styles.input}`}
        placeholder="Search the lessons"
        autoComplete="off"
        spellCheck={false}
        aria-controls={listId}
        value={query}
        onFocus={load}
        onChange={(e) => {
          load();
          setQuery(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            links()[0]?.focus();
            e.preventDefault();
          } else if (e.key === 'Escape') {
            setQuery('');
          }
        }}
      />
      <p className={active ? styles.status : 'visually-hidden'} role="status">
        {status}
      </p>
      <ul
        id={listId}
        ref={listRef}
        className={styles.results}
        onKeyDown={onListKey}
        hidden={!active}
      >
        {active
          ? hits.map((h) => (
              <li key={h.href}>
                <Link href={h.href} className={styles.hit} data-testid="search-hit">
                  <span className={styles.where}>
                    {h.lessonTitle}
                    {h.heading ? <span className={styles.section}> › {h.heading}</span> : null}
                  </span>
                  <span className={styles.snippet}>
                    {h.snippet.map((part, i) =>
                      part.match ? <mark key={i}>{part.text}</mark> : part.text,
                    )}
                  </span>
                </Link>
              </li>
            ))
          : null}
      </ul>
    </div>
  );
}
