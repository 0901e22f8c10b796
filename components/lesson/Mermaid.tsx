'use client';

import { useEffect, useId, useRef, useState } from 'react';
import styles from './Mermaid.module.css';

interface Props {
  /** The diagram in mermaid syntax. */
  chart: string;
  /** Required: what the diagram shows, for screen readers and when it cannot render. */
  alt: string;
  /** The caption under the diagram. */
  children?: React.ReactNode;
  /** Force a theme (the handout draws light diagrams for paper); default: the reader's scheme. */
  theme?: 'default' | 'dark';
}

function currentTheme(): 'dark' | 'default' {
  const forced = document.documentElement.dataset.theme;
  if (forced) return forced === 'dark' ? 'dark' : 'default';
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
}

/** Renders mermaid in the browser from the bundled library (no CDN); loaded only on pages that use it. */
export function Mermaid({ chart, alt, children, theme }: Props) {
  const id = useId().replace(/[^a-zA-Z0-9]/g, '');
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const mermaid = (await import('mermaid')).default;
        mermaid.initialize({
          startOnLoad: false,
          theme: theme ?? currentTheme(),
          securityLevel: 'strict',
          fontFamily: 'ui-sans-serif, system-ui, sans-serif',
        });
        const { svg } = await mermaid.render(`mermaid-${id}`, chart.trim());
        if (!cancelled && ref.current) ref.current.innerHTML = svg;
      } catch (err) {
        if (!cancelled) setError(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [chart, id, theme]);

  return (
    <figure className={styles.figure}>
      <div
        ref={ref}
        className={styles.diagram}
        role="img"
        aria-label={alt}
        data-mermaid
        data-theme={theme}
      >
        {error ? <p className={styles.error}>Diagram failed to render: {error}</p> : null}
      </div>
      {children ? <figcaption className={styles.caption}>{children}</figcaption> : null}
    </figure>
  );
}
