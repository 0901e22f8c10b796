import type { ComponentPropsWithoutRef } from 'react';
import { headingId, textOf } from './heading-id';
import styles from './Heading.module.css';

type Level = 2 | 3 | 4;
type Props = ComponentPropsWithoutRef<'h2'> & { level: Level; idPrefix?: string };

/** A section heading with a stable anchor, so search results and links can point at it. */
export function Heading({ level, idPrefix = '', id, children, className, ...rest }: Props) {
  const anchor = id ?? idPrefix + headingId(textOf(children));
  const Tag = `h${level}` as const;
  return (
    <Tag id={anchor} className={`${styles.heading} ${className ?? ''}`} {...rest}>
      {children}
      {/* A mouse convenience; hidden from the outline so the heading's name stays its text. */}
      <a href={`#${anchor}`} className={styles.anchor} aria-hidden="true" tabIndex={-1}>
        #
      </a>
    </Tag>
  );
}

/** MDX heading tags shifted by `shift` levels (the handout nests lessons one level deeper). */
export function headingComponents(shift: 0 | 1, idPrefix = '') {
  const at = (level: number) => Math.min(4, level + shift) as Level;
  return {
    h2: (p: ComponentPropsWithoutRef<'h2'>) => <Heading level={at(2)} idPrefix={idPrefix} {...p} />,
    h3: (p: ComponentPropsWithoutRef<'h3'>) => <Heading level={at(3)} idPrefix={idPrefix} {...p} />,
  };
}
