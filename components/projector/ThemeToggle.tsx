'use client';

import { useProjectorTheme } from './use-projector-theme';
import styles from './Projector.module.css';

/** Light or dark for the room's projector; "t" does the same. */
export function ThemeToggle() {
  const { theme, toggle } = useProjectorTheme();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className={`button secondary ${styles.themeToggle}`}
      onClick={toggle}
      aria-keyshortcuts="t"
      title={`Switch to the ${next} theme (t)`}
      data-testid="theme-toggle"
      data-theme-now={theme ?? ''}
    >
      {theme === 'dark' ? '☀ Light' : '☾ Dark'} <kbd>t</kbd>
    </button>
  );
}
