'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import styles from './SiteHeader.module.css';

export interface MenuLink {
  href: string;
  label: string;
}

/**
 * The header's links. On a phone they fold behind a "Menu" button; the folding happens only once
 * this component has hydrated (data-enhanced), so a page without JavaScript shows the links
 * wrapped on their own row instead of a button that does nothing.
 */
export function SiteMenu({ links }: { links: readonly MenuLink[] }) {
  // False in the server's HTML, true once hydrated: the only thing that folds the links away.
  const enhanced = useSyncExternalStore(noSubscription, hydrated, notHydrated);
  const pathname = usePathname();
  // The menu is open on the page it was opened on: following a link closes it by itself.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean) => setOpenOn(next ? pathname : null);
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpenOn(null);
      button.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <nav
      aria-label="Main"
      className={styles.nav}
      data-enhanced={enhanced ? '' : undefined}
      data-open={open ? '' : undefined}
    >
      <button
        ref={button}
        type="button"
        className={styles.menuButton}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        <span className={styles.burger} aria-hidden="true" />
        Menu
      </button>
      <ul id={listId} className={styles.links}>
        {links.map((l) => (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={
                pathname === l.href || pathname.startsWith(`${l.href}/`) ? 'page' : undefined
              }
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const noSubscription = () => () => {};
const hydrated = () => true;
const notHydrated = () => false;
