import type { ReactNode, Ref } from 'react';
import styles from './Diagram.module.css';

interface Props {
  /** What the diagram shows, for screen readers: the figure's accessible name. */
  alt: string;
  /** Names the diagram for tests and styles: data-diagram on the figure. */
  name: string;
  /** The caption, below everything else. */
  caption?: ReactNode;
  figureRef?: Ref<HTMLElement>;
  children: ReactNode;
}

/** The card every diagram sits in: drawing and controls, then the caption. */
export function DiagramFrame({ alt, name, caption, figureRef, children }: Props) {
  return (
    <figure ref={figureRef} className={styles.figure} aria-label={alt} data-diagram={name}>
      {children}
      {caption ? <figcaption className={styles.caption}>{caption}</figcaption> : null}
    </figure>
  );
}
