import Link from 'next/link';
import { SiteMenu } from './SiteMenu';
import styles from './SiteHeader.module.css';

const LINKS = [
  { href: '/learn', label: 'Lessons' },
  { href: '/join', label: 'Join' },
  { href: '/check', label: 'Network check' },
  { href: '/desktop', label: 'Desktop clients' },
  { href: '/slides', label: 'Slides' },
  { href: '/projector', label: 'Projector' },
];

export function SiteHeader() {
  return (
    <header className={styles.header}>
      <div className={`container ${styles.inner}`}>
        <Link href="/" className={styles.brand}>
          <span className={styles.logo} aria-hidden="true" />
          SwarmLab
        </Link>
        <SiteMenu links={LINKS} />
      </div>
    </header>
  );
}
